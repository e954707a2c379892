"""Stand-in for ``InvenTree.permissions``: the ``auth_exempt`` view decorator.

Mirrors: ``src/backend/InvenTree/InvenTree/permissions.py``. Only ``auth_exempt`` (which marks a
view so InvenTree's auth middleware lets it through) is modelled; InvenTree's role-based
permission classes are absent. The stand-in has no auth middleware, so the mark changes
nothing at request time here.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TypeVar

F = TypeVar("F", bound=Callable[..., object])


def auth_exempt(view_func: F) -> F:
    """Mark a view as not requiring authentication."""
    view_func.auth_exempt = True  # type: ignore[attr-defined]
    return view_func
