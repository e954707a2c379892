"""`update`: bring a generated plugin to a newer template version, never silently.

Copier does the 3-way merge (`run_update`: it renders the recorded version `_commit` and the
new one, and replays the project's own changes on top of the new render). This module closes
the traps around it:

- Preconditions are checked first, each with a one-line reason: a git work tree, no
  uncommitted or untracked changes in the project, an answers file with `_src_path` and
  `_commit`, and a template source on this machine that has `_commit`.
- Template versions come from the local store (creator.store): this CLI's own version is
  added on first use, so the update works offline, right after `pip install --upgrade`.
- A project made on another machine records that machine's store path. When it is missing
  here (or lacks `_commit`) and our store has `_commit`, `relink=True` (`--relink`) rewrites
  `_src_path` to our store and commits that one line as its own commit before updating, so
  the update's diff stays reviewable on its own (creator.template_source).
- `-d KEY=VALUE` keys and values are checked against the target version's copier.yml (Copier
  accepts unknown keys silently). Only questions without a recorded answer are asked
  (`skip_answered`); without a terminal they need `-d` or `defaults=True`.
- Conflicts never pass silently: after the merge every unmerged index entry, `.rej` file and
  inline marker (`<<<<<<< before updating`) is collected; the CLI lists them and exits 1.
- Copier deletes a file that the new template dropped even when the user changed it. Such
  files are restored from HEAD and reported as kept.
- Files the user deleted stay deleted (Copier >= 9.17.2).
- After a clean update the loader check runs (creator.check).

The CLI's report of an `UpdateResult` is creator.commands.update's.
"""

from __future__ import annotations

import shlex
import sys
import tempfile
import warnings
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from creator import git, questions, store
from creator.answers import read
from creator.errors import Aborted, CreatorError
from creator.generate import private_tempdir
from creator.git import MARKERS
from creator.interrupts import interrupts_deferred
from creator.template_source import Source, ensure_ours, latest, resolve, version_key


@dataclass
class UpdateResult:
    """What `update()` did."""

    path: Path
    old_version: str
    new_version: str
    changed: list[tuple[str, str]] = field(default_factory=list)  # (git status code, path)
    conflicts: list[str] = field(default_factory=list)
    kept: list[str] = field(default_factory=list)  # dropped by the template, kept (user-changed)
    relinked: str | None = None  # the commit that rewrote _src_path
    check: str | None = None  # the loader check's verdict, one line (None: not run)

    @property
    def up_to_date(self) -> bool:
        """Nothing was done: the project already had the target version (and no new answers)."""
        return self.old_version == self.new_version and not self.changed

    @property
    def ok(self) -> bool:
        """No conflict left for the user to resolve."""
        return not self.conflicts


# ---------------------------------------------------------------------------- update


def _target_template(
    source: Source, ref: str, ours: tuple[Path, str] | None, scratch: Path
) -> questions.Template | None:
    """creator.questions.Template of version `ref` (our files when it is our own version)."""
    if ours is not None and source.local == ours[0] and ref == ours[1]:
        return questions.load()
    if source.local is None:
        return None  # a remote template: Copier validates on its own
    store.export(ref, scratch, source.local, "copier.yml", "includes")
    return questions.Template(scratch)


def _check_data(
    template: questions.Template | None,
    recorded: Mapping[str, Any],
    data: Mapping[str, Any],
    ask: bool,
) -> dict[str, Any]:
    """Cast and validate `data` against the target questions; refuse unanswerable new ones."""
    if template is None:
        return dict(data)
    names = {q.name: q for q in template.answerable}
    unknown = sorted(set(data) - set(names))
    if unknown:
        raise CreatorError(f"unknown answer {unknown[0]!r}; the questions are: {', '.join(names)}")
    context: dict[str, Any] = {}
    cast: dict[str, Any] = {}
    for question in template.answerable:
        if question.name in data:
            value = template.cast(question, data[question.name])
            problem = template.problem(question, value, context)
            if problem:
                raise CreatorError(problem)
            cast[question.name] = context[question.name] = value
        elif question.name in recorded:
            context[question.name] = recorded[question.name]
        else:
            try:
                asked = template.is_asked(question, context)
                context[question.name] = template.default(question, context)
            except CreatorError:
                asked = True
            if asked and not ask:
                raise CreatorError(
                    f"the new template version asks {question.name} and there is no "
                    f"terminal to ask; pass -d {question.name}=VALUE or --defaults"
                )
    return cast


def _conflicts(path: Path, changed: list[tuple[str, str]], rej_before: set[str]) -> list[str]:
    found = set()
    for line in git.run(path, "ls-files", "-u", "-z", "--", ".").split("\0"):
        if "\t" in line:
            found.add(line.split("\t", 1)[1])
    prefix = git.run(path, "rev-parse", "--show-prefix").strip()
    found = {name.removeprefix(prefix) for name in found}
    found |= _rej_files(path) - rej_before
    for _, name in changed:
        file = path / name
        if file.is_file() and _has_markers(file):
            found.add(name)
    return sorted(found)


def _rej_files(path: Path) -> set[str]:
    names = set()
    for extra in ((), ("--ignored", "--exclude-standard")):
        out = git.run(path, "ls-files", "--others", *extra, "-z", "--", "*.rej", check=False)
        names |= {name for name in out.split("\0") if name}
    return names


def _has_markers(file: Path) -> bool:
    try:
        with file.open("rb") as stream:
            return any(line.rstrip() in MARKERS for line in stream)
    except OSError:
        return False


def _keep_changed_removed(
    path: Path, source: Source, answers: Mapping[str, Any], removed: list[str]
) -> list[str]:
    """Restore files the new template dropped but the user had changed (Copier deletes them)."""
    if not removed:
        return []
    from copier import run_copy  # lazy: Copier costs ~0.3 s, needed only on this path

    with tempfile.TemporaryDirectory(prefix="cip-old.") as folder:
        old = Path(folder) / "old"
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            run_copy(
                source.url,
                str(old),
                data={k: v for k, v in answers.items() if not k.startswith("_")},
                defaults=True,
                overwrite=True,
                quiet=True,
                unsafe=False,
                vcs_ref=source.commit,
            )
        kept = []
        for name in removed:
            committed = git.committed(path, name)
            rendered = old / name
            if rendered.is_file() and rendered.read_bytes() == committed:
                continue  # unchanged since rendering: the template's deletion stands
            git.run(path, "checkout", "HEAD", "--", name)
            kept.append(name)
    return kept


def update(
    path: Path | str = ".",
    *,
    vcs_ref: str | None = None,
    defaults: bool = False,
    data: Mapping[str, Any] | None = None,
    relink: bool = False,
    interactive: bool | None = None,
    check: bool = True,
) -> UpdateResult:
    """Update the project at `path` from its recorded template version to `vcs_ref`.

    `vcs_ref` defaults to the newest version in the project's template store. Raises
    CreatorError (one line) when the update cannot start; conflicts are returned, not raised.
    """
    from copier import run_update  # lazy: `update --check` never needs Copier

    path = Path(path).absolute()
    git.require_clean(path, "updating")
    answers = read(path)
    ours = ensure_ours()
    source, relinked = resolve(path, answers, relink=relink)
    target = vcs_ref or latest(source)
    if source.local is not None and not store.has_ref(source.local, target):
        raise CreatorError(f"the template source {source.url} has no version {target!r}")
    if version_key(target) < version_key(source.commit):
        raise CreatorError(
            f"the project has template {source.commit}, newer than {target}; "
            "downgrades are not supported"
        )
    result = UpdateResult(path, source.commit, target, relinked=relinked)
    if target == source.commit and not data:
        return result  # (with -d, the same version re-renders with the changed answers)
    if interactive is None:
        interactive = sys.stdin.isatty() and sys.stdout.isatty()
    with tempfile.TemporaryDirectory(prefix="cip-template.") as scratch:
        template = _target_template(source, target, ours, Path(scratch))
        cast = _check_data(template, answers, dict(data or {}), ask=defaults or interactive)
    rej_before = _rej_files(path)
    start = git.run(path, "rev-parse", "HEAD").strip()
    try:
        with private_tempdir(), warnings.catch_warnings():
            warnings.simplefilter("ignore")
            run_update(
                str(path),
                data=cast,
                vcs_ref=target,
                conflict="inline",
                overwrite=True,
                defaults=defaults,
                skip_answered=True,
                unsafe=False,
                quiet=True,
            )
            changed = git.status(path)
            result.conflicts = _conflicts(path, changed, rej_before)
            removed = [name for code, name in changed if code == " D"]
            result.kept = _keep_changed_removed(path, source, answers, removed)
    except KeyboardInterrupt:  # Ctrl-C or SIGTERM (the CLI turns it into this)
        with interrupts_deferred():
            restored = _restore(path, start)
        if restored:
            raise Aborted(
                f"Interrupted: {path} is back at commit {start[:12]}, as before."
            ) from None
        raise Aborted(
            f"Interrupted, and restoring failed; to restore the project as it was, run: "
            f"{_restore_command(path, start)}"
        ) from None
    except CreatorError:
        raise
    except Exception as error:  # Copier's errors: one line, and the project as it was
        first = str(error).strip().splitlines()
        with interrupts_deferred():
            restored = _restore(path, start)
        undo = (
            "the project was restored"
            if restored
            else f"restore it: {_restore_command(path, start)}"
        )
        raise CreatorError(
            f"copier update failed: {first[0] if first else type(error).__name__} ({undo})"
        ) from None
    result.changed = git.status(path)
    if result.ok and check:
        result.check = loader_verdict(path)
    return result


def _restore(path: Path, commit: str) -> bool:
    """Put the files under `path` back as `commit` has them (the tree was clean at the start).

    Index and work tree of tracked files are restored (files the update added are removed),
    then untracked files the update wrote are deleted: there were none when it started.
    Only `path` is touched, even when the project is a folder of a larger repository.
    """
    try:
        git.run(path, "restore", f"--source={commit}", "--staged", "--worktree", "--", ".")
        git.run(path, "clean", "-fdq", "--", ".")
        return not git.status(path)
    except CreatorError:
        return False


def _restore_command(path: Path, commit: str) -> str:
    """The exact commands `_restore` runs, for the user to run by hand."""
    where = shlex.quote(str(path))
    return (
        f"git -C {where} restore --source={commit} --staged --worktree -- . && "
        f"git -C {where} clean -fd -- ."
    )


def loader_verdict(path: Path) -> str:
    """One line from the loader check (creator.check) on the updated project."""
    from creator.check import runner  # lazy: the check's rules cost time only this path pays

    try:
        report = runner.run(path)
    except Exception as error:  # a check that cannot run must not fail the update
        first = str(error).strip().splitlines()
        return f"loader check could not run: {first[0] if first else type(error).__name__}"
    rules = sorted({finding.rule for finding in report.errors})
    if report.loads is True:
        return "loader check: InvenTree would load this plugin"
    if report.loads is False:
        return (
            f"loader check: InvenTree would NOT load this plugin ({len(report.errors)} error(s)"
            f"{': ' + ', '.join(rules) if rules else ''}); "
            f"run `create-inventree-plugin check {path}` for details"
        )
    return f"loader check: undecided; run `create-inventree-plugin check {path}`"
