"""Stand-in for ``plugin.base.ui.serializers``: the feature serializer of the UI API.

Mirrors: ``src/backend/InvenTree/plugin/base/ui/serializers.py``. ``key`` and ``source`` are
required and not blank; ``options`` and ``context`` are dicts. A feature that fails here is
dropped by InvenTree's API, so plugin tests can use this to check their feature dicts.
"""

from __future__ import annotations

from rest_framework import serializers


class PluginUIFeatureSerializer(serializers.Serializer):
    plugin_name = serializers.CharField(required=False)
    feature_type = serializers.CharField(required=False)
    key = serializers.CharField(allow_blank=False)
    title = serializers.CharField(required=False, allow_blank=True)
    description = serializers.CharField(required=False, allow_blank=True)
    icon = serializers.CharField(required=False, allow_blank=True)
    options = serializers.DictField(required=False, allow_null=True, default=None)
    context = serializers.DictField(required=False, allow_null=True, default=None)
    source = serializers.CharField(allow_blank=False)
