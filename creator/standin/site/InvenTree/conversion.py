"""Stand-in for ``InvenTree.conversion``: reading physical quantities such as "10k" or "5 mm".

Mirrors: ``src/backend/InvenTree/InvenTree/conversion.py``. InvenTree parses with the ``pint``
unit registry; the stand-in parses a number with an optional SI prefix and an optional unit
word itself. ``convert_physical_value`` returns the number (in base units: "10k" -> 10000.0)
and raises ``ValidationError`` for text that is no quantity, or whose unit differs from the
``unit`` asked for (the stand-in converts between SI prefixes of one unit only, not between
units). Left out: the unit registry, custom units and dimensionless checks beyond this.
"""

from __future__ import annotations

import re
from typing import Any

from django.core.exceptions import ValidationError

_PREFIXES = {
    "p": 1e-12, "n": 1e-9, "u": 1e-6, "µ": 1e-6, "m": 1e-3, "": 1.0,
    "k": 1e3, "K": 1e3, "M": 1e6, "G": 1e9, "T": 1e12,
}  # fmt: skip
_QUANTITY = re.compile(r"^\s*([-+]?(?:\d+\.?\d*|\.\d+)(?:[eE][-+]?\d+)?)\s*([A-Za-zµ%]*)\s*$")


def from_engineering_notation(value: Any) -> str:
    """'1k5' -> '1.5k' (InvenTree's reading of a prefix letter used as the decimal point)."""
    text = str(value).strip()
    match = re.fullmatch(r"(\d+)([pnuµmkKMGT])(\d+)(.*)", text)
    return f"{match[1]}.{match[3]}{match[2]}{match[4]}" if match else text


def _split(text: str) -> tuple[float, str]:
    match = _QUANTITY.match(from_engineering_notation(text))
    if match is None:
        raise ValidationError(f"Could not convert {text} to a physical quantity")
    number, unit = float(match[1]), match[2]
    if unit[:1] in _PREFIXES and len(unit) > 1 and unit[0] != unit:
        return number * _PREFIXES[unit[0]], unit[1:]
    if unit in _PREFIXES:
        return number * _PREFIXES[unit], ""
    return number, unit


def convert_physical_value(value: str, unit: str | None = None, strip_units: bool = True) -> Any:
    """The quantity in ``value`` (a float when ``strip_units``, else "number unit")."""
    if value is None or str(value).strip() == "":
        raise ValidationError("No value provided")
    number, found = _split(str(value))
    if unit:
        expected = _split(f"1{unit}")
        if found and found != expected[1]:
            raise ValidationError(f"Could not convert {value} to {unit}")
        number = number / expected[0]
    if strip_units:
        return float(number)
    return f"{number} {unit or found}".strip()


def is_dimensionless(value: Any) -> bool:
    """True when the quantity carries no unit."""
    try:
        return _split(str(value))[1] == ""
    except ValidationError:
        return False
