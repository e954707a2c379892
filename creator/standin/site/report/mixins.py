"""Stand-in for ``report.mixins``: what models use to offer themselves to reports.

Mirrors: ``src/backend/InvenTree/report/mixins.py``. ``QuerySet`` is a generic placeholder for
type hints in report context definitions (``QuerySet[BomItem]``; at run time a Django queryset
is passed). ``BaseReportContext`` is the TypedDict of what every model context has.
``InvenTreeReportMixin`` is the abstract model mixin whose ``report_context()`` a report or
label of that model renders with (by default the instance itself). Left out:
``report_attribute`` (1.5+) and report documentation helpers.
"""

from __future__ import annotations

from typing import Any, Generic, TypedDict, TypeVar

from django.db import models

_Model = TypeVar("_Model", bound=models.Model, covariant=True)


class QuerySet(Generic[_Model]):
    """Type-hint stand-in for a queryset of ``_Model`` in report contexts."""


class BaseReportContext(TypedDict):
    """The context every reportable model provides."""


class InvenTreeReportMixin(models.Model):
    """Abstract model mixin: the model can be the subject of reports and labels."""

    class Meta:
        abstract = True

    def report_context(self) -> dict[str, Any]:
        """The context a template of this model renders with."""
        return {}
