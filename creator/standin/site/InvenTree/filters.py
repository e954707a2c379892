"""Stand-in for ``InvenTree.filters``: the DRF filter backends InvenTree's API views use.

Mirrors: ``src/backend/InvenTree/InvenTree/filters.py`` (1.x). Like InvenTree's, it needs
django-filter (``django_filters``), which InvenTree installs; the check installs it when a
plugin imports this module. Provided: ``InvenTreeDateFilter`` (dates as aware datetimes),
``InvenTreeSearchFilter`` (``search_notes``/``search_regex``/``search_whole`` query
parameters), ``InvenTreeOrderingFilter`` (``ordering_field_aliases`` on the view, primary key
appended for a stable order), ``NumberOrNullFilter``, ``NumericInFilter`` and the
``ORDER_FILTER`` / ``SEARCH_ORDER_FILTER`` backend lists (plus the ``*_ALIAS`` names older
releases used). Search-term rewriting for regex/whole-word matching follows InvenTree's
PostgreSQL-flavoured syntax; nothing else is left out.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

import django_filters.rest_framework.backends as drf_backend
import django_filters.rest_framework.filters as rest_filters
from django.conf import settings
from django.core.exceptions import ValidationError
from django.utils import timezone
from rest_framework import filters

from InvenTree.helpers import isNull, str2bool


class InvenTreeDateFilter(rest_filters.DateFilter):
    """A date filter comparing against the start of the day in the current time zone."""

    def filter(self, qs: Any, value: Any) -> Any:
        if value is not None and settings.USE_TZ:
            start = datetime(value.year, value.month, value.day)
            value = timezone.make_aware(start, timezone=timezone.get_current_timezone())
        return super().filter(qs, value)


class InvenTreeSearchFilter(filters.SearchFilter):
    """SearchFilter with InvenTree's extra query parameters."""

    def get_search_fields(self, view: Any, request: Any) -> list[str]:
        fields = list(super().get_search_fields(view, request) or [])
        if str2bool(request.query_params.get("search_notes", False)) and "notes" not in fields:
            fields.append("notes")
        if str2bool(request.query_params.get("search_regex", False)):
            fields = ["$" + name for name in fields]
        return fields

    def get_search_terms(self, request: Any) -> list[str]:
        whole = str2bool(request.query_params.get("search_whole", False))
        terms = []
        for term in super().get_search_terms(request) or []:
            term = term.strip()
            if term:
                terms.append(rf"\y{term}\y" if whole else term)
        return terms


class InvenTreeOrderingFilter(filters.OrderingFilter):
    """OrderingFilter that maps names through the view's ``ordering_field_aliases``."""

    def get_ordering(self, request: Any, queryset: Any, view: Any) -> list[str]:
        requested = super().get_ordering(request, queryset, view) or []
        aliases = getattr(view, "ordering_field_aliases", None)
        lookup = getattr(view, "lookup_field", "pk")
        descending = any(str(name).startswith("-") for name in requested)
        ordering: list[str] = []
        for name in requested:
            sign = "-" if name.startswith("-") else ""
            bare = name.lstrip("-")
            target = aliases.get(bare, bare) if aliases is not None else bare
            if isinstance(target, str):
                target = [target]
            elif not isinstance(target, list | tuple):
                continue
            ordering.extend(sign + item for item in target)
        if lookup and lookup not in ordering and f"-{lookup}" not in ordering:
            ordering.append(f"-{lookup}" if descending else lookup)
        return ordering


class NumberOrNullFilter(rest_filters.NumberFilter):
    """A number filter that also accepts ``null`` (matches NULL)."""

    def filter(self, qs: Any, value: Any) -> Any:
        if value == "null":
            return qs.filter(**{self.field_name: None})
        return super().filter(qs, value)

    @property
    def field(self) -> Any:
        field = super().field
        clean = field.clean

        def clean_or_null(value: Any) -> Any:
            if value is not None and isNull(value):
                return "null"
            return clean(value)

        field.clean = clean_or_null
        return field


class NumericInFilter(rest_filters.BaseInFilter):
    """An ``__in`` filter whose values must all be integers."""

    def filter(self, qs: Any, value: Any) -> Any:
        if not value:
            return qs
        numbers = []
        for item in value:
            try:
                numbers.append(int(item))
            except (TypeError, ValueError):
                raise ValidationError(f"'{item}' is not a valid number") from None
        return super().filter(qs, numbers)


ORDER_FILTER = [drf_backend.DjangoFilterBackend, InvenTreeOrderingFilter]
ORDER_FILTER_ALIAS = ORDER_FILTER

SEARCH_ORDER_FILTER = [
    drf_backend.DjangoFilterBackend,
    InvenTreeSearchFilter,
    InvenTreeOrderingFilter,
]
SEARCH_ORDER_FILTER_ALIAS = SEARCH_ORDER_FILTER

__all__ = [
    "ORDER_FILTER",
    "ORDER_FILTER_ALIAS",
    "SEARCH_ORDER_FILTER",
    "SEARCH_ORDER_FILTER_ALIAS",
    "InvenTreeDateFilter",
    "InvenTreeOrderingFilter",
    "InvenTreeSearchFilter",
    "NumberOrNullFilter",
    "NumericInFilter",
]
