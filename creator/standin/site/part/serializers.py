"""Stand-in for ``part.serializers``: the brief Part serializer plugins embed.

Mirrors: ``src/backend/InvenTree/part/serializers.py``. ``PartBriefSerializer`` with the fields
our ``Part`` has (pk, IPN, name, full_name, description, category, units, active and the
assembly/component/purchaseable/salable/trackable/virtual flags) and the ``pricing`` keyword
(InvenTree adds pricing_min/pricing_max, which our model has no pricing for: always null).
``CategorySerializer``, ``PartSerializer``, ``PartTestTemplateSerializer``, ``BomItemSerializer``
and ``BomItemSubstituteSerializer`` serialize every field of the stand-in model and accept
InvenTree's ``*_detail`` options (nested details are left out).
"""

from __future__ import annotations

from typing import Any

from InvenTree.serializers import InvenTreeModelSerializer, _model_serializer
from rest_framework import serializers

from part import models as part_models
from part.models import Part


class PartBriefSerializer(InvenTreeModelSerializer):
    """A compact representation of a Part."""

    full_name = serializers.CharField(read_only=True)
    pricing_min = serializers.SerializerMethodField()
    pricing_max = serializers.SerializerMethodField()

    class Meta:
        model = Part
        fields = [
            "pk",
            "IPN",
            "name",
            "full_name",
            "description",
            "category",
            "units",
            "active",
            "assembly",
            "component",
            "purchaseable",
            "salable",
            "trackable",
            "virtual",
            "pricing_min",
            "pricing_max",
        ]
        read_only_fields = fields

    def __init__(self, *args: Any, pricing: bool = True, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if not pricing:
            self.fields.pop("pricing_min", None)
            self.fields.pop("pricing_max", None)

    def get_pricing_min(self, part: Any) -> None:
        return None

    def get_pricing_max(self, part: Any) -> None:
        return None


__all__ = ["PartBriefSerializer"]


CategorySerializer = _model_serializer(
    part_models.PartCategory, "CategorySerializer", "A part category."
)
PartSerializer = _model_serializer(part_models.Part, "PartSerializer", "A part (every field).")
PartTestTemplateSerializer = _model_serializer(
    part_models.PartTestTemplate, "PartTestTemplateSerializer", "A test template of a part."
)
BomItemSerializer = _model_serializer(part_models.BomItem, "BomItemSerializer", "A BOM line.")
BomItemSubstituteSerializer = _model_serializer(
    part_models.BomItemSubstitute, "BomItemSubstituteSerializer", "A substitute part of a BOM line."
)
