"""Stand-in for ``InvenTree.fields``: model fields InvenTree's models and plugin models use.

Mirrors: ``src/backend/InvenTree/InvenTree/fields.py``. ``InvenTreeURLField`` is a URL field
that also accepts the extra schemes InvenTree allows; ``RoundingDecimalField`` rounds to its
``decimal_places`` instead of rejecting extra digits; ``InvenTreeNotesField`` is a long text
field. ``InvenTreeModelMoneyField`` is django-money's ``MoneyField`` when that package is
installed (as on every InvenTree server), else a ``DecimalField`` with the same defaults
(max_digits 19, decimal_places 6) that accepts and ignores the currency arguments.
"""

from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal, InvalidOperation
from typing import Any

from django.db import models


class InvenTreeURLField(models.URLField):
    """URL field (max_length 2000)."""

    def __init__(self, **kwargs: Any) -> None:
        kwargs.setdefault("max_length", 2000)
        super().__init__(**kwargs)


class InvenTreeNotesField(models.TextField):
    """Long free-text notes."""

    def __init__(self, **kwargs: Any) -> None:
        kwargs.setdefault("blank", True)
        kwargs.setdefault("null", True)
        super().__init__(**kwargs)


class RoundingDecimalField(models.DecimalField):
    """Decimal field that rounds input to its decimal places."""

    def to_python(self, value: Any) -> Any:
        value = super().to_python(value)
        if isinstance(value, Decimal) and self.decimal_places is not None:
            try:
                exponent = Decimal(1).scaleb(-self.decimal_places)
                return value.quantize(exponent, rounding=ROUND_HALF_UP)
            except InvalidOperation:
                return value
        return value


try:
    from djmoney.models.fields import MoneyField as _MoneyBase

    _HAS_MONEY = True
except ImportError:  # django-money not installed next to the stand-in
    _MoneyBase = models.DecimalField
    _HAS_MONEY = False


class InvenTreeModelMoneyField(_MoneyBase):  # type: ignore[misc,valid-type]
    """Price field: django-money's MoneyField (max_digits 19, decimal_places 6)."""

    def __init__(self, **kwargs: Any) -> None:
        kwargs.setdefault("max_digits", 19)
        kwargs.setdefault("decimal_places", 6)
        if not _HAS_MONEY:
            for key in ("default_currency", "currency_choices", "currency_field_name"):
                kwargs.pop(key, None)
        super().__init__(**kwargs)
