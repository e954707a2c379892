"""Stand-in for ``part.models``: ``PartCategory`` and ``Part`` as real Django models.

Mirrors: ``src/backend/InvenTree/part/models.py``. Fields kept: category name/description/parent;
part name, IPN, description, active, category, units, plus the metadata JSON field and the
component/purchaseable/salable/trackable/virtual/assembly flags; parameters as in 1.1
(``PartParameterTemplate`` name/units/description/checkbox/choices/enabled, ``PartParameter``
part/template/data/data_numeric/note, ``PartCategoryParameterTemplate`` category/template/
default_value; no unit conversion or selection lists) and ``PartRelated`` (part_1, part_2,
note). Left out: BOMs,
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


class PartParameterTemplate(InvenTreeModel):
    name = models.CharField(max_length=100, unique=True)
    units = models.CharField(max_length=25, blank=True)
    description = models.CharField(max_length=250, blank=True)
    checkbox = models.BooleanField(default=False)
    choices = models.CharField(max_length=5000, blank=True)
    enabled = models.BooleanField(default=True)

    class Meta:
        app_label = "part"

    def __str__(self) -> str:
        return f"{self.name} ({self.units})" if self.units else self.name

    def get_choices(self) -> list[str]:
        """The comma-separated ``choices`` as a list."""
        return [c.strip() for c in self.choices.split(",") if c.strip()]


class PartParameter(InvenTreeModel):
    part = models.ForeignKey(Part, on_delete=models.CASCADE, related_name="parameters")
    template = models.ForeignKey(
        PartParameterTemplate, on_delete=models.CASCADE, related_name="instances"
    )
    data = models.CharField(max_length=500)
    data_numeric = models.FloatField(null=True, blank=True)
    note = models.CharField(max_length=500, blank=True)

    class Meta:
        app_label = "part"
        unique_together = ("part", "template")

    def __str__(self) -> str:
        return f"{self.part.name} : {self.template.name} = {self.data}"

    @property
    def units(self) -> str:
        return self.template.units

    @property
    def name(self) -> str:
        return self.template.name


class PartCategoryParameterTemplate(InvenTreeModel):
    category = models.ForeignKey(
        PartCategory, on_delete=models.CASCADE, related_name="parameter_templates"
    )
    parameter_template = models.ForeignKey(
        PartParameterTemplate, on_delete=models.CASCADE, related_name="part_categories"
    )
    default_value = models.CharField(max_length=500, blank=True)

    class Meta:
        app_label = "part"
        unique_together = ("category", "parameter_template")


class PartRelated(InvenTreeModel):
    part_1 = models.ForeignKey(Part, on_delete=models.CASCADE, related_name="related_parts_1")
    part_2 = models.ForeignKey(Part, on_delete=models.CASCADE, related_name="related_parts_2")
    note = models.CharField(max_length=500, blank=True)

    class Meta:
        app_label = "part"
