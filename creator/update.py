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
  the update's diff stays reviewable on its own.
- `-d KEY=VALUE` keys and values are checked against the target version's copier.yml (Copier
  accepts unknown keys silently). Only questions without a recorded answer are asked
  (`skip_answered`); without a terminal they need `-d` or `defaults=True`.
- Conflicts never pass silently: after the merge every unmerged index entry, `.rej` file and
  inline marker (`<<<<<<< before updating`) is collected; the CLI lists them and exits 1.
- Copier deletes a file that the new template dropped even when the user changed it. Such
  files are restored from HEAD and reported as kept.
- Files the user deleted stay deleted (Copier >= 9.17.2).
- After a clean update the loader check runs (creator.check, when installed).
"""

from __future__ import annotations

import os
import re
import subprocess
import sys
import tempfile
import warnings
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from creator import store
from creator.errors import Aborted, CreatorError
from creator.generate import interrupts_deferred, private_tempdir

ANSWERS_FILE = ".copier-answers.yml"
MARKERS = (b"<<<<<<< before updating", b">>>>>>> after updating")


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
    check: str | None = None  # the loader check's verdict, one line

    @property
    def up_to_date(self) -> bool:
        """Nothing was done: the project already had the target version (and no new answers)."""
        return self.old_version == self.new_version and not self.changed

    @property
    def ok(self) -> bool:
        """No conflict left for the user to resolve."""
        return not self.conflicts


# ------------------------------------------------------------------------------ git


def _git(path: Path, *args: str, check: bool = True) -> str:
    try:
        result = subprocess.run(
            ["git", "-C", str(path), *args],
            capture_output=True,
            text=True,
            check=False,
            env={**os.environ, "GIT_TERMINAL_PROMPT": "0"},
        )
    except FileNotFoundError:
        raise CreatorError("git was not found; update needs it", 2) from None
    if check and result.returncode != 0:
        detail = (result.stderr or result.stdout).strip().splitlines()
        raise CreatorError(f"git {args[0]} failed: {detail[-1] if detail else result.returncode}")
    return result.stdout if result.returncode == 0 else ""


def _status(path: Path) -> list[tuple[str, str]]:
    """`git status` entries under `path` as (two-letter code, path relative to `path`)."""
    out = _git(path, "status", "--porcelain=v1", "-z", "--untracked-files=all", "--", ".")
    prefix = _git(path, "rev-parse", "--show-prefix").strip()
    entries, items = [], out.split("\0")
    index = 0
    while index < len(items):
        item = items[index]
        index += 1
        if not item:
            continue
        code, name = item[:2], item[3:]
        if code[0] in "RC":
            index += 1  # the rename's source path follows
        entries.append((code, name.removeprefix(prefix)))
    return entries


def _require_clean_git(path: Path, what: str) -> None:
    """Refuse a directory that is not in a git work tree, or that has uncommitted changes."""
    if not path.is_dir():
        raise CreatorError(f"{path} is not a directory", 2)
    try:
        inside = subprocess.run(
            ["git", "-C", str(path), "rev-parse", "--is-inside-work-tree"],
            capture_output=True,
            text=True,
            check=False,
        )
    except FileNotFoundError:
        raise CreatorError(f"git was not found; {what} needs it", 2) from None
    if inside.returncode != 0 or inside.stdout.strip() != "true":
        raise CreatorError(
            f"{path} is not a git repository; {what} needs one "
            "(git init && git add --all && git commit -m 'Initial commit')"
        )
    dirty = _status(path)
    if dirty:
        shown = ", ".join(name for _, name in dirty[:3]) + (", ..." if len(dirty) > 3 else "")
        raise CreatorError(
            f"{path} has uncommitted changes ({shown}); commit or stash them before {what}"
        )


def _commit_paths(path: Path, message: str, *files: str) -> str:
    """Commit `files` only; use a stand-in identity when git has none configured."""
    identity = []
    for key, fallback in (("user.name", store.APP_NAME), ("user.email", "plugin@localhost")):
        if not _git(path, "config", "--get", key, check=False).strip():
            identity += ["-c", f"{key}={fallback}"]
    _git(path, "add", "--", *files)
    _git(path, *identity, "commit", "--quiet", "--no-verify", "-m", message, "--", *files)
    return _git(path, "rev-parse", "--short", "HEAD").strip()


# ---------------------------------------------------------------------------- answers


def read_answers(path: Path) -> dict[str, Any]:
    """The project's `.copier-answers.yml` as a mapping (errors are one line)."""
    import yaml

    file = path / ANSWERS_FILE
    try:
        loaded = yaml.safe_load(file.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise CreatorError(
            f"{path} has no {ANSWERS_FILE}: it was not made by create-inventree-plugin "
            "(for a plugin made by inventree-plugin-creator, run `create-inventree-plugin "
            "adopt` first)"
        ) from None
    except (OSError, yaml.YAMLError) as error:
        raise CreatorError(f"cannot read {file}: {str(error).splitlines()[0]}") from None
    if not isinstance(loaded, dict):
        raise CreatorError(f"{file} does not hold answers (a mapping)")
    return loaded


def _is_local(src: str) -> bool:
    return not re.match(r"^([a-z][a-z0-9+.-]*://|git@|gh:|gl:)", src)


@dataclass(frozen=True)
class Source:
    """Where the project's template versions come from, for this run."""

    url: str  # what Copier reads (the recorded _src_path, possibly relinked)
    local: Path | None  # the same as a local repository path, when it is one
    commit: str  # the recorded version


def _source(path: Path, answers: Mapping[str, Any], *, relink: bool) -> tuple[Source, str | None]:
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
    if not _is_local(src):
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
    import yaml

    file = path / ANSWERS_FILE
    text = file.read_text(encoding="utf-8")
    value = yaml.safe_dump(str(target), default_style=None).strip().removesuffix("...").strip()
    new, count = re.subn(r"(?m)^_src_path:.*$", lambda _: f"_src_path: {value}", text, count=1)
    if count != 1:
        raise CreatorError(f"cannot find the _src_path line in {file}")
    file.write_text(new, encoding="utf-8")
    return _commit_paths(
        path,
        "Point .copier-answers.yml at this machine's template store\n\n"
        "Written by `create-inventree-plugin update --relink`: the template store recorded "
        "before is not available here.",
        ANSWERS_FILE,
    )


def _version_key(tag: str) -> Any:
    from packaging.version import InvalidVersion, Version

    try:
        return Version(tag)
    except InvalidVersion:
        raise CreatorError(f"{tag!r} is not a template version (a PEP 440 tag)") from None


def _latest(source: Source) -> str:
    if source.local is not None:
        latest = store.latest_tag(source.local)
    else:
        out = subprocess.run(
            ["git", "ls-remote", "--tags", "--refs", "--", source.url],
            capture_output=True,
            text=True,
            check=False,
        )
        if out.returncode != 0:
            raise CreatorError(f"cannot list the versions of {source.url} (offline?)")
        names = [line.split("refs/tags/", 1)[-1] for line in out.stdout.splitlines()]
        latest = None
        for name in names:
            try:
                key = _version_key(name)
            except CreatorError:
                continue
            if latest is None or key > _version_key(latest):
                latest = name
    if latest is None:
        raise CreatorError(f"the template source {source.url} has no versions")
    return latest


def _ensure_ours() -> tuple[Path, str] | None:
    """Add this CLI's template version to the store (a warning if the store is unusable)."""
    try:
        return store.ensure_version()
    except store.StoreError as error:
        print(f"warning: {error}", file=sys.stderr)
        return None


def check_update(path: Path | str) -> tuple[str, str]:
    """(recorded version, newest available version) of the project at `path`."""
    path = Path(path).absolute()
    answers = read_answers(path)
    _ensure_ours()
    commit = answers.get("_commit")
    src = answers.get("_src_path")
    if not commit:
        raise CreatorError(f"{ANSWERS_FILE} records no template version (_commit)")
    local = Path(str(src)).expanduser() if src and _is_local(str(src)) else None
    if local is not None and not store.has_ref(local, str(commit)):
        local = store.store_path()  # the other machine's store: compare with ours
    source = Source(str(src), local, str(commit))
    latest = _latest(source)
    current = str(commit)
    if _version_key(latest) <= _version_key(current):
        latest = current
    return current, latest


# ---------------------------------------------------------------------------- update


def _target_template(source: Source, ref: str, ours: tuple[Path, str] | None, scratch: Path) -> Any:
    """creator.questions.Template of version `ref` (our files when it is our own version)."""
    from creator import questions

    if ours is not None and source.local == ours[0] and ref == ours[1]:
        return questions.load()
    if source.local is None:
        return None  # a remote template: Copier validates on its own
    store.export(ref, scratch, source.local, "copier.yml", "includes")
    return questions.Template(scratch)


def _check_data(
    template: Any, recorded: Mapping[str, Any], data: Mapping[str, Any], ask: bool
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
    for line in _git(path, "ls-files", "-u", "-z", "--", ".").split("\0"):
        if "\t" in line:
            found.add(line.split("\t", 1)[1])
    prefix = _git(path, "rev-parse", "--show-prefix").strip()
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
        out = _git(path, "ls-files", "--others", *extra, "-z", "--", "*.rej", check=False)
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
    from copier import run_copy

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
            committed = subprocess.run(
                ["git", "-C", str(path), "show", f"HEAD:./{name}"],
                capture_output=True,
                check=False,
            ).stdout
            rendered = old / name
            if rendered.is_file() and rendered.read_bytes() == committed:
                continue  # unchanged since rendering: the template's deletion stands
            _git(path, "checkout", "HEAD", "--", name)
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
    from copier import run_update

    path = Path(path).absolute()
    _require_clean_git(path, "updating")
    answers = read_answers(path)
    ours = _ensure_ours()
    source, relinked = _source(path, answers, relink=relink)
    target = vcs_ref or _latest(source)
    if source.local is not None and not store.has_ref(source.local, target):
        raise CreatorError(f"the template source {source.url} has no version {target!r}")
    if _version_key(target) < _version_key(source.commit):
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
    start = _git(path, "rev-parse", "HEAD").strip()
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
            changed = _status(path)
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
    result.changed = _status(path)
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
        _git(path, "restore", f"--source={commit}", "--staged", "--worktree", "--", ".")
        _git(path, "clean", "-fdq", "--", ".")
        return not _status(path)
    except CreatorError:
        return False


def _restore_command(path: Path, commit: str) -> str:
    """The exact commands `_restore` runs, for the user to run by hand."""
    import shlex

    where = shlex.quote(str(path))
    return (
        f"git -C {where} restore --source={commit} --staged --worktree -- . && "
        f"git -C {where} clean -fd -- ."
    )


def loader_verdict(path: Path) -> str | None:
    """One line from the loader check (creator.check), or None when it is not installed."""
    try:
        from creator import check as loader
    except ImportError:
        return None
    run = getattr(loader, "run", None)
    if run is None:
        return None
    try:
        report = run(path)
    except Exception as error:  # a check that cannot run must not fail the update
        first = str(error).strip().splitlines()
        return f"loader check could not run: {first[0] if first else type(error).__name__}"
    loads = getattr(report, "loads", None)
    errors = list(getattr(report, "errors", []) or [])
    rules = sorted({str(getattr(finding, "rule", "")) for finding in errors} - {""})
    if loads is True:
        return "loader check: InvenTree would load this plugin"
    if loads is False:
        return (
            f"loader check: InvenTree would NOT load this plugin ({len(errors)} error(s)"
            f"{': ' + ', '.join(rules) if rules else ''}); "
            f"run `create-inventree-plugin check {path}` for details"
        )
    return f"loader check: undecided; run `create-inventree-plugin check {path}`"


_CODES = {"??": "added", " M": "modified", "M ": "modified", " D": "deleted", "UU": "conflict"}


def format_result(result: UpdateResult) -> str:
    """The CLI's report: what changed, what conflicts, what was kept, the check's verdict."""
    lines = []
    if result.relinked:
        lines.append(
            f"Pointed _src_path at this machine's template store (commit {result.relinked})."
        )
    if result.up_to_date:
        lines.append(f"Already up to date (template {result.new_version}).")
        return "\n".join(lines)
    if result.old_version == result.new_version:
        lines.append(f"Applied the new answers to {result.path} (template {result.new_version}).")
    else:
        lines.append(
            f"Updated {result.path} from template {result.old_version} to {result.new_version}."
        )
    conflicts = set(result.conflicts)
    for code, name in result.changed:
        if name in conflicts:
            continue
        lines.append(f"  {_CODES.get(code, code.strip() or 'changed'):<9} {name}")
    for name in result.kept:
        lines.append(f"  kept      {name} (the new template dropped it; you had changed it)")
    if result.conflicts:
        lines.append(f"{len(result.conflicts)} file(s) with conflicts, resolve them and commit:")
        lines += [f"  conflict  {name}" for name in result.conflicts]
        lines.append(
            "Look for <<<<<<< before updating / >>>>>>> after updating, or *.rej files; "
            "`git diff` shows the update."
        )
    else:
        lines.append("No conflicts. Review with `git diff`, then commit.")
        if result.check:
            lines.append(result.check)
    return "\n".join(lines)


def run_cli(args: Any) -> int:
    """`create-inventree-plugin update`: the argparse namespace in, the exit code out.

    Exit codes: 0 updated without conflicts (or already up to date); 1 conflicts to resolve
    (or an error); with --check: 0 up to date, 2 an update is available.
    """
    from creator.cli import parse_data

    path = Path(args.path or ".")
    if args.check:
        current, latest = check_update(path)
        if current == latest:
            print(f"{path}: up to date (template {current})")
            return 0
        print(f"{path}: update available: {current} -> {latest}")
        return 2
    with private_tempdir():
        result = update(
            path,
            vcs_ref=args.vcs_ref,
            defaults=args.defaults,
            data=parse_data(args.data, None),
            relink=args.relink,
            check=not getattr(args, "no_loader_check", False),
        )
    print(format_result(result))
    return 0 if result.ok else 1
