"""Stand-in for ``report.helpers``: which models reports and labels can be made for.

Mirrors: ``src/backend/InvenTree/report/helpers.py``. ``report_model_types`` lists the
registered Django models that use ``report.mixins.InvenTreeReportMixin``;
``report_model_from_name`` finds one by lower-case model name; ``report_model_options`` gives
(name, verbose name) choices; the page-size helpers answer with InvenTree's choices (A4, A3,
Legal, Letter) and default (A4). The stand-in's own models do not use the mixin, so only
plugin models that do are listed. Left out: image encoding.
"""

from __future__ import annotations

from typing import Any

PAGE_SIZES = ["A4", "A3", "Legal", "Letter"]


def report_model_types() -> list[Any]:
    """Models that can have reports (subclasses of InvenTreeReportMixin)."""
    from django.apps import apps

    from report.mixins import InvenTreeReportMixin

    return [m for m in apps.get_models() if issubclass(m, InvenTreeReportMixin)]


def report_model_from_name(model_name: str) -> Any:
    """The report model called ``model_name`` (lower case), or None."""
    wanted = (model_name or "").lower().strip()
    for model in report_model_types():
        if model.__name__.lower() == wanted:
            return model
    return None


def report_model_options() -> list[tuple[str, str]]:
    """(model name, verbose name) of every report model."""
    return [(m.__name__.lower(), str(m._meta.verbose_name)) for m in report_model_types()]


def page_sizes() -> list[str]:
    """The page sizes reports may use."""
    return list(PAGE_SIZES)


def report_page_size_options() -> list[tuple[str, str]]:
    """Choices of page size."""
    return [(size, size) for size in PAGE_SIZES]


def report_page_size_default() -> str:
    """The default page size."""
    return "A4"
