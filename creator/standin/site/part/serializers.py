"""Stand-in for ``part.serializers``: the brief Part serializer plugins embed.

Mirrors: ``src/backend/InvenTree/part/serializers.py``. ``PartBriefSerializer`` with the fields
our ``Part`` has (pk, IPN, name, full_name, description, category, units, active and the
assembly/component/purchaseable/salable/trackable/virtual flags) and the ``pricing`` keyword
(InvenTree adds pricing_min/pricing_max, which our model has no pricing for: always null).
``PartCategorySerializer``-style and the full ``PartSerializer`` are not modelled.
"""

from __future__ import annotations

from typing import Any

from InvenTree.serializers import InvenTreeModelSerializer
from rest_framework import serializers

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
