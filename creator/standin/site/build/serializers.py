"""Stand-in for ``build.serializers``: serializers of build orders, lines and allocations.

Mirrors: ``src/backend/InvenTree/build/serializers.py``. ``BuildSerializer``,
``BuildLineSerializer`` and ``BuildItemSerializer`` serialize every field of the stand-in
models and accept InvenTree's ``*_detail`` options (nested details are left out). Left out:
the output, allocation and completion serializers.
"""

from __future__ import annotations

from InvenTree.serializers import _model_serializer

from build import models as build_models

BuildSerializer = _model_serializer(build_models.Build, "BuildSerializer", "A build order.")
BuildLineSerializer = _model_serializer(
    build_models.BuildLine, "BuildLineSerializer", "A required part of a build order."
)
BuildItemSerializer = _model_serializer(
    build_models.BuildItem, "BuildItemSerializer", "Stock allocated to a build line."
)
