"""DYN: what the dynamic layer observed when it imported and activated the plugin.

Each rule reads the `dynamic` input (a creator.check.dynamic_result.DynamicResult: the
harness's observations). None of them runs plugin code; rules that read what a run observed
see nothing when the run decided nothing (`_plugins`, `_decided`).
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

from creator import facts
from creator.check.dynamic_result import (
    DynamicResult,
    ErrorInfo,
    PluginRecord,
    is_definite,
    needs_network,
)
from creator.check.model import Finding, Rule
from creator.check.project import Project
from creator.check.ui_model import awaiting_build
from creator.check.versions import inventree_tuple, missing_dotted


def _decided(dynamic: DynamicResult) -> DynamicResult:
    """The result when the harness decided something, else an empty one."""
    return dynamic if dynamic.decided else DynamicResult()


def _plugins(dynamic: DynamicResult) -> list[PluginRecord]:
    return _decided(dynamic).plugins


def _file(project: Project, file: str | None) -> str | None:
    return project.rel(Path(file)) if file else None


def _last_line(text: str) -> str:
    """The last non-blank line of an error message (where Python puts the error itself)."""
    lines = [line for line in str(text).strip().splitlines() if line.strip()]
    return lines[-1] if lines else ""


def _where(project: Project, error: ErrorInfo | None, plugin: PluginRecord) -> dict[str, object]:
    """file/line of a finding: the error's place in the plugin's files, else the class's."""
    error = error or {}
    return {
        "file": _file(project, error.get("file") or plugin.get("file")),
        "line": error.get("line") or plugin.get("line"),
    }


class NetworkAtLoad(Rule):
    """The plugin does not need the network while InvenTree loads it.

    The check runs offline. A plugin whose module import or constructor reaches the internet
    (a download at import, an API call in `__init__`) fails here, and on every server without
    network access or when the remote side is down; with network access it may load. The
    check cannot know which applies, so the verdict is undecided (`loads` null), with this
    feature finding instead of an error (DYN001/DYN002 leave such failures to this rule).

    Fix: fetch remote data lazily, when a feature needs it, and handle failures there.
    """

    id = "DYN013"
    severity = "feature"
    layer = "dynamic"

    def check(self, dynamic: DynamicResult, project: Project) -> Iterator[Finding]:
        errors: list[tuple[ErrorInfo | None, str | None]]
        errors = [(e, e.get("module")) for e in _decided(dynamic).import_errors]
        errors += [(p.get("constructor_error"), p.get("class")) for p in _plugins(dynamic)]
        for error, where in errors:
            if error and needs_network(error) and not error.get("standin_gap"):
                yield self.finding(
                    f"{where} needs the network while loading: {error['type']}: "
                    f"{_last_line(error['message'])}",
                    file=_file(project, error.get("file")),
                    line=error.get("line"),
                    hint="fetch remote data lazily (when a feature needs it), not at load",
                )


class ImportFails(Rule):
    """The plugin's modules import the way InvenTree's loader imports them.

    InvenTree imports the entry point's module (`entry_point.load()`) or, for a plugin folder,
    every module under `plugins.<folder>`. An exception there (a syntax error, a missing or
    removed InvenTree name, INVE-E11 raised when a plugin class overrides a final method, an
    absolute import inside a plugin folder) is logged under "discovery" and the plugin is
    never loaded. A failure that is only the network missing (the check runs offline) is
    DYN013's finding.

    Fix: import the module yourself (`python -c "import pkg.core"` inside an InvenTree
    environment) and fix the traceback; use relative imports inside plugin folders.
    """

    id = "DYN001"
    severity = "error"
    layer = "dynamic"

    def check(self, dynamic: DynamicResult, project: Project) -> Iterator[Finding]:
        if not dynamic.decided or dynamic.exit:
            return  # the process ended or hung while loading: DYN009's finding, nothing more
        if not dynamic.classes and not dynamic.import_errors:
            yield self.finding(
                "the loader collects no plugin class (an InvenTreePlugin subclass with a NAME)",
                file=project.metadata_file,
                hint="subclass InvenTreePlugin, set NAME, and name the class in the entry point",
            )
        for error in dynamic.import_errors:
            if not is_definite(error) or error.get("removed"):
                continue  # a name InvenTree removed: CLS010 reports the import
            hint = "fix the error shown; the loader logs it under 'discovery'"
            if "INVE-E11" in error["message"]:
                hint = "rename the method: InvenTree marks this name final"
            elif error.get("entry_point"):
                hint = "point the entry point at the plugin class ('package.module:Class')"
            elif error.get("not_in_inventree"):
                hint = (
                    f"declare the distribution that provides {error['not_in_inventree']!r} in "
                    "your project's dependencies: InvenTree's environment does not have it"
                )
            elif project.module_prefix and error["type"] == "ModuleNotFoundError":
                hint = "a plugin folder is imported as plugins.<folder>: use relative imports"
            if needs_network(error):
                continue  # DYN013: the network, not the plugin
            yield self.finding(
                f"importing {error['module']} fails: {error['type']}: "
                f"{_last_line(error['message'])}",
                file=_file(project, error.get("file")),
                line=error.get("line"),
                hint=hint,
            )


class ConstructorRaises(Rule):
    """Instantiating the plugin class does not raise.

    InvenTree calls `PluginClass()` for every collected class. When the constructor raises
    (a mixin's `__init__` reading a broken URLS / NAVIGATION, settings read in `__init__`,
    code that needs the database), the error is re-raised after the retries and aborts loading
    of all later plugins, not only this one.

    A constructor that fails only because the network is missing (the check runs offline) is
    DYN013's finding.

    Fix: keep `__init__` free of database access and network calls; build URLs in
    `setup_urls()` from valid `path()` entries; give every NAVIGATION entry `name` and `link`.
    """

    id = "DYN002"
    severity = "error"
    layer = "dynamic"

    def check(self, dynamic: DynamicResult, project: Project) -> Iterator[Finding]:
        for plugin in _plugins(dynamic):
            error = plugin.get("constructor_error")
            if not is_definite(error):
                continue
            if needs_network(error):
                continue  # DYN013: the network, not the plugin
            yield self.finding(
                f"{plugin['class']}() raises {error['type']}: {_last_line(error['message'])}; "
                "this aborts loading of all later plugins",
                file=_file(project, error.get("file") or plugin.get("file")),
                line=error.get("line") or plugin.get("line"),
                hint="make the constructor safe: no DB/network access, valid mixin attributes",
            )


class VersionIncompatible(Rule):
    """The instance passes InvenTree's version check for the target version.

    After instantiating, InvenTree compares MIN_VERSION / MAX_VERSION with its own version
    (`check_version()`); a plugin outside the range is kept inactive and its config is saved as
    inactive, with "not compatible with the current InvenTree version" in the error log.

    Fix: set MIN_VERSION / MAX_VERSION as three-part versions (x.y.z) that include the InvenTree
    version you deploy to (`--inventree-version` selects the version checked).
    """

    id = "DYN003"
    severity = "error"
    layer = "dynamic"

    def check(
        self, dynamic: DynamicResult, project: Project, inventree_version: str
    ) -> Iterator[Finding]:
        for plugin in _plugins(dynamic):
            bound = inventree_tuple(plugin.get("min_version") or "")
            if (
                plugin.get("version_error")
                and bound
                and facts.is_newer_than_model((bound[0], bound[1], bound[2]))
            ):
                yield self.finding(
                    f"our model is older than this plugin: MIN_VERSION {plugin['min_version']} "
                    f"is above every InvenTree release we model (newest {facts.NEWEST}); the "
                    "stand-in deactivated it, so activation was not exercised",
                    file=_file(project, plugin.get("file")),
                    line=plugin.get("line"),
                    hint="nothing to fix in the plugin",
                    severity="warning",
                )
            elif version_error := plugin.get("version_error"):
                yield self.finding(
                    " ".join(version_error.split("\n")),
                    file=_file(project, plugin.get("file")),
                    line=plugin.get("line"),
                    hint=f"widen MIN_VERSION/MAX_VERSION to include {inventree_version}",
                )


class ActivationFails(Rule):
    """Activation (settings, schedules, app, URLs, mixin activation) runs without error.

    After instantiation InvenTree activates the mixins in the order settings, schedule, app,
    URLs, then the other mixins' `_activate_mixin`. An exception there (e.g. a
    MixinImplementationError for a SCHEDULED_TASKS entry without `func`, `schedule` or, for
    schedule "I", `minutes`) is logged during the reload; the real 1.5 loader still loads the
    plugin, and the activation step that raised (its tasks, its settings) is the feature that
    fails. Settings whose default, choices or validator raise break the settings pages.

    Fix: give each SCHEDULED_TASKS entry `func` and a `schedule` of I/H/D/W/M/Q/Y (plus
    `minutes` for I); make SETTINGS a dict of dicts whose defaults and choices evaluate.
    """

    id = "DYN004"
    severity = "feature"
    layer = "dynamic"

    def check(self, dynamic: DynamicResult, project: Project) -> Iterator[Finding]:
        for plugin in _plugins(dynamic):
            app = plugin.get("app")
            app_failed = bool(app and app["error"])
            for error in plugin.get("activation_errors") or []:
                if not is_definite(error) or (app_failed and error.get("step") == "app"):
                    continue  # an app that did not install is DYN006's finding
                yield self.finding(
                    f"{plugin['class']}: {error.get('step', 'activation')} activation fails: "
                    f"{error['type']}: {_last_line(error['message'])}",
                    file=_file(project, error.get("file") or plugin.get("file")),
                    line=error.get("line") or plugin.get("line"),
                    hint="fix the mixin attribute named in the message (see the mixin's docs)",
                )
            for error in plugin.get("settings_errors") or []:
                if error.get("standin_gap"):
                    continue
                yield self.finding(
                    f"{plugin['class']}: setting {error['key']!r} cannot be read: "
                    f"{_last_line(error['message'])}",
                    file=_file(project, error.get("file") or plugin.get("file")),
                    line=error.get("line") or plugin.get("line"),
                    hint="each SETTINGS entry is a dict whose default/choices/validator work",
                )


class UrlsResolve(Rule):
    """Every named URL pattern reverses as `plugin:<slug>:<name>` and resolves back.

    InvenTree mounts UrlsMixin patterns under /plugin/<slug>/ in the namespace
    `plugin:<slug>:`. A pattern list with something other than path()/re_path()/include()
    entries, or a name that does not reverse and resolve to its view, breaks the plugin's
    endpoints (and NAVIGATION links that name them); the plugin itself loads.

    Fix: return `path(...)` entries with unique names from `setup_urls()` / URLS, and reverse
    them with the `plugin:<slug>:` namespace.
    """

    id = "DYN005"
    severity = "feature"
    layer = "dynamic"

    def check(self, dynamic: DynamicResult, project: Project) -> Iterator[Finding]:
        for plugin in _plugins(dynamic):
            for url in plugin.get("urls") or []:
                if not url.get("error") or url.get("standin_gap"):
                    continue
                what = url.get("name") or "URL patterns"
                yield self.finding(
                    f"{what}: {_last_line(url['error'] or '')}",
                    file=_file(project, url.get("file") or plugin.get("file")),
                    line=url.get("line") or plugin.get("line"),
                    hint="use path()/re_path()/include() entries with names that resolve",
                )


class AppMigrations(Rule):
    """An AppMixin app installs, and its migrations match its models.

    With AppMixin InvenTree adds the plugin's package to INSTALLED_APPS and reloads Django's
    app registry; the plugin ships its own migrations, which `invoke migrate` applies. An app
    that fails to load, models without migrations, or models changed after the last migration
    (`makemigrations --check` would write one) leave the database without the tables or
    columns the code uses.

    Fix: run `makemigrations <app_label>` in an InvenTree development setup and ship the
    migrations/ package (with `__init__.py`); keep apps.py's `name` equal to the package path.
    """

    id = "DYN006"
    severity = "feature"
    layer = "dynamic"

    def check(self, dynamic: DynamicResult, project: Project) -> Iterator[Finding]:
        for plugin in _plugins(dynamic):
            app = plugin.get("app")
            if not app:
                continue
            error = app.get("error")
            if error and not error.get("standin_gap"):
                yield self.finding(
                    f"the AppMixin app {app['path']!r} does not load: {error['type']}: "
                    f"{_last_line(error['message'])}",
                    file=_file(project, error.get("file") or plugin.get("file")),
                    line=error.get("line"),
                    hint="check apps.py (name = the package path), models.py and admin.py",
                )
                continue
            migrations = app.get("migrations") or {}
            label = app.get("label") or app["path"]
            if migrations.get("error") and is_definite(migrations["error"]):
                yield self.finding(
                    f"the migrations of app {label!r} cannot be loaded: "
                    f"{_last_line(migrations['error']['message'])}",
                    file=_file(project, migrations["error"].get("file")),
                    line=migrations["error"].get("line"),
                    hint=f"regenerate them with `makemigrations {label}`",
                )
            elif migrations.get("has_models") and not migrations.get("has_migrations"):
                yield self.finding(
                    f"app {label!r} has models but no migrations: InvenTree creates no tables",
                    file=_file(project, plugin.get("file")),
                    hint=f"run `makemigrations {label}` and ship {label}/migrations/",
                )
            elif migrations.get("changes"):
                changes = "; ".join(migrations["changes"][:5])
                yield self.finding(
                    f"the models of app {label!r} differ from its migrations ({changes})",
                    file=_file(project, plugin.get("file")),
                    hint=f"run `makemigrations {label}` and ship the new migration",
                )
            for name, leaves in (migrations.get("conflicts") or {}).items():
                yield self.finding(
                    f"app {name!r} has conflicting migrations: {', '.join(leaves)}",
                    hint=f"run `makemigrations --merge {name}`",
                )


class UiFeatureInvalid(Rule):
    """Each UI feature the plugin returns is one InvenTree's UI API and frontend accept.

    InvenTree's /api/plugins/ui/features/<type>/ ignores a non-list answer and serializes each
    item without validating it: an item it cannot serialize (no `key`, `options`/`context`
    that are not dicts) is dropped, a context that is not JSON-serialisable fails the answer,
    and the frontend imports `source` from /static/plugins/<slug>/: no source, a missing file
    or export shows an error instead of the panel. The plugin loads; the feature fails.
    Missing titles and icons not in `<pack>:<name>:<variant>` form are warnings.

    Fix: return a list of dicts with key, title, source = `self.plugin_static_file("X.js:fn")`
    for a file under static/ that exports `fn`, a JSON-serialisable context and a Tabler icon
    such as `ti:puzzle:outline`.
    """

    id = "DYN007"
    severity = "feature"
    layer = "dynamic"

    def check(self, dynamic: DynamicResult, project: Project) -> Iterator[Finding]:
        for plugin in _plugins(dynamic):
            seen = set()
            file = plugin.get("file")
            static = Path(file).parent / "static" if file else None
            for problem in plugin["ui"]["problems"]:
                if (
                    problem.get("missing_file")
                    and static is not None
                    and awaiting_build(project, static)
                ):
                    continue  # UI001 says "frontend not built yet" once, as a warning
                where = problem["feature_type"]
                if problem["target"]:
                    where += f" ({problem['target']})"
                identity = (problem["feature_type"], problem["key"], problem["message"])
                if identity in seen:  # the same panel for many targets: report it once
                    continue
                seen.add(identity)
                key = f" {problem['key']!r}" if problem.get("key") else ""
                yield self.finding(
                    f"UI feature{key} of type {where}: {problem['message']}",
                    file=_file(project, plugin.get("file")),
                    line=plugin.get("line"),
                    hint="see the UserInterfaceMixin docs for the feature dict",
                    # the plugin loads either way: what fails is this feature
                    severity="feature" if problem["severity"] == "error" else problem["severity"],
                )


class UiHookRaises(Rule):
    """The UI hooks do not raise for any target model InvenTree asks about.

    InvenTree asks every UI plugin for its features whenever a page is drawn, with
    `context = {"target_model", "target_id"}` for panels. A hook that raises is logged and
    skipped: the plugin's panels silently vanish from that page.

    Fix: check `context.get("target_model")` first and return [] for pages you do not handle;
    guard lookups of `target_id`.
    """

    id = "DYN008"
    severity = "warning"
    layer = "dynamic"

    def check(self, dynamic: DynamicResult, project: Project) -> Iterator[Finding]:
        for plugin in _plugins(dynamic):
            for error in plugin["ui"]["errors"]:
                if error.get("exit") or error.get("standin_gap"):
                    continue
                target = f" for target {error['target']!r}" if error.get("target") else ""
                note = ""
                severity = None
                if error.get("no_target_object"):
                    note = " (our model has no such object to show: cannot vouch)"
                    severity = "info"
                yield self.finding(
                    f"{error['feature_type']} features{target}: {error['type']}: "
                    f"{_last_line(error['message'])}{note}",
                    file=_file(project, error.get("file") or plugin.get("file")),
                    line=error.get("line") or plugin.get("line"),
                    hint="return [] for contexts the plugin does not handle",
                    severity=severity,
                )


class HangsOrExits(Rule):
    """Loading the plugin finishes: it neither hangs nor ends the process.

    InvenTree loads plugins in its web server and worker processes at start-up. Plugin code
    that blocks (waits for a server, loops) stalls the start; `sys.exit()`, `os._exit()` or a
    crash in an extension module ends the process. The check runs the plugin with a time limit
    and reports where it stopped.

    Fix: do no blocking work at import, in `__init__` or in hooks; never exit the process.
    """

    id = "DYN009"
    severity = "error"
    layer = "dynamic"

    def check(self, dynamic: DynamicResult, project: Project) -> Iterator[Finding]:
        exit_info = dynamic.exit
        if exit_info and dynamic.plugin_code:
            stage = exit_info.get("stage") or "start-up"
            if exit_info["kind"] == "timeout":
                message = f"the plugin did not finish within {exit_info['timeout']:g} s ({stage})"
            elif exit_info["kind"] == "signal":
                message = f"the process crashed with signal {-(exit_info['code'] or 0)} ({stage})"
            else:
                message = f"the process ended with exit code {exit_info['code']} ({stage})"
            yield self.finding(message, hint="remove blocking or exiting code from that step")
        for error in _decided(dynamic).exits:
            yield self.finding(
                f"{error['stage']}: the plugin raises {error['type']} ({error['message']}): "
                "this stops InvenTree's process",
                file=_file(project, error.get("file")),
                line=error.get("line"),
                hint="raise an exception instead of exiting",
            )


class Undecided(Rule):
    """The dynamic check could decide whether the plugin loads.

    When the check's own subprocess cannot run (time limit during the stand-in's start-up, a
    crash of the harness), a third-party dependency cannot be installed, or loading stops at a
    name our InvenTree model lacks, the check cannot vouch either way: `loads` is null.

    Fix: for missing dependencies declare them in `dependencies` and allow the check to install
    them (network); otherwise read the reason and re-run, or use `--static-only`.
    """

    id = "DYN010"
    severity = "warning"
    layer = "dynamic"

    def check(self, dynamic: DynamicResult) -> Iterator[Finding]:
        if dynamic.decided:
            return
        yield self.finding(
            f"the dynamic check could not decide: {dynamic.reason or 'no result'}",
            hint="see the reason; `--static-only` skips the dynamic check",
        )


class ModelLacksName(Rule):
    """Every InvenTree name the plugin asks for exists in our InvenTree model.

    The check runs the plugin against our stand-in for InvenTree's modules and records each
    name the plugin asks for (also inside `try/except ImportError`). A name the stand-in lacks
    may exist in InvenTree: the check cannot vouch for code that uses it, so it says so instead
    of faking it.

    Fix: none needed in the plugin when the name exists in your InvenTree version; report the
    name so the model can be extended.
    """

    id = "DYN011"
    severity = "warning"
    layer = "dynamic"

    def check(self, dynamic: DynamicResult, inventree_version: str) -> Iterator[Finding]:
        for name in dynamic.recorder["missing"]:
            if missing_dotted(name, inventree_version) is not None:
                # the target release lacks it (creator.facts): not our model's gap;
                # CLS010 reports the import.
                continue
            yield self.finding(
                f"our InvenTree model lacks {name}; cannot vouch for the code that uses it",
                hint="if InvenTree has it, nothing to fix; otherwise stop using it",
            )
        other = sorted(
            {
                gap
                for p in dynamic.plugins
                for e in [p.get("constructor_error") or {}, *p.get("activation_errors", []),
                          *p["ui"]["errors"]]
                if (gap := e.get("standin_gap")) and gap.startswith("stand-in:")
            }
        )  # fmt: skip
        for text in other:
            yield self.finding(
                f"our InvenTree model does not model this ({text}); cannot vouch for it",
                hint="nothing to fix in the plugin if InvenTree provides it",
            )


class RequiredHookMissing(Rule):
    """The plugin implements the hooks its mixins require.

    Some mixins only work when the plugin overrides a hook whose default raises "not
    implemented": EventMixin.process_event, LocateMixin.locate_stock_location,
    CurrencyExchangeMixin.update_exchange_rates, LabelPrintingMixin.print_label,
    SupplierBarcodeMixin.extract_barcode_fields, IconPackMixin.icon_packs, MailMixin's
    mail hooks. The plugin loads; InvenTree calls the hook at runtime and that call fails.

    Fix: implement the named method in the plugin class (or drop the mixin).
    """

    id = "DYN012"
    severity = "feature"
    layer = "dynamic"

    def check(self, dynamic: DynamicResult, project: Project) -> Iterator[Finding]:
        for plugin in _plugins(dynamic):
            for hook in plugin.get("hooks_missing") or []:
                yield self.finding(
                    f"{plugin['class']} uses {hook['mixin']} but does not implement "
                    f"{hook['method']}()",
                    file=_file(project, plugin.get("file")),
                    line=plugin.get("line"),
                    hint=f"define {hook['method']}() in the plugin class",
                )
