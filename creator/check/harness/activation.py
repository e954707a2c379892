"""Instantiate and activate each plugin class through the stand-in registry, then exercise it."""

from __future__ import annotations

import inspect
import traceback
from pathlib import Path
from typing import Any

from creator.check.dynamic_result import ErrorInfo, PluginRecord
from creator.check.harness.app import install_app
from creator.check.harness.exercise import check_hooks, check_settings, check_urls
from creator.check.harness.state import Harness
from creator.check.harness.ui_features import check_ui


def load_plugin(h: Harness, cls: type, origin: dict[str, Any]) -> PluginRecord:
    """Instantiate + version check + activate through the stand-in registry; then exercise."""
    # the stand-in's plugin app: importable only after setup_standin()
    from plugin.registry import registry

    key = registry.plugin_key(cls)
    record: PluginRecord = {
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
    # the stand-in's plugin app: importable only after setup_standin()
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


def _constructor_error(h: Harness, cls: type, init: list[dict[str, str]]) -> ErrorInfo:
    """Re-run the constructor to get its traceback (the registry keeps only the message)."""
    _, error = h.guarded(f"init {cls.__qualname__}", cls)
    if error is None:
        message = "; ".join(e["message"] for e in init)
        error = {"type": "Exception", "message": message, "file": None, "line": None, "exit": False}
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
    try:
        return str(Path(inspect.getfile(cls)).resolve())
    except (OSError, TypeError):
        return None


def _class_line(cls: type) -> int | None:
    try:
        return inspect.getsourcelines(cls)[1]
    except (OSError, TypeError):
        return None


def _safe(func: Any) -> Any:
    try:
        return func()
    except Exception:
        return None
