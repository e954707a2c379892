"""Stand-in for InvenTree's ``plugin.helpers`` (exception types and discovery helpers).

Mirrors: ``src/backend/InvenTree/plugin/helpers.py`` (1.x).
Provides the two mixin exceptions that ``plugin`` re-exports, the ``IntegrationPluginError``
raised by the loader, and the class filter that directory discovery applies.
Leaves out: git log lookup (dulwich), entry-point reading, directory walking and the error
logging into InvenTree's DB error table.
"""

from __future__ import annotations

import inspect
from types import ModuleType
from typing import Any


class MixinImplementationError(ValueError):
    """A mixin is implemented wrongly (e.g. a bad ``SCHEDULED_TASKS`` entry)."""


class MixinNotImplementedError(NotImplementedError):
    """A mixin hook that the plugin must provide was not overridden."""


class IntegrationPluginError(Exception):
    """Raised by the loader when a plugin fails; carries the failing package name."""

    def __init__(self, path: str, message: str) -> None:
        super().__init__(message)
        self.path = path
        self.message = message

    def __str__(self) -> str:
        return self.message


def get_plugin_classes(module: ModuleType, baseclass: type) -> list[type]:
    """Return the classes in ``module`` that discovery would collect.

    InvenTree's filter is ``issubclass(cls, InvenTreePlugin) and cls.NAME``: there is no
    abstract check, and classes merely imported into the module are collected too. Names
    starting with ``_`` are skipped and ``__all__`` filters the candidates when present.
    """
    names: list[str] | None = getattr(module, "__all__", None)
    found: list[type] = []
    for name, value in inspect.getmembers(module, inspect.isclass):
        if name.startswith("_") or (names is not None and name not in names):
            continue
        if issubclass(value, baseclass) and getattr(value, "NAME", ""):
            found.append(value)
    return found


def error_source_name(error: BaseException, fallback: str) -> str:
    """Name the source of ``error`` the way the registry's error log keys it.

    InvenTree derives the name from the file of the last traceback frame. The stand-in uses
    the module name of that frame when it can be found, else ``fallback``.
    """
    tb = error.__traceback__
    last: Any = None
    while tb is not None:
        last = tb
        tb = tb.tb_next
    if last is not None:
        module = last.tb_frame.f_globals.get("__name__")
        if isinstance(module, str) and module:
            return module
    return fallback
