"""Stand-in for ``generic.states``: status code enums and state-transition handlers.

Mirrors: ``src/backend/InvenTree/generic/states/`` (``states.py``, ``transition.py``).
``ColorEnum`` and ``StatusCode`` live in ``generic.states.states`` (see its docstring for the
enum behaviour); ``TransitionMethod`` is the base of the handlers listed in
``TransitionMixin.TRANSITION_HANDLERS``.
``StateTransitionMixin.handle_transition`` runs the handlers of active plugins in order.
Left out: custom (user-defined) states, the ``ColorEnum``-to-CSS mapping and the API.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from generic.states.states import ColorEnum, StatusCode


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
