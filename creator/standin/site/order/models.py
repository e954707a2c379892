"""Stand-in for ``order.models``: purchase/sales order headers and line items.

Mirrors: ``src/backend/InvenTree/order/models.py``. Fields kept: reference, description,
status (codes in ``order.status_codes``), supplier/customer, and line items with part and
quantity; both orders have the barcode mixin and InvenTree's API/web URLs. Left out: status
workflows, receiving, shipments, allocations, pricing, return orders.
"""

from __future__ import annotations

from decimal import Decimal

from django.db import models
from InvenTree.helpers import pui_url
from InvenTree.models import InvenTreeBarcodeMixin, InvenTreeModel


class PurchaseOrder(InvenTreeBarcodeMixin, InvenTreeModel):
    reference = models.CharField(max_length=64)
    description = models.CharField(max_length=250, blank=True)
    status = models.PositiveIntegerField(default=10)
    supplier = models.ForeignKey("company.Company", null=True, on_delete=models.SET_NULL)

    class Meta:
        app_label = "order"

    def __str__(self) -> str:
        return self.reference

    @staticmethod
    def get_api_url() -> str:
        """List endpoint of the model's API (InvenTree reverses its route name)."""
        return "/api/order/po/"

    def get_absolute_url(self) -> str:
        """Page of this object in the web UI."""
        return pui_url(f"/purchasing/purchase-order/{self.pk}")


class PurchaseOrderLineItem(InvenTreeModel):
    order = models.ForeignKey(PurchaseOrder, on_delete=models.CASCADE, related_name="lines")
    part = models.ForeignKey("company.SupplierPart", null=True, on_delete=models.SET_NULL)
    quantity = models.DecimalField(max_digits=15, decimal_places=5, default=Decimal(1))
    received = models.DecimalField(max_digits=15, decimal_places=5, default=Decimal(0))

    class Meta:
        app_label = "order"


class SalesOrder(InvenTreeBarcodeMixin, InvenTreeModel):
    reference = models.CharField(max_length=64)
    description = models.CharField(max_length=250, blank=True)
    status = models.PositiveIntegerField(default=10)
    customer = models.ForeignKey("company.Company", null=True, on_delete=models.SET_NULL)

    class Meta:
        app_label = "order"

    def __str__(self) -> str:
        return self.reference

    @staticmethod
    def get_api_url() -> str:
        """List endpoint of the model's API (InvenTree reverses its route name)."""
        return "/api/order/so/"

    def get_absolute_url(self) -> str:
        """Page of this object in the web UI."""
        return pui_url(f"/sales/sales-order/{self.pk}")


class SalesOrderLineItem(InvenTreeModel):
    order = models.ForeignKey(SalesOrder, on_delete=models.CASCADE, related_name="lines")
    part = models.ForeignKey("part.Part", null=True, on_delete=models.SET_NULL)
    quantity = models.DecimalField(max_digits=15, decimal_places=5, default=Decimal(1))

    class Meta:
        app_label = "order"
