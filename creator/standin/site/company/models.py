"""Stand-in for ``company.models``: ``Company``, ``ManufacturerPart``, ``SupplierPart``.

Mirrors: ``src/backend/InvenTree/company/models.py``. Fields kept: company name/description/
website/currency and the supplier/customer/manufacturer flags; manufacturer part MPN; supplier
part SKU, link and pack quantity; ``SupplierPart`` has the barcode mixin and InvenTree's API/web
URLs. Also: ``Contact``, ``Address`` and ``SupplierPriceBreak`` (quantity and price of a supplier
part) with their main fields. Left out: images, currency conversion of prices.
"""

from __future__ import annotations

from django.db import models
from InvenTree.fields import InvenTreeModelMoneyField
from InvenTree.helpers import pui_url
from InvenTree.models import InvenTreeBarcodeMixin, InvenTreeModel


class Company(InvenTreeModel):
    name = models.CharField(max_length=100)
    description = models.CharField(max_length=500, blank=True)
    website = models.URLField(blank=True)
    currency = models.CharField(max_length=3, blank=True)
    is_supplier = models.BooleanField(default=True)
    is_customer = models.BooleanField(default=False)
    is_manufacturer = models.BooleanField(default=False)

    class Meta:
        app_label = "company"

    def __str__(self) -> str:
        return self.name


class ManufacturerPart(InvenTreeModel):
    part = models.ForeignKey("part.Part", on_delete=models.CASCADE)
    manufacturer = models.ForeignKey(Company, on_delete=models.CASCADE)
    MPN = models.CharField(max_length=100, blank=True)

    class Meta:
        app_label = "company"


class SupplierPart(InvenTreeBarcodeMixin, InvenTreeModel):
    part = models.ForeignKey("part.Part", on_delete=models.CASCADE, related_name="supplier_parts")
    supplier = models.ForeignKey(Company, on_delete=models.CASCADE, related_name="supplied_parts")
    manufacturer_part = models.ForeignKey(
        ManufacturerPart, null=True, blank=True, on_delete=models.SET_NULL
    )
    SKU = models.CharField(max_length=100)
    link = models.URLField(blank=True)
    pack_quantity = models.CharField(max_length=25, blank=True)

    class Meta:
        app_label = "company"

    def __str__(self) -> str:
        return f"{self.supplier} | {self.SKU}"

    @staticmethod
    def get_api_url() -> str:
        """List endpoint of the model's API (InvenTree reverses its route name)."""
        return "/api/company/part/"

    def get_absolute_url(self) -> str:
        """Page of this object in the web UI."""
        return pui_url(f"/purchasing/supplier-part/{self.id}")


class Contact(InvenTreeModel):
    company = models.ForeignKey(Company, on_delete=models.CASCADE, related_name="contacts")
    name = models.CharField(max_length=100)
    phone = models.CharField(max_length=100, blank=True)
    email = models.EmailField(blank=True)
    role = models.CharField(max_length=100, blank=True)

    class Meta:
        app_label = "company"


class Address(InvenTreeModel):
    company = models.ForeignKey(Company, on_delete=models.CASCADE, related_name="addresses")
    title = models.CharField(max_length=100)
    primary = models.BooleanField(default=False)
    line1 = models.CharField(max_length=50, blank=True)
    line2 = models.CharField(max_length=50, blank=True)
    postal_code = models.CharField(max_length=10, blank=True)
    postal_city = models.CharField(max_length=50, blank=True)
    province = models.CharField(max_length=50, blank=True)
    country = models.CharField(max_length=50, blank=True)

    class Meta:
        app_label = "company"


class SupplierPriceBreak(models.Model):
    part = models.ForeignKey(SupplierPart, on_delete=models.CASCADE, related_name="pricebreaks")
    quantity = models.DecimalField(max_digits=15, decimal_places=5, default=1)
    price = InvenTreeModelMoneyField(null=True)
    updated = models.DateTimeField(auto_now=True, null=True)

    class Meta:
        app_label = "company"
        unique_together = ("part", "quantity")

    def __str__(self) -> str:
        return f"{self.part.SKU} - {self.price} @ {self.quantity}"
