"""Stand-in for ``generic.states``: status code enums and state-transition handlers.

Mirrors: ``src/backend/InvenTree/generic/states/`` (``states.py``, ``transition.py``).
``StatusCode`` members are ``(value, label[, color])`` tuples as in InvenTree; ``TransitionMethod``
is the base of the handlers listed in ``TransitionMixin.TRANSITION_HANDLERS``.
``StateTransitionMixin.handle_transition`` runs the handlers of active plugins in order.
Left out: custom (user-defined) states, the ``ColorEnum``-to-CSS mapping and the API.
"""

from __future__ import annotations

import enum
from collections.abc import Callable
from typing import Any


class ColorEnum(enum.Enum):
    """Display colours a status can use."""

    primary = "primary"
    secondary = "secondary"
    success = "success"
    danger = "danger"
    warning = "warning"
    info = "info"
    dark = "dark"


class StatusCode(enum.Enum):
    """Base for status enums; a member is ``(value, label)`` or ``(value, label, color)``."""

    def __new__(cls, *args: Any) -> StatusCode:
        obj = object.__new__(cls)
        obj._value_ = args[0]
        obj.label = args[1] if len(args) > 1 else str(args[0])  # type: ignore[attr-defined]
        obj.color = args[2] if len(args) > 2 else ColorEnum.secondary  # type: ignore[attr-defined]
        return obj

    @classmethod
    def items(cls) -> list[tuple[Any, str]]:
        """``(value, label)`` pairs, like InvenTree's ``StatusCode.items()``."""
        return [(m.value, m.label) for m in cls]  # type: ignore[attr-defined]

    @classmethod
    def keys(cls) -> list[Any]:
        return [m.value for m in cls]

    @classmethod
    def labels(cls) -> list[str]:
        return [m.label for m in cls]  # type: ignore[attr-defined]

    @classmethod
    def text(cls, key: Any) -> str:
        """Label of the member with value ``key``."""
        return cls(key).label  # type: ignore[attr-defined]


class TransitionMethod:
    """Base class of a state-transition handler.

    Subclasses implement ``transition(current_state, target_state, instance, default_action,
    **kwargs) -> bool``: return True when handled (the default action is skipped), False to let
    the default action run; raise ``ValidationError`` to refuse the transition.
    """

    def transition(
        self,
        current_state: Any,
        target_state: Any,
        instance: Any,
        default_action: Callable[..., Any],
        **kwargs: Any,
    ) -> bool:
        raise NotImplementedError("TransitionMethod subclasses must implement transition()")


class StateTransitionMixin:
    """Model mixin that routes a status change through the plugins' transition handlers."""

    def handle_transition(
        self,
        current_state: Any,
        target_state: Any,
        instance: Any,
        default_action: Callable[..., Any],
        **kwargs: Any,
    ) -> Any:
        """Ask each active TransitionMixin plugin's handlers; fall back to ``default_action``."""
        from plugin.registry import registry

        for plugin in registry.with_mixin("statetransition"):
            for handler in plugin.get_transition_handlers():
                if handler.transition(
                    current_state, target_state, instance, default_action, **kwargs
                ):
                    return True
        return default_action(current_state, target_state, instance, **kwargs)


__all__ = ["ColorEnum", "StateTransitionMixin", "StatusCode", "TransitionMethod"]
