"""Ctrl-C and SIGTERM end a command in one "Aborted." line, and a step is done whole or not at all.

`unwind_on_interrupts()` makes both signals raise KeyboardInterrupt, so clean-ups run and the
sandbox is killed; the console script sets it before it imports the CLI. An interrupt that
lands inside Python's import system or in a finalizer (`__del__`) is retried a moment later:
part of importlib runs as weakref callbacks, and there, as in a finalizer, an exception is
printed as "Exception ignored" and then lost.

Moving the finished project into place, restoring a project after a failed update, writing
a wheel, importing Copier (an interrupt inside pydantic's C code is "ignored" with a
traceback): each runs inside `interrupts_deferred()`, and the interrupt takes effect right
after it, as a KeyboardInterrupt the CLI reports in one line.
"""

from __future__ import annotations

import signal
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from types import FrameType
from typing import Any

#: Seconds until an interrupt that landed inside the import system is tried again.
RETRY_SECONDS = 0.02
_INTERRUPTS = (signal.SIGINT, signal.SIGTERM)
#: Set once a SIGTERM arrived: the CLI then exits 143, as a process killed by it would, not 130.
_terminated = threading.Event()
#: Set while an interrupt waits for the import system to finish (SIGALRM brings it back).
_pending = threading.Event()
#: Set once Ctrl-C or SIGTERM arrived: clean-ups at exit then stop work instead of awaiting it.
_interrupted = threading.Event()


def unwind_on_interrupts() -> dict[signal.Signals, Any]:
    """From now on Ctrl-C and SIGTERM raise KeyboardInterrupt; the previous handlers.

    Empty outside the main thread, where Python cannot set handlers. `restore()` puts the
    returned handlers back.
    """
    _terminated.clear()
    _pending.clear()
    _interrupted.clear()
    try:
        return {each: signal.signal(each, _on_interrupt) for each in _INTERRUPTS}
    except ValueError:
        return {}


def restore(previous: dict[signal.Signals, Any]) -> None:
    """Put back the handlers `unwind_on_interrupts()` replaced."""
    for each, handler in previous.items():
        signal.signal(each, handler)


def interrupted() -> bool:
    """Whether Ctrl-C or SIGTERM arrived since `unwind_on_interrupts()`."""
    return _interrupted.is_set()


def interrupted_exit_code() -> int:
    """143 after SIGTERM, 130 after Ctrl-C (128 + the signal's number, as shells report it)."""
    return 143 if _terminated.is_set() else 130


def _on_interrupt(signum: int, frame: FrameType | None) -> None:
    if signum == signal.SIGALRM and not _pending.is_set():
        return  # a retry that interrupts_deferred() already took over
    _interrupted.set()
    if signum == signal.SIGTERM:
        _terminated.set()
    if _exceptions_lost_in(frame):
        _pending.set()
        signal.signal(signal.SIGALRM, _on_interrupt)
        signal.setitimer(signal.ITIMER_REAL, RETRY_SECONDS)
        return
    _pending.clear()
    raise KeyboardInterrupt


def _exceptions_lost_in(frame: FrameType | None) -> bool:
    """Whether an exception raised in `frame` would be printed as "ignored" and then dropped.

    That is so in importlib's weakref callbacks (the innermost frame is importlib's) and in a
    finalizer (`__del__` anywhere on the stack: Copier's git wrapper, plumbum, has one).
    """
    if frame is not None and frame.f_code.co_filename.startswith("<frozen importlib"):
        return True
    while frame is not None:
        if frame.f_code.co_name == "__del__":
            return True
        frame = frame.f_back
    return False


@contextmanager
def interrupts_deferred() -> Iterator[None]:
    """Hold Ctrl-C and SIGTERM inside the block; raise KeyboardInterrupt after it if one came."""
    if threading.current_thread() is not threading.main_thread():
        yield
        return
    received: list[int] = []
    if _pending.is_set():  # an interrupt waiting for a retry: it is this block's now
        signal.setitimer(signal.ITIMER_REAL, 0)
        _pending.clear()
        received.append(signal.SIGINT)
    previous = {
        each: signal.signal(each, lambda signum, frame: received.append(signum))
        for each in _INTERRUPTS
    }
    try:
        yield
    finally:
        restore(previous)
    if signal.SIGTERM in received:
        _terminated.set()
    if received:
        _interrupted.set()
        raise KeyboardInterrupt
