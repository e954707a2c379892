"""Stand-in for ``InvenTree.fields``: model fields InvenTree's models and plugin models use.

Mirrors: ``src/backend/InvenTree/InvenTree/fields.py``. ``InvenTreeURLField`` is a URL field
that also accepts the extra schemes InvenTree allows; ``RoundingDecimalField`` rounds to its
``decimal_places`` instead of rejecting extra digits; ``InvenTreeNotesField`` is a long text
field. ``InvenTreeModelMoneyField`` is django-money's ``MoneyField`` when that package is
installed (as on every InvenTree server), else a ``DecimalField``, with InvenTree's defaults
(max_digits 19, decimal_places 6, a minimum of 0 unless ``allow_negative``; the currency
choices are the server's currencies, the default currency is left empty as InvenTree does
while migrating, where InvenTree otherwise resolves it at run time).
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
    from djmoney.models.validators import MinMoneyValidator as _MinValue

    _HAS_MONEY = True
except ImportError:  # django-money not installed next to the stand-in
    from django.core.validators import MinValueValidator as _MinValue

    _MoneyBase = models.DecimalField
    _HAS_MONEY = False


def _currency_choices() -> list[tuple[str, str]]:
    """(code, code) for the server's currencies (settings.CURRENCIES)."""
    from django.conf import settings

    return [(code, code) for code in getattr(settings, "CURRENCIES", ["USD"])]


class InvenTreeModelMoneyField(_MoneyBase):  # type: ignore[misc,valid-type]
    """Price field: django-money's MoneyField (max_digits 19, decimal_places 6, >= 0)."""

    def __init__(self, **kwargs: Any) -> None:
        kwargs.setdefault("max_digits", 19)
        kwargs.setdefault("decimal_places", 6)
        allow_negative = kwargs.pop("allow_negative", False)
        validators = list(kwargs.get("validators", []))
        if not validators and not allow_negative:
            validators.append(_MinValue(0))
        kwargs["validators"] = validators
        if _HAS_MONEY:
            kwargs.setdefault("currency_choices", _currency_choices())
            kwargs.setdefault("default_currency", "")
        else:
            for key in ("default_currency", "currency_choices", "currency_field_name"):
                kwargs.pop(key, None)
        super().__init__(**kwargs)
