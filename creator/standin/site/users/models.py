"""Stand-in for ``users.models``: API tokens and the generic "owner" of objects.

Mirrors: ``src/backend/InvenTree/users/models.py``. ``ApiToken`` is a user's API key with a
name, an optional expiry date, a revoked flag and the date last seen (``expired`` and
``active`` as in InvenTree); in InvenTree it extends DRF's authtoken model, here it is a model
of its own with the same fields. ``Owner`` points at a user or a group through a content type
(``owner_type``/``owner_id``). Both are declared with app label ``users``; the stand-in does
not install that app, so they have no tables: importing, subclassing and referring to them
works, querying them does not. Left out: rulesets (see users.ruleset), user profiles.
"""

from __future__ import annotations

import datetime
import secrets
from typing import Any

from django.db import models
from InvenTree.models import MetadataMixin


class ApiToken(MetadataMixin, models.Model):
    key = models.CharField(max_length=100, unique=True, default=secrets.token_hex)
    user = models.ForeignKey("auth.User", on_delete=models.CASCADE, related_name="api_tokens")
    name = models.CharField(max_length=100, blank=True)
    created = models.DateTimeField(auto_now_add=True)
    expiry = models.DateField(null=True, blank=True)
    last_seen = models.DateField(null=True, blank=True)
    revoked = models.BooleanField(default=False)

    class Meta:
        app_label = "users"

    @property
    def expired(self) -> bool:
        """True once the expiry date has passed."""
        return self.expiry is not None and self.expiry < datetime.date.today()

    @property
    def active(self) -> bool:
        """Neither revoked nor expired."""
        return not self.revoked and not self.expired


class Owner(models.Model):
    owner_type = models.ForeignKey(
        "contenttypes.ContentType", on_delete=models.CASCADE, null=True, blank=True
    )
    owner_id = models.PositiveIntegerField(null=True, blank=True)

    class Meta:
        app_label = "users"

    @property
    def owner(self) -> Any:
        """The user or group this owner stands for."""
        if self.owner_type is None:
            return None
        return self.owner_type.get_object_for_this_type(pk=self.owner_id)

    def name(self) -> str:
        """The owner's display name."""
        return str(self.owner)

    def label(self) -> str:
        """'user' or 'group'."""
        return self.owner_type.model if self.owner_type else ""
