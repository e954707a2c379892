"""Ctrl-C and SIGTERM unwind as KeyboardInterrupt, never lost inside Python's import system."""

from __future__ import annotations

import os
import signal
import sys
import time
import types
from collections.abc import Iterator

import pytest

from creator import interrupts

#: The innermost frame a handler sees when the signal lands in importlib's weakref callback.
IMPORTLIB_FRAME = types.SimpleNamespace(
    f_code=types.SimpleNamespace(co_filename="<frozen importlib._bootstrap>", co_name="_get"),
    f_back=None,
)


@pytest.fixture
def handlers() -> Iterator[None]:
    previous = interrupts.unwind_on_interrupts()
    alarm = signal.getsignal(signal.SIGALRM)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, alarm)
        interrupts.restore(previous)


def test_sigterm_raises_keyboard_interrupt_and_means_exit_143(handlers: None) -> None:
    with pytest.raises(KeyboardInterrupt):
        os.kill(os.getpid(), signal.SIGTERM)
        time.sleep(1)
    assert interrupts.interrupted_exit_code() == 143


def test_ctrl_c_means_exit_130(handlers: None) -> None:
    with pytest.raises(KeyboardInterrupt):
        os.kill(os.getpid(), signal.SIGINT)
        time.sleep(1)
    assert interrupts.interrupted_exit_code() == 130


def test_an_interrupt_inside_the_import_system_comes_back_a_moment_later(handlers: None) -> None:
    """Raised in importlib's callback it would be printed as "ignored" and lost; it is retried."""
    interrupts._on_interrupt(signal.SIGTERM, IMPORTLIB_FRAME)  # type: ignore[arg-type]
    started = time.monotonic()
    with pytest.raises(KeyboardInterrupt):
        time.sleep(5)
    assert time.monotonic() - started < 4  # retried, not delivered only after the sleep
    assert interrupts.interrupted_exit_code() == 143


def test_an_interrupt_inside_a_finalizer_comes_back_after_it(handlers: None) -> None:
    """Raised in `__del__` it would be printed as "ignored" and lost (seen with plumbum's)."""
    lost: list[object] = []
    previous_hook = sys.unraisablehook
    sys.unraisablehook = lost.append

    class Finalized:
        def __del__(self) -> None:
            os.kill(os.getpid(), signal.SIGTERM)
            sum(range(10**5))  # Python runs the handler here, inside __del__

    try:
        with pytest.raises(KeyboardInterrupt):
            Finalized()
            time.sleep(2)
    finally:
        sys.unraisablehook = previous_hook
    assert lost == []
    assert interrupts.interrupted_exit_code() == 143


def test_a_deferred_block_takes_over_a_waiting_interrupt(handlers: None) -> None:
    interrupts._on_interrupt(signal.SIGINT, IMPORTLIB_FRAME)  # type: ignore[arg-type]
    done = []
    with pytest.raises(KeyboardInterrupt), interrupts.interrupts_deferred():
        time.sleep(3 * interrupts.RETRY_SECONDS)  # the retry does not cut the block short
        done.append(True)
    assert done == [True]


def test_restore_puts_back_the_previous_handlers() -> None:
    before = signal.getsignal(signal.SIGINT), signal.getsignal(signal.SIGTERM)
    interrupts.restore(interrupts.unwind_on_interrupts())
    assert (signal.getsignal(signal.SIGINT), signal.getsignal(signal.SIGTERM)) == before
