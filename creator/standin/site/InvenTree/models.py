"""Stand-in for ``InvenTree.models``: the abstract model mixins plugin models reuse.

Mirrors: ``src/backend/InvenTree/InvenTree/models.py``. ``MetadataMixin`` gives a ``metadata``
JSON field with ``get_metadata``/``set_metadata`` (plugins store their own keys there).
``InvenTreeModel`` is ``MetadataMixin`` + ``models.Model``. ``InvenTreeBarcodeMixin`` adds the
``barcode_data``/``barcode_hash`` fields, ``barcode_model_type()`` (lower-case class name),
``format_matched_response()`` and ``lookup_barcode()``; the stand-in models that are
barcode-capable in InvenTree use it. ``format_matched_response()`` returns ``{"pk", "api_url",
"web_url"}`` with InvenTree's URL forms (``api_url`` = the model's list endpoint + ``<pk>/``,
``web_url`` = ``/web/...`` page); the ``"instance"`` entry newer InvenTree adds (the object
serialized by its API detail view) is never present because the stand-in has no API views.
From InvenTree 1.4 on it takes the scanning ``user`` (required) and refuses, with
PermissionDenied, a user without the model's view permission; before 1.4 it takes no argument
(the played release decides which, creator.standin.hooks; this method is not in the facts,
which hold mixin hooks only, so the release is named here).
Left out: tree models (MPTT), reference-number patterns, notes/attachment mixins, the plugin
validation hooks, and of the barcode mixin ``barcode_model_type_code()``, ``format_barcode()``/
``barcode`` (need InvenTree's barcode plugin) and ``assign_barcode``/``unassign_barcode``.
"""

from __future__ import annotations

from typing import Any

from django.core.exceptions import PermissionDenied
from django.db import models

from creator.standin.hooks import at_least


class MetadataMixin(models.Model):
    """A ``metadata`` JSON field with key helpers, as on most InvenTree models."""

    metadata = models.JSONField(blank=True, null=True, default=dict)

    class Meta:
        abstract = True

    def get_metadata(self, key: str, backup_value: Any = None) -> Any:
        """Value stored under ``key``, or ``backup_value``."""
        return (self.metadata or {}).get(key, backup_value)

    def set_metadata(
        self, key: str, data: Any, commit: bool = True, overwrite: bool = False
    ) -> None:
        """Store ``data`` under ``key``; an existing key is kept unless ``overwrite``."""
        if self.metadata is None:
            self.metadata = {}
        if overwrite or key not in self.metadata:
            self.metadata[key] = data
        if commit:
            self.save()


class InvenTreeModel(MetadataMixin):
    """Base for InvenTree's concrete models (metadata only in the stand-in)."""

    class Meta:
        abstract = True


class InvenTreeBarcodeMixin(models.Model):
    """Barcode support of a model: third-party barcode fields and the scan response."""

    barcode_data = models.CharField(blank=True, max_length=500)
    barcode_hash = models.CharField(blank=True, max_length=128)

    class Meta:
        abstract = True

    @classmethod
    def barcode_model_type(cls) -> str:
        """The model's key in barcode results: the lower-case class name."""
        return cls.__name__.lower()

    def _matched_response(self) -> dict[str, Any]:
        """``{"pk", "api_url", "web_url"}`` of this object, as InvenTree answers a scan."""
        data: dict[str, Any] = {"pk": self.pk}
        if hasattr(self, "get_api_url"):
            data["api_url"] = f"{self.get_api_url()}{self.pk}/"
        if hasattr(self, "get_absolute_url"):
            data["web_url"] = self.get_absolute_url()
        return data

    if at_least(1, 4):

        def format_matched_response(self, user: Any, **kwargs: Any) -> dict[str, Any]:
            """The scan response, for a user allowed to view this object (InvenTree 1.4 on)."""
            from users.permissions import check_user_permission

            if not check_user_permission(user, self, "view"):
                raise PermissionDenied("User does not have permission to view this model")
            return self._matched_response()

    else:

        def format_matched_response(self) -> dict[str, Any]:
            """The scan response (InvenTree before 1.4: no user, no permission check)."""
            return self._matched_response()

    @classmethod
    def lookup_barcode(cls, barcode_hash: str) -> Any:
        """The object whose third-party barcode has ``barcode_hash``, or None."""
        return cls._default_manager.filter(barcode_hash=barcode_hash).first()
