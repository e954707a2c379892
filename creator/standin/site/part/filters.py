"""Stand-in for ``part.filters``: query annotations of stock totals and allocations per part.

Mirrors: ``src/backend/InvenTree/part/filters.py``. Each function returns a query EXPRESSION
to use in ``.annotate(...)`` on a queryset whose rows reach a part through ``reference`` (''
for parts themselves, 'part__' for rows with a part field), defaulting to 0 when nothing
matches, as InvenTree's do:

* ``annotate_total_stock``: the quantity of the part's stock items in stock (quantity > 0),
  optionally narrowed by a ``filter`` Q on StockItem;
* ``annotate_build_order_allocations``: quantity of stock allocated to active builds;
* ``annotate_sales_order_allocations``: quantity allocated to open sales orders, not shipped;
* ``variant_stock_query`` / ``annotate_variant_quantity``: stock of the part's variants. The
  stand-in's parts have no variant tree, so the query matches no items and the total is 0.

Left out: the other annotations (on order, required, scheduled, category counts).
"""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from django.db.models import DecimalField, FloatField, OuterRef, Q, Subquery, Sum
from django.db.models.functions import Coalesce


def _total(queryset: Any, group: str, field: str = "quantity") -> Any:
    """Coalesce(SUM(field) of `queryset` grouped by `group`, 0)."""
    total = queryset.order_by().values(group).annotate(total=Sum(field)).values("total")
    return Coalesce(Subquery(total), Decimal(0), output_field=DecimalField())


def annotate_total_stock(reference: str = "", filter: Q | None = None) -> Any:
    """Expression: the part's quantity in stock."""
    from stock.models import StockItem

    items = StockItem.objects.filter(part=OuterRef(f"{reference}pk"), quantity__gt=0)
    if filter is not None:
        items = items.filter(filter)
    return _total(items, "part")


def annotate_build_order_allocations(reference: str = "", location: Any = None) -> Any:
    """Expression: the part's stock allocated to active build orders."""
    from build.models import BuildItem
    from build.status_codes import BuildStatusGroups

    allocations = BuildItem.objects.filter(
        stock_item__part=OuterRef(f"{reference}pk"),
        build_line__build__status__in=BuildStatusGroups.ACTIVE_CODES,
    )
    if location is not None:
        allocations = allocations.filter(stock_item__location=location)
    return _total(allocations, "stock_item__part")


def annotate_sales_order_allocations(reference: str = "", location: Any = None) -> Any:
    """Expression: the part's stock allocated to open sales orders and not yet shipped."""
    from order.models import SalesOrderAllocation
    from order.status_codes import SalesOrderStatusGroups

    allocations = SalesOrderAllocation.objects.filter(
        item__part=OuterRef(f"{reference}pk"),
        line__order__status__in=SalesOrderStatusGroups.OPEN,
    ).filter(Q(shipment=None) | Q(shipment__shipment_date=None))
    if location is not None:
        allocations = allocations.filter(item__location=location)
    return _total(allocations, "item__part")


def variant_stock_query(reference: str = "", filter: Q | None = None) -> Any:
    """Stock items of the part's variants (none: the stand-in has no variant tree)."""
    from stock.models import StockItem

    items = StockItem.objects.none()
    return items.filter(filter) if filter is not None else items


def annotate_variant_quantity(subquery: Any, reference: str = "quantity") -> Any:
    """Expression: the summed `reference` of a variant_stock_query, 0 when empty."""
    total = subquery.order_by().annotate(total=Sum(reference)).values("total")
    return Coalesce(Subquery(total[:1]), 0.0, output_field=FloatField())
