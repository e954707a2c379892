"""Stand-in for ``InvenTree.version``: the current version and the version-tuple parser.

Mirrors: ``src/backend/InvenTree/InvenTree/version.py`` (newest 1.x variant, which returns ``[]``
when the regex does not match). The stand-in's version comes from the environment variable
``INVENTREE_STANDIN_VERSION`` (default ``1.1.0``) so a check can target any release.
Leaves out: API version, commit hash/date, Django/Python version helpers.
"""

from __future__ import annotations

import os
import re

DEFAULT_VERSION = "1.1.0"
ENV_VAR = "INVENTREE_STANDIN_VERSION"

# Same pattern as InvenTree: the greedy leading ``.*`` makes '10.2.3' parse as [0, 2, 3].
_VERSION_RE = re.compile(r"^.*(\d+)\.(\d+)\.(\d+).*$")


def inventreeVersion() -> str:
    """The InvenTree version the stand-in pretends to be."""
    return os.environ.get(ENV_VAR) or DEFAULT_VERSION


def inventreeVersionTuple(version: str | None = None) -> list[int]:
    """Parse ``version`` (default: the current version) into ``[major, minor, patch]``.

    Returns ``[]`` when the text has no three dotted numbers (e.g. ``'1.2'``).
    """
    if version is None:
        version = inventreeVersion()
    match = _VERSION_RE.match(str(version))
    if match is None:
        return []
    return [int(part) for part in match.groups()]


def isInvenTreeDevelopmentVersion() -> bool:
    """True for versions ending in ``dev`` as InvenTree marks them."""
    return inventreeVersion().endswith("dev")
