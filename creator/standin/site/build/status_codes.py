"""Stand-in for ``build.status_codes``: ``BuildStatus`` and ``BuildStatusGroups``.

Mirrors: ``src/backend/InvenTree/build/status_codes.py`` (1.x, with ``ON_HOLD``). Codes, labels
and colours are InvenTree's; labels are plain strings (no translation).
"""

from __future__ import annotations

from generic.states import ColorEnum, StatusCode


class BuildStatus(StatusCode):
    """Status of a build order."""

    PENDING = 10, "Pending", ColorEnum.secondary
    PRODUCTION = 20, "Production", ColorEnum.primary
    ON_HOLD = 25, "On Hold", ColorEnum.warning
    CANCELLED = 30, "Cancelled", ColorEnum.danger
    COMPLETE = 40, "Complete", ColorEnum.success


class BuildStatusGroups:
    """Build status codes grouped by meaning."""

    ACTIVE_CODES = [
        BuildStatus.PENDING.value,
        BuildStatus.ON_HOLD.value,
        BuildStatus.PRODUCTION.value,
    ]
    COMPLETE = [BuildStatus.COMPLETE.value]


__all__ = ["BuildStatus", "BuildStatusGroups"]
