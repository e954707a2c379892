"""Render the template into a new plugin project, all or nothing.

`create()` is the library entry point the CLI (and tests) call. Copier renders into a fresh
temporary directory beside the destination; only a complete tree is moved into place, so an
error or Ctrl-C at any moment leaves no half-written project. An existing, non-empty
destination is refused unless `force`; even then, files that are not the template's are kept.
"""

from __future__ import annotations

import os
import shutil
import tempfile
import time
import warnings
from collections.abc import Iterator, Mapping
from contextlib import contextmanager, suppress
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

from creator import git, questions, store
from creator import render as direct_render
from creator.errors import CreatorError
from creator.interrupts import interrupts_deferred
from creator.paths import is_git_checkout, template_root


@dataclass(frozen=True)
class Created:
    """What `create()` made, and (with overwrite) where the replaced files were kept."""

    path: Path
    answers: dict[str, Any]
    files: tuple[str, ...]
    backups: tuple[str, ...] = ()  # relative to `path`: copies of the files overwritten
    existed: bool = False  # `path` was there before (create --force into it)


#: Where `create --overwrite` keeps the files it replaced (inside the project, one per run).
BACKUP_DIR = ".create-inventree-plugin-backup"


def check_destination(dest: Path, force: bool) -> None:
    """Refuse a destination we must not write to, before any question is asked."""
    try:
        exists, is_dir = dest.exists(), dest.is_dir()
        non_empty = is_dir and any(dest.iterdir())
    except OSError as error:
        raise CreatorError(f"cannot write to {dest}: {error.strerror}") from None
    if exists and not is_dir:
        raise CreatorError(f"{dest} exists and is not a directory")
    # The nearest existing folder must take new entries (read-only, or another user's): said
    # now, before anything else is set up or written, rather than when the files are moved.
    existing = next((p for p in (dest, *dest.parents) if p.exists()), None)
    if existing is not None and not os.access(existing, os.W_OK | os.X_OK):
        raise CreatorError(f"cannot write to {existing}: Permission denied")
    if non_empty and not force:
        raise CreatorError(
            f"{dest} is not empty; use --force to write the template's files into it "
            "(files that are not the template's are kept)"
        )


def render(
    answers: Mapping[str, Any], into: Path, root: Path | None = None, *, via_store: bool = False
) -> None:
    """Run Copier on the template with complete answers, into the empty directory `into`.

    The template version goes into the local store (creator.store), so the project records
    `_src_path` (the store) and `_commit` (this version's tag) and can be updated later. The
    store's commit for that tag holds exactly the files under `root`, so rendering `root`
    directly gives the same files; Copier would only spend a clone of the store on it
    (~0.2 s). So unless `via_store` (or `root` is itself a git checkout, which Copier would
    clone anyway), Copier renders `root` and the source is then recorded in the answers
    file as Copier records it (tests/test_store.py proves both ways give the same tree).
    In that direct case creator.render writes the files itself, without importing Copier
    (tests/test_render.py proves the output byte-identical to Copier's).
    """
    plain = (root or template_root()).absolute()
    src, ref = store.render_source(root)
    direct = not via_store and ref is not None and not is_git_checkout(plain)
    if direct and _render_without_copier(answers, into, plain, src, ref):
        return
    with interrupts_deferred():  # Ctrl-C inside pydantic's C code is "ignored" with a traceback
        from copier import run_copy  # lazy: the direct renderer above makes Copier rare

    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        run_copy(
            str(plain) if direct else src,
            str(into),
            data=dict(answers),
            defaults=True,
            overwrite=True,
            quiet=True,
            unsafe=False,
            vcs_ref=None if direct else ref,
        )
    if direct:
        _record_source(into / ".copier-answers.yml", src, ref)


def _render_without_copier(
    answers: Mapping[str, Any], into: Path, root: Path, src: str, ref: str | None
) -> bool:
    """Render with creator.render (Copier's output, a fraction of its time) when it can."""
    template = questions.Template(root)
    if not direct_render.supported(template):
        return False
    direct_render.render(template, answers, into, src, ref)
    return True


def _record_source(answers_file: Path, src: str, ref: str | None) -> None:
    """Record the store and tag in the answers file, written as Copier writes it.

    The file is the template's `{{ _copier_answers | to_nice_yaml }}` after a comment header:
    the same filter re-dumps the answers with `_commit`/`_src_path` set.
    """
    from jinja2_ansible_filters.core_filters import to_nice_yaml  # lazy: Copier's path only

    lines = answers_file.read_text(encoding="utf-8").splitlines(keepends=True)
    header = 0
    while header < len(lines) and lines[header].startswith("#"):
        header += 1
    answers = yaml.safe_load("".join(lines[header:])) or {}
    answers.update({"_commit": ref, "_src_path": src})
    answers_file.write_text("".join(lines[:header]) + to_nice_yaml(answers), encoding="utf-8")


def create(
    dest: Path,
    answers: Mapping[str, Any],
    *,
    force: bool = False,
    root: Path | None = None,
    overwrite: bool = False,
) -> Created:
    """Generate a plugin project at `dest` from validated `answers` (see creator.questions).

    Into an existing directory (`force`), a template file may replace a file of the same name
    only when they are equal or git has that file committed unchanged (so git can bring it
    back). Any other file (changed since its commit, or untracked) is refused unless
    `overwrite`; then a copy goes to BACKUP_DIR first, listed in `Created.backups`. Without
    `force`, the project appears by one atomic rename: of two concurrent creates into one
    destination, one wins and the other fails with a one-line error.
    """
    dest = dest.absolute()
    check_destination(dest, force)
    existed = dest.is_dir() and any(dest.iterdir())
    parent = dest.parent
    try:
        parent.mkdir(parents=True, exist_ok=True)
        staging = Path(tempfile.mkdtemp(prefix=f".{dest.name}.", dir=parent))
    except OSError as error:
        raise CreatorError(f"cannot write to {parent}: {error.strerror}") from None
    try:
        out = staging / "project"
        try:
            with private_tempdir():
                render(answers, out, root)
        except CreatorError:
            raise
        except Exception as error:  # Copier's errors: report one line, keep nothing
            first = str(error).strip().splitlines()
            raise CreatorError(
                f"template rendering failed: {first[0] if first else error!r}"
            ) from None
        files = tuple(sorted(str(p.relative_to(out)) for p in out.rglob("*") if p.is_file()))
        with _merge_lock(dest if existed else None):
            _check_collisions(out, dest)
            backups = _protect_user_files(out, dest, files, overwrite) if existed else ()
            with interrupts_deferred():
                _move_into_place(out, dest, merge=existed)
    finally:
        with interrupts_deferred():
            shutil.rmtree(staging, ignore_errors=True)
    return Created(dest, dict(answers), files, backups, existed)


@contextmanager
def _merge_lock(dest: Path | None) -> Iterator[None]:
    """An exclusive lock on an existing destination while files are merged into it."""
    if dest is None:
        yield
        return
    # Not filelock: that needs a lock file, which would be left beside the user's directory.
    # flock(2) on the directory itself leaves nothing behind.
    try:
        import fcntl  # POSIX only
    except ImportError:  # Windows: no lock
        yield
        return
    fd = os.open(dest, os.O_RDONLY)
    try:
        fcntl.flock(fd, fcntl.LOCK_EX)
        yield
    finally:
        os.close(fd)


def _protect_user_files(
    out: Path, dest: Path, files: tuple[str, ...], overwrite: bool
) -> tuple[str, ...]:
    """Refuse (or back up, with `overwrite`) user files that a template file would replace."""
    differing = [
        name
        for name in files
        if (dest / name).is_file() and (dest / name).read_bytes() != (out / name).read_bytes()
    ]
    at_risk = sorted(set(differing) - git.clean_tracked(dest, differing))
    if not at_risk:
        return ()
    if not overwrite:
        shown = ", ".join(at_risk[:3]) + (", ..." if len(at_risk) > 3 else "")
        raise CreatorError(
            f"{dest} has {len(at_risk)} file(s) the template would overwrite that are changed or "
            f"not committed in git ({shown}); commit them, or pass --overwrite to replace them "
            f"(copies are kept in {BACKUP_DIR}/)"
        )
    folder = Path(BACKUP_DIR) / time.strftime("%Y%m%d-%H%M%S")
    while (dest / folder).exists():
        folder = folder.with_name(folder.name + "-1")
    kept = []
    for name in at_risk:
        target = dest / folder / name
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copy2(dest / name, target)
        kept.append(str(folder / name))
    return tuple(kept)


@contextmanager
def private_tempdir() -> Iterator[Path]:
    """Send this process's temporary files to one private directory, removed on the way out.

    Copier's clones (`copier._vcs.clone.*`) land there too, so none is left whatever happened.
    """
    base = Path(tempfile.mkdtemp(prefix="cip-tmp-"))
    previous = tempfile.tempdir
    tempfile.tempdir = str(base)
    try:
        yield base
    finally:
        tempfile.tempdir = previous
        with interrupts_deferred():
            shutil.rmtree(base, ignore_errors=True)


def _check_collisions(out: Path, dest: Path) -> None:
    """With --force, fail before moving anything if a template file meets a directory (or v.v.)."""
    if not dest.is_dir():
        return
    for path in out.rglob("*"):
        target = dest / path.relative_to(out)
        if path.is_dir() and target.exists() and not target.is_dir():
            raise CreatorError(f"{target} is a file where the template has a directory")
        if path.is_file() and target.is_dir():
            raise CreatorError(f"{target} is a directory where the template has a file")


def _move_into_place(out: Path, dest: Path, *, merge: bool = False) -> None:
    """Rename the finished tree to `dest` (atomic), or merge it into `dest` (--force).

    Without `merge` the rename is the only write: rename(2) refuses a non-empty directory, so
    a concurrent create that got there first makes this one fail, never merge.
    """
    if not merge:
        try:
            if dest.is_dir() and not any(dest.iterdir()):
                with suppress(FileNotFoundError):  # a concurrent create removed it first
                    dest.rmdir()
            out.rename(dest)
        except OSError as error:
            if dest.exists():
                raise CreatorError(
                    f"{dest} was created by someone else meanwhile; nothing was written"
                ) from None
            raise CreatorError(f"cannot write {dest}: {error.strerror}") from None
        return
    try:
        for path in sorted(out.rglob("*")):
            target = dest / path.relative_to(out)
            if path.is_dir():
                target.mkdir(exist_ok=True)
            else:
                path.replace(target)
    except OSError as error:
        raise CreatorError(f"cannot write {dest}: {error.strerror}") from None
