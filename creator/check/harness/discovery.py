"""Import the plugin the way InvenTree's loader does and collect its plugin classes."""

from __future__ import annotations

import importlib
import pkgutil
from typing import Any

from creator.check.harness.state import Harness


def import_plugins(h: Harness) -> list[tuple[type, dict[str, Any]]]:
    """Import like the loader and return (class, origin) in collection order."""
    # the stand-in's plugin app: importable only after setup_standin()
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
