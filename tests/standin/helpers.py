"""Run code against the InvenTree stand-in in a fresh interpreter.

The main test session must never get the stand-in on ``sys.path`` or Django configured, so
every stand-in-dependent assertion runs in a subprocess through :func:`run_in_standin`.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import textwrap
from collections.abc import Sequence
from pathlib import Path
from typing import Any

REPO_ROOT = Path(__file__).resolve().parents[2]

_PRELUDE = """
import json, sys
sys.path.insert(0, {repo!r})
for extra in {extra!r}:
    sys.path.insert(0, extra)
from creator.standin import configure, setup_database
configure(apps={apps!r}, version={version!r})
if {db!r}:
    setup_database()
def emit(value):
    print("@@RESULT@@" + json.dumps(value, default=str))
"""


class StandinError(AssertionError):
    """The subprocess failed; the message carries its output."""


def run_in_standin(
    code: str,
    *,
    apps: Sequence[str] = (),
    version: str | None = None,
    db: bool = True,
    extra_path: Sequence[str | os.PathLike[str]] = (),
    cwd: str | os.PathLike[str] | None = None,
) -> Any:
    """Execute ``code`` with the stand-in configured; return the value passed to ``emit``.

    Raises :class:`StandinError` (an AssertionError) with the subprocess output when the code
    fails, so assertions inside ``code`` read as normal test failures.
    """
    prelude = _PRELUDE.format(
        repo=str(REPO_ROOT),
        extra=[str(p) for p in extra_path],
        apps=list(apps),
        version=version,
        db=db,
    )
    script = prelude + "\n" + textwrap.dedent(code)
    env = {k: v for k, v in os.environ.items() if k != "DJANGO_SETTINGS_MODULE"}
    proc = subprocess.run(
        [sys.executable, "-c", script],
        capture_output=True,
        text=True,
        env=env,
        cwd=cwd,
        timeout=120,
    )
    if proc.returncode != 0:
        raise StandinError(f"stand-in code failed:\n{proc.stdout}\n{proc.stderr}")
    for line in proc.stdout.splitlines():
        if line.startswith("@@RESULT@@"):
            return json.loads(line[len("@@RESULT@@") :])
    return None
