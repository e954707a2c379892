"""Stand-in for ``InvenTree.serializers``: serializer bases and fields plugins reuse.

Mirrors: ``src/backend/InvenTree/InvenTree/serializers.py``. ``InvenTreeModelSerializer`` is a
plain DRF ``ModelSerializer`` here. ``InvenTreeDecimalField`` is a float field that accepts
decimal text ("1,5" is rejected as in InvenTree); ``InvenTreeCurrencySerializer`` is a choice
of the server's currency codes (settings.CURRENCIES), defaulting to the first;
``InvenTreeMoneySerializer`` is a decimal amount (max_digits 19, decimal_places 6) that reads
an empty value as None. Left out: InvenTree's extra model validation on save, the image/tag/
attachment fields, django-money's currency pairing and the dynamic "extra fields" machinery.
"""

from __future__ import annotations

import sys
from decimal import Decimal, InvalidOperation
from typing import Any

from rest_framework import serializers


class InvenTreeModelSerializer(serializers.ModelSerializer):
    """DRF ``ModelSerializer`` (InvenTree's extra validation is not modelled)."""


class _DetailOptions:
    """Accept InvenTree's ``*_detail`` / option keywords, which add nested data there.

    The stand-in's serializers take them (so callers construct them as in InvenTree) and
    leave the nested detail out.
    """

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        for option in [k for k in kwargs if k.endswith("_detail") or k in _OPTIONS]:
            kwargs.pop(option)
        super().__init__(*args, **kwargs)


_OPTIONS = frozenset({"pricing", "parameters", "tests", "exporting", "importing", "path"})


def _model_serializer(model: Any, name: str, doc: str) -> type:
    """A serializer of every field of ``model`` that takes InvenTree's detail options."""
    module = sys._getframe(1).f_globals["__name__"]  # the serializer's home module
    meta = type("Meta", (), {"model": model, "fields": "__all__"})
    namespace = {"Meta": meta, "__doc__": doc, "__module__": module}
    return type(name, (_DetailOptions, InvenTreeModelSerializer), namespace)


class InvenTreeDecimalField(serializers.FloatField):
    """A number sent as text or number, returned as a float."""

    def to_internal_value(self, data: Any) -> Any:
        """Parse through Decimal so that text such as '1e3' is read exactly."""
        try:
            return float(Decimal(str(data)))
        except (InvalidOperation, ValueError):
            raise serializers.ValidationError("Invalid value") from None


class InvenTreeCurrencySerializer(serializers.ChoiceField):
    """One of the server's currency codes."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        from django.conf import settings

        codes = list(getattr(settings, "CURRENCIES", ["USD"]))
        allow_blank = kwargs.get("allow_blank", False) or kwargs.get("allow_null", False)
        choices = ([("", "---------")] if allow_blank else []) + [(c, c) for c in codes]
        kwargs["choices"] = choices
        if "default" not in kwargs and "required" not in kwargs and codes:
            kwargs["default"] = "" if allow_blank else codes[0]
        kwargs.setdefault("label", "Currency")
        super().__init__(*args, **kwargs)


class InvenTreeMoneySerializer(serializers.DecimalField):
    """A price amount; blank input means no price."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("max_digits", 19)
        kwargs.setdefault("decimal_places", 6)
        kwargs.setdefault("required", False)
        kwargs.pop("default_currency", None)
        super().__init__(*args, **kwargs)

    def to_internal_value(self, data: Any) -> Any:
        """Blank text is None; anything else a Decimal."""
        if data in ("", None):
            return None
        return super().to_internal_value(data)
