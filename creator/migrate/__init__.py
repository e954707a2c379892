"""Migrate a plugin made by the old `inventree-plugin-creator` onto our template.

`adopt` calls `migrate()` (unless `--no-migrate`) after it has inferred our answers and
rendered our template with them. The steps, one module each:

1. `fingerprint`: which release of the old tool made the plugin (its header, confirmed by
   rendering it and its neighbouring releases; or `--from-version`), and how sure that is.
2. `releases`: that release's wheel, fetched once with pip into the user cache; its
   cookiecutter template is unpacked from it. Offline from then on.
3. `oldrender`: the old tool's render of this project (cookiecutter's API, hooks off,
   context read back from the project's files): the merge base.
4. `threeway`: base = old render, ours = the project, theirs = our render, file by file.
5. `apply`: the outcome written into the work tree (restored if interrupted), not committed.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from pathlib import Path

from creator import git
from creator.errors import CreatorError
from creator.migrate import apply as applying
from creator.migrate import fingerprint, oldrender, threeway

ORDER = ("added", "removed", "replaced", "merged", "replayed", "kept", "conflict")


@dataclass
class Migration:
    """What a migration found and did."""

    detection: fingerprint.Detection
    changes: list[threeway.Change] = field(default_factory=list)

    def paths(self, *actions: str) -> list[str]:
        """Paths whose outcome is one of `actions`."""
        return [c.path for c in self.changes if c.action in actions]

    @property
    def conflicts(self) -> list[str]:
        """Files with conflict markers (or binary collisions) the user must resolve."""
        return self.paths("conflict")

    def counts(self) -> dict[str, int]:
        """Number of files per outcome, in summary order."""
        return {action: len(self.paths(action)) for action in ORDER}


def committed_files(project: Path) -> dict[str, bytes]:
    """The project's tracked files (the tree is clean, so these are its committed bytes)."""
    try:
        names = git.tracked_files(project)
    except git.GitError:
        raise CreatorError(f"cannot list the files of {project} (git ls-files failed)") from None
    found = {}
    for name in names:
        if (project / name).is_file():
            found[name] = (project / name).read_bytes()
    return found


def migrate(
    project: Path,
    theirs: Mapping[str, bytes],
    *,
    from_version: str | None = None,
    progress: Callable[[str], None] | None = None,
    hook: object = None,
) -> Migration | None:
    """Merge the old tool's render, the project and `theirs` (our render) into the project.

    Returns None, writing nothing, when no release of the old tool resembles the project.
    """
    detection = fingerprint.detect(project, from_version=from_version, progress=progress)
    if detection is None:
        return None
    ours = committed_files(project)
    base = {
        name: data
        for name, data in oldrender.base(project, detection.version).items()
        if name in ours
    }
    changes = threeway.plan(base, ours, theirs)
    before = dict(ours)
    for change in changes:  # an ignored file of the user's where ours arrives: restorable too
        file = project / change.path
        if change.path not in before and file.is_file():
            before[change.path] = file.read_bytes()
    applying.apply(project, changes, before, hook=hook)
    return Migration(detection, changes)
