"""Stand-in for ``generic.enums``: the string enumeration base InvenTree's enums use.

Mirrors: ``src/backend/InvenTree/generic/enums.py``. ``StringEnum`` members are ``str``
instances whose ``str()`` is their value, so they compare equal to the plain strings
(``RuleSetEnum.PART == "part"``).
"""

from __future__ import annotations

import enum


class StringEnum(enum.StrEnum):
    """An enum of strings; ``str(member)`` is the member's value."""


__all__ = ["StringEnum"]
