"""Stand-in for ``plugin.base.integration.MachineMixin`` (``MachineDriverMixin``).

Mirrors: ``src/backend/InvenTree/plugin/base/integration/MachineMixin.py`` (docs/design/mixins.md).
Left out: the machine registry that instantiates the returned types/drivers.
"""

from __future__ import annotations

from typing import Any

from plugin.plugin import PluginMixinEnum


class MachineDriverMixin:
    """Contribute machine types and drivers."""

    class MixinMeta:
        MIXIN_NAME = "MachineDriver"

    def __init__(self) -> None:
        super().__init__()
        self.add_mixin(PluginMixinEnum.MACHINE.value, True, __class__)  # type: ignore[attr-defined]

    def get_machine_types(self) -> list[type[Any]]:
        return []

    def get_machine_drivers(self) -> list[type[Any]]:
        return []
