"""Stand-in for ``plugin.base.integration.NotificationMixin``.

Mirrors: ``src/backend/InvenTree/plugin/base/integration/NotificationMixin.py``
(docs/design/mixins.md). Left out: InvenTree's notification dispatch that selects targets and calls
the plugins.
"""

from __future__ import annotations

from typing import Any

from plugin.plugin import PluginMixinEnum


class NotificationMixin:
    """Deliver notifications to users through a custom channel."""

    class MixinMeta:
        MIXIN_NAME = PluginMixinEnum.NOTIFICATION.value

    def __init__(self) -> None:
        super().__init__()
        self.add_mixin(PluginMixinEnum.NOTIFICATION.value, True, __class__)  # type: ignore[attr-defined]

    def filter_targets(self, targets: list[Any]) -> list[Any]:
        """Narrow the users to notify; default keeps them all."""
        return targets

    def send_notification(
        self, target: Any, category: str, users: list[Any], context: dict[str, Any]
    ) -> bool:
        """Send; return True if sent. Default sends nothing."""
        return False
