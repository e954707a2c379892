"""Stand-in for ``plugin.base.integration.DataExport`` (``DataExportMixin``).

Mirrors: ``src/backend/InvenTree/plugin/base/integration/DataExport.py`` (docs/design/mixins.md).
Defaults: supports every model, passes headers and queryset through, and ``export_data`` returns
``serializer_class(queryset, many=True, exporting=True).data`` like InvenTree (so the serializer
must accept the ``exporting`` keyword, as InvenTree's export serializers do); from 1.2 on it takes
``serializer_context`` and hands it to the serializer as its ``context``. The hooks take the played
release's signature (creator.standin.hooks). Left out: the export
view that calls these hooks, the export formats (tablib) and the data-output records.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from creator.standin.hooks import signature as hook_signature
from creator.standin.hooks import versioned
from plugin.plugin import PluginMixinEnum


def has_serializer_context() -> bool:
    """True from InvenTree 1.2 on: export_data passes the serializer's context."""
    signature = hook_signature("DataExportMixin", "export_data")
    return signature is not None and "serializer_context" in signature.parameters


class DataExportMixin:
    """Customise tabular data exports."""

    ExportOptionsSerializer: type | None = None

    class MixinMeta:
        MIXIN_NAME = "DataExport"

    def __init__(self) -> None:
        super().__init__()
        self.add_mixin(PluginMixinEnum.EXPORTER.value, True, __class__)  # type: ignore[attr-defined]

    @versioned("DataExportMixin")
    def supports_export(
        self,
        model_class: type,
        user: Any,
        serializer_class: Any = None,
        view_class: Any = None,
        *args: Any,
        **kwargs: Any,
    ) -> bool:
        return True

    def generate_filename(self, model_class: type, export_format: str) -> str:
        model = model_class.__name__
        return f"InvenTree_{model}_{date.today().isoformat()}.{export_format}"

    @versioned("DataExportMixin")
    def update_headers(
        self, headers: dict[str, str], context: dict[str, Any], **kwargs: Any
    ) -> dict[str, str]:
        return headers

    def filter_queryset(self, queryset: Any) -> Any:
        return queryset

    @versioned("DataExportMixin")
    def export_data(
        self,
        queryset: Any,
        serializer_class: Any,
        headers: dict[str, str],
        context: dict[str, Any],
        output: Any,
        serializer_context: dict[str, Any] | None = None,
        **kwargs: Any,
    ) -> Any:
        """Rows to export: the queryset serialized for export (a list of dicts)."""
        if has_serializer_context():
            extra = {"context": serializer_context or {}}
            return serializer_class(queryset, many=True, exporting=True, **extra).data
        return serializer_class(queryset, many=True, exporting=True).data

    def get_export_options_serializer(self, **kwargs: Any) -> Any:
        cls = getattr(self, "ExportOptionsSerializer", None)
        return cls(**kwargs) if cls else None
