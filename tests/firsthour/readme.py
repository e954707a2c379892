"""The commands a generated README tells its reader to run, in order, parsed from the README.

The first-hour test runs exactly these. A few blocks cannot run here and are skipped for a
stated reason (a server that never exits, a real InvenTree checkout); everything else in the
Develop, Test and Build sections runs.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

#: The README sections a new author works through in the first hour.
SECTIONS = ("Develop", "Test", "Build")

#: Lines (substring) that are not run, with the reason.
SKIPPED_LINES = {
    "npm run preview": "starts a server that runs until Ctrl-C (tests/test_frontend.py drives it)",
}

#: Blocks (substring) that are not run, with the reason.
SKIPPED_BLOCKS = {
    "manage.py test": "needs a real InvenTree checkout (tests/generated/test_ci_local.py runs "
    "the same command in the generated CI's inventree job)",
}


@dataclass(frozen=True)
class Block:
    """One ```bash block: its section and its command lines (comments kept)."""

    section: str
    lines: tuple[str, ...]


def blocks(readme: Path) -> list[Block]:
    """Every ```bash block of the first-hour sections, skipped lines and blocks removed."""
    found: list[Block] = []
    section = ""
    fence: list[str] | None = None
    for line in readme.read_text(encoding="utf-8").splitlines():
        heading = re.match(r"^## (.+)$", line)
        if heading and fence is None:
            section = heading.group(1).strip()
        elif line.strip() == "```bash" and fence is None:
            fence = []
        elif line.strip() == "```" and fence is not None:
            text = "\n".join(fence)
            if section in SECTIONS and not any(key in text for key in SKIPPED_BLOCKS):
                kept = [ln for ln in fence if not any(key in ln for key in SKIPPED_LINES)]
                found.append(Block(section, tuple(kept)))
            fence = None
        elif fence is not None:
            fence.append(line)
    return found


def script(readme: Path) -> str:
    """One bash script: every block, each started from the project directory."""
    parts = ["set -euo pipefail", 'PROJECT="$PWD"']
    for block in blocks(readme):
        parts.append(f"# --- {block.section}")
        parts.append('cd "$PROJECT"')
        parts.append("set -x")
        parts.extend(block.lines)
        parts.append("set +x")
    return "\n".join(parts) + "\n"
