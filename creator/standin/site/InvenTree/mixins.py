"""Stand-in for ``InvenTree.mixins``: the generic API view bases plugin views subclass.

Mirrors: ``src/backend/InvenTree/InvenTree/mixins.py``. Each class is the matching DRF generic
view; ``DataImportExportSerializerMixin`` combines the import and export serializer mixins. Left
out: InvenTree's input cleaning (``CleanMixin``), output option mixins and the role-based
permission defaults.
"""

from __future__ import annotations

from data_exporter.mixins import DataExportSerializerMixin
from importer.mixins import DataImportSerializerMixin
from rest_framework import generics


class ListAPI(generics.ListAPIView):
    """List view (DRF ``ListAPIView``)."""


class RetrieveAPI(generics.RetrieveAPIView):
    """Detail view (DRF ``RetrieveAPIView``)."""


class CreateAPI(generics.CreateAPIView):
    """Create view (DRF ``CreateAPIView``)."""


class ListCreateAPI(generics.ListCreateAPIView):
    """List + create view (DRF ``ListCreateAPIView``)."""


class RetrieveUpdateAPI(generics.RetrieveUpdateAPIView):
    """Detail + update view (DRF ``RetrieveUpdateAPIView``)."""


class RetrieveUpdateDestroyAPI(generics.RetrieveUpdateDestroyAPIView):
    """Detail + update + delete view (DRF ``RetrieveUpdateDestroyAPIView``)."""


class RetrieveDestroyAPI(generics.RetrieveDestroyAPIView):
    """Detail + delete view (DRF ``RetrieveDestroyAPIView``)."""


class UpdateAPI(generics.UpdateAPIView):
    """Update view (DRF ``UpdateAPIView``)."""


class DestroyAPI(generics.DestroyAPIView):
    """Delete view (DRF ``DestroyAPIView``)."""


class DataImportExportSerializerMixin(DataExportSerializerMixin, DataImportSerializerMixin):
    """Serializer mixin for data import and export (both field selections)."""
