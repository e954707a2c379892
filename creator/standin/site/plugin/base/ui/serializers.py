"""Stand-in for ``plugin.base.ui.serializers``: the feature serializer of the UI API.

Mirrors: ``src/backend/InvenTree/plugin/base/ui/serializers.py``. InvenTree's UI API uses it
to serialize each feature dict as output, without validating it: a missing ``key`` or
``options``/``context`` that are not dicts make serializing fail, and the API drops that
feature; blank values pass. ``source`` is optional here (the frontend needs it).
"""

from __future__ import annotations

from rest_framework import serializers


class PluginUIFeatureSerializer(serializers.Serializer):
    plugin_name = serializers.CharField(required=False)
    feature_type = serializers.CharField(required=False)
    key = serializers.CharField(required=True, allow_blank=False)
    title = serializers.CharField(required=False, allow_blank=True)
    description = serializers.CharField(required=False, allow_blank=True)
    icon = serializers.CharField(required=False, allow_blank=True)
    options = serializers.DictField(required=False, allow_null=True, default=None)
    context = serializers.DictField(required=False, allow_null=True, default=None)
    source = serializers.CharField(required=False, allow_blank=True)
