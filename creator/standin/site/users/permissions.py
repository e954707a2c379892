"""Stand-in for ``users.permissions``: the permission checks plugin views call.

Mirrors: ``src/backend/InvenTree/users/permissions.py``. ``check_user_permission`` uses Django's
model permissions (``<app>.<perm>_<model>``); superusers pass everything. InvenTree's role
rulesets are NOT modelled: ``check_user_role`` answers for superusers and inactive/anonymous
users and raises NotImplementedError otherwise, rather than guessing.
"""

from __future__ import annotations

from typing import Any


def check_user_permission(user: Any, model: Any, permission: str) -> bool:
    """True if ``user`` holds Django permission ``permission`` on ``model``."""
    if user is None or not getattr(user, "is_authenticated", False):
        return False
    if user.is_superuser:
        return True
    meta = model._meta
    return bool(user.has_perm(f"{meta.app_label}.{permission}_{meta.model_name}"))


def check_user_role(user: Any, role: str, permission: str) -> bool:
    """Role check: superuser True, anonymous False, anything else is not modelled."""
    if user is None or not getattr(user, "is_authenticated", False):
        return False
    if user.is_superuser:
        return True
    raise NotImplementedError("stand-in: InvenTree role rulesets are not modelled")
