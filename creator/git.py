"""Every git command this package runs, with one error type.

The CLI uses git for four jobs: the first commit of a new project (`create`), the
preconditions and the conflicts of `update` and `adopt`, the template store (creator.store)
and the three-way merge of a migration (creator.migrate). All of them go through `run`, so
git is always called the same way: `git -C <dir>`, never a terminal prompt, and a failure is
a `GitError` whose message is one line (git's last line of output). Like Copier's `_vcs`
module, this module never installs anything and never needs the network unless asked to
read a remote (`remote_tags`).
"""

from __future__ import annotations

import os
import shutil
import subprocess
import tempfile
from collections.abc import Mapping, Sequence
from pathlib import Path

from creator.errors import CreatorError

#: The markers of a conflict that Copier's update (and our migration) leave in a file.
MARKERS = (b"<<<<<<< before updating", b">>>>>>> after updating")


class GitError(CreatorError):
    """A git command failed (exit code 1), or git is missing (exit code 2)."""


def available() -> bool:
    """Whether a `git` executable is on PATH."""
    return shutil.which("git") is not None


def _call(
    cwd: Path | str | None,
    args: Sequence[str],
    *,
    input: bytes | None,
    env: Mapping[str, str] | None,
    needed_by: str,
) -> subprocess.CompletedProcess[bytes]:
    where = ["-C", str(cwd)] if cwd is not None else []
    try:
        return subprocess.run(
            ["git", *where, *args],
            input=input,
            capture_output=True,
            check=False,
            env={**os.environ, "GIT_TERMINAL_PROMPT": "0", **(env or {})},
        )
    except FileNotFoundError:
        raise GitError(f"git was not found; {needed_by} needs it", 2) from None


def _failure(
    args: Sequence[str], cwd: Path | str | None, result: subprocess.CompletedProcess[bytes]
) -> GitError:
    output = (result.stderr or result.stdout or b"").decode(errors="replace")
    detail = output.strip().splitlines()
    command = next((arg for arg in args if not arg.startswith("-") and "=" not in arg), "")
    where = f" in {cwd}" if cwd is not None else ""
    return GitError(f"git {command} failed{where}: {detail[-1] if detail else result.returncode}")


def run_bytes(
    cwd: Path | str | None,
    *args: str,
    input: bytes | None = None,
    env: Mapping[str, str] | None = None,
    check: bool = True,
    needed_by: str = "this command",
) -> bytes:
    """git's standard output as bytes; b"" when it fails and `check` is False."""
    result = _call(cwd, args, input=input, env=env, needed_by=needed_by)
    if result.returncode != 0:
        if check:
            raise _failure(args, cwd, result)
        return b""
    return result.stdout


def run(
    cwd: Path | str | None,
    *args: str,
    input: str | None = None,
    env: Mapping[str, str] | None = None,
    check: bool = True,
    needed_by: str = "this command",
) -> str:
    """git's standard output as text (not stripped); "" when it fails and `check` is False.

    `cwd` is the directory git runs in (`git -C`); None runs it without one (a remote).
    `needed_by` completes the message when git is missing: "git was not found; <it> needs it".
    """
    out = run_bytes(
        cwd,
        *args,
        input=None if input is None else input.encode(),
        env=env,
        check=check,
        needed_by=needed_by,
    )
    return out.decode(errors="replace")


# ------------------------------------------------------------------------ work trees


def is_work_tree(path: Path, needed_by: str) -> bool:
    """Whether `path` is inside a git work tree."""
    out = run(path, "rev-parse", "--is-inside-work-tree", check=False, needed_by=needed_by)
    return out.strip() == "true"


def _porcelain(out: str) -> list[tuple[str, str]]:
    """(two-letter code, path) of `git status --porcelain=v1 -z` output."""
    entries, items = [], out.split("\0")
    index = 0
    while index < len(items):
        item = items[index]
        index += 1
        if not item:
            continue
        if item[0] in "RC":
            index += 1  # the rename's source path follows
        entries.append((item[:2], item[3:]))
    return entries


def status(path: Path) -> list[tuple[str, str]]:
    """`git status` entries under `path`: (two-letter code, path relative to `path`)."""
    out = run(path, "status", "--porcelain=v1", "-z", "--untracked-files=all", "--", ".")
    prefix = run(path, "rev-parse", "--show-prefix").strip()
    return [(code, name.removeprefix(prefix)) for code, name in _porcelain(out)]


def require_clean(path: Path, what: str) -> None:
    """Refuse a directory that is not in a git work tree, or that has uncommitted changes.

    `what` is the command that needs it, as a gerund ("updating", "adopting").
    """
    if not path.is_dir():
        raise CreatorError(f"{path} is not a directory", 2)
    if not is_work_tree(path, what):
        raise CreatorError(
            f"{path} is not a git repository; {what} needs one "
            "(git init && git add --all && git commit -m 'Initial commit')"
        )
    dirty = status(path)
    if dirty:
        shown = ", ".join(name for _, name in dirty[:3]) + (", ..." if len(dirty) > 3 else "")
        raise CreatorError(
            f"{path} has uncommitted changes ({shown}); commit or stash them before {what}"
        )


def configured(path: Path, key: str) -> bool:
    """Whether git has `key` (e.g. user.name) set for the repository at `path`."""
    return bool(run(path, "config", "--get", key, check=False).strip())


def identity() -> dict[str, str]:
    """author_name/author_email from the user's `git config user.name/user.email` ({} if none)."""
    try:
        out = run(None, "config", "--get-regexp", r"^user\.(name|email)$", check=False)
    except GitError:
        return {}
    keys = {"user.name": "author_name", "user.email": "author_email"}
    found = {}
    for line in out.splitlines():
        key, _, value = line.partition(" ")
        if key in keys and value.strip():
            found[keys[key]] = value.strip()
    return found


def _identity_options(path: Path, name: str, email: str) -> list[str]:
    """`-c user.name=...` options for the identity git lacks (the user's config untouched)."""
    options = []
    for key, fallback in (("user.name", name), ("user.email", email)):
        if not configured(path, key):
            options += ["-c", f"{key}={fallback}"]
    return options


def commit_paths(path: Path, message: str, files: Sequence[str], name: str, email: str) -> str:
    """Commit `files` only (identity `name`/`email` when git has none); the short id."""
    run(path, "add", "--", *files)
    options = _identity_options(path, name, email)
    run(path, *options, "commit", "--quiet", "--no-verify", "-m", message, "--", *files)
    return run(path, "rev-parse", "--short", "HEAD").strip()


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
    repository of its own unless it already is one. When git has no identity configured, the
    plugin's author is used for this one commit (`-c user.name=...`). Returns the short commit
    id ("" when the files written were already committed as they are).
    """
    if not (path / ".git").exists():
        run(path, "init", "--quiet", "--initial-branch=main")
    options = _identity_options(path, author_name, author_email or "plugin-author@localhost")
    if files is None:
        run(path, "add", "--all")
        run(path, *options, "commit", "--quiet", "--no-verify", "-m", message)
    else:
        wanted = [name for name in files if name not in ignored(path, files)]
        listed = "".join(f"{name}\0" for name in wanted)
        spec = ["--pathspec-from-file=-", "--pathspec-file-nul"]
        run(path, "add", *spec, input=listed)
        staged = set(run(path, "diff", "--cached", "--name-only", "-z").split("\0"))
        if not staged & set(wanted):
            return ""  # the files written equal the committed ones: no empty commit
        run(path, *options, "commit", "--quiet", "--no-verify", "-m", message, *spec, input=listed)
    return run(path, "rev-parse", "--short", "HEAD").strip()


def ignored(path: Path, files: Sequence[str]) -> set[str]:
    """Those of `files` that .gitignore rules exclude (git add would refuse them)."""
    listed = "".join(f"{name}\0" for name in files)
    out = run(path, "check-ignore", "--no-index", "-z", "--stdin", input=listed, check=False)
    return {name for name in out.split("\0") if name}


def other_changes(path: Path, files: Sequence[str]) -> list[str]:
    """Uncommitted or untracked paths in `path` that are not among `files` (ours)."""
    out = run(path, "status", "--porcelain=v1", "-z", "--untracked-files=normal")
    ours = set(files)
    return [name for _, name in _porcelain(out) if name not in ours]


def clean_tracked(path: Path, files: Sequence[str]) -> set[str]:
    """Those of `files` git tracks in `path` with no uncommitted change (recoverable from git)."""
    if not (path / ".git").exists() or not available():
        return set()
    try:
        tracked = set(run(path, "ls-files", "-z").split("\0"))
        changed = run(path, "status", "--porcelain=v1", "-z", "--untracked-files=no")
    except GitError:
        return set()
    dirty = {item[3:] for item in changed.split("\0") if len(item) > 3}
    return {name for name in files if name in tracked and name not in dirty}


def tracked_files(path: Path) -> list[str]:
    """The files git tracks under `path`, relative to it."""
    return [name for name in run(path, "ls-files", "-z", "--", ".").split("\0") if name]


def committed(path: Path, name: str) -> bytes:
    """The bytes of `name` (relative to `path`) at HEAD; b"" when HEAD has no such file."""
    return run_bytes(path, "show", f"HEAD:./{name}", check=False)


def remote_tags(url: str) -> list[str] | None:
    """The tag names of the remote repository at `url`, or None when it cannot be read."""
    result = _call(None, ["ls-remote", "--tags", "--refs", "--", url], input=None, env=None,
                   needed_by="reading a remote template")  # fmt: skip
    if result.returncode != 0:
        return None
    lines = result.stdout.decode(errors="replace").splitlines()
    return [line.split("refs/tags/", 1)[-1] for line in lines]


def merge_file(
    ours: bytes, base: bytes, theirs: bytes, labels: Sequence[str]
) -> tuple[bytes, bool]:
    """`git merge-file` of three versions: (result, clean); `labels` name ours, base, theirs."""
    with tempfile.TemporaryDirectory(prefix="cip-merge.") as folder:
        names = []
        for name, data in (("ours", ours), ("base", base), ("theirs", theirs)):
            file = Path(folder) / name
            file.write_bytes(data)
            names.append(str(file))
        options = [option for label in labels for option in ("-L", label)]
        command = ["-c", "merge.conflictStyle=merge", "merge-file", "-p", *options, *names]
        result = _call(None, command, input=None, env=None, needed_by="migrating")
    if result.returncode < 0 or result.returncode > 127:
        raise GitError(f"git merge-file failed: {result.stderr.decode(errors='replace')}")
    return result.stdout, result.returncode == 0
