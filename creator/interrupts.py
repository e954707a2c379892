"""Ctrl-C and SIGTERM held for a moment, so a step is done whole or not at all.

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


@contextmanager
def interrupts_deferred() -> Iterator[None]:
    """Hold Ctrl-C and SIGTERM inside the block; raise KeyboardInterrupt after it if one came."""
    if threading.current_thread() is not threading.main_thread():
        yield
        return
    received: list[int] = []
    wanted = (signal.SIGINT, signal.SIGTERM)
    previous = {s: signal.signal(s, lambda signum, frame: received.append(signum)) for s in wanted}
    try:
        yield
    finally:
        for each, handler in previous.items():
            signal.signal(each, handler)
    if received:
        raise KeyboardInterrupt
