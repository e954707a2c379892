"""Stand-in for ``InvenTree.tasks``: running a function in the background.

Mirrors: ``src/backend/InvenTree/InvenTree/tasks.py``. ``offload_task`` accepts a callable or a
dotted path; InvenTree queues it for its django-q worker when one runs and otherwise runs it
at once. The stand-in has no worker, so it always runs the task at once (as InvenTree does in
tests and without workers) and returns True; a dotted path that does not resolve returns False.
Left out: the scheduled-task helpers and the heartbeat/cleanup tasks.
"""

from __future__ import annotations

import importlib
import logging
from collections.abc import Callable
from typing import Any

logger = logging.getLogger("inventree")


def offload_task(
    taskname: str | Callable[..., Any],
    *args: Any,
    force_async: bool = False,
    force_sync: bool = False,
    check_duplicates: bool = True,
    **kwargs: Any,
) -> str | bool:
    """Run ``taskname(*args, **kwargs)`` now (no background worker in the stand-in)."""
    if callable(taskname):
        function = taskname
    else:
        module, _, name = str(taskname).rpartition(".")
        try:
            function = getattr(importlib.import_module(module), name)
        except (ImportError, AttributeError, ValueError):
            logger.warning("WARNING: '%s' not started - function not found", taskname)
            return False
    function(*args, **kwargs)
    return True
