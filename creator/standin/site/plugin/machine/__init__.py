"""Stand-in for ``plugin.machine``: machine type and driver base classes.

Mirrors: ``src/backend/InvenTree/machine/machine_type.py`` (exposed to plugins as
``plugin.machine``). ``BaseDriver`` and ``BaseMachineType`` carry SLUG/NAME/DESCRIPTION and
``MACHINE_SETTINGS``; ``check_required()`` reports missing required attributes the way
InvenTree's class validation does (INVE-E12 in the machine registry). Left out: the machine
registry, ``MachineConfig`` rows, machine settings storage and status handling.
"""

from __future__ import annotations

from typing import Any, ClassVar


class _ClassValidation:
    REQUIRED_ATTRIBUTES: ClassVar[list[str]] = []
    REQUIRED_METHODS: ClassVar[list[str]] = []

    @classmethod
    def check_required(cls) -> list[str]:
        """Names of required attributes that are unset and methods not overridden."""
        missing = [name for name in cls.REQUIRED_ATTRIBUTES if not getattr(cls, name, None)]
        for name in cls.REQUIRED_METHODS:
            method = getattr(cls, name, None)
            if method is None or getattr(method, "__isabstractmethod_standin__", False):
                missing.append(name)
        return missing


def _abstract(func: Any) -> Any:
    func.__isabstractmethod_standin__ = True
    return func


class BaseDriver(_ClassValidation):
    """Base of a machine driver: a plugin-provided implementation of a machine type."""

    SLUG: str
    NAME: str
    DESCRIPTION: str
    MACHINE_SETTINGS: ClassVar[dict[str, dict[str, Any]]] = {}
    machine_type: str
    REQUIRED_ATTRIBUTES: ClassVar[list[str]] = ["SLUG", "NAME", "DESCRIPTION", "machine_type"]

    def __init__(self) -> None:
        self.errors: list[str] = []

    def init_driver(self) -> None:
        """Called once when the driver is loaded."""

    def init_machine(self, machine: Any) -> None:
        """Called for each machine that uses this driver."""

    def update_machine(self, old_machine_state: dict[str, Any], machine: Any) -> None:
        """Called when a machine's config changes."""

    def restart_machine(self, machine: Any) -> None:
        """Called on a restart request."""

    def get_machines(self, **kwargs: Any) -> list[Any]:
        raise NotImplementedError("stand-in: the machine registry is not modelled")

    def handle_error(self, error: Exception | str) -> None:
        self.errors.append(str(error))


class BaseMachineType(_ClassValidation):
    """Base of a machine type (e.g. label printer)."""

    SLUG: str
    NAME: str
    DESCRIPTION: str
    base_driver: type[BaseDriver]
    MACHINE_SETTINGS: ClassVar[dict[str, dict[str, Any]]] = {}
    MACHINE_STATUS: Any = None
    REQUIRED_ATTRIBUTES: ClassVar[list[str]] = ["SLUG", "NAME", "DESCRIPTION", "base_driver"]


__all__ = ["BaseDriver", "BaseMachineType"]
