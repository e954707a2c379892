"""Stand-in for ``users.authentication``: the API's authentication classes.

Mirrors: ``src/backend/InvenTree/users/authentication.py``. ``ApiTokenAuthentication`` is DRF's
token authentication over ``users.models.ApiToken`` that also rejects revoked and expired tokens
and records the day the token was last seen. ``ExtendedOAuth2Authentication`` is
django-oauth-toolkit's OAuth2 authentication when that package is installed; without it (the
stand-in does not configure an OAuth2 provider) it authenticates nobody, leaving the request to
the other classes.
"""

from __future__ import annotations

import datetime
from typing import Any

from rest_framework import exceptions
from rest_framework.authentication import BaseAuthentication, TokenAuthentication

from users.models import ApiToken


class ApiTokenAuthentication(TokenAuthentication):
    """``Authorization: Token <key>`` with revocation and expiry."""

    model = ApiToken

    def authenticate_credentials(self, key: str) -> tuple[Any, Any]:
        """DRF's check, then: not revoked, not expired; remember today as last seen."""
        user, token = super().authenticate_credentials(key)
        if token.revoked:
            raise exceptions.AuthenticationFailed("Token has been revoked")
        if token.expired:
            raise exceptions.AuthenticationFailed("Token has expired")
        today = datetime.date.today()
        if token.last_seen != today:
            token.last_seen = today
            token.save(update_fields=["last_seen"])
        return user, token


try:
    from oauth2_provider.contrib.rest_framework import OAuth2Authentication as _OAuth2Base
except ImportError:  # no OAuth2 provider next to the stand-in

    class _OAuth2Base(BaseAuthentication):  # type: ignore[no-redef]
        """Authenticates nobody (no OAuth2 provider)."""

        def authenticate(self, request: Any) -> None:
            return None


class ExtendedOAuth2Authentication(_OAuth2Base):  # type: ignore[misc,valid-type]
    """OAuth2 bearer tokens (scope rendering as in InvenTree is not modelled)."""
