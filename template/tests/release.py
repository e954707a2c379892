"""The InvenTree release the tests run against, so that they call hooks the way it does.

The stand-in reports the `inventree_version` of pyproject.toml (pytest -o
inventree_version=1.5.0 runs the tests as InvenTree 1.5 would); a real InvenTree reports
its own version.
"""

from InvenTree.version import inventreeVersionTuple


def at_least(major: int, minor: int) -> bool:
    """True when the InvenTree running the tests is release major.minor or newer."""
    return tuple(inventreeVersionTuple()[:2]) >= (major, minor)
