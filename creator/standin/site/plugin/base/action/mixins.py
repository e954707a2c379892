"""Stand-in for ``plugin.base.action.mixins`` (``ActionMixin``).

Mirrors: ``src/backend/InvenTree/plugin/base/action/mixins.py`` (docs/design/mixins.md). Left out:
the ``/api/action/`` endpoint.
"""

from __future__ import annotations

from typing import Any

from plugin.plugin import PluginMixinEnum


class ActionMixin:
    """Respond to ``/api/action/`` requests."""

    ACTION_NAME = ""

    class MixinMeta:
        MIXIN_NAME = "Actions"

    def __init__(self) -> None:
        super().__init__()
        self.add_mixin(PluginMixinEnum.ACTION.value, True, __class__)  # type: ignore[attr-defined]

    def action_name(self) -> str:
        return self.ACTION_NAME or self.name  # type: ignore[attr-defined]

    def perform_action(self, user: Any = None, data: Any = None) -> None:
        """Do the work; default does nothing."""

    def get_result(self, user: Any = None, data: Any = None) -> bool:
        return False

    def get_info(self, user: Any = None, data: Any = None) -> Any:
        return None

    def get_response(self, user: Any = None, data: Any = None) -> dict[str, Any]:
        return {
            "action": self.action_name(),
            "result": self.get_result(user, data),
            "info": self.get_info(user, data),
        }
