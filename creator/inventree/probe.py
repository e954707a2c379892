"""Runs INSIDE an InvenTree environment, in a fresh process: load a plugin and report as JSON.

This file is executed by InvenTree's own interpreter (a throwaway venv layered over the
prepared InvenTree venv, with the plugin installed in the layer), with the working directory
at InvenTree's manage.py. It imports nothing from create-inventree-plugin, so it is copied
into the probe's scratch directory and run from there. It must stay valid on every Python
InvenTree supports (3.9 and later).

Two modes:

    probe.py --prepare ADMIN        once per environment, after `migrate`: create the admin
                                    user, turn on the global plugin switches, create a part
                                    for UI targets, record the registry's own errors
    probe.py SPEC.json RESULT.json  per plugin: what InvenTree's registry made of it

The per-plugin report holds what InvenTree itself said: the plugins found under the plugin's
install roots, the registry's errors by stage, the activation as an admin does it (PATCH
/api/plugins/<slug>/activate/ through Django's test client), the registered mixins, the
settings API, reversing the plugin's URL names, the UI features the API returns, the log
records of level WARNING and above, rows added to InvenTree's error log, and every attempt
to reach another host (an audit hook: the check has no network, so such attempts fail).
"""

from __future__ import annotations

import json
import logging
import os
import sys
import time
import traceback
import typing
from pathlib import Path
from typing import Any

LOCAL_HOSTS = {"localhost", "127.0.0.1", "::1", "0.0.0.0", "", "testserver"}
MAX_RECORDS = 200
STARTED = time.monotonic()
# InvenTree changes behaviour on words in sys.argv (test, migrate, shell, ...). The probe
# presents itself as what a production server is, gunicorn: then InvenTree also skips its
# "is the API schema being generated?" stack inspection, which 1.0 repeats for every
# serializer (minutes per start otherwise).
SERVER_ARGV = ("gunicorn",)


def format_error(error: BaseException) -> list[str]:
    """traceback.format_exception in the form every supported Python accepts."""
    return traceback.format_exception(type(error), error, error.__traceback__)


def elapsed() -> float:
    """Seconds since the probe started."""
    return round(time.monotonic() - STARTED, 2)


# ------------------------------------------------------------------------------- network


class NetworkWatch:
    """Records connection attempts to non-local hosts (Python audit events; nothing blocked)."""

    def __init__(self, roots: list[str]) -> None:
        self.roots = [os.path.realpath(root) for root in roots]
        self.attempts: list[dict] = []

    def __call__(self, event: str, args: tuple) -> None:
        if event not in ("socket.getaddrinfo", "socket.connect") or len(self.attempts) >= 20:
            return
        try:
            if event == "socket.getaddrinfo":
                host = args[0]
            else:
                address = args[1]
                if not isinstance(address, tuple):
                    return  # a Unix socket
                host = address[0]
            if isinstance(host, bytes):
                host = host.decode("ascii", "replace")
            host = str(host or "")
            if host in LOCAL_HOSTS or host.startswith("127."):
                return
            self.attempts.append({"event": event, "host": host, "from": self.origin()})
        except Exception:  # an audit hook must never break the code it watches
            return

    def origin(self) -> str | None:
        """The innermost frame in the plugin's files ("file:line"), if any."""
        for frame in reversed(traceback.extract_stack()[:-2]):
            path = os.path.realpath(frame.filename)
            if any(path.startswith(root + os.sep) for root in self.roots):
                return f"{path}:{frame.lineno}"
        return None


# ------------------------------------------------------------------------------- logging


#: The step the probe is in ("load", "activate", "features"): each log record keeps it, so a
#: rule can tell a message InvenTree logs while it activates the plugin (before it collects
#: the plugin's static files) from one logged when a user's request would run.
STAGE = ["load"]


class Collector(logging.Handler):
    """Keeps WARNING+ records (once each, however many loggers they pass)."""

    def __init__(self) -> None:
        super().__init__(logging.WARNING)
        self.records: list[dict] = []
        self.seen: set[int] = set()

    def emit(self, record: logging.LogRecord) -> None:
        if id(record) in self.seen or len(self.records) >= MAX_RECORDS:
            return
        self.seen.add(id(record))
        try:
            # InvenTree logs through structlog: the stdlib record carries its event dict.
            if isinstance(record.msg, dict) and "event" in record.msg:
                message = str(record.msg["event"])
            else:
                message = record.getMessage()
        except Exception:
            message = str(record.msg)
        entry = {
            "level": record.levelname, "logger": record.name, "message": message[:2000],
            "stage": STAGE[0],
        }  # fmt: skip
        if record.exc_info and record.exc_info[1] is not None:
            entry["exception"] = "".join(traceback.format_exception(*record.exc_info))[-4000:]
        self.records.append(entry)


def attach(collector: Collector) -> None:
    """Attach to the root logger and InvenTree's loggers (after Django configured logging)."""
    for name in ("", "inventree", "django", "django.request"):
        logger = logging.getLogger(name)
        if collector not in logger.handlers:
            logger.addHandler(collector)


def hook_logging(collector: Collector) -> None:
    """Attach the collector right after django.setup() configures logging."""
    # runs inside InvenTree's venv (Django exists only there)
    import django.utils.log

    original = django.utils.log.configure_logging

    def configure_logging(*args, **kwargs):
        original(*args, **kwargs)
        attach(collector)

    # django.setup() imports configure_logging when it runs: patching the module suffices.
    django.utils.log.configure_logging = configure_logging


# --------------------------------------------------------------------------- the registry


def errors_by_stage(registry) -> dict:
    """registry.errors as JSON: stage -> list of messages ("package: message" or text)."""
    out = {}
    for stage, items in dict(getattr(registry, "errors", {}) or {}).items():
        messages = []
        for item in items:
            if isinstance(item, dict):
                messages += [f"{key}: {value}" for key, value in item.items()]
            else:
                messages.append(str(item))
        out[str(stage)] = messages
    return out


def source_file(plugin) -> str | None:
    """The file a plugin class (or instance) was defined in."""
    cls = plugin if isinstance(plugin, type) else type(plugin)
    module = sys.modules.get(cls.__module__)
    path = getattr(module, "__file__", None)
    return os.path.realpath(path) if path else None


def ours(registry, roots: list[str]) -> dict:
    """key -> plugin for registry entries defined under the plugin's install roots."""
    found = {}
    for key, plugin in dict(registry.plugins_full).items():
        path = source_file(plugin)
        if path and any(path.startswith(root + os.sep) for root in roots):
            found[key] = plugin
    return found


def describe(key: str, plugin, registry) -> dict:
    """What the registry holds about one plugin."""
    cls = plugin if isinstance(plugin, type) else type(plugin)
    info: dict = {
        "key": key,
        "class": f"{cls.__module__}.{cls.__qualname__}",
        "name": getattr(cls, "NAME", None),
        "slug": getattr(plugin, "slug", None) if not isinstance(plugin, type) else key,
        "version": str(getattr(cls, "VERSION", None) or "") or None,
        "min_version": getattr(cls, "MIN_VERSION", None),
        "max_version": getattr(cls, "MAX_VERSION", None),
        "file": source_file(plugin),
        "instantiated": not isinstance(plugin, type),
        "active": key in registry.plugins,
        "mixins": [],
    }
    if not isinstance(plugin, type):
        try:
            mixins = plugin.get_registered_mixins(with_cls=False)
            info["mixins"] = sorted(mixins)
        except Exception as error:
            info["mixins_error"] = repr(error)
    return info


# ------------------------------------------------------------------------- probe a plugin


def check_settings(client, slug: str, plugin) -> dict:
    """GET the plugin's settings list as the UI does."""
    declared = getattr(plugin, "SETTINGS", None) or {}
    if not declared:
        return {"declared": 0}
    response = client.get(f"/api/plugins/{slug}/settings/")
    out = {"declared": len(declared), "status": response.status_code}
    if response.status_code == 200:
        try:
            out["readable"] = len(response.json())
        except ValueError:
            out["readable"] = None
    else:
        out["body"] = response.content[:500].decode("utf-8", "replace")
    return out


def check_urls(slug: str, plugin) -> dict:
    """Reverse every named URL pattern of the plugin under InvenTree's `plugin:<slug>:`."""
    # after django.setup(): InvenTree's URLs must be loaded
    from django.urls import NoReverseMatch, reverse

    patterns = []
    try:
        patterns = list(getattr(plugin, "urlpatterns", None) or [])
    except Exception as error:
        return {"error": repr(error)}
    names = []

    def walk(items, prefix=""):
        for item in items:
            name = getattr(item, "name", None)
            if name:
                names.append(prefix + name)
            children = getattr(item, "url_patterns", None)
            if children is not None:
                namespace = getattr(item, "namespace", None)
                walk(children, prefix + (f"{namespace}:" if namespace else ""))

    try:
        walk(patterns)
    except Exception as error:
        return {"error": repr(error)}
    reversed_ok: list = []
    needs_args: list = []
    failed: list = []
    for name in names[:50]:
        try:
            reversed_ok.append(reverse(f"plugin:{slug}:{name}"))
        except NoReverseMatch as error:
            # Patterns with parameters cannot be reversed without arguments: not an error.
            (needs_args if "arguments" in str(error) else failed).append(name)
        except Exception as error:
            failed.append(f"{name}: {error!r}")
    return {
        "patterns": len(patterns),
        "names": len(names),
        "reversed": reversed_ok,
        "needs_args": needs_args,
        "failed": failed,
    }


def check_ui(client, slug: str, part_pk) -> dict:
    """The UI features InvenTree's API returns for this plugin, per feature type."""
    types = ["dashboard", "panel", "template_editor", "template_preview", "navigation"]
    try:
        # InvenTree's own module: importable only in its venv
        from plugin.base.ui.mixins import FeatureType

        types = list(typing.get_args(FeatureType)) or types
    except Exception:
        pass
    out = {}
    for feature in types:
        query = {"target_model": "part", "target_id": part_pk} if part_pk else {}
        response = client.get(f"/api/plugins/ui/features/{feature}/", query)
        entry = {"status": response.status_code}
        if response.status_code == 200:
            try:
                items = [f for f in response.json() if f.get("plugin_name") == slug]
            except (ValueError, AttributeError):
                items = []
            entry["features"] = [
                {k: item.get(k) for k in ("key", "title", "source", "icon")} for item in items
            ]
        out[feature] = entry
    return out


def stand_for(version) -> None:
    """Make InvenTree report `version` (spec "stands_for") instead of what version.py says.

    InvenTree reads its version from InvenTree.version.INVENTREE_SW_VERSION when it compares a
    plugin's MIN_VERSION / MAX_VERSION, so setting that module attribute before django.setup()
    makes a tree whose version.py lags behind (the 1.0 content still saying "0.18.0 dev") judge
    as the release it stands for. The source tree itself is not touched.
    """
    if not version:
        return
    # InvenTree's own module: set before django.setup() reads it
    import InvenTree.version

    InvenTree.version.INVENTREE_SW_VERSION = str(version)


def watch(spec: dict) -> tuple:
    """Install the network watch and the log collector (before django.setup())."""
    roots = [os.path.realpath(root) for root in spec.get("roots") or []]
    network = NetworkWatch(roots)
    sys.addaudithook(network)
    collector = Collector()
    hook_logging(collector)
    return network, collector


def probe(spec: dict) -> dict:
    """Load InvenTree with the plugin installed; activate it; report what happened."""
    network, collector = watch(spec)
    result: dict = {"stages": {}, "network": network.attempts, "log": collector.records}
    stand_for(spec.get("stands_for"))

    # after watch() and stand_for(): they must precede Django's start
    import django

    try:
        django.setup()
    except BaseException as error:
        result["setup_error"] = "".join(format_error(error))[-4000:]
        return result
    return inspect(spec, result)


def inspect(spec: dict, result: dict) -> dict:
    """After django.setup() loaded the registry: activate the plugin, record what InvenTree says."""
    roots = [os.path.realpath(root) for root in spec["roots"]]
    result["stages"]["setup"] = elapsed()

    # after django.setup(): InvenTree's apps must be ready
    from django.contrib.auth import get_user_model
    from django.test import Client
    from plugin import registry

    try:
        # after django.setup(); error_report is InvenTree's dependency (absent: no baseline)
        from error_report.models import Error

        first_error = (Error.objects.order_by("-pk").values_list("pk", flat=True).first()) or 0
    except Exception:
        Error, first_error = None, 0

    result["errors_loaded"] = errors_by_stage(registry)
    found = ours(registry, roots)
    result["found"] = [describe(key, plugin, registry) for key, plugin in found.items()]

    client = Client()
    admin = get_user_model().objects.get(username=spec["admin"])
    client.force_login(admin)
    part_pk = spec.get("part_pk")

    STAGE[0] = "activate"
    activated = []
    for key in list(found):
        response = client.patch(
            f"/api/plugins/{key}/activate/",
            data=json.dumps({"active": True}),
            content_type="application/json",
        )
        entry = {"key": key, "status": response.status_code}
        if response.status_code >= 400:
            entry["body"] = response.content[:1000].decode("utf-8", "replace")
        activated.append(entry)
    result["activation"] = activated
    result["stages"]["activate"] = elapsed()
    STAGE[0] = "features"

    result["errors"] = errors_by_stage(registry)
    after = ours(registry, roots)
    result["plugins"] = []
    for key, plugin in after.items():
        info = describe(key, plugin, registry)
        if info["active"] and info["instantiated"]:
            slug = plugin.slug
            try:
                info["settings"] = check_settings(client, slug, plugin)
            except Exception as error:
                info["settings"] = {"error": repr(error)}
            if "urls" in info["mixins"]:
                info["urls"] = check_urls(slug, plugin)
            if "ui" in info["mixins"]:
                try:
                    info["ui"] = check_ui(client, slug, part_pk)
                except Exception as error:
                    info["ui"] = {"error": repr(error)}
        result["plugins"].append(info)
    result["stages"]["features"] = elapsed()

    if Error is not None:
        try:
            rows = Error.objects.filter(pk__gt=first_error).order_by("pk")[:50]
            result["error_log"] = [
                {"kind": row.kind, "info": row.info, "path": row.path, "data": row.data[-3000:]}
                for row in rows
            ]
        except Exception as error:
            result["error_log_failed"] = repr(error)
    return result


# ------------------------------------------------------------------------------ prepare


def prepare(admin: str, baseline_path: str) -> dict:
    """Once per environment: admin user, global plugin switches, a part, baseline errors."""
    sys.argv = list(SERVER_ARGV)
    # runs inside InvenTree's venv; Django starts only after sys.argv is set
    import django

    django.setup()
    # after django.setup(): InvenTree's apps must be ready
    from common.models import InvenTreeSetting
    from django.contrib.auth import get_user_model
    from plugin import registry

    users = get_user_model()
    if not users.objects.filter(username=admin).exists():
        manager: Any = users.objects  # InvenTree's user model: Django's UserManager
        manager.create_superuser(admin, f"{admin}@example.invalid", "not-a-secret")
    definitions = dict(getattr(InvenTreeSetting, "SETTINGS", {}) or {})
    if not definitions:  # where the definitions moved out of the model
        from common.setting.system import SYSTEM_SETTINGS

        definitions = dict(SYSTEM_SETTINGS)
    switches = sorted(key for key in definitions if key.startswith("ENABLE_PLUGINS_"))
    for key in switches:
        # Written directly: save() would reload the registry once per switch (minutes).
        if not InvenTreeSetting.objects.filter(key=key).update(value="True"):
            InvenTreeSetting.objects.bulk_create([InvenTreeSetting(key=key, value="True")])
    part_pk = None
    try:
        # after django.setup(): InvenTree's apps must be ready
        from part.models import Part, PartCategory

        category = PartCategory.objects.create(name="Probe", description="for plugin probes")
        part_pk = Part.objects.create(
            name="Probe part", description="for plugin probes", category=category
        ).pk
    except Exception:
        traceback.print_exc()
    state = {
        "switches": switches,
        "part_pk": part_pk,
        "errors": errors_by_stage(registry),
        "plugins": sorted(registry.plugins_full),
    }
    Path(baseline_path).write_text(json.dumps(state, indent=2), encoding="utf-8")
    return state


def main() -> int:
    """Entry point (see the module docstring)."""
    here = str(Path.cwd())
    if here not in sys.path:
        sys.path.insert(0, here)
    if len(sys.argv) >= 3 and sys.argv[1] == "--prepare":
        baseline = Path(os.environ["INVENTREE_DB_NAME"]).parent / "baseline.json"
        state = prepare(sys.argv[2], str(baseline))
        print(json.dumps(state))
        sys.stdout.flush()
        os._exit(0)
    spec_path, result_path = sys.argv[1], sys.argv[2]
    spec = json.loads(Path(spec_path).read_text(encoding="utf-8"))
    sys.argv = list(SERVER_ARGV)
    try:
        result = probe(spec)
    except BaseException as error:
        result = {"probe_error": "".join(format_error(error))[-4000:]}
    result["stages"] = {**result.get("stages", {}), "total": elapsed()}
    partial = Path(result_path + ".partial")
    partial.write_text(json.dumps(result, default=str), encoding="utf-8")
    partial.replace(result_path)
    sys.stdout.flush()
    sys.stderr.flush()
    os._exit(0)  # skip interpreter shutdown: plugin threads must not keep the probe alive


if __name__ == "__main__":
    main()
