"""The three-way merge of a migration, file by file: base (old tool), ours (project), theirs.

- base   = the old tool's render of this project (creator.migrate.oldrender.base),
- ours   = the user's project as committed,
- theirs = our template's render with the answers adopt inferred.

Per path, what the user did decides:

| base    | project         | our template | outcome                                            |
|---------|-----------------|--------------|----------------------------------------------------|
| -       | -               | has it       | added                                              |
| has it  | unchanged       | has it       | replaced by ours (listed only when they differ)    |
| has it  | unchanged       | -            | removed (the old tool's boilerplate)               |
| has it  | changed         | -            | kept as the user has it                            |
| has it  | changed         | has it       | merged (git merge-file), else replayed, else conflict |
| -       | has it (user's) | has it       | conflict unless identical (both added the path)    |
| -       | has it (user's) | -            | untouched                                          |

One exception: a database migration (`<package>/migrations/NNNN_*.py`) in the project may
already be applied to databases, so it counts as the user's even when unchanged: never
replaced or removed; a different one of ours at the same path is a conflict.

"Replayed": when `git merge-file` collides (our files differ from the old tool's almost
everywhere, so any edit meets a change), an edit that only *added* lines is put into our
file next to the same neighbouring line (which must occur exactly once there), or at the end
when it was at the end. Anything else is a conflict with update's markers
(`<<<<<<< before updating` ... `>>>>>>> after updating`), so `update`'s detection, the
generated pre-commit hooks and the user's editor all see it.
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Mapping
from dataclasses import dataclass

from creator import git
from creator.git import MARKERS

OURS_LABEL = MARKERS[0].decode().removeprefix("<<<<<<< ")  # the project as it was
THEIRS_LABEL = MARKERS[1].decode().removeprefix(">>>>>>> ")  # our template


@dataclass(frozen=True)
class Change:
    """One path's outcome; `content` is what the file becomes (None: deleted / untouched)."""

    path: str
    action: str  # added, replaced, removed, kept, merged, replayed, conflict
    content: bytes | None


def _text(data: bytes) -> str | None:
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        return None


def merge_file(ours: bytes, base: bytes, theirs: bytes) -> tuple[bytes, bool]:
    """`git merge-file` of three versions: (result, clean). Markers use update's labels."""
    labels = (OURS_LABEL, "inventree-plugin-creator", THEIRS_LABEL)
    return git.merge_file(ours, base, theirs, labels)


def _key(line: str) -> str:
    """A line without its end: CRLF and LF compare equal (editors and git convert them)."""
    return line.rstrip("\r\n")


def _eol(lines: list[str]) -> str:
    return "\r\n" if sum(line.endswith("\r\n") for line in lines) * 2 > len(lines) else "\n"


def replay_additions(ours: str, base: str, theirs: str) -> str | None:
    """Put lines the user only added (base -> ours) into `theirs`, or None when unsure."""
    old, new, target = (s.splitlines(keepends=True) for s in (base, ours, theirs))
    if not old or not old[-1].endswith("\n"):
        return None
    keys_old, keys_new = [_key(x) for x in old], [_key(x) for x in new]
    matcher = difflib.SequenceMatcher(None, keys_old, keys_new, autojunk=False)
    inserts: list[tuple[int, list[str]]] = []
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        if tag == "equal":
            continue
        if tag != "insert" or i1 != i2:
            return None  # the user changed or deleted lines of the old tool's: not a replay
        inserts.append((i1, keys_new[j1:j2]))
    if not inserts:
        return None
    keys_target = [_key(x) for x in target]
    placed: list[tuple[int, list[str]]] = []
    for at, lines in inserts:
        position = _anchor(keys_old, at, keys_target)
        if position is None:
            return None
        placed.append((position, lines))
    eol = _eol(target)
    result = list(target)
    if result and not result[-1].endswith("\n"):
        result[-1] += eol
    for position, lines in sorted(placed, key=lambda item: item[0], reverse=True):
        result[position:position] = [line + eol for line in lines]
    return "".join(result)


def _anchor(old: list[str], at: int, target: list[str]) -> int | None:
    """Where in `target` an insertion before old[at] goes: after the same unique neighbour."""
    if at == len(old):
        return len(target)  # appended at the end: append at the end
    for index in range(at - 1, -1, -1):  # the nearest non-blank line above
        if old[index].strip():
            hits = [i for i, line in enumerate(target) if line == old[index]]
            if len(hits) == 1:
                return min(hits[0] + 1 + (at - 1 - index), len(target))
            break
    for index in range(at, len(old)):  # else the nearest non-blank line below
        if old[index].strip():
            hits = [i for i, line in enumerate(target) if line == old[index]]
            if len(hits) == 1:
                return max(hits[0] - (index - at), 0)
            break
    return None


def _same(a: bytes, b: bytes) -> bool:
    """Equal, or equal but for CRLF/LF line ends (an editor's or git's conversion)."""
    return a == b or a.replace(b"\r\n", b"\n") == b.replace(b"\r\n", b"\n")


def _merge(path: str, ours: bytes, base: bytes, theirs: bytes) -> Change:
    if None in (_text(ours), _text(base), _text(theirs)):
        return Change(path, "conflict", ours)  # binary: the user's file stays, listed
    merged, clean = merge_file(ours, base, theirs)
    if clean:
        return Change(path, "merged", merged)
    replayed = replay_additions(ours.decode(), base.decode(), theirs.decode())
    if replayed is not None:
        return Change(path, "replayed", replayed.encode())
    return Change(path, "conflict", merged)


MIGRATION = re.compile(r"(^|/)migrations/\d{4}_[^/]*\.py$")


def plan(
    base: Mapping[str, bytes], ours: Mapping[str, bytes], theirs: Mapping[str, bytes]
) -> list[Change]:
    """Every path's outcome, sorted by path; untouched paths are left out."""
    changes = []
    for path in sorted(set(base) | set(ours) | set(theirs)):
        b, o, t = base.get(path), ours.get(path), theirs.get(path)
        if o is not None and MIGRATION.search(path):
            b = None  # applied to databases, maybe: the user's, whoever wrote it
        if o is None:
            if t is not None:
                changes.append(Change(path, "added", t))
        elif b is not None and _same(o, b):
            if t is None:
                changes.append(Change(path, "removed", None))
            elif t != o:
                changes.append(Change(path, "replaced", t))
        elif b is not None:
            if t is None:
                changes.append(Change(path, "kept", None))
            elif t != o:
                changes.append(_merge(path, o, b, t))
        elif t is not None and t != o:
            changes.append(_merge(path, o, b"", t))
    return changes
