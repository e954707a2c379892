"""Stand-in for ``plugin.base.event.mixins`` (``EventMixin``).

Mirrors: ``src/backend/InvenTree/plugin/base/event/mixins.py`` (docs/design/mixins.md).
``process_event`` must be overridden. ``plugin.base.event.events.trigger_event`` is NOT modelled (no
worker); tests call ``process_event`` directly.
"""

from __future__ import annotations

from typing import Any

from plugin.helpers import MixinNotImplementedError
from plugin.plugin import PluginMixinEnum


class EventMixin:
    """React to InvenTree events (``<table>.created``, ``.saved``, ``.deleted`` ...)."""

    class MixinMeta:
        MIXIN_NAME = "Events"

    def __init__(self) -> None:
        super().__init__()
        self.add_mixin(PluginMixinEnum.EVENTS.value, True, __class__)  # type: ignore[attr-defined]

    def wants_process_event(self, event: str) -> bool:
        """Filter before ``process_event`` is offloaded; default True."""
        return True

    def process_event(self, event: str, *args: Any, **kwargs: Any) -> None:
        raise MixinNotImplementedError
