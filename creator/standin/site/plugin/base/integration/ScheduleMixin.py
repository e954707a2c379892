"""Stand-in for ``plugin.base.integration.ScheduleMixin``.

Mirrors: ``src/backend/InvenTree/plugin/base/integration/ScheduleMixin.py`` (docs/design/mixins.md).
Validation happens at ACTIVATION (``register_tasks``), not in ``__init__``, exactly like
InvenTree. Registered tasks are kept in ``plugin.registry.registry.scheduled_tasks`` (name ->
schedule dict) instead of ``django_q.Schedule`` rows; nothing is ever executed on a timer.
"""

from __future__ import annotations

from typing import Any

from plugin.helpers import MixinImplementationError
from plugin.plugin import PluginMixinEnum


class ScheduleMixin:
    """Periodic tasks declared in ``SCHEDULED_TASKS`` (or ``get_scheduled_tasks()``)."""

    ALLOWABLE_SCHEDULE_TYPES = ["I", "H", "D", "W", "M", "Q", "Y"]
    SCHEDULED_TASKS: dict[str, dict[str, Any]] = {}

    class MixinMeta:
        MIXIN_NAME = "Schedule"

    def __init__(self) -> None:
        super().__init__()
        self.scheduled_tasks: dict[str, dict[str, Any]] = {}
        self.add_mixin(PluginMixinEnum.SCHEDULE.value, "has_scheduled_tasks", __class__)  # type: ignore[attr-defined]

    def get_scheduled_tasks(self) -> dict[str, dict[str, Any]]:
        """Override for dynamic schedules."""
        return getattr(self, "SCHEDULED_TASKS", {})

    @property
    def has_scheduled_tasks(self) -> bool:
        return bool(self.get_scheduled_tasks())

    def validate_scheduled_tasks(self) -> None:
        """Raise MixinImplementationError for the first malformed task."""
        if not self.has_scheduled_tasks:
            raise MixinImplementationError("SCHEDULED_TASKS not defined")
        for key, task in self.scheduled_tasks.items():
            if "func" not in task:
                raise MixinImplementationError(f"Task '{key}' is missing 'func' parameter")
            if "schedule" not in task:
                raise MixinImplementationError(f"Task '{key}' is missing 'schedule' parameter")
            schedule = str(task["schedule"]).upper().strip()
            if schedule not in self.ALLOWABLE_SCHEDULE_TYPES:
                raise MixinImplementationError(
                    f"Task '{key}': Schedule '{schedule}' is not a valid option"
                )
            if schedule == "I" and "minutes" not in task:
                raise MixinImplementationError(f"Task '{key}' is missing 'minutes' parameter")

    def get_task_name(self, key: str) -> str:
        return f"plugin.{self.plugin_slug()}.{key}"  # type: ignore[attr-defined]

    def get_task_names(self) -> list[str]:
        return [self.get_task_name(key) for key in self.scheduled_tasks]

    def register_tasks(self) -> dict[str, dict[str, Any]]:
        """Validate and record the schedules as InvenTree would store them."""
        from plugin.registry import registry

        self.scheduled_tasks = self.get_scheduled_tasks()
        self.validate_scheduled_tasks()
        stored: dict[str, dict[str, Any]] = {}
        for key, task in self.scheduled_tasks.items():
            entry: dict[str, Any] = {
                "name": self.get_task_name(key),
                "schedule_type": task["schedule"],  # raw value, as InvenTree stores it
                "minutes": task.get("minutes"),
                "repeats": task.get("repeats", -1),
            }
            func = str(task["func"]).strip()
            if "." in func:
                entry["func"] = func
            else:
                entry["func"] = "plugin.registry.call_plugin_function"
                entry["args"] = f"'{self.plugin_slug()}', '{func}'"  # type: ignore[attr-defined]
            stored[entry["name"]] = entry
        registry.scheduled_tasks.update(stored)
        return stored

    def unregister_tasks(self) -> None:
        from plugin.registry import registry

        for name in self.get_task_names():
            registry.scheduled_tasks.pop(name, None)
