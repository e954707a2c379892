"""Stand-in for ``InvenTree.api_version``: the API version number of the release pretended to be.

Mirrors: ``src/backend/InvenTree/InvenTree/api_version.py``, which holds one integer that grows
with every API change. The numbers below are those of the releases we model (read from each
release's source); a version between two of them gets the lower release's number. Left out:
the change-log text.
"""

from __future__ import annotations

from InvenTree.version import inventreeVersionTuple

#: (major, minor) of a release -> its INVENTREE_API_VERSION.
_BY_RELEASE: dict[tuple[int, int], int] = {
    (1, 0): 391,
    (1, 1): 421,
    (1, 2): 453,
    (1, 3): 477,
    (1, 4): 511,
    (1, 5): 530,
}


def _api_version() -> int:
    wanted = tuple(inventreeVersionTuple()[:2]) or max(_BY_RELEASE)
    known = [release for release in _BY_RELEASE if release <= wanted]
    return _BY_RELEASE[max(known)] if known else min(_BY_RELEASE.values())


INVENTREE_API_VERSION: int = _api_version()
