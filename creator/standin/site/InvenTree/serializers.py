"""Stand-in for ``InvenTree.serializers``: the serializer base plugins subclass.

Mirrors: ``src/backend/InvenTree/InvenTree/serializers.py``. ``InvenTreeModelSerializer`` is a
plain DRF ``ModelSerializer`` here. Left out: InvenTree's extra model validation on save, the
currency/image/tag/attachment fields and the dynamic "extra fields" machinery.
"""

from __future__ import annotations

from rest_framework import serializers


class InvenTreeModelSerializer(serializers.ModelSerializer):
    """DRF ``ModelSerializer`` (InvenTree's extra validation is not modelled)."""
