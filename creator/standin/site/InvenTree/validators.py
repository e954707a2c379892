"""Stand-in for ``InvenTree.validators``: field validators plugins reuse.

Mirrors: ``src/backend/InvenTree/InvenTree/validators.py``. ``validate_physical_units`` accepts
blank text and unit words (letters, optionally with an SI prefix, ``/``, ``*``, ``^`` and
digits), rejecting anything else with ``ValidationError``; InvenTree asks pint's unit registry,
which knows which words are units (the stand-in cannot tell "meter" from "banana").
``validate_tree_name`` rejects the characters InvenTree rejects in category/location names.
"""

from __future__ import annotations

import re

from django.core.exceptions import ValidationError

_UNIT = re.compile(r"^[A-Za-zµΩ°%]+(?:\s*[*/]\s*[A-Za-zµΩ°%]+|\^-?\d+|\d+)*$")


def validate_physical_units(unit: str) -> None:
    """Raise ValidationError unless ``unit`` is blank or reads as a unit expression."""
    unit = unit.strip()
    if unit and not _UNIT.match(unit):
        raise ValidationError("Invalid physical unit")


def validate_currency_code(code: str) -> None:
    """Raise ValidationError unless ``code`` is a three-letter currency code."""
    if not re.fullmatch(r"[A-Z]{3}", str(code).strip().upper()):
        raise ValidationError("Not a valid currency code")


def validate_tree_name(value: str) -> None:
    """Names of tree nodes may not contain path separators or backslashes."""
    for character in "/\\":
        if character in str(value):
            raise ValidationError(f"Illegal character in name ({character})")
