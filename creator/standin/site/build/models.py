"""Stand-in for ``build.models``: ``Build`` and ``BuildLine``.

Mirrors: ``src/backend/InvenTree/build/models.py``. Fields kept: reference, title, part,
quantity, status (codes in ``build.status_codes``); a build line's BOM part and quantity.
``Build`` has the barcode mixin and InvenTree's API/web URLs; ``BuildItem`` allocates a
quantity of a stock item to a build line. Left out: outputs, allocation rules, completion,
tracking and BOM expansion.
"""

from __future__ import annotations

from decimal import Decimal

from django.db import models
from InvenTree.helpers import pui_url
from InvenTree.models import InvenTreeBarcodeMixin, InvenTreeModel


class Build(InvenTreeBarcodeMixin, InvenTreeModel):
    reference = models.CharField(max_length=64)
    title = models.CharField(max_length=100, blank=True)
    part = models.ForeignKey("part.Part", on_delete=models.CASCADE, related_name="builds")
    quantity = models.DecimalField(max_digits=15, decimal_places=5, default=Decimal(1))
    status = models.PositiveIntegerField(default=10)

    class Meta:
        app_label = "build"

    def __str__(self) -> str:
        return self.reference

    @staticmethod
    def get_api_url() -> str:
        """List endpoint of the model's API (InvenTree reverses its route name)."""
        return "/api/build/"

    def get_absolute_url(self) -> str:
        """Page of this object in the web UI."""
        return pui_url(f"/manufacturing/build-order/{self.id}")


class BuildLine(InvenTreeModel):
    build = models.ForeignKey(Build, on_delete=models.CASCADE, related_name="build_lines")
    part = models.ForeignKey("part.Part", on_delete=models.CASCADE)
    quantity = models.DecimalField(max_digits=15, decimal_places=5, default=Decimal(1))

    class Meta:
        app_label = "build"


class BuildItem(InvenTreeModel):
    build_line = models.ForeignKey(
        BuildLine, null=True, on_delete=models.CASCADE, related_name="allocations"
    )
    stock_item = models.ForeignKey(
        "stock.StockItem", on_delete=models.CASCADE, related_name="allocations"
    )
    quantity = models.DecimalField(max_digits=15, decimal_places=5, default=Decimal(1))
    install_into = models.ForeignKey(
        "stock.StockItem", null=True, blank=True, on_delete=models.SET_NULL,
        related_name="items_to_install",
    )  # fmt: skip

    class Meta:
        app_label = "build"

    @property
    def build(self) -> Build | None:
        """The build this allocation is for."""
        return self.build_line.build if self.build_line else None
