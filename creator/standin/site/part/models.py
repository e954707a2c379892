"""Stand-in for ``part.models``: ``PartCategory`` and ``Part`` as real Django models.

Mirrors: ``src/backend/InvenTree/part/models.py``. Fields kept: category
name/description/parent; part name, IPN, description, active, category, units, plus the metadata
JSON field and the component/purchaseable/salable/trackable/virtual/assembly flags; parameters
as in 1.1 (``PartParameterTemplate`` name/units/description/checkbox/choices/enabled,
``PartParameter`` part/template/data/data_numeric/note: InvenTree 1.0 and 1.1 only; from 1.2 on
parameters are ``common.models.Parameter``), ``PartCategoryParameterTemplate`` (category,
template, default value), ``PartRelated`` (part_1, part_2, note), ``PartTestTemplate``,
``BomItem`` and ``BomItemSubstitute`` (main fields), ``PartPricing`` (currency and overall
min/max only). Left out: pricing updates, stock totals, revisions, images and the validation
hooks into plugins. ``Part`` has the barcode mixin (``InvenTree.models.InvenTreeBarcodeMixin``)
and InvenTree's API/web URLs.
"""

from __future__ import annotations

from django.db import models
from InvenTree.helpers import pui_url
from InvenTree.models import InvenTreeBarcodeMixin, InvenTreeModel
from InvenTree.version import inventreeVersionTuple


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


if tuple(inventreeVersionTuple()) < (1, 2, 0):
    # Before the parameter rework: part-only parameters (common.models.Parameter* since 1.2).

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
    if tuple(inventreeVersionTuple()) < (1, 2, 0):
        parameter_template = models.ForeignKey(
            PartParameterTemplate, on_delete=models.CASCADE, related_name="part_categories"
        )
    else:
        template = models.ForeignKey(
            "common.ParameterTemplate", on_delete=models.CASCADE, related_name="part_categories"
        )
    default_value = models.CharField(max_length=500, blank=True)

    class Meta:
        app_label = "part"


class PartRelated(InvenTreeModel):
    part_1 = models.ForeignKey(Part, on_delete=models.CASCADE, related_name="related_parts_1")
    part_2 = models.ForeignKey(Part, on_delete=models.CASCADE, related_name="related_parts_2")
    note = models.CharField(max_length=500, blank=True)

    class Meta:
        app_label = "part"


class PartTestTemplate(InvenTreeModel):
    part = models.ForeignKey(Part, on_delete=models.CASCADE, related_name="test_templates")
    test_name = models.CharField(max_length=100)
    key = models.CharField(max_length=100, blank=True)
    description = models.CharField(max_length=100, blank=True, null=True)
    enabled = models.BooleanField(default=True)
    required = models.BooleanField(default=True)
    requires_value = models.BooleanField(default=False)
    requires_attachment = models.BooleanField(default=False)
    choices = models.CharField(max_length=5000, blank=True)

    class Meta:
        app_label = "part"

    def __str__(self) -> str:
        return self.test_name

    def save(self, *args: object, **kwargs: object) -> None:
        """The key is the test name, lower case, letters and digits only (as InvenTree)."""
        self.key = "".join(c for c in self.test_name.lower() if c.isalnum())
        super().save(*args, **kwargs)


class BomItem(InvenTreeModel):
    part = models.ForeignKey(Part, on_delete=models.CASCADE, related_name="bom_items")
    sub_part = models.ForeignKey(Part, on_delete=models.CASCADE, related_name="used_in")
    quantity = models.DecimalField(max_digits=15, decimal_places=5, default=1)
    reference = models.CharField(max_length=5000, blank=True)
    note = models.CharField(max_length=500, blank=True)
    optional = models.BooleanField(default=False)
    consumable = models.BooleanField(default=False)
    allow_variants = models.BooleanField(default=False)
    inherited = models.BooleanField(default=False)
    validated = models.BooleanField(default=False)

    class Meta:
        app_label = "part"

    def __str__(self) -> str:
        return f"{self.quantity} x {self.sub_part.name} to make {self.part.name}"


class BomItemSubstitute(InvenTreeModel):
    bom_item = models.ForeignKey(BomItem, on_delete=models.CASCADE, related_name="substitutes")
    part = models.ForeignKey(Part, on_delete=models.CASCADE, related_name="substitute_items")

    class Meta:
        app_label = "part"


class PartPricing(models.Model):
    part = models.OneToOneField(Part, on_delete=models.CASCADE, related_name="pricing_data")
    currency = models.CharField(max_length=10, blank=True)
    overall_min = models.DecimalField(max_digits=19, decimal_places=6, null=True, blank=True)
    overall_max = models.DecimalField(max_digits=19, decimal_places=6, null=True, blank=True)
    updated = models.DateTimeField(auto_now=True, null=True)

    class Meta:
        app_label = "part"
