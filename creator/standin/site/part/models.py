"""Stand-in for ``part.models``: ``PartCategory`` and ``Part`` as real Django models.

Mirrors: ``src/backend/InvenTree/part/models.py``. Fields kept: category name/description/parent;
part name, IPN, description, active, category, units, plus the metadata JSON field and the
component/purchaseable/salable/trackable/virtual/assembly flags. Left out: BOMs, parameters,
pricing, stock totals, revisions, images and the validation hooks into plugins. ``Part`` has
the barcode mixin (``InvenTree.models.InvenTreeBarcodeMixin``) and InvenTree's API/web URLs.
"""

from __future__ import annotations

from django.db import models
from InvenTree.helpers import pui_url
from InvenTree.models import InvenTreeBarcodeMixin, InvenTreeModel


class PartCategory(InvenTreeModel):
    name = models.CharField(max_length=100)
    description = models.CharField(max_length=250, blank=True)
    parent = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.CASCADE, related_name="children"
    )

    class Meta:
        app_label = "part"

    def __str__(self) -> str:
        return self.name


class Part(InvenTreeBarcodeMixin, InvenTreeModel):
    name = models.CharField(max_length=100)
    IPN = models.CharField(max_length=100, blank=True, null=True)
    description = models.CharField(max_length=250, blank=True)
    active = models.BooleanField(default=True)
    category = models.ForeignKey(
        PartCategory, null=True, blank=True, on_delete=models.SET_NULL, related_name="parts"
    )
    units = models.CharField(max_length=20, blank=True)
    assembly = models.BooleanField(default=False)
    component = models.BooleanField(default=True)
    purchaseable = models.BooleanField(default=True)
    salable = models.BooleanField(default=False)
    trackable = models.BooleanField(default=False)
    virtual = models.BooleanField(default=False)

    class Meta:
        app_label = "part"

    def __str__(self) -> str:
        return self.name

    @staticmethod
    def get_api_url() -> str:
        """List endpoint of the model's API (InvenTree reverses its route name)."""
        return "/api/part/"

    def get_absolute_url(self) -> str:
        """Page of this object in the web UI."""
        return pui_url(f"/part/{self.id}")

    @property
    def full_name(self) -> str:
        """``IPN | name`` when an IPN is set, like InvenTree's default format."""
        return f"{self.IPN} | {self.name}" if self.IPN else self.name
