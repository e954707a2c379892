"""Run the CLI as a user would, in a private temporary directory, and look for leftovers."""

from __future__ import annotations

import contextlib
import os
import signal
import subprocess
import sys
import textwrap
import time
from dataclasses import dataclass
from pathlib import Path

from tests.helpers import REPO

CLI = [sys.executable, "-m", "creator"]
#: The CLI, saying on stderr when main() starts (an interrupt while the interpreter itself
#: starts up is Python's to report, not ours).
READY = (
    "import sys\nfrom creator.entry import main\n"
    "sys.stderr.write('READY\\n'); sys.stderr.flush()\nraise SystemExit(main())"
)


@dataclass
class Run:
    """How a CLI run ended."""

    returncode: int | None
    stdout: str
    stderr: str
    signalled: bool  # the signal was sent before the command ended


def env_for(tmp: Path, **extra: str) -> dict[str, str]:
    """Environment of a CLI run: its own TMPDIR, cache, config and template store."""
    private = tmp / "tmp"
    private.mkdir(parents=True, exist_ok=True)
    env = {
        **os.environ,
        "PYTHONPATH": str(REPO),
        "TMPDIR": str(private),
        "XDG_CACHE_HOME": str(tmp / "cache"),
        "CREATE_INVENTREE_PLUGIN_CONFIG": str(tmp / "config" / "defaults.json"),
        "CREATE_INVENTREE_PLUGIN_NO_INSTALL": "1",
    }
    env.update(extra)
    return env


def run_cli(
    *args: str,
    cwd: Path,
    env: dict[str, str],
    interrupt: tuple[float, int] | None = None,
    stdout: int | None = subprocess.PIPE,
    stdin: int | None = subprocess.DEVNULL,
    timeout: float = 180,
) -> Run:
    """Run the CLI; with `interrupt=(seconds, signal)`, send the signal after that long.

    SIGINT goes to the whole process group, as a terminal's Ctrl-C does; SIGTERM to the CLI
    process only, as `kill` or a service manager does.
    """
    command = [*CLI, *args]
    if interrupt is not None:  # count the delay from main(), not from the interpreter's start
        command = [sys.executable, "-c", READY, *args]
    process = subprocess.Popen(
        command,
        cwd=cwd,
        env=env,
        stdin=stdin,
        stdout=stdout,
        stderr=subprocess.PIPE,
        text=True,
        start_new_session=True,
    )
    signalled = False
    if interrupt is not None:
        delay, signum = interrupt
        assert process.stderr is not None
        assert process.stderr.readline() == "READY\n"
        try:
            process.wait(timeout=delay)
        except subprocess.TimeoutExpired:
            signalled = True
            if signum == signal.SIGINT:
                os.killpg(process.pid, signum)
            else:
                process.send_signal(signum)
    try:
        out, err = process.communicate(timeout=timeout)
    finally:
        if process.poll() is None:
            os.killpg(process.pid, signal.SIGKILL)
            process.wait()
    return Run(process.returncode, out or "", err or "", signalled)


def processes_mentioning(text: str) -> list[int]:
    """Live processes whose command line or environment contains `text` (this one excluded)."""
    found = []
    needle = text.encode()
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit() or int(entry.name) == os.getpid():
            continue
        try:
            data = (entry / "cmdline").read_bytes()
            status = (entry / "stat").read_text()
        except OSError:
            continue
        # A sandboxed process's environment may not be readable; its command line always is.
        with contextlib.suppress(OSError):
            data += (entry / "environ").read_bytes()
        if needle in data and ") Z " not in status:
            found.append(int(entry.name))
    return found


def processes_left(text: str, *, wait: float = 5.0) -> list[int]:
    """`processes_mentioning(text)` once they are gone, or after `wait` seconds.

    A process sent SIGKILL is still listed for the moment the kernel takes to tear it down (longer
    on a loaded machine); one that escaped the kill is listed for good.
    """
    deadline = time.monotonic() + wait
    while (alive := processes_mentioning(text)) and time.monotonic() < deadline:
        time.sleep(0.05)
    return alive


def assert_nothing_left(tmp: Path, *, wait: float = 2.0) -> None:
    """No temporary file or directory and no process of the run survives."""
    private = tmp / "tmp"
    deadline = time.monotonic() + wait
    while True:
        left = sorted(p.name for p in private.iterdir()) if private.exists() else []
        alive = processes_mentioning(str(private))
        if not left and not alive:
            return
        if time.monotonic() > deadline:
            raise AssertionError(f"left behind: files {left}, processes {alive}")
        time.sleep(0.1)


def fork_bomb(marker: str) -> str:
    """Python that forks without end; run with `-c`, every copy carries `marker` in its cmdline."""
    return textwrap.dedent(f"""\
        import os, time
        # {marker}
        while True:
            try:
                os.fork()
            except OSError:
                time.sleep(0.05)
        """)
