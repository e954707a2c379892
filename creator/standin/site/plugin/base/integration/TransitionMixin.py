"""Stand-in for ``plugin.base.integration.TransitionMixin``.

Mirrors: ``src/backend/InvenTree/plugin/base/integration/TransitionMixin.py``
(docs/design/mixins.md). ``TRANSITION_HANDLERS`` must be a list of
``generic.states.TransitionMethod`` instances: a non-list raises TypeError in
``get_transition_handlers`` (which ``has_transition_handlers`` turns into False); other items are
skipped with a warning.
"""

from __future__ import annotations

import logging

from generic.states import TransitionMethod

from plugin.plugin import PluginMixinEnum

logger = logging.getLogger("inventree")


class TransitionMixin:
    """Hook into status changes of orders/builds/stock."""

    TRANSITION_HANDLERS: list[TransitionMethod] = []

    class MixinMeta:
        MIXIN_NAME = "StateTransition"

    def __init__(self) -> None:
        super().__init__()
        self.add_mixin(
            PluginMixinEnum.STATE_TRANSITION.value,
            "has_transition_handlers",
            __class__,  # type: ignore[name-defined]
        )

    def get_transition_handlers(self) -> list[TransitionMethod]:
        handlers = getattr(self, "TRANSITION_HANDLERS", None) or []
        if not isinstance(handlers, list):
            raise TypeError("TRANSITION_HANDLERS must be a list")
        valid = []
        for handler in handlers:
            if isinstance(handler, TransitionMethod):
                valid.append(handler)
            else:
                logger.warning("Invalid transition handler type: %r", handler)
        return valid

    @property
    def has_transition_handlers(self) -> bool:
        try:
            return bool(self.get_transition_handlers())
        except TypeError:
            return False
