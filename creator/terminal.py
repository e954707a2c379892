"""The terminal's width, for the help text's layout.

Its own module because both the console script's fast path (creator.entry, which keys its
kept copy of the help text by the width) and the argparse formatter (creator.cli) need it:
the fast path must not import the CLI, and the CLI must not import the fast path (a cycle).
Standard library `os` and `sys` only: `--help` pays for every import here.
"""

import os
import sys


def columns() -> int:
    """The terminal's width as shutil.get_terminal_size() gives it (fallback: 80)."""
    try:
        if int(os.environ.get("COLUMNS", "0")) > 0:
            return int(os.environ["COLUMNS"])
    except ValueError:
        pass
    if sys.__stdout__ is None:
        return 80
    try:
        return os.get_terminal_size(sys.__stdout__.fileno()).columns or 80
    except (AttributeError, ValueError, OSError):
        return 80
