"""Stand-in for ``data_exporter.mixins``: exporting API data to a file.

Mirrors: ``src/backend/InvenTree/data_exporter/mixins.py``. ``DataExportSerializerMixin`` lets a
serializer built with ``exporting=True`` drop ``export_exclude_fields`` (and keep
``export_only_fields``, which are dropped otherwise). ``DataExportViewMixin`` tells whether a
request asks for an export (``export`` in the query or body) and which export plugin it names.
Left out: running the export (the options serializer, the DataOutput file and the background
task): a view that receives an export request in the stand-in answers as a normal list.
"""

from __future__ import annotations

from typing import Any

_TRUE = {"1", "y", "yes", "t", "true", "ok", "on"}


class DataExportSerializerMixin:
    """Serializer mixin: field selection for data export."""

    export_only_fields: list[str] = []
    export_exclude_fields: list[str] = []
    export_child_fields: list[str] = []

    def get_export_only_fields(self, **kwargs: Any) -> list[str]:
        """Fields used only when exporting."""
        return self.export_only_fields

    def get_export_exclude_fields(self, **kwargs: Any) -> list[str]:
        """Fields never exported."""
        return self.export_exclude_fields

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        self._exporting_data = kwargs.pop("exporting", False)
        super().__init__(*args, **kwargs)
        dropped = (
            self.get_export_exclude_fields()
            if self._exporting_data
            else self.get_export_only_fields()
        )
        for name in dropped:
            self.fields.pop(name, None)  # type: ignore[attr-defined]


class DataExportViewMixin:
    """API view mixin: recognise export requests."""

    def is_exporting(self) -> bool:
        """Whether the request asks for ``export``."""
        request = getattr(self, "request", None)
        if request is None:
            return False
        value = request.data.get("export") or request.query_params.get("export")
        return str(value).strip().lower() in _TRUE

    def get_plugin(self, plugin_slug: str | None = None) -> Any:
        """The export plugin the request names (``export_plugin``), if active."""
        from plugin import registry

        request = getattr(self, "request", None)
        if not plugin_slug and request is not None:
            plugin_slug = request.data.get("export_plugin") or request.query_params.get(
                "export_plugin"
            )
        return registry.get_plugin(plugin_slug) if plugin_slug else None
