"""Render the template into a new plugin project, all or nothing.

`create()` is the library entry point the CLI (and tests) call. Copier renders into a fresh
temporary directory beside the destination; only a complete tree is moved into place, so an
error or Ctrl-C at any moment leaves no half-written project. An existing, non-empty
destination is refused unless `force`; even then, files that are not the template's are kept.
"""

from __future__ import annotations

import shutil
import signal
import tempfile
import threading
import warnings
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from creator.errors import CreatorError


@dataclass(frozen=True)
class Created:
    """What `create()` made."""

    path: Path
    answers: dict[str, Any]
    files: tuple[str, ...]


def check_destination(dest: Path, force: bool) -> None:
    """Refuse a destination we must not write to, before any question is asked."""
    try:
        exists, is_dir = dest.exists(), dest.is_dir()
        non_empty = is_dir and any(dest.iterdir())
    except OSError as error:
        raise CreatorError(f"cannot write to {dest}: {error.strerror}") from None
    if exists and not is_dir:
        raise CreatorError(f"{dest} exists and is not a directory")
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
    """
    from creator import store
    from creator.paths import is_git_checkout, template_root

    plain = (root or template_root()).absolute()
    src, ref = store.render_source(root)
    direct = not via_store and ref is not None and not is_git_checkout(plain)
    if direct and _render_without_copier(answers, into, plain, src, ref):
        return
    from copier import run_copy

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
    from creator import questions
    from creator import render as direct_render

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
    import yaml
    from jinja2_ansible_filters.core_filters import to_nice_yaml

    lines = answers_file.read_text(encoding="utf-8").splitlines(keepends=True)
    header = 0
    while header < len(lines) and lines[header].startswith("#"):
        header += 1
    answers = yaml.safe_load("".join(lines[header:])) or {}
    answers.update({"_commit": ref, "_src_path": src})
    answers_file.write_text("".join(lines[:header]) + to_nice_yaml(answers), encoding="utf-8")


def create(
    dest: Path, answers: Mapping[str, Any], *, force: bool = False, root: Path | None = None
) -> Created:
    """Generate a plugin project at `dest` from validated `answers` (see creator.questions)."""
    dest = dest.absolute()
    check_destination(dest, force)
    parent = dest.parent
    try:
        parent.mkdir(parents=True, exist_ok=True)
        staging = Path(tempfile.mkdtemp(prefix=f".{dest.name}.", dir=parent))
    except OSError as error:
        raise CreatorError(f"cannot write to {parent}: {error.strerror}") from None
    try:
        out = staging / "project"
        try:
            render(answers, out, root)
        except CreatorError:
            raise
        except Exception as error:  # Copier's errors: report one line, keep nothing
            first = str(error).strip().splitlines()
            raise CreatorError(
                f"template rendering failed: {first[0] if first else error!r}"
            ) from None
        files = tuple(sorted(str(p.relative_to(out)) for p in out.rglob("*") if p.is_file()))
        _check_collisions(out, dest)
        with sigint_deferred():
            _move_into_place(out, dest)
    finally:
        with sigint_deferred():
            shutil.rmtree(staging, ignore_errors=True)
    return Created(dest, dict(answers), files)


@contextmanager
def sigint_deferred() -> Iterator[None]:
    """Hold Ctrl-C while files move, so the tree is either all there or not there at all."""
    if threading.current_thread() is not threading.main_thread():
        yield
        return
    received: list[int] = []
    previous = signal.signal(signal.SIGINT, lambda signum, frame: received.append(signum))
    try:
        yield
    finally:
        signal.signal(signal.SIGINT, previous)
    if received:
        raise KeyboardInterrupt


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


def _move_into_place(out: Path, dest: Path) -> None:
    """Rename the finished tree to `dest`, or merge it into an existing directory (--force)."""
    try:
        if not dest.exists():
            out.rename(dest)
            return
        if dest.is_dir() and not any(dest.iterdir()):
            dest.rmdir()
            out.rename(dest)
            return
        for path in sorted(out.rglob("*")):
            target = dest / path.relative_to(out)
            if path.is_dir():
                target.mkdir(exist_ok=True)
            else:
                path.replace(target)
    except OSError as error:
        raise CreatorError(f"cannot write {dest}: {error.strerror}") from None
