"""Stand-in for ``plugin.base.integration.ReportMixin``.

Mirrors: ``src/backend/InvenTree/plugin/base/integration/ReportMixin.py`` (docs/design/mixins.md).
Hooks mutate ``context`` in place and default to doing nothing. The third argument is the HTTP
request before InvenTree 1.4 and the user from 1.4 on (parameter ``request`` / ``user``): the hooks
take the played release's signature (creator.standin.hooks). Left out: the report/label renderer
that calls them.
"""

from __future__ import annotations

from typing import Any

from creator.standin.hooks import versioned
from plugin.plugin import PluginMixinEnum


class ReportMixin:
    """Add context to reports and labels; react to generated reports."""

    class MixinMeta:
        MIXIN_NAME = "ReportContext"

    def __init__(self) -> None:
        super().__init__()
        self.add_mixin(PluginMixinEnum.REPORT.value, True, __class__)  # type: ignore[attr-defined]

    @versioned("ReportMixin")
    def add_report_context(self, *args: Any, **kwargs: Any) -> None:
        """Extend the context of a report being rendered."""

    @versioned("ReportMixin")
    def add_label_context(self, *args: Any, **kwargs: Any) -> None:
        """Extend the context of a label being rendered."""

    @versioned("ReportMixin")
    def report_callback(self, *args: Any, **kwargs: Any) -> None:
        """Called after a report has been generated."""
