"""Stand-in for ``order.models``: purchase/sales order headers and line items.

Mirrors: ``src/backend/InvenTree/order/models.py``. Fields kept: reference, description,
status (codes in ``order.status_codes``), supplier/customer, and line items with part and
quantity; both orders have the barcode mixin and InvenTree's API/web URLs. Also: return orders
and their lines, sales order shipments, stock allocations and extra lines (main fields), and the
status classes InvenTree's order.models imports from ``order.status_codes``. Left out: status
workflows, receiving, shipping, pricing and totals.
"""

from __future__ import annotations

from decimal import Decimal
from typing import ClassVar

from django.db import models
from InvenTree.helpers import pui_url
from InvenTree.models import InvenTreeBarcodeMixin, InvenTreeModel

from order.status_codes import (  # noqa: F401  (importable from order.models, as in InvenTree)
    PurchaseOrderStatus,
    PurchaseOrderStatusGroups,
    ReturnOrderLineStatus,
    ReturnOrderStatus,
    ReturnOrderStatusGroups,
    SalesOrderStatus,
    SalesOrderStatusGroups,
)


class Order(InvenTreeBarcodeMixin, InvenTreeModel):
    """What every order has (InvenTree's abstract `Order` base, reduced)."""

    reference = models.CharField(max_length=64)
    description = models.CharField(max_length=250, blank=True)
    status = models.PositiveIntegerField(default=10)

    API_URL: ClassVar[str] = ""
    PAGE: ClassVar[str] = ""

    class Meta:
        abstract = True

    def __str__(self) -> str:
        return self.reference

    @classmethod
    def get_api_url(cls) -> str:
        """List endpoint of the model's API (InvenTree reverses its route name)."""
        return cls.API_URL

    def get_absolute_url(self) -> str:
        """Page of this object in the web UI."""
        return pui_url(f"{self.PAGE}/{self.pk}")


class PurchaseOrder(Order):
    supplier = models.ForeignKey("company.Company", null=True, on_delete=models.SET_NULL)

    API_URL = "/api/order/po/"
    PAGE = "/purchasing/purchase-order"

    class Meta:
        app_label = "order"


class PurchaseOrderLineItem(InvenTreeModel):
    order = models.ForeignKey(PurchaseOrder, on_delete=models.CASCADE, related_name="lines")
    part = models.ForeignKey("company.SupplierPart", null=True, on_delete=models.SET_NULL)
    quantity = models.DecimalField(max_digits=15, decimal_places=5, default=Decimal(1))
    received = models.DecimalField(max_digits=15, decimal_places=5, default=Decimal(0))

    class Meta:
        app_label = "order"


class SalesOrder(Order):
    customer = models.ForeignKey("company.Company", null=True, on_delete=models.SET_NULL)

    API_URL = "/api/order/so/"
    PAGE = "/sales/sales-order"

    class Meta:
        app_label = "order"


class SalesOrderLineItem(InvenTreeModel):
    order = models.ForeignKey(SalesOrder, on_delete=models.CASCADE, related_name="lines")
    part = models.ForeignKey("part.Part", null=True, on_delete=models.SET_NULL)
    quantity = models.DecimalField(max_digits=15, decimal_places=5, default=Decimal(1))

    class Meta:
        app_label = "order"


class SalesOrderShipment(InvenTreeModel):
    order = models.ForeignKey(SalesOrder, on_delete=models.CASCADE, related_name="shipments")
    reference = models.CharField(max_length=100, default="1")
    shipment_date = models.DateField(null=True, blank=True)
    delivery_date = models.DateField(null=True, blank=True)
    tracking_number = models.CharField(max_length=100, blank=True)
    invoice_number = models.CharField(max_length=100, blank=True)
    link = models.URLField(blank=True)
    notes = models.TextField(blank=True, null=True)

    class Meta:
        app_label = "order"

    def is_complete(self) -> bool:
        """Shipped once it has a shipment date."""
        return self.shipment_date is not None


class SalesOrderAllocation(models.Model):
    line = models.ForeignKey(
        SalesOrderLineItem, on_delete=models.CASCADE, related_name="allocations"
    )
    shipment = models.ForeignKey(
        SalesOrderShipment, null=True, blank=True, on_delete=models.CASCADE,
        related_name="allocations",
    )  # fmt: skip
    item = models.ForeignKey(
        "stock.StockItem", on_delete=models.CASCADE, related_name="sales_order_allocations"
    )
    quantity = models.DecimalField(max_digits=15, decimal_places=5, default=Decimal(1))

    class Meta:
        app_label = "order"


class SalesOrderExtraLine(InvenTreeModel):
    order = models.ForeignKey(SalesOrder, on_delete=models.CASCADE, related_name="extra_lines")
    quantity = models.DecimalField(max_digits=15, decimal_places=5, default=Decimal(1))
    reference = models.CharField(max_length=100, blank=True)
    description = models.CharField(max_length=250, blank=True)
    notes = models.CharField(max_length=500, blank=True)

    class Meta:
        app_label = "order"


class ReturnOrder(Order):
    customer = models.ForeignKey("company.Company", null=True, on_delete=models.SET_NULL)

    API_URL = "/api/order/ro/"
    PAGE = "/sales/return-order"

    class Meta:
        app_label = "order"


class ReturnOrderLineItem(InvenTreeModel):
    order = models.ForeignKey(ReturnOrder, on_delete=models.CASCADE, related_name="lines")
    item = models.ForeignKey(
        "stock.StockItem", on_delete=models.CASCADE, related_name="return_order_lines"
    )
    quantity = models.DecimalField(max_digits=15, decimal_places=5, default=Decimal(1))
    outcome = models.PositiveIntegerField(default=10)
    received_date = models.DateField(null=True, blank=True)

    class Meta:
        app_label = "order"
