"""`git init` and the commit of a new project, without touching the user's setup or work.

Never installs anything and never needs the network. When git has no identity configured,
the commit uses the plugin's author for this one commit only (`-c user.name=...`), so the
user's git configuration is left as it was.
"""

from __future__ import annotations

import shutil
import subprocess
from collections.abc import Sequence
from pathlib import Path


def git_available() -> bool:
    """Whether a `git` executable is on PATH."""
    return shutil.which("git") is not None


def _configured(path: Path, key: str) -> bool:
    result = subprocess.run(
        ["git", "config", "--get", key], cwd=path, capture_output=True, text=True, check=False
    )
    return result.returncode == 0 and bool(result.stdout.strip())


def _git(path: Path, *args: str, stdin: str | None = None, raw: bool = False) -> str:
    try:
        result = subprocess.run(
            ["git", *args], cwd=path, capture_output=True, text=True, check=False, input=stdin
        )
    except FileNotFoundError:
        raise RuntimeError("git was not found") from None
    if result.returncode != 0:
        detail = (result.stderr or result.stdout).strip().splitlines()
        raise RuntimeError(detail[-1] if detail else f"git {args[0]} failed")
    return result.stdout if raw else result.stdout.strip()


def init_and_commit(
    path: Path,
    author_name: str,
    author_email: str,
    message: str,
    files: Sequence[str] | None = None,
) -> str:
    """Commit `files` (default: everything) in `path`, a new or existing repository.

    Only `files` (the ones create wrote) are staged and committed: a user's other files, and
    whatever they had staged, stay out of the commit (see `other_changes`). `path` becomes a
    repository of its own unless it already is one. Returns the short commit id ("" when the
    files written were already committed as they are).
    """
    if not (path / ".git").exists():
        _git(path, "init", "--quiet", "--initial-branch=main")
    identity: list[str] = []
    if not _configured(path, "user.name"):
        identity += ["-c", f"user.name={author_name}"]
    if not _configured(path, "user.email"):
        identity += ["-c", f"user.email={author_email or 'plugin-author@localhost'}"]
    if files is None:
        _git(path, "add", "--all")
        _git(path, *identity, "commit", "--quiet", "--no-verify", "-m", message)
    else:
        wanted = [name for name in files if name not in _ignored(path, files)]
        listed = "".join(f"{name}\0" for name in wanted)
        spec = ["--pathspec-from-file=-", "--pathspec-file-nul"]
        _git(path, "add", *spec, stdin=listed)
        staged = set(_git(path, "diff", "--cached", "--name-only", "-z").split("\0"))
        if not staged & set(wanted):
            return ""  # the files written equal the committed ones: no empty commit
        _git(
            path, *identity, "commit", "--quiet", "--no-verify", "-m", message, *spec, stdin=listed
        )
    return _git(path, "rev-parse", "--short", "HEAD")


def _ignored(path: Path, files: Sequence[str]) -> set[str]:
    """Those of `files` that .gitignore rules exclude (git add would refuse them)."""
    result = subprocess.run(
        ["git", "check-ignore", "--no-index", "-z", "--stdin"],
        cwd=path,
        capture_output=True,
        text=True,
        check=False,
        input="".join(f"{name}\0" for name in files),
    )
    return {name for name in result.stdout.split("\0") if name}


def other_changes(path: Path, files: Sequence[str]) -> list[str]:
    """Uncommitted or untracked paths in `path` that are not among `files` (ours)."""
    out = _git(path, "status", "--porcelain=v1", "-z", "--untracked-files=normal", raw=True)
    ours = set(files)
    found = []
    items = out.split("\0")
    index = 0
    while index < len(items):
        item = items[index]
        index += 1
        if not item:
            continue
        if item[0] in "RC":
            index += 1
        name = item[3:]
        if name not in ours:
            found.append(name)
    return found


def clean_tracked(path: Path, files: Sequence[str]) -> set[str]:
    """Those of `files` git tracks in `path` with no uncommitted change (recoverable from git)."""
    if not (path / ".git").exists() or not git_available():
        return set()
    try:
        tracked = set(_git(path, "ls-files", "-z").split("\0"))
        changed = _git(path, "status", "--porcelain=v1", "-z", "--untracked-files=no", raw=True)
    except RuntimeError:
        return set()
    dirty = {item[3:] for item in changed.split("\0") if len(item) > 3}
    return {name for name in files if name in tracked and name not in dirty}
