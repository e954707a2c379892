"""Stand-in for ``importer.registry``: the serializers offered for data import.

Mirrors: ``src/backend/InvenTree/importer/registry.py``. ``@register_importer()`` adds a DRF
serializer class that uses ``DataImportSerializerMixin`` to the registry (other classes are
ignored, as InvenTree ignores them) and returns the class unchanged.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from importer.mixins import DataImportSerializerMixin


class DataImportSerializerRegister:
    """The registered import serializers."""

    supported_serializers: list[Any] = []

    def register(self, serializer: Any) -> None:
        """Add ``serializer`` when it is an import-capable DRF serializer."""
        from rest_framework.serializers import Serializer

        if not (
            isinstance(serializer, type)
            and issubclass(serializer, DataImportSerializerMixin)
            and issubclass(serializer, Serializer)
        ):
            return
        if serializer not in self.supported_serializers:
            self.supported_serializers.append(serializer)


_serializer_registry = DataImportSerializerRegister()


def get_supported_serializers() -> list[Any]:
    """Every registered serializer class."""
    return _serializer_registry.supported_serializers


def supported_models() -> dict[str, Any]:
    """model name -> serializer, for the registered serializers."""
    return {
        serializer.Meta.model.__name__.lower(): serializer
        for serializer in get_supported_serializers()
        if getattr(getattr(serializer, "Meta", None), "model", None) is not None
    }


def register_importer() -> Callable[[type], type]:
    """Class decorator: register the serializer for data import."""

    def decorate(cls: type) -> type:
        _serializer_registry.register(cls)
        return cls

    return decorate
