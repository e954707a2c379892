"""`wheelhouse`: write the stand-in's wheel and print the --find-links directory."""

from __future__ import annotations

import argparse

from creator import wheelhouse
from creator.errors import CreatorError


def run(args: argparse.Namespace) -> int:
    """Write the inventree-plugin-standin wheel into the default wheelhouse; print it."""
    try:
        wheelhouse.write_wheel(wheelhouse.default_location())
    except OSError as error:
        raise CreatorError(f"cannot write the wheelhouse: {error}") from None
    print(wheelhouse.default_location())
    return 0
