"""Write a migration's changes into the work tree, all or nothing.

The tree is clean when this runs (adopt refuses a dirty one), and the project's committed
bytes of every path are in memory. If writing stops half-way (an error, Ctrl-C, SIGTERM),
every path already written is put back as it was and every new file is deleted, so the
project is exactly its last commit again. Nothing is staged or committed: the user reviews
the result with `git status` / `git diff`.
"""

from __future__ import annotations

import contextlib
import signal
import threading
from collections.abc import Iterator, Mapping, Sequence
from pathlib import Path

from creator.errors import CreatorError
from creator.interrupts import interrupts_deferred
from creator.migrate.threeway import Change


@contextlib.contextmanager
def _sigterm_interrupts() -> Iterator[None]:
    """Turn SIGTERM into KeyboardInterrupt while writing, so the restore below runs."""
    if threading.current_thread() is not threading.main_thread():
        yield
        return

    def interrupt(signum: int, frame: object) -> None:
        raise KeyboardInterrupt

    previous = signal.signal(signal.SIGTERM, interrupt)
    try:
        yield
    finally:
        signal.signal(signal.SIGTERM, previous)


def _write(project: Path, change: Change) -> None:
    target = project / change.path
    if change.action == "removed":
        target.unlink(missing_ok=True)
        parent = target.parent
        while parent != project and parent.is_dir() and not any(parent.iterdir()):
            parent.rmdir()
            parent = parent.parent
    elif change.content is not None:
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(change.content)


def _restore(project: Path, done: Sequence[Change], before: Mapping[str, bytes]) -> None:
    """Put every written path back: its committed bytes, or no file at all."""
    for change in reversed(done):
        target = project / change.path
        with contextlib.suppress(OSError):
            if change.path in before:
                target.parent.mkdir(parents=True, exist_ok=True)
                target.write_bytes(before[change.path])
            else:
                target.unlink(missing_ok=True)
                parent = target.parent
                while parent != project and parent.is_dir() and not any(parent.iterdir()):
                    parent.rmdir()
                    parent = parent.parent


def apply(
    project: Path,
    changes: Sequence[Change],
    before: Mapping[str, bytes],
    *,
    hook: object = None,
) -> None:
    """Write `changes` (whose old bytes are in `before`); restore the tree if interrupted.

    `hook`, when callable, runs after each file (tests interrupt through it).
    """
    done: list[Change] = []
    try:
        with _sigterm_interrupts():
            for change in changes:
                if change.action == "kept" or (
                    change.content is None and change.action != "removed"
                ):
                    continue
                done.append(change)  # first: a half-written file is restored too
                _write(project, change)
                if callable(hook):
                    hook(change)
    except OSError as error:
        with interrupts_deferred():
            _restore(project, done, before)
        raise CreatorError(
            f"cannot write {project}: {error.strerror or error}; nothing was changed"
        ) from None
    except BaseException:  # Ctrl-C, SIGTERM, anything: the tree goes back first
        with interrupts_deferred():
            _restore(project, done, before)
        raise
