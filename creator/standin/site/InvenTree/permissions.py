"""Stand-in for ``InvenTree.permissions``: DRF permission classes of InvenTree's API.

Mirrors: ``src/backend/InvenTree/InvenTree/permissions.py``.

* ``auth_exempt`` marks a view so InvenTree's auth middleware lets it through (the stand-in has
  no such middleware: the mark changes nothing at request time here).
* ``RolePermission`` maps the request method to an action (GET/OPTIONS view, POST add,
  PUT/PATCH change, DELETE delete; a view's ``rolemap`` overrides), lets superusers through,
  checks ``role_required`` ("role" or "role.action") with ``users.permissions.check_user_role``
  and otherwise the model of the view's serializer with ``check_user_permission``; a view
  without a serializer model needs no permission. ``RolePermissionOrReadOnly`` also lets any
  authenticated user read.
* The OAuth2 scope classes (``OASTokenMixin``, ``InvenTreeRoleScopeMixin``,
  ``InvenTreeTokenMatchesOASRequirements``) and ``map_scope`` exist with InvenTree's shapes; the
  stand-in has no OAuth2 provider, so no request is OAuth2-authenticated and they fall back to
  the plain permission checks, as InvenTree does for session and token logins.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, TypeVar

from rest_framework import permissions

F = TypeVar("F", bound=Callable[..., object])

DEFAULT_READ = "g:read"
ACTION_MAP = {
    "GET": "view",
    "POST": "add",
    "PUT": "change",
    "PATCH": "change",
    "DELETE": "delete",
    "OPTIONS": DEFAULT_READ,
}


def auth_exempt(view_func: F) -> F:
    """Mark a view as not requiring authentication."""
    view_func.auth_exempt = True  # type: ignore[attr-defined]
    return view_func


def get_model_for_view(view: Any) -> Any:
    """The model an API view works on (from its serializer), or AttributeError."""
    if hasattr(view, "get_permission_model"):
        return view.get_permission_model()
    if hasattr(view, "serializer_class"):
        return view.serializer_class.Meta.model
    if hasattr(view, "get_serializer_class"):
        return view.get_serializer_class().Meta.model
    raise AttributeError(f"no serializer class on {view.__class__}")


def map_scope(
    roles: list[str] | None = None,
    only_read: bool = False,
    read_name: str = DEFAULT_READ,
    map_read: list[str] | None = None,
    map_read_name: str = DEFAULT_READ,
    override_all_actions: str | None = None,
) -> dict[str, list[list[str]]]:
    """HTTP method -> the OAuth2 scopes (alternatives of all-of lists) it requires."""

    def scopes(method: str, action: str) -> list[list[str]]:
        if method == "OPTIONS":
            return [[DEFAULT_READ]]
        if map_read and method in map_read:
            return [[map_read_name]]
        action = override_all_actions or action
        if only_read:
            return [[read_name]]
        if roles:
            return [[f"r:{action}:{role}" for role in roles]]
        return [[action]]

    return {method: scopes(method, action) for method, action in ACTION_MAP.items()}


def _authenticated(request: Any) -> bool:
    return bool(request.user and request.user.is_authenticated)


class OASTokenMixin:
    """Combine a permission class with OAuth2 token scopes (no OAuth2 in the stand-in)."""

    ENFORCE_USER_PERMS: bool = False

    def is_oauth2ed(self, request: Any) -> bool:
        """Whether the request was authenticated by an OAuth2 token (never here)."""
        return False

    def check_oauth2_authentication(self, request: Any, view: Any) -> bool:
        """OAuth2 login with the required scopes (never here)."""
        return False

    def has_permission(self, request: Any, view: Any) -> bool:
        """The OAuth2 check, else the combined class's own check."""
        if not self.ENFORCE_USER_PERMS and self.check_oauth2_authentication(request, view):
            return True
        return super().has_permission(request, view)  # type: ignore[misc]


class InvenTreeRoleScopeMixin(OASTokenMixin):
    """Derive the OAuth2 scopes a request needs from the view's model."""

    def get_required_alternate_scopes(self, request: Any, view: Any) -> dict[str, Any]:
        """Scopes by method: the view's own, else read-only ones."""
        if hasattr(view, "required_alternate_scopes"):
            return view.required_alternate_scopes
        return map_scope(only_read=True)


class InvenTreeTokenMatchesOASRequirements(InvenTreeRoleScopeMixin):
    """InvenTree's default API permission: any authenticated user (scopes for OAuth2 logins)."""

    def has_permission(self, request: Any, view: Any) -> bool:
        """Authenticated users pass (no OAuth2 logins in the stand-in)."""
        return _authenticated(request)

    def has_object_permission(self, request: Any, view: Any, obj: Any) -> bool:
        """Object-level access is not restricted further."""
        return True


class RolePermission(InvenTreeRoleScopeMixin, permissions.BasePermission):
    """The user's role (or model permission) must allow the request's action."""

    def has_permission(self, request: Any, view: Any) -> bool:
        """Superusers pass; else role_required or the view model's permission decides."""
        from users.permissions import check_user_permission, check_user_role

        user = request.user
        if user.is_superuser:
            return True
        rolemap = {**ACTION_MAP, "OPTIONS": "view", **getattr(view, "rolemap", {})}
        action = rolemap[request.method]
        role = getattr(view, "role_required", None)
        if role:
            if "." in role:
                role, action = role.split(".")
            return check_user_role(user, role, action)
        try:
            model = get_model_for_view(view)
        except AttributeError:
            return True
        if model is None:
            return True
        return check_user_permission(user, model, action)


class RolePermissionOrReadOnly(RolePermission):
    """RolePermission, and read access for any authenticated user."""

    def has_permission(self, request: Any, view: Any) -> bool:
        """Safe methods: authenticated users; others: RolePermission."""
        if request.method in permissions.SAFE_METHODS and _authenticated(request):
            return True
        return super().has_permission(request, view)
