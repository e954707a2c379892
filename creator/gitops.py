"""`git init` and the first commit of a new project, without touching the user's setup.

Never installs anything and never needs the network. When git has no identity configured,
the commit uses the plugin's author for this one commit only (`-c user.name=...`), so the
user's git configuration is left as it was.
"""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path


def git_available() -> bool:
    """Whether a `git` executable is on PATH."""
    return shutil.which("git") is not None


def _configured(path: Path, key: str) -> bool:
    result = subprocess.run(
        ["git", "config", "--get", key], cwd=path, capture_output=True, text=True, check=False
    )
    return result.returncode == 0 and bool(result.stdout.strip())


def init_and_commit(path: Path, author_name: str, author_email: str, message: str) -> str:
    """Make `path` a git repository with everything in one commit; returns the commit id."""

    def git(*args: str) -> str:
        result = subprocess.run(
            ["git", *args], cwd=path, capture_output=True, text=True, check=False
        )
        if result.returncode != 0:
            detail = (result.stderr or result.stdout).strip().splitlines()
            raise RuntimeError(detail[-1] if detail else f"git {args[0]} failed")
        return result.stdout.strip()

    git("init", "--quiet", "--initial-branch=main")
    identity: list[str] = []
    if not _configured(path, "user.name"):
        identity += ["-c", f"user.name={author_name}"]
    if not _configured(path, "user.email"):
        identity += ["-c", f"user.email={author_email or 'plugin-author@localhost'}"]
    git("add", "--all")
    git(*identity, "commit", "--quiet", "--no-verify", "-m", message)
    return git("rev-parse", "--short", "HEAD")
