"""Stand-in for ``InvenTree.models``: the abstract model mixins plugin models reuse.

Mirrors: ``src/backend/InvenTree/InvenTree/models.py``. ``MetadataMixin`` gives a ``metadata``
JSON field with ``get_metadata``/``set_metadata`` (plugins store their own keys there).
``InvenTreeModel`` is ``MetadataMixin`` + ``models.Model``. Left out: tree models (MPTT),
reference-number patterns, notes/attachment/barcode mixins and the plugin validation hooks.
"""

from __future__ import annotations

from typing import Any

from django.db import models


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
