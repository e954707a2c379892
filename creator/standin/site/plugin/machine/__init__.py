"""Stand-in for ``plugin.machine``: machine status, machine type and driver base classes.

Mirrors: ``src/backend/InvenTree/machine/machine_type.py`` (exposed to plugins as
``plugin.machine``). ``MachineStatus`` is the ``StatusCode`` base of machine status enums.
``BaseDriver`` and ``BaseMachineType`` carry SLUG/NAME/DESCRIPTION and ``MACHINE_SETTINGS``;
``check_required()`` reports missing required attributes the way InvenTree's class validation
does (INVE-E12 in the machine registry); a machine type also requires ``MACHINE_STATUS`` and
``default_machine_status``.

A machine (an instance of a machine type) keeps InvenTree's per-machine state in memory instead
of the shared cache: ``status`` (a ``MACHINE_STATUS`` member, ``default_machine_status`` until
``set_status`` is called), ``status_text``, ``errors``/``handle_error``/``reset_errors``,
``initialized``, ``restart_required`` and ``properties``/``set_properties``. Its settings live
in a dict: ``get_setting(key, "M"|"D")`` returns the stored value, else the setting's
``default``; ``set_setting`` stores; ``check_settings()`` reports ``required`` settings without
a value. ``initialize()`` checks settings and calls ``driver.init_machine(machine)``, recording
an exception as a machine error; ``restart()`` resets the state and calls
``driver.restart_machine``. Construct a machine with ``MachineType(name=..., driver=...,
settings={(key, "M"|"D"): value}, active=True)`` (InvenTree passes a ``MachineConfig`` row).

Left out: the machine registry (``plugin.machine.registry``; ``get_machines`` raises), the
``MachineConfig``/``MachineSetting`` models and API, driver ``required_overrides`` (the stand-in
checks ``REQUIRED_METHODS``) and ``ping_machines`` scheduling.
"""

from __future__ import annotations

from typing import Any, ClassVar, Literal, TypedDict

from generic.states import StatusCode


class _ClassValidation:
    REQUIRED_ATTRIBUTES: ClassVar[list[str]] = []
    REQUIRED_METHODS: ClassVar[list[str]] = []

    @classmethod
    def check_required(cls) -> list[str]:
        """Names of required attributes that are unset and methods not overridden."""
        # InvenTree: missing when not defined at all, or defined as "".
        missing = [
            name
            for name in cls.REQUIRED_ATTRIBUTES
            if not hasattr(cls, name) or getattr(cls, name) == ""
        ]
        for name in cls.REQUIRED_METHODS:
            method = getattr(cls, name, None)
            if method is None or getattr(method, "__isabstractmethod_standin__", False):
                missing.append(name)
        return missing


def _abstract(func: Any) -> Any:
    func.__isabstractmethod_standin__ = True
    return func


class MachineStatus(StatusCode):
    """Base of machine status enums (1XX ok, 2XX warning, 3XX machine, 4XX driver problem)."""


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

    def ping_machines(self) -> None:
        """Called periodically to check the machines are online (not scheduled by the stand-in)."""

    def get_machines(self, **kwargs: Any) -> list[Any]:
        raise NotImplementedError("stand-in: the machine registry is not modelled")

    def handle_error(self, error: Exception | str) -> None:
        if error not in self.errors:
            self.errors.append(error)  # type: ignore[arg-type]


class BaseMachineType(_ClassValidation):
    """Base of a machine type (e.g. label printer); an instance is one configured machine."""

    SLUG: str
    NAME: str
    DESCRIPTION: str
    base_driver: type[BaseDriver]
    MACHINE_SETTINGS: ClassVar[dict[str, dict[str, Any]]] = {}
    MACHINE_STATUS: type[MachineStatus]
    default_machine_status: MachineStatus
    REQUIRED_ATTRIBUTES: ClassVar[list[str]] = [
        "SLUG",
        "NAME",
        "DESCRIPTION",
        "base_driver",
        "MACHINE_STATUS",
        "default_machine_status",
    ]

    def __init__(
        self,
        machine_config: Any = None,
        *,
        name: str | None = None,
        driver: BaseDriver | None = None,
        settings: dict[tuple[str, str], Any] | None = None,
        active: bool = True,
    ) -> None:
        self.pk = getattr(machine_config, "pk", None)
        self._name = name if name is not None else getattr(machine_config, "name", None)
        self._active = getattr(machine_config, "active", active)
        self._state: dict[str, Any] = {}
        self._settings: dict[tuple[str, str], Any] = dict(settings or {})
        self.driver = driver
        if driver is None:
            self.handle_error("Driver not found")
        elif not isinstance(driver, self.base_driver):
            self.handle_error(f"'{driver.NAME}' is incompatible with machine type '{self.NAME}'")
        self.machine_settings: dict[str, dict[str, Any]] = getattr(self, "MACHINE_SETTINGS", {})
        self.driver_settings: dict[str, dict[str, Any]] = getattr(driver, "MACHINE_SETTINGS", {})

    def __str__(self) -> str:
        return f"{self.name}"

    def __repr__(self) -> str:
        return f"<{self.__class__.__name__}: {self.name}>"

    @property
    def name(self) -> str | None:
        return self._name

    @property
    def active(self) -> bool:
        return bool(self._active)

    # --- hooks
    def initialize(self) -> None:
        """Check required settings, then let the driver set the machine up."""
        if self.driver is None:
            return
        valid, missing = self.check_settings()
        if not valid:
            names = {"M": "MACHINE", "D": "DRIVER"}
            parts = [
                f"{names[kind]} settings: " + ", ".join(keys)
                for kind, keys in missing.items()
                if keys
            ]
            self.handle_error(f"Missing {' and '.join(parts)}")
            return
        try:
            self.driver.init_machine(self)
            self.initialized = True
        except Exception as exc:
            self.handle_error(exc)

    def restart(self) -> None:
        """Reset errors, status and status text, then call the driver's ``restart_machine``."""
        if self.driver is None:
            return
        try:
            self.restart_required = False
            self.reset_errors()
            self.set_status(self.default_machine_status)
            self.set_status_text("")
            self.driver.restart_machine(self)
        except Exception as exc:
            self.handle_error(exc)

    # --- settings
    def _definitions(self, config_type: str) -> dict[str, dict[str, Any]]:
        if config_type not in ("M", "D"):
            raise ValueError(f"config_type must be 'M' or 'D', not {config_type!r}")
        return self.machine_settings if config_type == "M" else self.driver_settings

    def get_setting(self, key: str, config_type_str: str, cache: bool = False) -> Any:
        """Value of machine ("M") or driver ("D") setting ``key`` (its default when unset)."""
        definition = self._definitions(config_type_str).get(key, {})
        return self._settings.get((key, config_type_str), definition.get("default", ""))

    def set_setting(self, key: str, config_type_str: str, value: Any) -> None:
        """Store ``value`` for machine ("M") or driver ("D") setting ``key``."""
        self._definitions(config_type_str)
        self._settings[(key, config_type_str)] = value

    def check_settings(self) -> tuple[bool, dict[str, list[str]]]:
        """``(all required set?, {"M": [missing], "D": [missing]})``."""
        missing: dict[str, list[str]] = {}
        for kind in ("M", "D"):
            missing[kind] = [
                key
                for key, definition in self._definitions(kind).items()
                if definition.get("required") and self.get_setting(key, kind) in (None, "")
            ]
        return all(not keys for keys in missing.values()), missing

    # --- state
    def handle_error(self, error: Exception | str) -> None:
        if error not in self.errors:
            self._state["errors"] = [*self.errors, error]

    def reset_errors(self) -> None:
        self._state["errors"] = []

    def set_status(self, status: MachineStatus) -> None:
        """Set the status (a member of ``MACHINE_STATUS``); only its code is stored."""
        self._state["status"] = status.value

    def set_status_text(self, status_text: str) -> None:
        self._state["status_text"] = status_text

    def set_properties(self, properties: list[dict[str, Any]]) -> None:
        """Store machine properties, filling ``type``/``group``/``max_progress`` defaults."""
        for prop in properties:
            prop.setdefault("type", "str")
            prop.setdefault("group", "")
            if prop["type"] == "progress":
                prop.setdefault("max_progress", 100)
            prop.setdefault("max_progress", None)
        self._state["properties"] = properties

    @property
    def initialized(self) -> bool:
        return self._state.get("initialized", False)

    @initialized.setter
    def initialized(self, value: bool) -> None:
        self._state["initialized"] = value

    @property
    def restart_required(self) -> bool:
        return self._state.get("restart_required", False)

    @restart_required.setter
    def restart_required(self, value: bool) -> None:
        self._state["restart_required"] = value

    @property
    def errors(self) -> list[Exception | str]:
        return self._state.get("errors", [])

    @property
    def status(self) -> MachineStatus:
        """Current status as a ``MACHINE_STATUS`` member."""
        code = self._state.get("status", self.default_machine_status.value)
        return self.MACHINE_STATUS(code)

    @property
    def status_text(self) -> str:
        return self._state.get("status_text", "")

    @property
    def properties(self) -> list[dict[str, Any]]:
        return self._state.get("properties", [])

    @property
    def properties_dict(self) -> dict[str, dict[str, Any]]:
        return {prop["key"]: prop for prop in self.properties}


class MachineProperty(TypedDict, total=False):
    """One entry of ``BaseMachineType.set_properties`` (InvenTree 1.1+).

    ``key`` and ``value`` are what the UI shows; ``group`` groups entries, ``type`` is one of
    ``str``/``bool``/``int``/``float``/``progress`` (``max_progress`` for progress bars). The
    shape is taken from InvenTree's machine documentation and the plugins that use it; a plain
    dict with these keys is accepted the same way (a TypedDict is a dict at run time).
    """

    key: str
    value: str | bool | int | float
    group: str
    type: Literal["str", "bool", "int", "float", "progress"]
    max_progress: int | None


__all__ = ["BaseDriver", "BaseMachineType", "MachineProperty", "MachineStatus"]
