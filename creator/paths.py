"""Where the template lives: the git checkout this package sits in, or the copy in the wheel.

The repository root is itself the Copier template (copier.yml, includes/, template/). The
wheel carries the same three entries under `creator/_template/`, so an installed CLI works
offline and renders the same files.
"""

from __future__ import annotations

from pathlib import Path

PACKAGE_DIR = Path(__file__).resolve().parent
CHECKOUT_ROOT = PACKAGE_DIR.parent
BUNDLED_ROOT = PACKAGE_DIR / "_template"


def template_root() -> Path:
    """The directory holding copier.yml, preferring a checkout (development) to the wheel copy."""
    if (CHECKOUT_ROOT / "copier.yml").is_file() and (CHECKOUT_ROOT / "template").is_dir():
        return CHECKOUT_ROOT
    return BUNDLED_ROOT


def is_git_checkout(root: Path) -> bool:
    """True when `root` is the top of a git work tree (Copier then records `_commit`)."""
    return (root / ".git").exists()
