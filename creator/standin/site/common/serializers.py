"""Stand-in for ``common.serializers``: serializers of the shared models.

Mirrors: ``src/backend/InvenTree/common/serializers.py``. ``ProjectCodeSerializer``,
``AttachmentSerializer``, ``DataOutputSerializer`` and, from InvenTree 1.2 on (with the models),
``ParameterTemplateSerializer`` and ``ParameterSerializer`` serialize every field of the
stand-in models. Left out: settings, notification, currency and custom-state serializers.
"""

from __future__ import annotations

from InvenTree.serializers import _model_serializer
from InvenTree.version import inventreeVersionTuple

from common import models as common_models

ProjectCodeSerializer = _model_serializer(
    common_models.ProjectCode, "ProjectCodeSerializer", "A project code."
)
AttachmentSerializer = _model_serializer(
    common_models.Attachment, "AttachmentSerializer", "An attachment."
)
DataOutputSerializer = _model_serializer(
    common_models.DataOutput, "DataOutputSerializer", "A generated output file."
)

if tuple(inventreeVersionTuple()) >= (1, 2, 0):
    ParameterTemplateSerializer = _model_serializer(
        common_models.ParameterTemplate, "ParameterTemplateSerializer", "A parameter template."
    )
    ParameterSerializer = _model_serializer(
        common_models.Parameter, "ParameterSerializer", "A parameter value."
    )
