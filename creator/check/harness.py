"""The dynamic check's harness: runs INSIDE an isolated subprocess, never in the CLI's process.

Started by creator.check.dynamic inside creator.sandbox as `python -I -B harness.py`. It sets up
the InvenTree stand-in (creator/standin), blocks network access, then does what InvenTree's loader
does with the plugin: import it (entry points, or every module of a plugin folder), collect the
plugin classes, instantiate and activate each through the stand-in registry, install the
AppMixin app the way InvenTree reloads its apps, and exercise what activation and the UI API
would call. Every step is written as one JSON line to the events pipe (plugin code may print
to stdout or stderr; the parent only shows those in part), so the parent knows the last stage
even when plugin code hangs or ends the process.

The spec and a per-run secret arrive on stdin, read before any plugin code is imported; stdin
is then closed. Each event line carries an HMAC of its body under that secret: a line plugin
code writes into the pipe (a fake "done", say) fails the parent's check, and the run is then
undecided. Plugin code runs in this same interpreter, so a plugin written against this file
could still find the secret in memory; that is a limit docs/security.md states.

Only the standard library is imported at module level: the stand-in and Django are set up by
`main()` after sys.path has been arranged.
"""

from __future__ import annotations

import json
import os
import re
import sys
import time
import traceback
from pathlib import Path
from typing import Any

#: Feature types asked once (no target), and panel target models (InvenTree's ModelType).
PLAIN_FEATURES = ("dashboard", "navigation", "spotlight_action", "primary_action", "route")
PANEL_TARGETS = (
    "part",
    "partcategory",
    "stockitem",
    "stocklocation",
    "build",
    "purchaseorder",
    "salesorder",
    "returnorder",
    "company",
    "supplierpart",
    "manufacturerpart",
    "user",
)
TEMPLATE_FEATURES = ("template_editor", "template_preview")
TEMPLATE_TYPES = ("labeltemplate", "reporttemplate")

#: Default JS function per feature type (frontend, spec 3.3); None: no JS module is loaded.
DEFAULT_FUNCTION = {
    "panel": "renderPanel",
    "dashboard": "renderDashboardItem",
    "spotlight_action": "executeAction",
    "template_editor": "getFeature",
    "template_preview": "getFeature",
    "route": "getFeature",
    "navigation": None,
    "primary_action": None,
    "settings": "renderPluginSettings",
}

#: `<pack>:<name>:<variant>` as ApiIcon parses it (e.g. ti:puzzle:outline).
ICON_FORM = re.compile(r"^[a-z0-9_-]+:[a-z0-9_-]+:[a-z0-9_-]+$")

#: What InvenTree's own Python environment provides to plugins: top-level import name -> the
#: requirement that provides it. Source: InvenTree's src/backend/requirements.in and the
#: requirements.txt compiled from it (1.x, mid 2025), direct requirements and the transitive
#: ones plugins import; extras as InvenTree requests them. A plugin may import these without
#: declaring them. When the check's environment lacks one, the dynamic layer installs it
#: (creator.check.dynamic) like a declared dependency; it is never "the plugin's fault".
#: The one table of this fact: dynamic.py and the stand-in read it from here.
INVENTREE_REQUIREMENTS: dict[str, str] = {
    "PIL": "pillow",
    "allauth": "django-allauth",
    "anymail": "django-anymail",
    "barcode": "python-barcode[images]",
    "bleach": "bleach",
    "blessed": "blessed",
    "corsheaders": "django-cors-headers",
    "cryptography": "cryptography",
    "dateutil": "python-dateutil",
    "dbbackup": "django-dbbackup",
    "django_filters": "django-filter",
    "django_ical": "django-ical",
    "django_mailbox": "django-mailbox",
    "django_otp": "django-otp",
    "django_q": "django-q2",
    "django_redis": "django-redis",
    "django_structlog": "django-structlog",
    "djmoney": "django-money",
    "docutils": "docutils",
    "dotenv": "python-dotenv",
    "drf_spectacular": "drf-spectacular",
    "dulwich": "dulwich",
    "error_report": "django-error-report-2",
    "feedparser": "feedparser",
    "flags": "django-flags",
    "maintenance_mode": "django-maintenance-mode",
    "markdownify": "django-markdownify",
    "moneyed": "py-moneyed",
    "mptt": "django-mptt",
    "oauth2_provider": "django-oauth-toolkit",
    "openpyxl": "openpyxl",
    "opentelemetry": "opentelemetry-api",
    "pdf2image": "pdf2image",
    "pint": "pint",
    "pypdf": "pypdf",
    "qrcode": "qrcode[pil]",
    "rapidfuzz": "rapidfuzz",
    "redis": "redis",
    "requests": "requests",
    "rest_framework_simplejwt": "djangorestframework-simplejwt",
    "sentry_sdk": "sentry-sdk",
    "sesame": "django-sesame",
    "sql_util": "django-sql-utils",
    "stdimage": "django-stdimage",
    "structlog": "structlog",
    "tablib": "tablib[xls,xlsx,yaml]",
    "taggit": "django-taggit",
    "urllib3": "urllib3",
    "weasyprint": "weasyprint",
    "whitenoise": "whitenoise",
    "yaml": "pyyaml",
}

#: Top-level modules InvenTree's environment provides (the keys above).
INVENTREE_PROVIDED = frozenset(INVENTREE_REQUIREMENTS)

MAX_TEXT = 2000


class Harness:
    """State of one run: the spec, the events file and what was found."""

    def __init__(self, spec: dict[str, Any]) -> None:
        self.spec = spec
        self.import_root = str(Path(spec["import_root"]).resolve())
        self.events = int(spec["events_fd"])
        self._key = bytes.fromhex(spec.pop("secret"))
        self.result: dict[str, Any] = {
            "import_errors": [],
            "classes": [],
            "plugins": [],
            "exits": [],
            "missing_module": None,
            "recorder": {"requested": [], "missing": []},
        }
        self.recorder: Any = None

    # -- events ------------------------------------------------------------------------------

    def emit(self, event: str, **data: Any) -> None:
        """Write one signed JSON line to the events pipe (raw fd: plugin code may swap stdout)."""
        import hashlib
        import hmac

        body = json.dumps({"event": event, "t": round(time.monotonic(), 3), **data}, default=str)
        mac = hmac.new(self._key, body.encode("utf-8", "replace"), hashlib.sha256).hexdigest()
        line = json.dumps({"mac": mac, "body": body}) + "\n"
        view = memoryview(line.encode("utf-8", "replace"))
        while view:  # a pipe takes large events in parts
            view = view[os.write(self.events, view) :]

    def stage(self, name: str, plugin_code: bool = True) -> None:
        """Mark the start of a step; the parent reports a hang or exit with the last one."""
        self.emit("stage", stage=name, plugin_code=plugin_code)

    # -- errors ------------------------------------------------------------------------------

    def describe(self, error: BaseException) -> dict[str, Any]:
        """Type, message and the innermost place in the plugin's own files."""
        where_file, where_line = None, None
        for frame in traceback.extract_tb(error.__traceback__):
            filename = str(Path(frame.filename).resolve()) if frame.filename else ""
            if filename.startswith(self.import_root + os.sep):
                where_file, where_line = filename, frame.lineno
        if isinstance(error, SyntaxError) and error.filename:
            filename = str(Path(error.filename).resolve())
            if filename.startswith(self.import_root + os.sep):
                where_file, where_line = filename, error.lineno
        text = "".join(traceback.format_exception(type(error), error, error.__traceback__))
        message = str(error) if not isinstance(error, SystemExit) else f"exit code {error.code}"
        return {
            "type": type(error).__name__,
            "message": message[:MAX_TEXT],
            "file": where_file,
            "line": where_line,
            "traceback": text[-MAX_TEXT:],
            "exit": isinstance(error, SystemExit | KeyboardInterrupt),
            "standin_gap": self.standin_gap(error, message),
            "missing_module": self.missing_module(error),
        }

    def missing_module(self, error: BaseException) -> dict[str, Any] | None:
        """A third-party module whose absence caused `error` (at any step), if any.

        {"module", "declared", "inventree"}: the first one is kept in result["missing_module"]
        so the parent can install it (declared, or provided by InvenTree's environment) and
        run again. A missing stand-in name or a missing module of the plugin itself is not
        one: the recorder / the import error report those.
        """
        seen = 0
        current: BaseException | None = error
        while current is not None and seen < 5:
            if isinstance(current, ModuleNotFoundError) and current.name:
                info = third_party(self, current.name)
                if info is not None:
                    self.result["missing_module"] = self.result["missing_module"] or info
                return info
            current = current.__cause__ or current.__context__
            seen += 1
        return None

    def standin_gap(self, error: BaseException, message: str) -> str | None:
        """The stand-in name whose absence caused `error` (our model lacks it), if any."""
        if isinstance(error, NotImplementedError) and message.startswith("stand-in:"):
            return message
        modelled = (
            _standin_object_gap(error)
            or _raised_in_standin(error, message)
            or _standin_field_gap(error, message)
        )
        if modelled:
            return modelled
        if not isinstance(error, ImportError | AttributeError) or self.recorder is None:
            return None
        for name in self.recorder.missing:
            module, _, attr = name.rpartition(".")
            if (
                f"No module named '{name}'" in message
                or f"'{attr}' from '{module}'" in message
                or f"module '{module}' has no attribute '{attr}'" in message
            ):
                return name
        return None

    def guarded(self, what: str, func: Any, *args: Any, **kwargs: Any) -> tuple[Any, Any]:
        """Call plugin code; (value, None) or (None, error description). Exits are caught too."""
        try:
            return func(*args, **kwargs), None
        except BaseException as error:  # SystemExit from plugin code is a finding too
            info = self.describe(error)
            if info["exit"]:
                self.result["exits"].append({"stage": what, **info})
            return None, info


def _standin_object_gap(error: BaseException) -> str | None:
    """`obj.name` missing on an object of our stand-in: InvenTree's may have it (a gap)."""
    if not isinstance(error, AttributeError) or getattr(error, "obj", None) is None:
        return None
    from creator.standin import STANDIN_PACKAGES

    owner = type(error.obj)  # type: ignore[attr-defined]
    if owner.__module__.split(".")[0] not in STANDIN_PACKAGES:
        return None
    return f"stand-in: {owner.__module__}.{owner.__qualname__}.{error.name}"  # type: ignore[attr-defined]


def _standin_field_gap(error: BaseException, message: str) -> str | None:
    """A query on one of our stand-in models naming a field it lacks (InvenTree's may have it).

    Django's FieldError lists the model's fields ("Choices are: ..."): the stand-in model with
    exactly those fields is the one queried.
    """
    match = re.match(r"Cannot resolve keyword '([^']+)' into field\. Choices are: (.*)$", message)
    if type(error).__name__ != "FieldError" or match is None:
        return None
    from django.apps import apps

    from creator.standin import STANDIN_PACKAGES

    choices = {c.strip() for c in match[2].split(",")}
    for model in apps.get_models():
        names = {f.name for f in model._meta.get_fields()}
        if names == choices and model.__module__.split(".")[0] in STANDIN_PACKAGES:
            return f"stand-in: {model.__module__}.{model.__name__}.{match[1]}"
    return None


#: Python's own wording for a call or attribute our stand-in does not accept.
_SIGNATURE_ERRORS = ("unexpected keyword argument", "positional argument", "has no attribute")


def _raised_in_standin(error: BaseException, message: str) -> str | None:
    """A call our stand-in refused (its signature or behaviour may differ from InvenTree's).

    Only a TypeError/AttributeError whose innermost frame is stand-in code: the plugin called
    InvenTree's API in a way our model does not accept, which InvenTree itself may accept.
    """
    import traceback

    from creator.standin import SITE_DIR

    if not isinstance(error, TypeError | AttributeError) or error.__traceback__ is None:
        return None
    if "INVE-" in message or not any(text in message for text in _SIGNATURE_ERRORS):
        return None  # an error the stand-in raises on purpose, as InvenTree does
    frames = traceback.extract_tb(error.__traceback__)
    site = str(SITE_DIR.resolve()) + os.sep
    if not frames or not str(Path(frames[-1].filename).resolve()).startswith(site):
        return None
    where = Path(frames[-1].filename).resolve().relative_to(SITE_DIR.resolve())
    return f"stand-in: {where}:{frames[-1].lineno} {type(error).__name__}: {message[:120]}"


# ----------------------------------------------------------------------------------- setup


def block_network() -> None:
    """Refuse outgoing internet connections (the check must not reach the network)."""
    import socket

    def refused(*args: Any, **kwargs: Any) -> Any:
        raise OSError("network access is disabled during create-inventree-plugin check")

    original_connect = socket.socket.connect
    original_connect_ex = socket.socket.connect_ex
    internet = (socket.AF_INET, socket.AF_INET6)

    def connect(self: Any, address: Any) -> Any:
        if self.family in internet:
            refused()
        return original_connect(self, address)

    def connect_ex(self: Any, address: Any) -> Any:
        if self.family in internet:
            refused()
        return original_connect_ex(self, address)

    socket.socket.connect = connect  # type: ignore[method-assign]
    socket.socket.connect_ex = connect_ex  # type: ignore[method-assign]
    socket.create_connection = refused  # type: ignore[assignment]
    socket.getaddrinfo = refused  # type: ignore[assignment]


def setup_standin(h: Harness) -> None:
    """Configure the stand-in (Django in memory), create the database and a signed-in user."""
    from creator.standin import configure, setup_database

    configure(apps=(), version=h.spec["inventree_version"])
    setup_database()
    # Everything the harness needs from the stand-in is imported now, before the recorder
    # starts: the recorder then sees only what plugin code asks for.
    import plugin.base.ui.serializers
    import plugin.helpers
    import plugin.plugin
    import plugin.registry  # noqa: F401
    from django.contrib.auth import get_user_model

    user_model = get_user_model()
    h.user = user_model.objects.create_superuser("cip-check", "check@example.com", "x")  # type: ignore[attr-defined]
    h.targets = make_targets()  # type: ignore[attr-defined]
    h.emit("targets", targets=h.targets)  # type: ignore[attr-defined]


def make_targets() -> dict[str, Any]:
    """One object per panel target model (pk of each), best effort on the stand-in models."""
    from django.apps import apps
    from django.contrib.auth import get_user_model

    made: dict[str, Any] = {"user": get_user_model().objects.first().pk}  # type: ignore[union-attr]

    def create(key: str, label: str, **fields: Any) -> Any:
        try:
            model = apps.get_model(label)
            obj = model.objects.create(**fields)
        except Exception:
            return None
        made[key] = obj.pk
        return obj

    category = create("partcategory", "part.PartCategory", name="Category")
    part = create("part", "part.Part", name="Part", description="A part", category=category)
    location = create("stocklocation", "stock.StockLocation", name="Location")
    if part is not None:
        create("stockitem", "stock.StockItem", part=part, location=location)
        create("build", "build.Build", reference="BO-0001", part=part)
    company = create("company", "company.Company", name="Company")
    if part is not None and company is not None:
        create("supplierpart", "company.SupplierPart", part=part, supplier=company, SKU="S-1")
        create("manufacturerpart", "company.ManufacturerPart", part=part, manufacturer=company)
    create("purchaseorder", "order.PurchaseOrder", reference="PO-0001", supplier=company)
    create("salesorder", "order.SalesOrder", reference="SO-0001", customer=company)
    create("returnorder", "order.ReturnOrder", reference="RMA-0001", customer=company)
    return made


# ---------------------------------------------------------------------------------- import


def import_plugins(h: Harness) -> list[tuple[type, dict[str, Any]]]:
    """Import like the loader and return (class, origin) in collection order."""
    import importlib
    import pkgutil

    from plugin.helpers import get_plugin_classes
    from plugin.plugin import InvenTreePlugin

    found: list[tuple[type, dict[str, Any]]] = []
    seen: set[int] = set()

    def add(cls: type, origin: dict[str, Any]) -> None:
        if id(cls) not in seen:
            seen.add(id(cls))
            found.append((cls, origin))

    def import_module(name: str) -> Any:
        h.stage(f"import {name}")
        module, error = h.guarded(f"import {name}", importlib.import_module, name)
        if error is not None:
            error["module"] = name
            h.result["import_errors"].append(error)
        return module

    for entry in h.spec.get("entry_points") or []:
        module = import_module(entry["module"])
        if module is None:
            continue
        obj: Any = module
        try:
            for part in [p for p in entry["attr"].split(".") if p]:
                obj = getattr(obj, part)
        except AttributeError as error:
            info = h.describe(error)
            info["module"] = entry["module"]
            info["entry_point"] = entry["name"]
            h.result["import_errors"].append(info)
            continue
        if not (isinstance(obj, type) and issubclass(obj, InvenTreePlugin)):
            h.result["import_errors"].append(
                {
                    "type": "NotAPluginClass",
                    "message": f"entry point {entry['name']} = {entry['value']} loads "
                    f"{obj!r}, not an InvenTreePlugin subclass",
                    "module": entry["module"],
                    "entry_point": entry["name"],
                    "file": None,
                    "line": None,
                    "exit": False,
                    "missing_module": None,
                }
            )
            continue
        add(obj, {"entry_point": entry["name"], "distribution": h.spec.get("distribution")})

    if h.spec.get("module_prefix"):
        # A plugin folder: the loader imports every module below plugins.<folder>.
        prefix = h.spec["module_prefix"]
        package = import_module(prefix)
        names = []
        if package is not None and hasattr(package, "__path__"):
            names = [
                info.name
                for info in pkgutil.walk_packages(package.__path__, prefix + ".", onerror=None)
            ]
        modules = [package] + [import_module(name) for name in sorted(names)]
        for module in modules:
            if module is not None:
                for cls in get_plugin_classes(module, InvenTreePlugin):
                    add(cls, {"module": module.__name__})
    elif not h.spec.get("entry_points"):
        # No entry point (a static finding): load the modules that define plugin classes.
        for name in h.spec.get("modules") or []:
            module = import_module(name)
            if module is not None:
                for cls in get_plugin_classes(module, InvenTreePlugin):
                    add(cls, {"module": name})
    return found


def third_party(h: Harness, name: str) -> dict[str, Any] | None:
    """{"module", "declared", "inventree"} for a missing third-party module, else None."""
    top = name.split(".")[0]
    from creator.standin import STANDIN_PACKAGES

    root = Path(h.import_root)
    own = {*h.spec.get("module_prefix", "").split("."), "plugins"} - {""}
    if (root / top).is_dir() or (root / f"{top}.py").is_file():
        own.add(top)  # the plugin's own package: a missing submodule is the plugin's error
    if top in STANDIN_PACKAGES or top in own or top in {"django", "rest_framework"}:
        return None  # ours or InvenTree's: the recorder / import error says what is missing
    from creator.check.versions import missing_dotted

    if missing_dotted(name, h.spec["inventree_version"]) is not None:
        return None  # an InvenTree module this release lacks (`label`): CLS010's finding
    declared = any(
        _requirement_name(r).replace("-", "_").lower() == top.lower()
        for r in h.spec.get("requires") or []
    )
    return {"module": name, "declared": declared, "inventree": top in INVENTREE_PROVIDED}


def _requirement_name(requirement: str) -> str:
    return re.split(r"[\s\[<>=!~;@(]", requirement.strip(), maxsplit=1)[0]


# ---------------------------------------------------------------------------------- app


def install_app(h: Harness, cls: type, record: dict[str, Any]) -> None:
    """AppMixin: add the plugin's package to INSTALLED_APPS and repopulate the app registry.

    InvenTree does this at activation (`_reload_apps`); the stand-in registry only checks that
    the app is installed, so the harness installs it first. Then the app's tables are created
    and its migrations are compared with its models (`makemigrations --check` semantics).
    """
    from django.apps import apps
    from django.conf import settings

    app_path, error = h.guarded("app path", cls._get_plugin_path)  # type: ignore[attr-defined]
    app: dict[str, Any] = {"path": app_path, "label": None, "error": error, "migrations": None}
    record["app"] = app
    if error is not None:
        return
    if apps.is_installed(app_path):
        return
    h.stage(f"app {app_path}")
    installed = [*settings.INSTALLED_APPS, app_path]

    def populate() -> None:
        settings.INSTALLED_APPS = installed
        apps.set_installed_apps(installed)

    _, error = h.guarded(f"app {app_path}", populate)
    if error is not None:
        app["error"] = error
        # Leave Django usable for the remaining steps.
        apps.unset_installed_apps()
        settings.INSTALLED_APPS = [a for a in installed if a != app_path]
        return
    config = next(c for c in apps.get_app_configs() if c.name == app_path)
    app["label"] = config.label
    h.stage(f"migrations {config.label}", plugin_code=True)
    app["migrations"], error = h.guarded("migrations", check_migrations, config)
    if error is not None:
        app["migrations"] = {"error": error}
    _, error = h.guarded("tables", create_tables, config)
    if error is not None and app["migrations"] is not None:
        app["migrations"].setdefault("error", error)


def check_migrations(config: Any) -> dict[str, Any]:
    """What `makemigrations --check --dry-run <label>` would find for the plugin's app."""
    from django.apps import apps
    from django.db.migrations.autodetector import MigrationAutodetector
    from django.db.migrations.loader import MigrationLoader
    from django.db.migrations.questioner import NonInteractiveMigrationQuestioner
    from django.db.migrations.state import ProjectState

    class Loader(MigrationLoader):
        """Drops dependencies on named migrations of the stand-in apps, which have none."""

        def load_disk(self) -> None:
            super().load_disk()
            for migration in self.disk_migrations.values():
                migration.dependencies = [
                    d
                    for d in migration.dependencies
                    if d[0] not in self.unmigrated_apps or d[1] in ("__first__", "__latest__")
                ]

    label = config.label
    has_models = bool(list(config.get_models()))
    loader = Loader(None, ignore_no_migrations=True)
    result: dict[str, Any] = {
        "has_models": has_models,
        "has_migrations": label in loader.migrated_apps,
        "changes": [],
        "conflicts": {},
    }
    conflicts = loader.detect_conflicts()
    if conflicts.get(label):
        result["conflicts"] = {label: conflicts[label]}
    questioner = NonInteractiveMigrationQuestioner(specified_apps={label}, dry_run=True)
    autodetector = MigrationAutodetector(
        loader.project_state(), ProjectState.from_apps(apps), questioner
    )
    changes = autodetector.changes(graph=loader.graph, trim_to_apps={label}, convert_apps={label})
    for migration in changes.get(label, []):
        for operation in migration.operations:
            result["changes"].append(operation.describe())
    return result


def create_tables(config: Any) -> None:
    """Create the app's tables directly (its migrations may depend on InvenTree's)."""
    from django.db import connection

    existing = set(connection.introspection.table_names())
    with connection.schema_editor() as editor:
        for model in config.get_models():
            if model._meta.managed and model._meta.db_table not in existing:
                editor.create_model(model)


# ------------------------------------------------------------------------------- plugins


def load_plugin(h: Harness, cls: type, origin: dict[str, Any]) -> dict[str, Any]:
    """Instantiate + version check + activate through the stand-in registry; then exercise."""
    from plugin.registry import registry

    key = registry.plugin_key(cls)
    record: dict[str, Any] = {
        "class": f"{cls.__module__}.{cls.__qualname__}",
        "name": getattr(cls, "NAME", None),
        "key": key,
        "origin": origin,
        "file": _class_file(cls),
        "line": _class_line(cls),
        "constructor_error": None,
        "version_error": None,
        "min_version": str(getattr(cls, "MIN_VERSION", None) or "") or None,
        "activation_errors": [],
        "app": None,
        "urls": [],
        "settings_errors": [],
        "ui": {"called": [], "errors": [], "problems": []},
        "hooks_missing": [],
        "loaded": False,
    }
    h.result["plugins"].append(record)
    from plugin.base.integration.AppMixin import AppMixin

    if issubclass(cls, AppMixin):
        install_app(h, cls, record)

    h.stage(f"init {record['class']}")
    before = len(registry.flat_errors())
    captured: dict[str, Any] = {}
    original = registry.activate_plugin

    def activate(key: str, plugin: Any) -> None:
        h.stage(f"activate {record['class']}")
        try:
            original(key, plugin)
        except BaseException as error:  # SystemExit from plugin code is a finding too
            captured["error"] = error
            raise

    registry.activate_plugin = activate  # instance attribute: wraps this run only
    try:
        plugin, error = h.guarded(
            f"init {record['class']}",
            registry.load_plugin_class,
            cls,
            package_name=origin.get("distribution") if origin.get("entry_point") else None,
        )
    finally:
        del registry.activate_plugin
    if error is not None:  # SystemExit or similar escaped the registry
        record["constructor_error"] = error
        return record
    errors = registry.flat_errors()[before:]
    if plugin is None:
        init = [e for e in errors if e["stage"].endswith(":init_plugin")]
        record["constructor_error"] = _constructor_error(h, cls, init)
        return record
    if key not in registry.plugins:
        record["version_error"] = "\n".join(
            e["message"] for e in errors if e["stage"].endswith(":init_plugin")
        )
        return record
    if "error" in captured:
        info = h.describe(captured["error"])
        info["step"] = _activation_step(captured["error"])
        record["activation_errors"].append(info)
        if info["exit"]:
            h.result["exits"].append({"stage": f"activate {record['class']}", **info})
    record["loaded"] = True
    record["slug"] = plugin.slug
    record["name"] = plugin.name
    record["version"] = _safe(lambda: plugin.version)
    record["mixins"] = [m["key"] for m in plugin.get_registered_mixins()]
    check_settings(h, plugin, record)
    check_urls(h, plugin, record)
    check_ui(h, plugin, record)
    check_hooks(plugin, record)
    return record


def _constructor_error(h: Harness, cls: type, init: list[dict[str, str]]) -> dict[str, Any]:
    """Re-run the constructor to get its traceback (the registry keeps only the message)."""
    _, error = h.guarded(f"init {cls.__qualname__}", cls)
    if error is None:
        error = {"type": "Exception", "message": "; ".join(e["message"] for e in init)}
        error.update({"file": None, "line": None, "exit": False})
    return error


def _activation_step(error: BaseException) -> str:
    """Which activation step raised: settings, schedule, app, urls or a mixin's activation."""
    steps = {
        "register_tasks": "schedule",
        "validate_scheduled_tasks": "schedule",
        "get_scheduled_tasks": "schedule",
        "_check_app": "app",
        "update_urls": "urls",
        "rebuild": "urls",
        "get_plugin_urls": "urls",
    }
    step = "activation"
    for frame in traceback.extract_tb(error.__traceback__):
        if frame.name in steps and step == "activation":
            step = steps[frame.name]
        elif frame.name == "_activate_mixin" and step == "activation":
            step = "mixin activation"
    return step


def _class_file(cls: type) -> str | None:
    import inspect

    try:
        return str(Path(inspect.getfile(cls)).resolve())
    except (OSError, TypeError):
        return None


def _class_line(cls: type) -> int | None:
    import inspect

    try:
        return inspect.getsourcelines(cls)[1]
    except (OSError, TypeError):
        return None


def _safe(func: Any) -> Any:
    try:
        return func()
    except Exception:
        return None


def check_settings(h: Harness, plugin: Any, record: dict[str, Any]) -> None:
    """Every declared setting reads (default, choices, validator conversion) without error."""
    if not plugin.mixin_enabled("settings"):
        return
    for attr, label in (("settings", "SETTINGS"), ("user_settings", "USER_SETTINGS")):
        definitions = getattr(plugin, attr, None)
        if not isinstance(definitions, dict):
            record["settings_errors"].append(
                {"key": label, "message": f"{label} is {type(definitions).__name__}, not a dict"}
            )
            continue
        for key, definition in definitions.items():
            if not isinstance(definition, dict):
                record["settings_errors"].append(
                    {"key": key, "message": f"{label}[{key!r}] is not a dict"}
                )
                continue
            if attr != "settings":
                continue
            h.stage(f"setting {key}")
            _, error = h.guarded(f"setting {key}", plugin.get_setting, key)
            if error is None and callable(definition.get("choices")):
                _, error = h.guarded(f"setting {key} choices", definition["choices"])
            if error is not None:
                record["settings_errors"].append({"key": key, **error})


def check_urls(h: Harness, plugin: Any, record: dict[str, Any]) -> None:
    """Each named URL pattern reverses under plugin:<slug>: and resolves back to itself."""
    if not plugin.mixin_enabled("urls"):
        return
    from django.urls import NoReverseMatch, Resolver404, resolve, reverse
    from django.urls.resolvers import URLPattern, URLResolver

    h.stage(f"urls {plugin.slug}")

    def walk(patterns: Any, namespace: str) -> Any:
        for pattern in patterns:
            if isinstance(pattern, URLResolver):
                inner = f"{namespace}:{pattern.namespace}" if pattern.namespace else namespace
                yield from walk(pattern.url_patterns, inner)
            elif isinstance(pattern, URLPattern):
                yield pattern, namespace
            else:
                yield pattern, None

    patterns, error = h.guarded("urls", lambda: list(walk(plugin.urlpatterns, "")))
    if error is not None:
        record["urls"].append({"name": None, "error": error["message"], **error})
        return
    base = f"plugin:{plugin.slug}"
    for pattern, namespace in patterns:
        if namespace is None:
            record["urls"].append(
                {"name": None, "error": f"{pattern!r} is not a URL pattern (path/re_path/include)"}
            )
            continue
        if not pattern.name:
            continue
        name = f"{base}{namespace}:{pattern.name}"
        kwargs = _sample_kwargs(pattern)
        if kwargs is None:
            continue  # regex groups we cannot fill: nothing to vouch for either way
        entry: dict[str, Any] = {"name": name, "route": str(pattern.pattern), "error": None}
        try:
            url = reverse(name, kwargs=kwargs)
            match = resolve(url)
            if match.func is not pattern.callback and match.url_name != pattern.name:
                entry["error"] = f"{url} resolves to {match.view_name}, not {name}"
            entry["url"] = url
        except (NoReverseMatch, Resolver404) as exc:
            entry["error"] = f"{type(exc).__name__}: {exc}"
        except Exception as exc:
            entry.update(h.describe(exc))
            entry["error"] = f"{type(exc).__name__}: {exc}"
        record["urls"].append(entry)


def _sample_kwargs(pattern: Any) -> dict[str, Any] | None:
    """Values that satisfy the pattern's converters (route patterns); None if unknown."""
    from django.urls.resolvers import RoutePattern

    if not isinstance(pattern.pattern, RoutePattern):  # re_path: Django gives it converters={}
        regex = pattern.pattern.regex
        return {} if not regex.groupindex and not regex.groups else None
    converters = pattern.pattern.converters
    samples = {
        "int": 1,
        "str": "x",
        "slug": "x",
        "path": "x",
        "uuid": "0" * 8 + "-0000" * 3 + "-" + "0" * 12,
    }
    kwargs = {}
    for name, converter in converters.items():
        kind = type(converter).__name__.replace("Converter", "").lower()
        if kind not in samples:
            return None
        kwargs[name] = samples[kind]
    return kwargs


def check_ui(h: Harness, plugin: Any, record: dict[str, Any]) -> None:
    """Call get_ui_features like InvenTree's UI API does; validate each returned feature."""
    ui = record["ui"]
    if plugin.mixin_enabled("ui"):
        from django.http import QueryDict
        from django.test import RequestFactory
        from rest_framework.request import Request

        calls: list[tuple[str, dict[str, str], str]] = []
        for target in PANEL_TARGETS:
            target_id = h.targets.get(target, 1)  # type: ignore[attr-defined]
            calls.append(("panel", {"target_model": target, "target_id": str(target_id)}, target))
        for feature_type in PLAIN_FEATURES:
            calls.append((feature_type, {}, ""))
        for feature_type in TEMPLATE_FEATURES:
            for template_type in TEMPLATE_TYPES:
                context = {"template_type": template_type, "template_model": "part"}
                calls.append((feature_type, context, template_type))
        for feature_type, params, target in calls:
            query = QueryDict(mutable=True)
            query.update(params)
            raw = RequestFactory().get(f"/api/plugins/ui/features/{feature_type}/", params)
            raw.user = h.user  # type: ignore[attr-defined]
            request = Request(raw)
            request._user = h.user  # type: ignore[attr-defined]
            what = f"get_ui_features({feature_type!r}{', ' + target if target else ''})"
            h.stage(what)
            features, error = h.guarded(
                what, plugin.get_ui_features, feature_type, request.query_params, request
            )
            ui["called"].append(what)
            if error is not None:
                error.update({"feature_type": feature_type, "target": target})
                missing_object = error["type"] == "DoesNotExist" and target not in h.targets  # type: ignore[attr-defined]
                error["no_target_object"] = missing_object
                ui["errors"].append(error)
                continue
            if not isinstance(features, list):
                ui["problems"].append(
                    _problem(
                        feature_type, target, None, "error",
                        f"returned {type(features).__name__}, not a list: InvenTree ignores it",
                    )
                )  # fmt: skip
                continue
            for feature in features:
                ui["problems"].extend(validate_feature(plugin, feature_type, target, feature))
    if getattr(plugin, "ADMIN_SOURCE", None) or type(plugin).get_admin_context is not _base_admin():
        h.stage("admin source/context")
        source, error = h.guarded("get_admin_source", plugin.get_admin_source)
        context, error2 = h.guarded("get_admin_context", plugin.get_admin_context)
        for err in (error, error2):
            if err is not None:
                err.update({"feature_type": "settings", "target": ""})
                ui["errors"].append(err)
        if error is None and error2 is None and source:
            feature = {"key": "settings", "title": "settings", "source": source, "context": context}
            ui["problems"].extend(validate_feature(plugin, "settings", "", feature))


def _base_admin() -> Any:
    from plugin.plugin import InvenTreePlugin

    return InvenTreePlugin.get_admin_context


def _problem(
    feature_type: str, target: str, key: Any, severity: str, message: str
) -> dict[str, Any]:
    return {
        "feature_type": feature_type,
        "target": target,
        "key": key,
        "severity": severity,
        "message": message,
        # A missing static file: the static layer may know it is "not built yet".
        "missing_file": message.endswith("does not exist (the browser gets a 404)"),
    }


def validate_feature(
    plugin: Any, feature_type: str, target: str, feature: Any
) -> list[dict[str, Any]]:
    """The checks InvenTree's UI API applies (serializer), plus what the frontend needs."""
    from plugin.base.ui.serializers import PluginUIFeatureSerializer

    problems: list[dict[str, Any]] = []

    def add(severity: str, message: str) -> None:
        key = feature.get("key") if isinstance(feature, dict) else None
        problems.append(_problem(feature_type, target, key, severity, message))

    if not isinstance(feature, dict):
        add("error", f"a feature is {type(feature).__name__}, not a dict: InvenTree drops it")
        return problems
    item = dict(feature)
    item["plugin_name"] = plugin.slug
    item["feature_type"] = feature_type
    for field in ("key", "title", "description", "source"):
        if item.get(field) is not None:
            item[field] = str(item[field])
    if feature_type != "settings":
        # InvenTree's API serializes the dict as output (no validation): only what makes
        # that fail (a missing key, options/context that are not dicts) drops the feature
        try:
            PluginUIFeatureSerializer(item).data  # noqa: B018 (serializing is the check)
        except Exception as exc:  # what InvenTree's API catches and logs
            add("error", f"InvenTree's API cannot serialize it ({exc!r}): the feature is dropped")
        if not item.get("source"):
            add("error", "no source: the frontend has nothing to render")
        if not item.get("title"):
            add("warning", "no title: InvenTree shows an empty label")
    for field in ("context", "options"):
        if field in feature and feature[field] is not None:
            try:
                json.dumps(feature[field])
            except (TypeError, ValueError) as exc:
                add("error", f"{field} is not JSON-serialisable ({exc}): the UI API fails")
    icon = feature.get("icon")
    if icon and not ICON_FORM.match(str(icon)):
        add(
            "warning",
            f"icon {icon!r} is not in <pack>:<name>:<variant> form (e.g. ti:plug:outline)",
        )
    source = item.get("source")
    if source and DEFAULT_FUNCTION.get(feature_type, "x") is not None:
        problem = check_source(plugin, str(source), DEFAULT_FUNCTION.get(feature_type))
        if problem:
            add(*problem)
    return problems


def check_source(plugin: Any, source: str, default_function: str | None) -> tuple[str, str] | None:
    """A `source` must name a file the plugin ships under static/, exporting the function."""
    from urllib.parse import urlsplit

    url = urlsplit(source)
    if url.scheme or url.netloc:
        return None  # served from elsewhere (dev server, CDN): nothing to check here
    path, _, function = url.path.partition(":")
    function = function or default_function or ""
    prefix = f"/static/plugins/{plugin.slug}/"
    if not path.startswith(prefix):
        if path.startswith("/static/plugins/"):
            return (
                "error",
                f"source {source!r} is not under {prefix}: InvenTree copies the plugin's "
                "static files there, so the file 404s",
            )
        return ("warning", f"source {source!r} is not a /static/plugins/ URL; cannot vouch for it")
    relative = path[len(prefix) :]
    file = Path(plugin.path()) / "static" / relative
    if not file.is_file():
        return ("error", f"source {source!r}: {file} does not exist (the browser gets a 404)")
    if function and file.suffix in (".js", ".mjs"):
        text = file.read_text(encoding="utf-8", errors="replace")
        name = re.escape(function)
        declared = re.search(
            rf"\bexport\s+(?:default\s+)?(?:async\s+)?(?:function\s*\*?|const|let|var|class)\s*{name}\b",
            text,
        )
        listed = re.search(rf"\bexport\s*\{{[^}}]*\b{name}\b[^}}]*\}}", text)
        if not (declared or listed):
            return ("error", f"source {source!r}: {relative} exports no function {function!r}")
    return None


def check_hooks(plugin: Any, record: dict[str, Any]) -> None:
    """Mixin hooks whose default raises MixinNotImplementedError must be overridden."""
    import ast
    import inspect
    import os

    from creator import facts
    from creator.standin import SITE_DIR

    site = str(SITE_DIR.resolve())
    release = facts.release(os.environ.get("INVENTREE_STANDIN_VERSION") or facts.NEWEST)

    def overridden(name: str) -> bool:
        resolved = getattr(type(plugin), name, None)
        resolved = getattr(resolved, "__func__", resolved)
        resolved = getattr(resolved, "fget", resolved)
        code = getattr(resolved, "__code__", None)
        return code is not None and not str(Path(code.co_filename).resolve()).startswith(site)

    for entry in plugin.get_registered_mixins():
        mixin = entry.get("cls")
        if mixin is None:
            continue
        known = release.mixins.get(mixin.__name__)
        for name, value in vars(mixin).items():
            func = getattr(value, "__func__", value)
            if not inspect.isfunction(func) or not _raises_not_implemented(func, ast, inspect):
                continue
            # a hook whose default is the only caller may replace it (print_labels)
            callers = known.callers.get(name, ()) if known else ()
            if not overridden(name) and not any(overridden(c) for c in callers):
                record["hooks_missing"].append({"mixin": mixin.__name__, "method": name})


def _raises_not_implemented(func: Any, ast: Any, inspect: Any) -> bool:
    try:
        tree = ast.parse(inspect.cleandoc("\n" + inspect.getsource(func)))
    except (OSError, TypeError, SyntaxError):
        return False
    body = tree.body[0].body if tree.body else []
    body = [n for n in body if not (isinstance(n, ast.Expr) and isinstance(n.value, ast.Constant))]
    if len(body) != 1 or not isinstance(body[0], ast.Raise) or body[0].exc is None:
        return False
    exc = body[0].exc
    name = exc.func if isinstance(exc, ast.Call) else exc
    return getattr(name, "id", getattr(name, "attr", "")) == "MixinNotImplementedError"


# ------------------------------------------------------------------------------------ main


def _django_probe(name: str) -> bool:
    """Whether `name` is a submodule Django probes for when it populates the app registry.

    `<stand-in app>.apps` / `.admin` are looked for when an AppMixin app is installed; a plugin
    asking for them itself would fail to import (DYN001), so dropping them hides nothing.
    """
    from creator.standin import STANDIN_APPS

    top, _, rest = name.partition(".")
    return top in STANDIN_APPS and rest in ("apps", "admin")


def describe_plugin(record: dict[str, Any]) -> dict[str, Any]:
    """The `plugin` info of the report, as the instance reports it."""
    return {
        "slug": record.get("slug"),
        "name": record.get("name"),
        "class": record.get("class"),
        "version": record.get("version"),
        "mixins": record.get("mixins"),
    }


def read_spec() -> dict[str, Any]:
    """The spec (with the secret) from stdin; stdin is then /dev/null for plugin code."""
    spec = json.loads(sys.stdin.buffer.read().decode("utf-8"))
    devnull = os.open(os.devnull, os.O_RDONLY)
    os.dup2(devnull, 0)
    os.close(devnull)
    return spec


def main(argv: list[str]) -> int:
    spec = read_spec()
    sys.path[:0] = [spec["import_root"]]
    sys.path.append(spec["creator_root"])
    h = Harness(spec)
    h.stage("setup", plugin_code=False)
    try:
        block_network()
        setup_standin(h)
    except BaseException:
        h.emit("harness_error", message=traceback.format_exc()[-MAX_TEXT:])
        os._exit(3)

    from creator.standin.recorder import Recorder

    h.recorder = Recorder().enable()
    classes = import_plugins(h)
    h.result["classes"] = [f"{c.__module__}.{c.__qualname__}" for c, _ in classes]
    for cls, origin in classes:
        load_plugin(h, cls, origin)
    h.recorder.disable()
    h.stage("report", plugin_code=False)
    h.result["recorder"] = {
        "requested": h.recorder.requested,
        "missing": [name for name in h.recorder.missing if not _django_probe(name)],
    }
    loaded = [p for p in h.result["plugins"] if p.get("loaded")]
    if loaded:
        h.result["plugin"] = describe_plugin(loaded[0])
    h.emit("done", result=h.result)
    os.close(h.events)
    # Plugin code may have started non-daemon threads: do not wait for them.
    sys.stdout.flush()
    sys.stderr.flush()
    os._exit(0)


if __name__ == "__main__":
    main(sys.argv)
