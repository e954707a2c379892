"""Where a project's template versions come from, for `update`.

The answers file records the template source (`_src_path`) and version (`_commit`). A local
source is a template store (creator.store); a project made on another machine records that
machine's store, which may be missing here: then this CLI's own store can stand in for it,
when it has the recorded version, after `--relink` rewrites `_src_path` (committed on its
own, so the update's diff stays reviewable). A git URL is read with `git ls-remote`.
"""

from __future__ import annotations

import re
import sys
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml
from packaging.version import InvalidVersion, Version

from creator import git, store
from creator.answers import ANSWERS_FILE, read
from creator.errors import CreatorError


def is_local(src: str) -> bool:
    """Whether `src` is a local path (not a URL or a git shorthand)."""
    return not re.match(r"^([a-z][a-z0-9+.-]*://|git@|gh:|gl:)", src)


@dataclass(frozen=True)
class Source:
    """Where the project's template versions come from, for this run."""

    url: str  # what Copier reads (the recorded _src_path, possibly relinked)
    local: Path | None  # the same as a local repository path, when it is one
    commit: str  # the recorded version


def resolve(path: Path, answers: Mapping[str, Any], *, relink: bool) -> tuple[Source, str | None]:
    """The usable source of the project's template (relinking to our store if asked)."""
    src, commit = answers.get("_src_path"), answers.get("_commit")
    if not src:
        raise CreatorError(f"{ANSWERS_FILE} records no _src_path (the template source)")
    if not commit:
        raise CreatorError(
            f"{ANSWERS_FILE} records no template version (_commit): the project was rendered "
            "from a plain template folder, so there is nothing to update from"
        )
    src, commit = str(src), str(commit)
    if not is_local(src):
        return Source(src, None, commit), None  # a git URL: Copier fetches it (network)
    recorded = Path(src).expanduser()
    ours = store.store_path()
    usable = recorded.is_absolute() and store.has_ref(recorded, commit)
    if usable and not (relink and recorded != ours and store.has_ref(ours, commit)):
        return Source(src, recorded, commit), None
    if not recorded.is_absolute():
        problem = f"the recorded template source {src!r} is a relative path"
    elif not store.is_store(recorded):
        problem = f"the recorded template source {src} does not exist on this machine"
    elif not usable:
        problem = f"the recorded template source {src} has no version {commit}"
    else:
        problem = ""
    if not store.has_ref(ours, commit):
        raise CreatorError(
            f"{problem}, and this CLI's template store ({ours}) does not have {commit} either "
            f"(run `update --check` of create-inventree-plugin {commit.removeprefix('v')} here "
            "once, or copy the store from the machine that made the project)"
        )
    if not relink:
        raise CreatorError(
            f"{problem}; this CLI's store has {commit}: rerun with --relink to point "
            f"_src_path at {ours} (committed on its own)"
        )
    commit_id = _relink(path, ours)
    return Source(str(ours), ours, commit), commit_id


def _relink(path: Path, target: Path) -> str:
    """Rewrite `_src_path` in the answers file (one line) and commit it on its own."""
    file = path / ANSWERS_FILE
    text = file.read_text(encoding="utf-8")
    value = yaml.safe_dump(str(target), default_style=None).strip().removesuffix("...").strip()
    new, count = re.subn(r"(?m)^_src_path:.*$", lambda _: f"_src_path: {value}", text, count=1)
    if count != 1:
        raise CreatorError(f"cannot find the _src_path line in {file}")
    file.write_text(new, encoding="utf-8")
    message = (
        "Point .copier-answers.yml at this machine's template store\n\n"
        "Written by `create-inventree-plugin update --relink`: the template store recorded "
        "before is not available here."
    )
    return git.commit_paths(path, message, [ANSWERS_FILE], store.APP_NAME, "plugin@localhost")


def version_key(tag: str) -> Version:
    """The PEP 440 version a tag names (one-line error when it names none)."""
    try:
        return Version(tag)
    except InvalidVersion:
        raise CreatorError(f"{tag!r} is not a template version (a PEP 440 tag)") from None


def latest(source: Source) -> str:
    """The newest version the source has."""
    if source.local is not None:
        newest = store.latest_tag(source.local)
    else:
        names = git.remote_tags(source.url)
        if names is None:
            raise CreatorError(f"cannot list the versions of {source.url} (offline?)")
        newest = None
        for name in names:
            try:
                key = version_key(name)
            except CreatorError:
                continue
            if newest is None or key > version_key(newest):
                newest = name
    if newest is None:
        raise CreatorError(f"the template source {source.url} has no versions")
    return newest


def ensure_ours() -> tuple[Path, str] | None:
    """Add this CLI's template version to the store (a warning if the store is unusable)."""
    try:
        return store.ensure_version()
    except CreatorError as error:  # the store's own, or git's
        print(f"warning: {error}", file=sys.stderr)
        return None


def check_update(path: Path | str) -> tuple[str, str]:
    """(recorded version, newest available version) of the project at `path`."""
    path = Path(path).absolute()
    answers = read(path)
    ensure_ours()
    commit = answers.get("_commit")
    src = answers.get("_src_path")
    if not commit:
        raise CreatorError(f"{ANSWERS_FILE} records no template version (_commit)")
    local = Path(str(src)).expanduser() if src and is_local(str(src)) else None
    if local is not None and not store.has_ref(local, str(commit)):
        local = store.store_path()  # the other machine's store: compare with ours
    source = Source(str(src), local, str(commit))
    newest = latest(source)
    current = str(commit)
    if version_key(newest) <= version_key(current):
        newest = current
    return current, newest
