"""Run the harness subprocess in the sandbox and read what it observed.

The spec and a per-run secret go in on stdin; the harness (creator/check/harness/) writes one
HMAC-signed JSON line per step to a pipe only its fd reaches. The verdict comes from what this
side observes: unsigned lines make the run undecided, and "done" counts only when the harness
then exited 0. The stand-in's database is built once per environment and kept as a template
in the user cache (see `database_template`).
"""

from __future__ import annotations

import atexit
import contextlib
import hashlib
import hmac
import json
import os
import secrets
import shutil
import sys
import threading
import time
from pathlib import Path
from typing import Any, Literal

from creator import __version__, sandbox
from creator.check.dynamic_result import (
    TIMEOUT_EXIT,
    AppRecord,
    DynamicResult,
    ExitInfo,
    Migrations,
)
from creator.check.environments import CREATOR_ROOT, cache_dir
from creator.interrupts import interrupted, interrupts_deferred

TIMEOUT_ENV = "CREATE_INVENTREE_PLUGIN_CHECK_TIMEOUT"
HARNESS = Path(__file__).resolve().with_name("harness") / "__main__.py"
TAIL = 4000
#: Bytes of stdout/stderr kept from a harness run, and of events read (the rest discarded).
OUTPUT_BYTES = 2**20
MAX_EVENT_BYTES = 32 * 2**20
#: Seconds a prestarted harness waits for its plugin before the sandbox ends it.
PRESTART_WAIT = 120.0
#: How long an exiting process waits for a cancelled prestarted harness before removing its scratch.
AT_EXIT_WAIT = 2.0


def run_harness(spec: dict[str, Any], python: str, timeout: float) -> DynamicResult:
    """Run the harness with `python` in the sandbox for at most `timeout` s; read its events.

    The spec and a fresh secret go in on stdin; the signed events come back over a pipe that
    only the harness's fd reaches (no file plugin code could write). Scratch (cip-dynamic-*)
    is the only writable place and is removed afterwards, whatever happened.
    """
    run = _HarnessRun(python, spec["inventree_version"], [Path(spec["import_root"])])
    try:
        run.execute({**spec, **run.header()}, timeout, ())
    except BaseException:  # an interrupt: the sandbox is gone, its scratch goes too
        shutil.rmtree(run.scratch, ignore_errors=True)
        raise
    return run.result(timeout)


class Prestarted:
    """A harness started before its plugin is known: the stand-in is set up meanwhile.

    Setting up Django and the stand-in is most of a harness run and needs nothing of the
    plugin, so a caller that will check a plugin soon (`create` while it renders, `check`
    while the static rules run) starts it early and hands over the plugin with `finish`, or
    ends it with `cancel`. `roots` are the directories the plugin will be in (shown to the
    sandbox read-only from the start; they must exist). The time limit counts from `finish`;
    the sandbox's limit (PRESTART_WAIT more) is the backstop.
    """

    def __init__(
        self, python: str, inventree_version: str, roots: list[Path], timeout: float
    ) -> None:
        self.python, self.inventree_version, self.roots = python, inventree_version, roots
        # Held until the clean-up below is registered: an interrupt in between would leave
        # the scratch directory behind.
        with interrupts_deferred():
            self._run = _HarnessRun(python, inventree_version, roots)
            self._run.prestarted = True
            self._spec_read, self._spec_write = os.pipe()
            self._closed = self._cancelled = False
            self._stop = threading.Event()  # set: the sandbox kills the harness
            # Set when the thread's work is over. Not Thread.join: a join interrupted by Ctrl-C
            # marks a running thread as ended (CPython 3.11 releases its state lock), and the
            # exit would then remove the scratch under a running harness.
            self._done = threading.Event()
            payload = {**self._run.header(), "spec_fd": self._spec_read, "time_limit": timeout}
            fds = (self._spec_read,)
            self._thread = threading.Thread(
                target=self._work, args=(payload, timeout + PRESTART_WAIT, fds), daemon=True
            )
            self._thread.start()
            # An interrupt (Ctrl-C, SIGTERM) ends the main thread while this daemon thread
            # still runs the harness: interpreter exit would then skip its clean-up. The
            # sandboxed process dies with us (--die-with-parent); its scratch is removed here.
            atexit.register(self._at_exit)

    def _at_exit(self) -> None:
        # An interrupt during this bounded wait would kill the exiting process by its signal
        # (the CLI's handlers are gone by now): ignored, the exit goes on as it was.
        import signal  # lazy: only an exit with a harness still running gets here

        for signum in (signal.SIGINT, signal.SIGTERM):
            with contextlib.suppress(ValueError, OSError):  # not the main thread: leave them
                signal.signal(signum, signal.SIG_IGN)
        if interrupted():  # the user asked us to stop: no template is worth the wait
            self._stop.set()
        self.cancel()
        if not self._done.wait(AT_EXIT_WAIT):  # still running: killed, or it would write
            self._stop.set()  # into a scratch removed under it
            self._done.wait(AT_EXIT_WAIT)
        shutil.rmtree(self._run.scratch, ignore_errors=True)

    def covers(self, spec: dict[str, Any], python: str) -> bool:
        """Whether this harness can run `spec` (same Python, version, and visible roots)."""
        root = Path(spec["import_root"]).resolve()
        inside = any(root.is_relative_to(r.resolve()) for r in self.roots)
        return (
            python == self.python and spec["inventree_version"] == self.inventree_version and inside
        )

    def finish(self, spec: dict[str, Any], timeout: float) -> DynamicResult:
        """Hand over the plugin and wait for the result (at most `timeout` s from now)."""
        with contextlib.suppress(OSError):  # the harness already ended: its result says why
            os.write(self._spec_write, json.dumps({**spec, "time_limit": timeout}).encode())
        try:
            self._close()
        except BaseException:  # interrupted while it runs: the harness is killed at once, and
            self._stop.set()  # the exit (_at_exit, still registered) removes its scratch
            raise
        try:
            return self._run.result(timeout)
        finally:
            atexit.unregister(self._at_exit)

    def cancel(self) -> None:
        """End the harness without running any plugin; returns at once.

        The harness exits when it finds the spec pipe closed (after its set-up, which may
        still write the database template); the thread then removes its scratch.
        """
        if not self._closed:
            self._closed = self._cancelled = True
            with contextlib.suppress(OSError):
                os.close(self._spec_write)

    def _work(self, payload: dict[str, Any], wall: float, fds: tuple[int, ...]) -> None:
        try:
            self._run.execute(payload, wall, fds, self._stop)
            with contextlib.suppress(OSError):
                os.close(self._spec_read)
            if self._cancelled:
                self._run.result(0.0)  # keeps a template it wrote; removes the scratch
        finally:
            self._done.set()

    def _close(self) -> None:
        """Close the spec pipe (the harness reads its end) and wait for the harness to end."""
        self._closed = True
        with contextlib.suppress(OSError):
            os.close(self._spec_write)
        self._done.wait()


class _HarnessRun:
    """One harness process: its scratch, event pipe, secret and database template."""

    def __init__(self, python: str, inventree_version: str, roots: list[Path]) -> None:
        self.python = python
        self.scratch = sandbox.scratch_dir("cip-dynamic-")
        self.read_fd, self.write_fd = os.pipe()
        self.secret = secrets.token_bytes(32)
        self.reader = _EventReader(self.read_fd)
        self.template = database_template(python, inventree_version)
        self.out = self.scratch / "db-template.sqlite3"
        self.visible = _visible_paths(roots, python)
        if self.template.is_file():
            self.visible.append(self.template.parent)
        home = self.scratch / "home"
        home.mkdir()
        self.env = {
            "PATH": os.environ.get("PATH", os.defpath),
            "HOME": str(home),
            "LANG": os.environ.get("LANG", "C.UTF-8"),
            "INVENTREE_STANDIN_VERSION": inventree_version,
            "TMPDIR": str(self.scratch),
        }
        self.inventree_version = inventree_version
        self.outcome: Any = None
        self.error: OSError | None = None
        self.duration = 0.0
        self.prestarted = False  # its own time limit ends it with TIMEOUT_EXIT

    def header(self) -> dict[str, Any]:
        """The run's part of the spec: the events channel, the target, the database template."""
        return {
            "events_fd": self.write_fd,
            "secret": self.secret.hex(),
            "inventree_version": self.inventree_version,
            "db_template": str(self.template) if self.template.is_file() else None,
            "db_template_out": str(self.out),
        }

    def execute(
        self,
        payload: dict[str, Any],
        wall: float,
        fds: tuple[int, ...],
        stop: threading.Event | None = None,
    ) -> None:
        """Run the harness to its end (the sandbox kills it after `wall` s, or once `stop`)."""
        limits = sandbox.Limits(wall_seconds=wall, output_bytes=OUTPUT_BYTES)
        self.reader.start()
        started = time.monotonic()
        try:
            self.outcome = sandbox.run(
                [self.python, "-I", "-B", str(HARNESS)],
                scratch=self.scratch,
                readonly=self.visible,
                env=self.env,
                cwd=self.scratch,
                limits=limits,
                stdin=json.dumps(payload).encode(),
                pass_fds=(self.write_fd, *fds),
                stop=stop,
            )
        except OSError as error:
            self.error = error
        finally:
            self._close_write()
            self.reader.join()
            self.duration = time.monotonic() - started

    def _close_write(self) -> None:
        """Close this side's copy of the events pipe's write end (once: fds are reused)."""
        if self.write_fd >= 0:
            with contextlib.suppress(OSError):
                os.close(self.write_fd)
            self.write_fd = -1

    def result(self, timeout: float) -> DynamicResult:
        """What the finished run observed (and its scratch removed)."""
        try:
            if self.error is not None or self.outcome is None:
                return DynamicResult(reason=f"cannot start {self.python}: {self.error}")
            events, forged = _verify_events(self.reader.lines, self.secret)
            if not forged:
                _keep_template(events, self.out, self.template)
        finally:
            self._close_write()
            self.reader.join()
            shutil.rmtree(self.scratch, ignore_errors=True)
        code = self.outcome.returncode
        exit_info: ExitInfo | None = None
        if self.outcome.timed_out or (self.prestarted and code == TIMEOUT_EXIT):
            exit_info = {"kind": "timeout", "code": None, "timeout": timeout}
        result = _interpret(
            events,
            code,
            exit_info,
            self.duration,
            _tail(self.outcome.stdout),
            _tail(self.outcome.stderr),
        )
        if forged:
            result.status = "undecided"
            result.reason = (
                f"{forged} line(s) in the check's event channel were not written by the harness "
                "(plugin code forging the result?): the result cannot be trusted"
            )
        return result


def database_template(python: str, inventree_version: str) -> Path:
    """Where the stand-in's database template for this Python and target version is kept.

    Creating the stand-in's database is most of a harness run; the first run writes it as a
    template (creator.check.harness.standin_setup), later runs copy it. The harness checks
    the fingerprint stored inside, so a template left from other stand-in sources is rebuilt.
    """
    key = f"{Path(python).absolute()}\0{inventree_version}\0{__version__}"
    name = hashlib.sha256(key.encode()).hexdigest()[:16]
    return cache_dir() / "standin-db" / f"{name}.sqlite3"


def _keep_template(events: list[dict[str, Any]], out: Path, template: Path) -> None:
    """Keep the harness's template if its digest is the one signed before plugin code ran."""
    event = next((e for e in events if e.get("event") == "db_template"), None)
    if event is None or not out.is_file():
        return
    data = out.read_bytes()
    if hashlib.sha256(data).hexdigest() != event.get("sha256"):
        return  # changed after the harness wrote it (by plugin code): never reuse it
    with contextlib.suppress(OSError):  # no cache directory: the next run builds it again
        template.parent.mkdir(parents=True, exist_ok=True)
        partial = template.with_name(f"{template.name}.{os.getpid()}.partial")
        partial.write_bytes(data)
        partial.replace(template)


def _visible_paths(roots: list[Path], python: str) -> list[Path]:
    """What the harness reads, shown read-only: the plugin, creator, both environments."""
    paths = {*roots, CREATOR_ROOT, HARNESS.parent, Path(sys.prefix)}
    interpreter = Path(python)
    if interpreter.is_absolute() and interpreter.parent.name in ("bin", "Scripts"):
        paths.add(interpreter.parents[1])  # its venv (the cached environment)
    return [p for p in paths if p.exists()]


class _EventReader:
    """Drains the events pipe in a thread (the harness never blocks on a full pipe)."""

    def __init__(self, fd: int) -> None:
        self.fd = fd
        self.lines: list[bytes] = []
        self._thread = threading.Thread(target=self._read, daemon=True)
        self._started = False

    def start(self) -> None:
        self._started = True
        self._thread.start()

    def join(self) -> None:
        if self._started:
            self._thread.join()
        if self.fd >= 0:
            with contextlib.suppress(OSError):
                os.close(self.fd)
            self.fd = -1

    def _read(self) -> None:
        buffer = bytearray()
        total = 0
        while True:
            try:
                data = os.read(self.fd, 65536)
            except OSError:
                break
            if not data:
                break
            total += len(data)
            if total <= MAX_EVENT_BYTES:
                buffer += data
        lines = bytes(buffer).split(b"\n")
        # The last piece is empty after a complete line; otherwise the harness was killed
        # (or cut off) mid-write: an incomplete line, not a forged one.
        self.lines = [line for line in lines[:-1] if line]


def _verify_events(lines: list[bytes], secret: bytes) -> tuple[list[dict[str, Any]], int]:
    """The events whose HMAC checks out, and how many lines did not (forged or garbage)."""
    events, forged = [], 0
    for line in lines:
        try:
            wrapper = json.loads(line)
            body = wrapper["body"]
            mac = hmac.new(secret, body.encode("utf-8", "replace"), hashlib.sha256).hexdigest()
            if not hmac.compare_digest(mac, str(wrapper["mac"])):
                raise ValueError("bad mac")
            event = json.loads(body)
            if not isinstance(event, dict):
                raise ValueError("not an event")
        except (ValueError, KeyError, TypeError):
            forged += 1
            continue
        events.append(event)
    return events, forged


def _tail(data: bytes) -> str:
    return data[-TAIL:].decode("utf-8", "replace")


def _interpret(
    events: list[dict[str, Any]],
    code: int | None,
    exit_info: ExitInfo | None,
    duration: float,
    stdout: str,
    stderr: str,
) -> DynamicResult:
    """Turn the events and the way the process ended into the result."""
    stages = [e for e in events if e.get("event") == "stage"]
    last = stages[-1] if stages else {"stage": None, "plugin_code": False}
    done = next((e for e in events if e.get("event") == "done"), None)
    harness_error = next((e for e in events if e.get("event") == "harness_error"), None)
    observed = {
        "stage": last.get("stage"),
        "plugin_code": bool(last.get("plugin_code")),
        "duration": round(duration, 3),
        "output": {"stdout": stdout, "stderr": stderr},
    }
    if done is not None and (code != 0 or events[-1] is not done):
        done = None  # the harness exits 0 right after "done": anything else is not its end
    if done is not None:
        result = DynamicResult.from_dict({**observed, **done["result"]})
        result.status = "failed" if has_failures(result) else "ok"
        return result
    result = DynamicResult.from_dict(observed)
    if harness_error is not None:
        result.reason = (
            "the InvenTree stand-in could not start: "
            + harness_error["message"].strip().splitlines()[-1]
        )
        return result
    if exit_info is None:
        kind: Literal["signal", "exit"] = "signal" if code is not None and code < 0 else "exit"
        exit_info = {"kind": kind, "code": code}
    exit_info["stage"] = result.stage
    result.exit = exit_info
    if result.plugin_code:
        result.status = "failed"
    elif exit_info["kind"] == "timeout":
        result.reason = (
            f"the check's subprocess did not finish within {exit_info['timeout']:g} s "
            f"(during {result.stage or 'start-up'}); raise {TIMEOUT_ENV}"
        )
    else:
        last_line = (stderr.strip().splitlines() or ["no output"])[-1]
        result.reason = (
            f"the check's subprocess ended unexpectedly (code {code}) during "
            f"{result.stage or 'start-up'}: {last_line}"
        )
    return result


def has_failures(result: DynamicResult) -> bool:
    """Whether the finished run observed anything a DYN rule reports as a failure."""
    if result.import_errors or result.exits:
        return True
    for plugin in result.plugins:
        app: AppRecord | dict[str, Any] = plugin.get("app") or {}
        migrations: Migrations | dict[str, Any] = app.get("migrations") or {}
        if (
            plugin.get("constructor_error")
            or plugin.get("version_error")
            or plugin.get("activation_errors")
            or plugin.get("settings_errors")
            or any(u.get("error") for u in plugin.get("urls") or [])
            or app.get("error")
            or migrations.get("changes")
            or migrations.get("error")
            or (migrations.get("has_models") and not migrations.get("has_migrations"))
            or plugin.get("hooks_missing")
            or any(p["severity"] == "error" for p in plugin["ui"]["problems"])
        ):
            return True
    return False
