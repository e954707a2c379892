"""Record which stand-in modules and names a plugin asks for, and which ones we lack.

A plugin importing ``from plugin.mixins import FancyMixin`` against the stand-in either gets
our implementation or an ImportError. Either way a loader check wants to know: the first is a
name our model must keep faithful, the second means "our model lacks X" -- which must be
reported, not faked. The :class:`Recorder` makes that visible:

* a meta-path finder (first on ``sys.meta_path``) notes every stand-in module imported from
  code OUTSIDE the stand-in, and notes modules no finder can locate as missing;
* stand-in modules get a module subclass whose ``__getattribute__`` notes attribute lookups
  made from outside code (``from X import Y`` is such a lookup) and notes failed lookups as
  missing. Lookups inside ``try/except ImportError`` are recorded the same way.

Dunder names are ignored (import machinery and tools probe them constantly).
"""

from __future__ import annotations

import importlib.abc
import importlib.machinery
import sys
import types
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from creator.standin import SITE_DIR, STANDIN_PACKAGES

_THIS_FILE = str(Path(__file__).resolve())


@dataclass
class RecorderReport:
    """What was asked for (``requested``) and what the stand-in does not provide."""

    requested: list[str] = field(default_factory=list)
    missing: list[str] = field(default_factory=list)


class _RecordingModule(types.ModuleType):
    """Module type whose attribute lookups from outside the stand-in are recorded."""

    def __getattribute__(self, name: str) -> Any:
        recorder: Recorder | None = _ACTIVE
        if recorder is None or name.startswith("__"):
            return super().__getattribute__(name)
        modname = types.ModuleType.__getattribute__(self, "__name__")
        external = recorder._is_external(sys._getframe(1).f_code.co_filename)
        try:
            value = super().__getattribute__(name)
        except AttributeError:
            if external:
                recorder._note(f"{modname}.{name}", missing=True)
            raise
        if external:
            recorder._note(f"{modname}.{name}")
        return value


class _WrappedLoader(importlib.abc.Loader):
    """Delegating loader that switches the new module to :class:`_RecordingModule`."""

    def __init__(self, loader: Any) -> None:
        self._loader = loader

    def create_module(self, spec: importlib.machinery.ModuleSpec) -> types.ModuleType | None:
        return self._loader.create_module(spec)

    def exec_module(self, module: types.ModuleType) -> None:
        _swap(module)
        self._loader.exec_module(module)

    def __getattr__(self, name: str) -> Any:
        return getattr(self._loader, name)


def _swap(module: types.ModuleType) -> None:
    if type(module) is types.ModuleType:
        module.__class__ = _RecordingModule


class Recorder(importlib.abc.MetaPathFinder):
    """Context manager / toggle that records stand-in name usage."""

    def __init__(
        self, packages: Sequence[str] = STANDIN_PACKAGES, site_dir: Path = SITE_DIR
    ) -> None:
        self.packages = frozenset(packages)
        self.site_dir = str(Path(site_dir).resolve())
        self._requested: set[str] = set()
        self._missing: set[str] = set()

    # -- toggling --------------------------------------------------------------------------

    def enable(self) -> Recorder:
        global _ACTIVE
        if _ACTIVE is not None and _ACTIVE is not self:
            raise RuntimeError("another Recorder is already enabled")
        _ACTIVE = self
        if self not in sys.meta_path:
            sys.meta_path.insert(0, self)
        for name, module in list(sys.modules.items()):
            if module is not None and self._watched(name):
                _swap(module)
        return self

    def disable(self) -> None:
        global _ACTIVE
        if self in sys.meta_path:
            sys.meta_path.remove(self)
        if _ACTIVE is self:
            _ACTIVE = None
        for module in list(sys.modules.values()):
            if type(module) is _RecordingModule:
                module.__class__ = types.ModuleType

    def __enter__(self) -> Recorder:
        return self.enable()

    def __exit__(self, *exc: object) -> None:
        self.disable()

    # -- results ---------------------------------------------------------------------------

    def report(self) -> RecorderReport:
        return RecorderReport(sorted(self._requested), sorted(self._missing))

    @property
    def requested(self) -> list[str]:
        return sorted(self._requested)

    @property
    def missing(self) -> list[str]:
        return sorted(self._missing)

    # -- internals -------------------------------------------------------------------------

    def _watched(self, fullname: str) -> bool:
        return fullname.split(".", 1)[0] in self.packages

    def _is_external(self, filename: str) -> bool:
        if filename.startswith("<frozen") or filename == _THIS_FILE:
            return False
        return not filename.startswith(self.site_dir)

    def _requester_is_external(self) -> bool:
        frame = sys._getframe(2)
        while frame is not None:
            filename = frame.f_code.co_filename
            if not filename.startswith("<frozen") and filename != _THIS_FILE:
                return self._is_external(filename)
            frame = frame.f_back  # type: ignore[assignment]
        return False

    def _note(self, name: str, missing: bool = False) -> None:
        self._requested.add(name)
        if missing:
            self._missing.add(name)

    def find_spec(
        self,
        fullname: str,
        path: Iterable[str] | None = None,
        target: types.ModuleType | None = None,
    ) -> importlib.machinery.ModuleSpec | None:
        if not self._watched(fullname):
            return None
        external = self._requester_is_external()
        spec = None
        for finder in sys.meta_path:
            if finder is self or not hasattr(finder, "find_spec"):
                continue
            spec = finder.find_spec(fullname, path, target)
            if spec is not None:
                break
        if spec is None:
            if external:
                self._note(fullname, missing=True)
            return None
        if external:
            self._note(fullname)
        if spec.loader is not None and hasattr(spec.loader, "exec_module"):
            spec.loader = _WrappedLoader(spec.loader)
        return spec


_ACTIVE: Recorder | None = None

__all__ = ["Recorder", "RecorderReport"]
