"""INV: what a real InvenTree did with the plugin (`check --inventree SRC`).

These rules read the observation of creator.inventree.loader (`ctx.inventree`):
InvenTree's own registry loaded the plugin in a fresh process, an admin activated it through
the API, and the probe recorded the registry's errors by stage, the log, the error log and the
plugin's API answers. They run only with `--inventree`; none of them runs plugin code.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any

from creator.check.context import Context
from creator.check.model import Finding, Rule
from creator.inventree import outcome

# The verdict of an observation (loads True / False / None), for creator.inventree.loader.
verdict = outcome.verdict


def _observed(ctx: Context) -> dict[str, Any]:
    return dict(ctx.inventree or {})


def _decided(ctx: Context) -> dict[str, Any]:
    """The observation when the check finished; {} when INV012 explains why it did not."""
    observed = _observed(ctx)
    return {} if outcome.infrastructure_problem(observed) else observed


def _offline(observed: dict[str, Any]) -> bool:
    """A failure the missing network explains (INV009 reports it instead)."""
    return not outcome.loaded(observed) and outcome.network_caused(observed) is not None


def _short(text: str, limit: int = 300) -> str:
    text = " ".join(str(text).split())
    return text if len(text) <= limit else text[: limit - 3] + "..."


class InstallFails(Rule):
    """InvenTree can install the plugin with pip.

    InvenTree installs a plugin package with `pip install -U <package>` into its own
    environment. The check does the same into a throwaway layer over InvenTree's environment,
    so the plugin's requirements are resolved against the versions InvenTree pins. When pip
    fails (a requirement that conflicts with InvenTree's pins, a build that fails, a broken
    archive), InvenTree never sees the plugin.

    Fix: run `pip install <your wheel>` in an InvenTree environment and fix what pip reports;
    loosen pins that conflict with InvenTree's own requirements.
    """

    id = "INV001"
    severity = "error"
    layer = "inventree"

    def check(self, ctx: Context) -> Iterator[Finding]:
        observed = _decided(ctx)
        install = observed.get("install") or {}
        if observed and not install.get("ok", True) and not _offline(observed):
            errors = [
                line.strip()
                for line in str(install.get("output") or "").splitlines()
                if line.strip().lower().startswith("error")
            ]
            detail = errors[-1] if errors else outcome.last_line(install.get("output") or "")
            yield self.finding(
                f"pip could not install the plugin: {_short(detail)}",
                hint="install the archive into an InvenTree environment yourself and fix "
                "what pip reports",
            )


class NotDiscovered(Rule):
    """InvenTree's registry discovers a plugin in what was installed.

    At start-up InvenTree loads every `inventree_plugins` entry point (and every module of a
    plugin folder) and collects the InvenTreePlugin subclasses it finds. An exception while
    importing them (a removed InvenTree name such as PanelMixin, a syntax error, a missing
    dependency, a final method overridden) is recorded under the registry's "discovery" stage
    and the plugin does not exist for InvenTree: it cannot be activated.

    Fix: import your plugin's module inside an InvenTree environment and fix the traceback;
    check the entry point names an InvenTreePlugin subclass with a NAME.
    """

    id = "INV002"
    severity = "error"
    layer = "inventree"

    def check(self, ctx: Context) -> Iterator[Finding]:
        observed = _decided(ctx)
        if not observed or not (observed.get("install") or {}).get("ok", False):
            return
        if outcome.found(observed) or _offline(observed):
            return
        errors = outcome.registry_errors(observed, "errors_loaded")
        messages = [f"{stage}: {m}" for stage, items in errors.items() for m in items]
        if messages:
            yield self.finding(
                f"InvenTree's registry did not load the plugin: {_short(messages[0])}"
                + (f" (and {len(messages) - 1} more)" if len(messages) > 1 else ""),
                hint="import the plugin's module inside an InvenTree environment and fix the error",
            )
        else:
            yield self.finding(
                "InvenTree's registry found no plugin class in what was installed",
                hint="declare an `inventree_plugins` entry point naming an InvenTreePlugin "
                "subclass that sets NAME",
            )


class IncompatibleVersion(Rule):
    """The plugin's MIN_VERSION and MAX_VERSION admit this InvenTree.

    InvenTree compares a plugin's MIN_VERSION / MAX_VERSION with its own version when it
    initialises the plugin. Outside that range it records "not compatible with the current
    InvenTree version" and keeps the plugin inactive, whatever the admin chose.

    Fix: widen MIN_VERSION / MAX_VERSION if the plugin works with this InvenTree, or tell
    users which InvenTree versions it needs.
    """

    id = "INV003"
    severity = "error"
    layer = "inventree"

    def check(self, ctx: Context) -> Iterator[Finding]:
        for message in outcome.version_refusals(_decided(ctx))[:1]:
            yield self.finding(
                f"InvenTree refuses the plugin: {_short(message)}",
                hint="adjust MIN_VERSION / MAX_VERSION, or check against the InvenTree "
                "version the plugin is for",
            )


class NotActivated(Rule):
    """An admin can activate the plugin, and InvenTree then runs it.

    The check activates every plugin it found the way an admin does (PATCH
    /api/plugins/<slug>/activate/ as a superuser), which saves the plugin's configuration and
    reloads the registry: InvenTree creates the plugin object, registers its mixins, applies
    an AppMixin's migrations and collects its static files. An exception in any of these
    (a failing `__init__`, a mixin whose set-up raises, a broken migration) leaves the plugin
    inactive with the error recorded by stage.

    Fix: reproduce the error shown in an InvenTree environment (activate the plugin in the
    admin centre and read the server log) and fix the plugin's initialisation.
    """

    id = "INV004"
    severity = "error"
    layer = "inventree"

    def check(self, ctx: Context) -> Iterator[Finding]:
        observed = _decided(ctx)
        if not outcome.found(observed) or _offline(observed):
            return
        if outcome.version_refusals(observed):
            return  # INV003 says why
        failed = {entry.get("key"): entry for entry in observed.get("activation") or []}
        errors = outcome.registry_errors(observed)
        for plugin in outcome.inactive(observed):
            key = plugin.get("key")
            detail = ""
            mine = [
                f"{stage}: {m}"
                for stage, items in errors.items()
                for m in items
                if stage != "discovery"
            ]
            if mine:
                detail = mine[0]
            elif (failed.get(key) or {}).get("status", 200) >= 400:
                detail = f"the activation API answered {failed[key]['status']}: " + str(
                    failed[key].get("body") or ""
                )
            yield self.finding(
                f"InvenTree did not activate {key}"
                + (f": {_short(detail)}" if detail else " (no error recorded)"),
                hint="activate it in an InvenTree admin centre and read the server log",
            )


class StaticFileMissing(Rule):
    """The static files the plugin's UI features name exist.

    When InvenTree returns a plugin's UI features it resolves each `source` to a file under
    the plugin's static directory, and logs "Static file not found" when there is none. The
    plugin loads, but the panel, dashboard item or editor shows nothing: the browser cannot
    fetch its code. Typically the frontend was not built (`npm run build`) before the wheel.
    Only what is logged once the plugin is active counts: while InvenTree activates a plugin
    it resolves some files (an icon pack's fonts) before it has collected the plugin's static
    files, and logs them as missing although they are served right after.

    Fix: build the frontend (`cd frontend && npm ci && npm run build`) before building the
    wheel, and check the built files are inside the package's static directory.
    """

    id = "INV005"
    severity = "feature"
    layer = "inventree"

    def check(self, ctx: Context) -> Iterator[Finding]:
        missing = []
        for record in _decided(ctx).get("log") or []:
            message = str(record.get("message") or "")
            if record.get("stage") == "activate":
                continue  # before InvenTree collected the static files (see above)
            if "Static file not found" in message:
                path = message.rpartition(":")[2].strip()
                if path not in missing:
                    missing.append(path)
        if missing:
            shown = ", ".join(missing[:3]) + (
                f" and {len(missing) - 3} more" if len(missing) > 3 else ""
            )
            yield self.finding(
                f"InvenTree cannot find {len(missing)} static file(s) of the plugin's UI: {shown}",
                hint="build the frontend before the wheel (npm ci && npm run build)",
            )


class FeatureErrors(Rule):
    """The plugin's features work once it is active.

    After activation the check asks InvenTree's API what an admin's browser would ask: the
    plugin's settings and the UI features it offers (dashboard items, panels for a part,
    template editors, ...). Errors there do not stop the plugin from loading, but the feature
    fails for users: InvenTree records them in its error log (Admin centre, Errors) or answers
    with an error status.

    Fix: reproduce the request in an InvenTree environment and fix the traceback shown in
    the error log; a UI feature method must return a list of dicts and must not raise for
    the targets it does not handle.
    """

    id = "INV006"
    severity = "feature"
    layer = "inventree"

    def check(self, ctx: Context) -> Iterator[Finding]:
        observed = _decided(ctx)
        for row in (observed.get("error_log") or [])[:3]:
            what = _short(row.get("info") or row.get("kind") or "")
            yield self.finding(
                f"InvenTree logged an error at {row.get('path')}: {what}",
                hint="reproduce it in an InvenTree environment (Admin centre, Errors)",
            )
        for plugin in outcome.plugins(observed):
            settings = plugin.get("settings") or {}
            if settings.get("status", 200) != 200 or settings.get("error"):
                why = settings.get("error") or settings.get("body") or settings.get("status")
                yield self.finding(
                    f"reading {plugin.get('key')}'s settings failed: {_short(str(why))}",
                    hint="check the SETTINGS dict: every entry needs a name and a valid default",
                )
            ui = plugin.get("ui") or {}
            if ui.get("error"):
                yield self.finding(f"asking for UI features failed: {_short(ui['error'])}")
            for feature, entry in ui.items():
                if isinstance(entry, dict) and entry.get("status", 200) != 200:
                    yield self.finding(
                        f"InvenTree's API answered {entry['status']} for {feature} features",
                        hint="reproduce the request in an InvenTree environment",
                    )


class UrlsNotReversible(Rule):
    """The plugin's named URL patterns can be reversed under its namespace.

    InvenTree mounts a UrlsMixin plugin's `urlpatterns` under `/plugin/<slug>/` in the
    namespace `plugin:<slug>:`; code and templates link to them with
    `reverse("plugin:<slug>:<name>")`. A name that does not reverse (a broken include, a
    pattern that raises) means links to that view fail at run time.

    Fix: check the `urlpatterns` (or SETUP_URLS) of the plugin: names unique, includes
    valid, patterns built with `path()` / `re_path()`.
    """

    id = "INV007"
    severity = "feature"
    layer = "inventree"

    def check(self, ctx: Context) -> Iterator[Finding]:
        for plugin in outcome.plugins(_decided(ctx)):
            urls = plugin.get("urls") or {}
            problems = list(urls.get("failed") or [])
            if urls.get("error"):
                problems.insert(0, urls["error"])
            if problems:
                yield self.finding(
                    f"{len(problems)} URL name(s) of {plugin.get('key')} do not reverse: "
                    f"{_short(', '.join(map(str, problems[:3])))}",
                    hint="fix the plugin's urlpatterns",
                )


class NeedsNetwork(Rule):
    """The plugin loads without reaching the internet.

    The check runs InvenTree without a network. A plugin that connects to another host while
    it is discovered or activated (to fetch a schema, a token, an update) fails or waits here,
    and does the same on any InvenTree server behind a firewall, or when that host is down:
    InvenTree's start-up then depends on it. When the missing network explains a failure to
    load, the verdict is undecided, not "does not load".

    Fix: connect lazily, when a feature is used, with a timeout and a clear error; never at
    import time or in `__init__`.
    """

    id = "INV008"
    severity = "feature"
    layer = "inventree"

    def check(self, ctx: Context) -> Iterator[Finding]:
        observed = _decided(ctx)
        if not observed:
            return
        attempts = outcome.network_attempts(observed)
        evidence = outcome.network_caused(observed)
        if not attempts and not (evidence and not outcome.loaded(observed)):
            return
        hosts = sorted({a["host"] for a in attempts})
        where = attempts[0]["from"] if attempts else None
        file, line = None, None
        if where:
            file, _, number = where.rpartition(":")
            line = int(number) if number.isdigit() else None
        state = "loads, but" if outcome.loaded(observed) else "did not load:"
        what = f"tried to reach {', '.join(hosts[:3])}" if hosts else f"failed with {evidence}"
        yield self.finding(
            f"the plugin {state} it {what} while InvenTree loaded it (no network here)",
            file=_relative(ctx, file),
            line=line,
            hint="connect only when a feature is used, with a timeout",
        )


class RegistryErrors(Rule):
    """InvenTree's registry records no error for an active plugin.

    The registry keeps the errors of every loading stage (discovery, initialisation, each
    mixin's activation, AppMixin migrations). An error recorded while the plugin still ended
    up active means part of it did not register: a mixin without its URLs, an app without its
    tables, a schedule that will not run.

    Fix: read the error shown (the admin centre lists the registry's errors under Plugins)
    and fix the stage it names.
    """

    id = "INV009"
    severity = "feature"
    layer = "inventree"

    def check(self, ctx: Context) -> Iterator[Finding]:
        observed = _decided(ctx)
        if not outcome.loaded(observed):
            return  # INV002 / INV004 report the errors of a plugin that did not load
        for stage, messages in outcome.registry_errors(observed).items():
            for message in messages[:2]:
                yield self.finding(f"the registry recorded at {stage}: {_short(message)}")


class Loaded(Rule):
    """What InvenTree registered: the plugin, its slug and its mixins.

    A note, not a problem: it records that a real InvenTree ran the plugin, which plugin
    classes its registry activated and which mixins they registered (the mixin keys InvenTree
    uses, such as `settings`, `urls`, `ui`), so a reader can compare with what the plugin
    meant to provide.

    Fix: nothing to fix; a mixin missing from the list did not register (check its base
    classes and their order).
    """

    id = "INV010"
    severity = "info"
    layer = "inventree"

    def check(self, ctx: Context) -> Iterator[Finding]:
        observed = _decided(ctx)
        for plugin in outcome.plugins(observed):
            if plugin.get("active") and plugin.get("instantiated"):
                mixins = ", ".join(plugin.get("mixins") or []) or "none"
                yield self.finding(
                    f"InvenTree {ctx.inventree_version} activated {plugin.get('key')} "
                    f"({plugin.get('class')}); mixins registered: {mixins}"
                )


class CheckIncomplete(Rule):
    """The check against InvenTree ran to the end.

    When the check itself fails (InvenTree does not start, the probe process dies or runs
    out of time, the environment is damaged), nothing is known about the plugin: the verdict
    is undecided and this note says what went wrong. A plugin that hangs InvenTree's start-up
    also ends here, after the time limit.

    Fix: run the check again; if it persists, delete the cached environment (its path is in
    the message of the set-up) and report the problem with the output of `--json`.
    """

    id = "INV011"
    severity = "warning"
    layer = "inventree"

    def check(self, ctx: Context) -> Iterator[Finding]:
        problem = outcome.infrastructure_problem(_observed(ctx))
        if problem:
            yield self.finding(
                f"the check against InvenTree did not finish: {_short(problem)}",
                hint="run it again; see the --json output's plugin.inventree for details",
            )


def _relative(ctx: Context, file: str | None) -> str | None:
    """A plugin file as findings show it: the path inside the package, not the scratch dir."""
    if not file:
        return None
    match = re.search(r"/(?:site-packages|plugins)/(.+)$", file)
    return match.group(1) if match else file
