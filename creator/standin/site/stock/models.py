"""Stand-in for ``stock.models``: ``StockLocation`` and ``StockItem`` as real Django models.

Mirrors: ``src/backend/InvenTree/stock/models.py``. Fields kept: location name/description/
parent/location_type/structural/external; ``StockLocationType`` name/description/icon; item
part, quantity, location, serial, batch, status, plus metadata. ``in_stock`` is
True while quantity > 0. Both models have the barcode mixin
(``InvenTree.models.InvenTreeBarcodeMixin``) and InvenTree's API/web URLs; status codes are in
``stock.status_codes``. ``StockItemTracking`` (a history entry: item, tracking_type code,
date, notes, user, deltas) and ``StockItemTestResult`` (item, template, result, value, notes,
date, user) have their main fields. Left out: writing history on stock changes, allocations,
serial-number logic, expiry and the plugin validation hooks.
"""

from __future__ import annotations

from decimal import Decimal

from django.db import models
from InvenTree.helpers import pui_url
from InvenTree.models import InvenTreeBarcodeMixin, InvenTreeModel


class StockLocationType(InvenTreeModel):
    name = models.CharField(max_length=100)
    description = models.CharField(max_length=250, blank=True)
    icon = models.CharField(max_length=100, blank=True)

    class Meta:
        app_label = "stock"

    def __str__(self) -> str:
        return self.name


class StockLocation(InvenTreeBarcodeMixin, InvenTreeModel):
    name = models.CharField(max_length=100)
    description = models.CharField(max_length=250, blank=True)
    parent = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.CASCADE, related_name="children"
    )
    location_type = models.ForeignKey(
        StockLocationType,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="stock_locations",
    )
    structural = models.BooleanField(default=False)
    external = models.BooleanField(default=False)

    class Meta:
        app_label = "stock"

    def __str__(self) -> str:
        return self.name

    @staticmethod
    def get_api_url() -> str:
        """List endpoint of the model's API (InvenTree reverses its route name)."""
        return "/api/stock/location/"

    def get_absolute_url(self) -> str:
        """Page of this object in the web UI."""
        return pui_url(f"/stock/location/{self.id}")


class StockItem(InvenTreeBarcodeMixin, InvenTreeModel):
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

    @staticmethod
    def get_api_url() -> str:
        """List endpoint of the model's API (InvenTree reverses its route name)."""
        return "/api/stock/"

    def get_absolute_url(self) -> str:
        """Page of this object in the web UI."""
        return pui_url(f"/stock/item/{self.id}")

    @property
    def in_stock(self) -> bool:
        return self.quantity > 0


class StockItemTracking(models.Model):
    item = models.ForeignKey(
        StockItem, null=True, on_delete=models.CASCADE, related_name="tracking_info"
    )
    tracking_type = models.IntegerField(default=0)
    date = models.DateTimeField(auto_now_add=True)
    notes = models.CharField(max_length=512, blank=True, null=True)
    user = models.ForeignKey("auth.User", null=True, blank=True, on_delete=models.SET_NULL)
    deltas = models.JSONField(null=True, blank=True)

    class Meta:
        app_label = "stock"


class StockItemTestResult(InvenTreeModel):
    stock_item = models.ForeignKey(StockItem, on_delete=models.CASCADE, related_name="test_results")
    template = models.ForeignKey(
        "part.PartTestTemplate", on_delete=models.CASCADE, related_name="test_results"
    )
    result = models.BooleanField(default=False)
    value = models.CharField(max_length=500, blank=True)
    attachment = models.FileField(upload_to="test_results", blank=True, null=True)
    notes = models.CharField(max_length=500, blank=True)
    user = models.ForeignKey("auth.User", null=True, blank=True, on_delete=models.SET_NULL)
    date = models.DateTimeField(auto_now_add=True)

    class Meta:
        app_label = "stock"

    @property
    def key(self) -> str:
        """The test's key (from its template)."""
        return self.template.key
