"""creator.sandbox: code we did not write cannot reach the network, our files or the checker.

Each test runs a small hostile program (plain Python, like plugin code) through
`sandbox.run` and checks, from outside, that what it tried did not happen. The bubblewrap
tests must run wherever bwrap is installed (scripts/setup.sh installs it); the limits also
hold in the weaker mode without bwrap, tested with CREATE_INVENTREE_PLUGIN_NO_BWRAP=1.
"""

from __future__ import annotations

import contextlib
import os
import pwd
import secrets
import subprocess
import sys
import textwrap
import threading
import time
from pathlib import Path

import pytest

from creator import sandbox
from creator.sandbox import Limits
from tests.safety.helpers import fork_bomb, processes_left, processes_mentioning

#: A Python outside any venv (pyenv's or the system's): visible read-only in the sandbox.
PYTHON = str(Path(sys.base_prefix) / "bin" / "python3")
MODES = ["bwrap", "fallback"]


@pytest.fixture(params=MODES)
def mode(request: pytest.FixtureRequest, monkeypatch: pytest.MonkeyPatch) -> str:
    """Run the test with bubblewrap and again in the weaker mode without it."""
    if request.param == "fallback":
        monkeypatch.setenv(sandbox.NO_BWRAP_ENV, "1")
    else:
        monkeypatch.delenv(sandbox.NO_BWRAP_ENV, raising=False)
    return request.param


def py(code: str, scratch: Path, **kwargs) -> sandbox.Result:
    """Run `code` with Python in the sandbox."""
    return sandbox.run([PYTHON, "-I", "-c", textwrap.dedent(code)], scratch=scratch, **kwargs)


def test_bubblewrap_is_available_on_linux() -> None:
    """setup.sh installs bubblewrap: on Linux the strong sandbox is the one the tests exercise."""
    assert sys.platform.startswith("linux")
    assert sandbox.available()


def test_no_network_through_raw_socket_or_a_child(tmp_path: Path, listener: int) -> None:
    """`_socket` and a child process alike find only an isolated loopback: host and internet."""
    code = f"""
        import _socket, subprocess, sys
        def attempt(address):
            s = _socket.socket(_socket.AF_INET, _socket.SOCK_STREAM)
            s.settimeout(2)
            try:
                s.connect(address)
            except OSError as error:
                return "blocked"
            return "connected"
        print(attempt(("127.0.0.1", {listener})), attempt(("1.1.1.1", 80)))
        child = subprocess.run([sys.executable, "-c", "import socket;"
            "socket.create_connection(('127.0.0.1', {listener}), timeout=2)"])
        print("child", child.returncode)
        print(sorted(l.split(":")[0].strip() for l in open("/proc/net/dev").readlines()[2:]))
    """
    result = py(code, tmp_path)
    assert result.sandboxed
    lines = result.stdout.decode().splitlines()
    assert lines[0] == "blocked blocked", result.stderr
    assert lines[1] != "child 0"
    assert lines[2] == "['lo']"


def test_network_only_when_asked(tmp_path: Path) -> None:
    """network=True (the install step) shares the host's network namespace."""
    code = "print(sorted(l.split(':')[0].strip() for l in open('/proc/net/dev').readlines()[2:]))"
    shared = py(code, tmp_path, network=True).stdout.decode().strip()
    lines = Path("/proc/net/dev").read_text().splitlines()[2:]
    host = sorted(line.split(":")[0].strip() for line in lines)
    assert shared == str(host)


def test_writes_outside_scratch_fail(tmp_path: Path) -> None:
    """The real home (found via pwd), /tmp, a read-only path: nothing lands outside scratch."""
    home = Path(pwd.getpwuid(os.getuid()).pw_dir)
    name = f"cip-probe-{secrets.token_hex(4)}"
    shown = tmp_path / "shown"
    shown.mkdir()
    scratch = tmp_path / "scratch"
    code = f"""
        import os, pwd
        for target in [os.path.join(pwd.getpwuid(os.getuid()).pw_dir, "{name}"),
                       "/tmp/{name}", "{shown}/{name}", "/usr/{name}", "/etc/{name}"]:
            try:
                open(target, "w").write("x")
                print("wrote", target)
            except OSError as error:
                print("refused", target)
        open("{scratch}/{name}", "w").write("mine")
    """
    result = py(code, scratch, readonly=[shown])
    outcome = dict(line.split(" ")[::-1] for line in result.stdout.decode().splitlines())
    assert outcome.pop(f"/tmp/{name}") == "wrote"  # the sandbox's private /tmp, in scratch
    assert set(outcome.values()) == {"refused"}, result.stdout
    assert not (home / name).exists()
    assert not (shown / name).exists()
    assert not Path("/tmp", name).exists()
    assert (scratch / name).read_text() == "mine"


def test_readonly_paths_are_readable(tmp_path: Path) -> None:
    """What the caller shows read-only (a plugin) can be read, never changed."""
    plugin = tmp_path / "plugin"
    plugin.mkdir()
    (plugin / "core.py").write_text("VALUE = 42\n")
    code = f"""
        import sys; sys.path.insert(0, "{plugin}")
        import core; print(core.VALUE)
        try:
            open("{plugin}/core.py", "a").write("HACKED = 1")
        except OSError:
            print("read-only")
    """
    result = py(code, tmp_path / "scratch", readonly=[plugin])
    assert result.stdout.decode().split() == ["42", "read-only"]
    assert (plugin / "core.py").read_text() == "VALUE = 42\n"


def test_fork_bomb_is_contained(tmp_path: Path, mode: str) -> None:
    """Forks stop at the process limit, and none of them outlives the run."""
    marker = f"bomb{secrets.token_hex(4)}"
    started = time.monotonic()
    limits = Limits(wall_seconds=3, processes=32)
    result = py(fork_bomb(marker), tmp_path, limits=limits)
    assert result.timed_out and result.returncode is None
    assert time.monotonic() - started < 15
    assert processes_left(marker) == []


def test_output_is_capped(tmp_path: Path, mode: str) -> None:
    """A plugin printing without end fills neither memory nor disk: the rest is discarded."""
    code = "import sys\nfor _ in range(2000): sys.stdout.write('x' * 10000)"
    result = py(code, tmp_path, limits=Limits(output_bytes=1000))
    assert result.returncode == 0
    assert result.stdout == b"x" * 1000
    assert result.truncated
    assert not any(p.stat().st_size > 1000 for p in tmp_path.rglob("*") if p.is_file())


def test_wall_timeout_kills_the_whole_group(tmp_path: Path, mode: str) -> None:
    """Children that start their own session are killed with the command at the wall time."""
    seconds = f"{900 + secrets.randbelow(99)}.{secrets.randbelow(10**6):06d}"
    code = f"""
        import os, subprocess, time
        subprocess.Popen(["sleep", "{seconds}"], start_new_session=True)
        if os.fork() == 0:
            os.setsid()
            os.execvp("sleep", ["sleep", "{seconds}"])
        time.sleep(1000)
    """
    started = time.monotonic()
    result = py(code, tmp_path, limits=Limits(wall_seconds=1.5))
    assert result.timed_out and result.returncode is None
    assert time.monotonic() - started < 10
    if mode == "bwrap":
        assert processes_left(seconds) == []
    else:  # documented as weaker: a process that leaves the group survives without bwrap
        time.sleep(0.2)
        for pid in processes_mentioning(seconds):
            with contextlib.suppress(ProcessLookupError):
                os.kill(pid, 9)


def test_killing_the_parent_cannot_harm_the_caller(tmp_path: Path, mode: str) -> None:
    """os.kill(os.getppid()) and kill(-1) end the sandboxed run, never the checker."""
    code = """
        import os, signal
        os.kill(os.getppid(), signal.SIGKILL)
        os.kill(os.getppid(), signal.SIGTERM)
        print("still here")
    """
    result = py(code, tmp_path, limits=Limits(wall_seconds=5))
    assert result.returncode is not None  # we got a result: the caller lives
    if mode == "bwrap":
        everyone = py(
            "import os, signal\nos.kill(-1, signal.SIGKILL)\nprint('alive')",
            tmp_path,
            limits=Limits(wall_seconds=5),
        )
        assert not everyone.timed_out


def test_memory_is_capped(tmp_path: Path, mode: str) -> None:
    """An allocation above memory_bytes fails inside the sandbox."""
    code = """
        try:
            block = bytearray(1024 * 2**20)
        except MemoryError:
            print("refused")
    """
    result = py(code, tmp_path, limits=Limits(memory_bytes=256 * 2**20))
    assert result.stdout.decode().strip() == "refused"


def test_file_size_is_capped(tmp_path: Path, mode: str) -> None:
    """No single file in scratch grows beyond file_bytes."""
    code = """
        import signal
        signal.signal(signal.SIGXFSZ, signal.SIG_IGN)
        try:
            open("big", "wb").write(b"x" * (8 * 2**20))
        except OSError:
            print("refused")
    """
    result = py(code, tmp_path, limits=Limits(file_bytes=2**20))
    assert result.stdout.decode().strip() == "refused"
    assert (tmp_path / "big").stat().st_size <= 2**20


def test_no_python_runs_in_the_fork(tmp_path: Path) -> None:
    """No fork hook runs: the harness is spawned from a thread while the main thread imports.

    A hook registered between Python's "before" and "after" fork calls (Django's imports
    register some) would release a lock it never took and print a traceback.
    """
    calls: list[str] = []
    os.register_at_fork(before=lambda: calls.append("before"))
    result = py("print('ran')", tmp_path)
    assert result.stdout.decode().strip() == "ran"
    assert calls == []


@pytest.mark.parametrize("limit", ["memory", "file size"])
def test_limits_hold_without_prlimit(
    tmp_path: Path, mode: str, limit: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Where util-linux's prlimit is missing, a Python one-liner sets the same limits."""
    which = sandbox.shutil.which
    monkeypatch.setattr(
        sandbox.shutil, "which", lambda name, **kw: None if name == "prlimit" else which(name, **kw)
    )
    if limit == "memory":
        test_memory_is_capped(tmp_path, mode)
    else:
        test_file_size_is_capped(tmp_path, mode)


def test_stdin_env_and_exit_status(tmp_path: Path, mode: str) -> None:
    """The command gets stdin, exactly the environment given, and its exit status comes back."""
    code = "import os, sys\nprint(sys.stdin.read(), os.environ.get('ONLY'), os.environ.get('HOME'))"
    result = py(code, tmp_path, stdin=b"hello", env={"ONLY": "this", "PATH": "/usr/bin:/bin"})
    assert result.stdout.decode().split() == ["hello", "this", "None"]
    assert py("raise SystemExit(7)", tmp_path).returncode == 7


def test_fallback_says_the_sandbox_is_weaker(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """Without bwrap: one line on stderr, once, and the result says it was not sandboxed."""
    monkeypatch.setenv(sandbox.NO_BWRAP_ENV, "1")
    monkeypatch.setattr(sandbox, "_noticed", False)
    first = py("print(1)", tmp_path)
    py("print(2)", tmp_path)
    err = capsys.readouterr().err
    assert not first.sandboxed
    assert err.count("weaker sandbox") == 1 and len(err.strip().splitlines()) == 1


def test_interrupting_the_caller_kills_the_sandbox(tmp_path: Path, mode: str) -> None:
    """Ctrl-C in the checker while plugin code runs: no process survives."""
    marker = f"{800 + secrets.randbelow(99)}.{secrets.randbelow(10**6):06d}"
    code = f"""
        import subprocess, time
        subprocess.Popen(["sleep", "{marker}"])
        time.sleep(1000)
    """
    # Sandboxes this test process started earlier and keeps (a real-InvenTree session of the
    # same test worker) have cgroups of their own: only new ones count.
    before = set(sandbox.PIDS_CGROUP.glob(f"cip-{os.getpid()}-*"))
    timer = threading.Timer(1.0, lambda: os.kill(os.getpid(), 2))
    timer.start()
    with pytest.raises(KeyboardInterrupt):
        py(code, tmp_path, limits=Limits(wall_seconds=20))
    timer.join()
    assert processes_left(marker) == []
    assert set(sandbox.PIDS_CGROUP.glob(f"cip-{os.getpid()}-*")) <= before


def test_cgroups_of_a_killed_caller_are_swept(tmp_path: Path) -> None:
    """A caller killed with SIGKILL cannot remove its pids cgroup: the next run does."""
    if not os.access(sandbox.PIDS_CGROUP, os.W_OK):
        assert os.geteuid() != 0  # only root makes cgroups; other users rely on RLIMIT_NPROC
        return
    dead = _dead_pid()
    stale = sandbox.PIDS_CGROUP / f"cip-{dead}-{secrets.token_hex(4)}"
    stale.mkdir()
    py("print(1)", tmp_path)
    assert not stale.exists()


def _dead_pid() -> int:
    """The pid of a process that has exited."""
    child = subprocess.Popen(["true"])
    child.wait()
    return child.pid


def test_scratch_of_a_killed_process_is_swept(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """SIGKILL leaves no chance to clean up: the next run removes the dead process's scratch."""
    monkeypatch.setenv("TMPDIR", str(tmp_path))
    monkeypatch.setattr("tempfile.tempdir", None)
    stale = tmp_path / f"cip-check-{_dead_pid()}-abc"
    live = tmp_path / f"cip-check-{os.getpid()}-abc"
    for each in (stale, live):
        (each / "pkg").mkdir(parents=True)
    fresh = sandbox.scratch_dir("cip-check-")
    assert not stale.exists() and live.exists() and fresh.parent == tmp_path
