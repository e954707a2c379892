"""Run code we did not write (a plugin under check, its dependencies' setup) contained.

Why: `check` is run on plugins the user did not write. Their code, and the code of the packages
they depend on, must not reach the network, the user's files or the checker itself, and must
not exhaust the machine. On Linux with bubblewrap (`bwrap`) the command runs in its own mount,
PID, network, IPC and user namespaces: the system (/usr, /etc, /lib*, /bin, /opt, pyenv) and the
`readonly` paths are visible read-only, only `scratch` and `writable` are writable, there is no
network unless `network=True`, and the sandbox dies with the caller. Resource limits (CPU time,
address space, file size, processes) are set by prlimit before the command starts; as root,
where RLIMIT_NPROC does not apply, a pids cgroup caps the processes when one can be made. The
process group (and the cgroup) is always killed when `run` returns or is interrupted, and at
most `output_bytes` of each of stdout and stderr are kept.

Without bwrap (macOS, locked-down containers, or `CREATE_INVENTREE_PLUGIN_NO_BWRAP=1`) the same
limits apply, the command runs under a small parent process of its own (so killing its parent
cannot kill the caller) in a process group that is always killed, and a one-line notice on
stderr says that the sandbox is weaker: files and network are then not protected.
"""

from __future__ import annotations

import contextlib
import functools
import os
import resource
import secrets
import selectors
import shutil
import signal
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path

from creator.interrupts import interrupts_deferred

#: Set to a non-empty value to run without bubblewrap (tests of the weaker mode; broken bwrap).
NO_BWRAP_ENV = "CREATE_INVENTREE_PLUGIN_NO_BWRAP"
#: System directories shown read-only inside the sandbox (those that exist).
SYSTEM_DIRS = ("/usr", "/etc", "/bin", "/sbin", "/lib", "/lib64", "/lib32", "/libx32", "/opt")
#: Where a systemd host keeps resolv.conf's target (network=True needs it for DNS).
RESOLVER_DIRS = ("/run/systemd/resolve",)
PIDS_CGROUP = Path("/sys/fs/cgroup/pids")
NOTICE = (
    "create-inventree-plugin: bubblewrap (bwrap) is not available, so plugin code runs with "
    "resource limits only and can reach your files and the network (weaker sandbox)"
)
_GRACE = 0.5  # seconds to drain output after the command ended
_noticed = False


@dataclass(frozen=True)
class Limits:
    """Resource limits of one sandboxed run."""

    wall_seconds: float = 60.0
    cpu_seconds: int = 120
    memory_bytes: int = 4 * 2**30
    file_bytes: int = 512 * 2**20  # RLIMIT_FSIZE
    processes: int = 256  # RLIMIT_NPROC-ish (inside the pid namespace)
    output_bytes: int = 1 * 2**20  # stdout/stderr bytes read back (rest discarded, flagged)


@dataclass(frozen=True)
class Result:
    """How the command ended and what it printed (each stream cut at Limits.output_bytes)."""

    returncode: int | None  # None when killed for wall time
    stdout: bytes
    stderr: bytes
    timed_out: bool
    truncated: bool  # output was cut at output_bytes
    sandboxed: bool  # True when bubblewrap was used


def available() -> bool:
    """True when bwrap is present and works here (probed once), unless disabled by env."""
    if os.environ.get(NO_BWRAP_ENV):
        return False
    return _probe()


@functools.cache
def _probe() -> bool:
    bwrap = shutil.which("bwrap")
    if bwrap is None or not sys.platform.startswith("linux"):
        return False
    command = [bwrap, *_base_args(network=False), "--", "true"]
    try:
        proc = subprocess.run(command, capture_output=True, timeout=10, check=False)
    except (OSError, subprocess.SubprocessError):
        return False
    return proc.returncode == 0


def run(
    argv: Sequence[str],
    *,
    scratch: Path,
    readonly: Sequence[Path] = (),
    writable: Sequence[Path] = (),
    network: bool = False,
    env: Mapping[str, str] | None = None,
    cwd: Path | None = None,
    limits: Limits = Limits(),
    stdin: bytes | None = None,
    pass_fds: Sequence[int] = (),
    stop: threading.Event | None = None,
) -> Result:
    """Run `argv` contained; return how it ended. The caller creates and removes `scratch`.

    `env` is the whole environment of the command (None: PATH, LANG, HOME and TMPDIR in
    scratch). `argv[0]` and everything it loads must be under the system directories or in
    `readonly`/`writable` (a venv's python: pass the venv). Raises OSError only when the
    command cannot be started at all. Setting `stop` (from another thread) kills the command
    within 0.1 s, as the wall time would.
    """
    scratch = Path(scratch).resolve()
    scratch.mkdir(parents=True, exist_ok=True)
    environment = dict(env) if env is not None else _default_env(scratch)
    sandboxed = available()
    if sandboxed:
        command = _bwrap_command(
            list(argv), scratch, readonly, writable, network, cwd or scratch, limits
        )
        workdir = scratch
    else:
        _notice()
        command = [sys.executable, "-I", "-S", "-c", _SHIM, *argv]
        workdir = Path(cwd) if cwd else scratch
    with _pids_cgroup(limits.processes) as cgroup:
        command = _limited(
            command,
            _rlimits(limits, fallback=not sandboxed),
            str(cgroup / "cgroup.procs") if cgroup is not None else None,
        )
        # Held over the spawn: an interrupt while Popen runs would leave a child that was
        # started but is not yet known. One that comes meanwhile is raised right after,
        # inside the try, so the child is killed.
        process: subprocess.Popen[bytes] | None = None
        try:
            with interrupts_deferred():
                process = subprocess.Popen(
                    command,
                    stdin=subprocess.PIPE if stdin is not None else subprocess.DEVNULL,
                    stdout=subprocess.PIPE,
                    stderr=subprocess.PIPE,
                    cwd=workdir,
                    env=environment,
                    start_new_session=True,
                    pass_fds=tuple(pass_fds),
                )
            return _communicate(process, stdin, limits, sandboxed, cgroup, stop)
        finally:
            if process is not None:
                _kill(process, cgroup)


# ------------------------------------------------------------------------- scratch dirs


def scratch_dir(prefix: str) -> Path:
    """A new temporary directory `<prefix><pid>-XXXX` (callers remove it when done).

    The pid in the name lets a later run remove what a process killed with SIGKILL (which no
    cleanup survives) left behind: see `sweep_stale`, called here first.
    """
    sweep_stale(prefix)
    return Path(tempfile.mkdtemp(prefix=f"{prefix}{os.getpid()}-"))


def sweep_stale(prefix: str) -> None:
    """Remove `<prefix><pid>-*` temporary directories whose process no longer exists."""
    with contextlib.suppress(OSError):
        for entry in Path(tempfile.gettempdir()).glob(f"{prefix}*-*"):
            owner = entry.name[len(prefix) :].split("-")[0]
            if owner.isdigit() and not Path("/proc", owner).exists() and entry.is_dir():
                shutil.rmtree(entry, ignore_errors=True)


# ------------------------------------------------------------------------------ bubblewrap


def _base_args(network: bool) -> list[str]:
    """Namespaces and the read-only system every sandboxed command sees."""
    args = ["--die-with-parent", "--new-session", "--unshare-all", "--cap-drop", "ALL"]
    if network:
        args.append("--share-net")
    for directory in SYSTEM_DIRS:
        args += ["--ro-bind-try", directory, directory]
    for directory in _python_dirs():
        args += ["--ro-bind-try", directory, directory]
    if network:
        for directory in RESOLVER_DIRS:
            args += ["--ro-bind-try", directory, directory]
    return [*args, "--proc", "/proc", "--dev", "/dev"]


@functools.cache
def _python_dirs() -> tuple[str, ...]:
    """This Python's installation (e.g. under pyenv) and pyenv's root, outside SYSTEM_DIRS."""
    found = []
    candidates = [sys.base_prefix, os.environ.get("PYENV_ROOT", ""), str(Path.home() / ".pyenv")]
    for candidate in candidates:
        if not candidate or not Path(candidate).is_dir():
            continue
        real = str(Path(candidate).resolve())
        if not any(real == d or real.startswith(d + "/") for d in SYSTEM_DIRS):
            found.append(real)
    return tuple(dict.fromkeys(found))


def _bwrap_command(
    argv: list[str],
    scratch: Path,
    readonly: Sequence[Path],
    writable: Sequence[Path],
    network: bool,
    cwd: Path,
    limits: Limits,
) -> list[str]:
    """The bwrap command line: system, /tmp in scratch, the binds parents first, then argv."""
    bwrap = shutil.which("bwrap") or "bwrap"
    args = [bwrap, *_base_args(network)]
    private_tmp = scratch / ".tmp"
    private_tmp.mkdir(exist_ok=True)
    args += ["--bind", str(private_tmp), "/tmp"]
    binds = [(Path(p).resolve(), "--ro-bind") for p in readonly]
    binds += [(scratch, "--bind"), *((Path(p).resolve(), "--bind") for p in writable)]
    for path, flag in sorted(binds, key=lambda item: len(item[0].parts)):
        args += [flag, str(path), str(path)]
    args += ["--remount-ro", "/", "--chdir", str(Path(cwd).resolve())]
    prlimit = _prlimit()
    if prlimit:
        # Inside the new user namespace RLIMIT_NPROC counts only the sandbox's processes.
        args += ["--", prlimit, f"--nproc={limits.processes}", "--"]
    else:
        args.append("--")
    return [*args, *argv]


# ------------------------------------------------------------------------------- fallback

#: Parent of the command without bwrap: the command's getppid() is this process, never the
#: caller; it exits the way the command did.
_SHIM = """
import os, signal, sys
pid = os.fork()
if pid == 0:
    try:
        os.execvp(sys.argv[1], sys.argv[1:])
    except OSError as error:
        os.write(2, f"cannot run {sys.argv[1]}: {error}\\n".encode())
        os._exit(127)
status = os.waitpid(pid, 0)[1]
code = os.waitstatus_to_exitcode(status)
if code < 0:
    signal.signal(-code, signal.SIG_DFL)
    os.kill(os.getpid(), -code)
os._exit(code)
"""


def _notice() -> None:
    """Say once per process that the sandbox is weaker here."""
    global _noticed
    if not _noticed:
        _noticed = True
        with contextlib.suppress(OSError, ValueError):
            print(NOTICE, file=sys.stderr, flush=True)


def _user_processes() -> int:
    """Processes of this user now (RLIMIT_NPROC counts them all outside a user namespace)."""
    uid = os.getuid()
    count = 0
    with contextlib.suppress(OSError):
        for entry in os.scandir("/proc"):
            if entry.name.isdigit():
                with contextlib.suppress(OSError):
                    if entry.stat().st_uid == uid:
                        count += 1
    return count


# ------------------------------------------------------------------------- limits, cgroup


def _rlimits(limits: Limits, fallback: bool) -> list[tuple[int, int, int]]:
    """(resource, soft, hard) to set in the child, capped by this process's hard limits."""
    wanted = [
        (resource.RLIMIT_CPU, limits.cpu_seconds, limits.cpu_seconds + 5),
        (resource.RLIMIT_AS, limits.memory_bytes, limits.memory_bytes),
        (resource.RLIMIT_FSIZE, limits.file_bytes, limits.file_bytes),
        (resource.RLIMIT_CORE, 0, 0),
    ]
    if fallback and hasattr(resource, "RLIMIT_NPROC"):
        extra = _user_processes() + limits.processes
        wanted.append((resource.RLIMIT_NPROC, extra, extra))
    capped = []
    for kind, soft, hard in wanted:
        current_hard = resource.getrlimit(kind)[1]
        if current_hard != resource.RLIM_INFINITY:
            soft, hard = min(soft, current_hard), min(hard, current_hard)
        capped.append((kind, soft, hard))
    return capped


def _limited(
    command: list[str], rlimits: list[tuple[int, int, int]], cgroup_procs: str | None
) -> list[str]:
    """`command` behind small programs that join the pids cgroup and set the limits, then exec.

    Why not Popen's preexec_fn: it runs Python in the child and, in the parent, every fork
    hook registered with os.register_at_fork. The harness is spawned from a thread while the
    main thread imports (Django's imports register such hooks: concurrent.futures, logging);
    a hook registered between the "before" and "after" calls then releases a lock it never
    took, and Python prints a traceback. Python's documentation calls preexec_fn unsafe in
    the presence of threads for the same reason. util-linux's prlimit (a few ms) sets the
    limits; where it is missing, a Python one-liner does (about 15 ms).
    """
    prlimit = _prlimit()
    if prlimit:
        flags = [f"--{_PRLIMIT_NAMES[kind]}={soft}:{hard}" for kind, soft, hard in rlimits]
        command = [prlimit, *flags, "--", *command]
    else:
        spec = ",".join(f"{kind}:{soft}:{hard}" for kind, soft, hard in rlimits)
        command = [sys.executable, "-I", "-S", "-c", _LIMITS_SHIM, spec, *command]
    if cgroup_procs is not None:  # writing 0 moves the writer: the shell, then what it execs
        command = [
            "/bin/sh",
            "-c",
            '{ echo 0 > "$0"; } 2>/dev/null; exec "$@"',
            cgroup_procs,
            *command,
        ]
    return command


def _prlimit() -> str | None:
    """util-linux's prlimit, looked up only in the system's directories (None: missing)."""
    return shutil.which("prlimit", path="/usr/bin:/bin")


#: prlimit's option for each resource `_rlimits` sets.
_PRLIMIT_NAMES = {
    resource.RLIMIT_CPU: "cpu",
    resource.RLIMIT_AS: "as",
    resource.RLIMIT_FSIZE: "fsize",
    resource.RLIMIT_CORE: "core",
    **({resource.RLIMIT_NPROC: "nproc"} if hasattr(resource, "RLIMIT_NPROC") else {}),
}

#: The limits without prlimit: "kind:soft:hard,..." in argv[1], then the command.
_LIMITS_SHIM = """
import os, resource, sys
for item in filter(None, sys.argv[1].split(",")):
    kind, soft, hard = map(int, item.split(":"))
    try:
        resource.setrlimit(kind, (soft, hard))
    except (ValueError, OSError):
        pass
os.execvp(sys.argv[2], sys.argv[2:])
"""


@contextlib.contextmanager
def _pids_cgroup(processes: int) -> Iterator[Path | None]:
    """A pids cgroup capping the command's processes, when we may make one (root, v1).

    RLIMIT_NPROC never applies to root: as root the cgroup is what stops a fork bomb.
    """
    if os.geteuid() != 0 or not os.access(PIDS_CGROUP, os.W_OK):
        yield None
        return
    _sweep_cgroups()
    path = PIDS_CGROUP / f"cip-{os.getpid()}-{secrets.token_hex(4)}"
    try:
        path.mkdir()
        (path / "pids.max").write_text(str(processes))
    except OSError:
        with contextlib.suppress(OSError):
            path.rmdir()
        yield None
        return
    try:
        yield path
    finally:
        _empty_cgroup(path)
        for _ in range(50):
            try:
                path.rmdir()
                break
            except OSError:
                time.sleep(0.02)
                _empty_cgroup(path)


def _sweep_cgroups() -> None:
    """Remove cgroups a killed caller left: its pid is gone (rmdir fails while in use)."""
    with contextlib.suppress(OSError):
        for entry in PIDS_CGROUP.glob("cip-*-*"):
            owner = entry.name.split("-")[1]
            if owner.isdigit() and not Path("/proc", owner).exists():
                _empty_cgroup(entry)
                with contextlib.suppress(OSError):
                    entry.rmdir()


def _empty_cgroup(path: Path) -> None:
    """SIGKILL every process still in the cgroup."""
    for _ in range(20):
        try:
            pids = [int(p) for p in (path / "cgroup.procs").read_text().split()]
        except (OSError, ValueError):
            return
        if not pids:
            return
        for pid in pids:
            with contextlib.suppress(OSError):
                os.kill(pid, signal.SIGKILL)
        time.sleep(0.01)


# --------------------------------------------------------------------------- the process


def _communicate(
    process: subprocess.Popen[bytes],
    stdin: bytes | None,
    limits: Limits,
    sandboxed: bool,
    cgroup: Path | None,
    stop: threading.Event | None,
) -> Result:
    """Feed stdin, read both streams up to the cap, stop at the wall time or at `stop`."""
    deadline = time.monotonic() + limits.wall_seconds
    kept = {"stdout": bytearray(), "stderr": bytearray()}
    truncated = False
    selector = selectors.DefaultSelector()
    assert process.stdout is not None and process.stderr is not None
    selector.register(process.stdout, selectors.EVENT_READ, "stdout")
    selector.register(process.stderr, selectors.EVENT_READ, "stderr")
    pending = memoryview(stdin or b"")
    if process.stdin is not None:
        if pending:
            os.set_blocking(process.stdin.fileno(), False)
            selector.register(process.stdin, selectors.EVENT_WRITE, "stdin")
        else:
            process.stdin.close()
    timed_out = False
    ended_at: float | None = None
    try:
        while selector.get_map():
            now = time.monotonic()
            if process.poll() is not None and ended_at is None:
                ended_at = now
                _kill(process, cgroup, wait=False)  # what the command left behind
            if now >= deadline and process.returncode is None:
                timed_out = True
                break
            if stop is not None and stop.is_set() and process.returncode is None:
                break
            if ended_at is not None and now - ended_at > _GRACE:
                break
            limit = min(deadline, ended_at + _GRACE if ended_at else deadline) - now
            for key, _ in selector.select(timeout=max(0.0, min(limit, 0.1))):
                name = key.data
                if name == "stdin":
                    try:
                        written = os.write(key.fd, pending[:65536])
                    except (BrokenPipeError, BlockingIOError, OSError):
                        written = len(pending)
                    pending = pending[written:]
                    if not pending:
                        selector.unregister(key.fileobj)
                        with contextlib.suppress(OSError):
                            assert process.stdin is not None  # registered above, so it is there
                            process.stdin.close()
                    continue
                data = os.read(key.fd, 65536)
                if not data:
                    selector.unregister(key.fileobj)
                    continue
                room = limits.output_bytes - len(kept[name])
                if len(data) > room:
                    truncated = True
                kept[name] += data[: max(room, 0)]
    finally:
        selector.close()
    _kill(process, cgroup)
    return Result(
        returncode=None if timed_out else process.returncode,
        stdout=bytes(kept["stdout"]),
        stderr=bytes(kept["stderr"]),
        timed_out=timed_out,
        truncated=truncated,
        sandboxed=sandboxed,
    )


def _kill(process: subprocess.Popen[bytes], cgroup: Path | None, wait: bool = True) -> None:
    """SIGKILL the command's process group (and cgroup); with bwrap that ends the namespace."""
    with contextlib.suppress(OSError):
        os.killpg(process.pid, signal.SIGKILL)
    if cgroup is not None:
        _empty_cgroup(cgroup)
    if wait:
        with contextlib.suppress(subprocess.TimeoutExpired):
            process.wait(timeout=5)
        for stream in (process.stdin, process.stdout, process.stderr):
            if stream is not None:
                with contextlib.suppress(OSError):
                    stream.close()


def _default_env(scratch: Path) -> dict[str, str]:
    return {
        "PATH": "/usr/local/bin:/usr/bin:/bin",
        "LANG": "C.UTF-8",
        "HOME": str(scratch),
        "TMPDIR": str(scratch),
    }
