"""Stand-in for ``plugin.base.integration.DataExport`` (``DataExportMixin``).

Mirrors: ``src/backend/InvenTree/plugin/base/integration/DataExport.py`` (spec 2.3). Defaults:
supports every model, passes headers and queryset through, and ``export_data`` returns
``serializer_class(queryset, many=True, exporting=True).data`` like InvenTree (so the serializer
must accept the ``exporting`` keyword, as InvenTree's export serializers do). Left out: the export
view that calls these hooks, the export formats (tablib) and the data-output records.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from plugin.plugin import PluginMixinEnum


class DataExportMixin:
    """Customise tabular data exports."""

    ExportOptionsSerializer: type | None = None

    class MixinMeta:
        MIXIN_NAME = "DataExport"

    def __init__(self) -> None:
        super().__init__()
        self.add_mixin(PluginMixinEnum.EXPORTER.value, True, __class__)  # type: ignore[attr-defined]

    def supports_export(
        self, model_class: type, user: Any, serializer_class: Any = None, view_class: Any = None
    ) -> bool:
        return True

    def generate_filename(self, model_class: type, export_format: str) -> str:
        model = model_class.__name__
        return f"InvenTree_{model}_{date.today().isoformat()}.{export_format}"

    def update_headers(self, headers: dict[str, str], context: dict[str, Any]) -> dict[str, str]:
        return headers

    def filter_queryset(self, queryset: Any) -> Any:
        return queryset

    def export_data(
        self,
        queryset: Any,
        serializer_class: Any,
        headers: dict[str, str],
        context: dict[str, Any],
        output: Any,
        **kwargs: Any,
    ) -> Any:
        """Rows to export: the queryset serialized for export (a list of dicts)."""
        return serializer_class(queryset, many=True, exporting=True).data

    def get_export_options_serializer(self, **kwargs: Any) -> Any:
        cls = getattr(self, "ExportOptionsSerializer", None)
        return cls(**kwargs) if cls else None
