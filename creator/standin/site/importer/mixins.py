"""Stand-in for ``importer.mixins``: marking a DRF serializer as usable for data import.

Mirrors: ``src/backend/InvenTree/importer/mixins.py``. A serializer built with
``importing=True`` keeps only its importable fields (writable ones, minus
``import_exclude_fields``, plus ``import_only_fields``). Left out: the import session models.
"""

from __future__ import annotations

from typing import Any


class DataImportSerializerMixin:
    """Serializer mixin: field selection for data import."""

    import_only_fields: list[str] = []
    import_exclude_fields: list[str] = []

    def get_import_only_fields(self, **kwargs: Any) -> list[str]:
        """Fields used only when importing."""
        return self.import_only_fields

    def get_import_exclude_fields(self, **kwargs: Any) -> list[str]:
        """Fields never imported."""
        return self.import_exclude_fields

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        self._is_importing = kwargs.pop("importing", False)
        super().__init__(*args, **kwargs)
        if self._is_importing:
            keep = set(self.get_importable_fields())
            for name in list(self.fields):  # type: ignore[attr-defined]
                if name not in keep:
                    self.fields.pop(name, None)  # type: ignore[attr-defined]
        else:
            for name in self.get_import_only_fields():
                self.fields.pop(name, None)  # type: ignore[attr-defined]

    def get_importable_fields(self) -> dict[str, Any]:
        """Writable fields that take part in an import, by name."""
        excluded = set(self.get_import_exclude_fields())
        return {
            name: field
            for name, field in self.fields.items()  # type: ignore[attr-defined]
            if not getattr(field, "read_only", False) and name not in excluded
        }
