"""The state of one harness run: the spec, the signed events, and how errors are described.

`Harness` writes every step as a signed JSON line to the events pipe (creator.check.dynamic
verifies the HMAC), calls plugin code through `guarded`, and describes each error: where in
the plugin's files, whether it ended the process, whether our stand-in lacked what was asked
for (a gap of our model, not the plugin's fault), whether a third-party module was missing.
"""

from __future__ import annotations

import hashlib
import hmac
import json
import os
import re
import time
import traceback
from pathlib import Path
from typing import Any

from creator.check.dynamic_result import ErrorInfo, MissingModule
from creator.facts.host import INVENTREE_PROVIDED
from creator.standin import SITE_DIR, STANDIN_PACKAGES

MAX_TEXT = 2000


class Harness:
    """State of one run: the spec, the events file and what was found."""

    def __init__(self, spec: dict[str, Any]) -> None:
        self.spec = spec
        self.import_root = ""  # set by `receive`, once the plugin is known
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
        self.recorder: Any = None  # the stand-in's Recorder, once plugin code may run
        self.user: Any = None  # the signed-in superuser UI requests are made as
        self.targets: dict[str, Any] = {}  # panel target model -> pk of an object of it

    def receive(self, plugin: dict[str, Any]) -> None:
        """Take the plugin part of the spec (where it is, its entry points, requirements)."""
        self.spec.update(plugin)
        self.import_root = str(Path(self.spec["import_root"]).resolve())

    # -- events ------------------------------------------------------------------------------

    def emit(self, event: str, **data: Any) -> None:
        """Write one signed JSON line to the events pipe (raw fd: plugin code may swap stdout)."""
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

    def describe(self, error: BaseException) -> ErrorInfo:
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

    def missing_module(self, error: BaseException) -> MissingModule | None:
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
        missing: list[str] = self.recorder.missing
        for name in missing:
            module, _, attr = name.rpartition(".")
            if (
                f"No module named '{name}'" in message
                or f"'{attr}' from '{module}'" in message
                or f"module '{module}' has no attribute '{attr}'" in message
            ):
                return name
        return None

    def guarded(
        self, what: str, func: Any, *args: Any, **kwargs: Any
    ) -> tuple[Any, ErrorInfo | None]:
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

    owner = type(error.obj)
    if owner.__module__.split(".")[0] not in STANDIN_PACKAGES:
        return None
    return f"stand-in: {owner.__module__}.{owner.__qualname__}.{error.name}"


def _standin_field_gap(error: BaseException, message: str) -> str | None:
    """A query on one of our stand-in models naming a field it lacks (InvenTree's may have it).

    Django's FieldError lists the model's fields ("Choices are: ..."): the stand-in model with
    exactly those fields is the one queried.
    """
    match = re.match(r"Cannot resolve keyword '([^']+)' into field\. Choices are: (.*)$", message)
    if type(error).__name__ != "FieldError" or match is None:
        return None
    # after django.setup() (setup_standin): Django's apps must be ready
    from django.apps import apps

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


def third_party(h: Harness, name: str) -> MissingModule | None:
    """{"module", "declared", "inventree"} for a missing third-party module, else None."""
    top = name.split(".")[0]

    root = Path(h.import_root)
    own = {*h.spec.get("module_prefix", "").split("."), "plugins"} - {""}
    if (root / top).is_dir() or (root / f"{top}.py").is_file():
        own.add(top)  # the plugin's own package: a missing submodule is the plugin's error
    if top in STANDIN_PACKAGES or top in own or top in {"django", "rest_framework"}:
        return None  # ours or InvenTree's: the recorder / import error says what is missing
    from creator.check.versions import missing_dotted  # only for a missing module

    if missing_dotted(name, h.spec["inventree_version"]) is not None:
        return None  # an InvenTree module this release lacks (`label`): CLS010's finding
    declared = any(
        _requirement_name(r).replace("-", "_").lower() == top.lower()
        for r in h.spec.get("requires") or []
    )
    return {"module": name, "declared": declared, "inventree": top in INVENTREE_PROVIDED}


def _requirement_name(requirement: str) -> str:
    return re.split(r"[\s\[<>=!~;@(]", requirement.strip(), maxsplit=1)[0]
