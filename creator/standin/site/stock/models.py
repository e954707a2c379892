"""Stand-in for ``stock.models``: ``StockLocation`` and ``StockItem`` as real Django models.

Mirrors: ``src/backend/InvenTree/stock/models.py``. Fields kept: location name/description/
parent; item part, quantity, location, serial, batch, status, plus metadata. ``in_stock`` is
True while quantity > 0. Left out: tracking history, allocations, serial-number logic, status
codes, expiry and the plugin validation hooks.
"""

from __future__ import annotations

from decimal import Decimal

from django.db import models
from InvenTree.models import InvenTreeModel


class StockLocation(InvenTreeModel):
    name = models.CharField(max_length=100)
    description = models.CharField(max_length=250, blank=True)
    parent = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.CASCADE, related_name="children"
    )

    class Meta:
        app_label = "stock"

    def __str__(self) -> str:
        return self.name


class StockItem(InvenTreeModel):
    part = models.ForeignKey("part.Part", on_delete=models.CASCADE, related_name="stock_items")
    quantity = models.DecimalField(max_digits=15, decimal_places=5, default=Decimal(1))
    location = models.ForeignKey(
        StockLocation, null=True, blank=True, on_delete=models.SET_NULL, related_name="stock_items"
    )
    serial = models.CharField(max_length=100, blank=True, null=True)
    batch = models.CharField(max_length=100, blank=True, null=True)
    status = models.PositiveIntegerField(default=10)

    class Meta:
        app_label = "stock"

    def __str__(self) -> str:
        return f"{self.quantity} x {self.part}"

    @property
    def in_stock(self) -> bool:
        return self.quantity > 0
