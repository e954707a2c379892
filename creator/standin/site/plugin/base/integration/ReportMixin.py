"""Stand-in for ``plugin.base.integration.ReportMixin``.

Mirrors: ``src/backend/InvenTree/plugin/base/integration/ReportMixin.py`` (spec 2.3). Hooks
mutate ``context`` in place and default to doing nothing. Left out: the report/label renderer
that calls them.
"""

from __future__ import annotations

from typing import Any

from plugin.plugin import PluginMixinEnum


class ReportMixin:
    """Add context to reports and labels; react to generated reports."""

    class MixinMeta:
        MIXIN_NAME = "ReportContext"

    def __init__(self) -> None:
        super().__init__()
        self.add_mixin(PluginMixinEnum.REPORT.value, True, __class__)  # type: ignore[attr-defined]

    def add_report_context(
        self, report_instance: Any, model_instance: Any, request: Any, context: dict[str, Any]
    ) -> None:
        """Extend the context of a report being rendered."""

    def add_label_context(
        self, label_instance: Any, model_instance: Any, request: Any, context: dict[str, Any]
    ) -> None:
        """Extend the context of a label being rendered."""

    def report_callback(self, template: Any, instance: Any, report: Any, request: Any) -> None:
        """Called after a report has been generated."""
