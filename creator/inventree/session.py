"""Check many plugins against one InvenTree: start InvenTree once, fork a probe per plugin.

    with Session(src) as session:          # starts the probe server (InvenTree imported once)
        report = session.check(path)       # same Report as creator.inventree.loader.check

Why: a fresh probe process spends 5 to 8 s importing InvenTree before it gets to the plugin,
the same work for every plugin; a batch (the fidelity suite judges about 160 plugins) pays it
every time. The session's server (probe_server.py) runs InvenTree's start-up once, up to the
point where the plugin registry first loads, and forks a child per plugin that goes on from
there as a fresh process does (see probe_server.py for how the child is made equivalent).
The install step is unchanged: `pip install -U` into a throwaway layer in its own sandboxed
run, the only step with network.

Falls back to the fresh process (loader._probe) for a plugin whose layer installs a
distribution or top-level module InvenTree's venv already has (pip upgraded or replaced one of
InvenTree's dependencies): the server has imported InvenTree's copy, a fresh process would
import the plugin's. Also when the server is gone (it crashed or timed out): the remaining
plugins are checked the fresh way. `Session.fresh` counts those.

Containment is the same as for a fresh probe: the server and its children run in
creator.sandbox without network; the server's sandbox can write only the session directory
(the data InvenTree writes, the per-plugin layers, which are deleted after each check).
`check --inventree` for one plugin keeps the fresh process: a session costs the same start-up
and gains nothing for one plugin.
"""

from __future__ import annotations

import contextlib
import json
import os
import re
import selectors
import shutil
import threading
import time
from pathlib import Path
from types import TracebackType
from typing import Any

from creator import sandbox
from creator.check.project import CheckError
from creator.check.runner import Report
from creator.inventree import environment as environment_module
from creator.inventree import loader
from creator.inventree.environment import Environment, Progress

#: The server lives as long as the session; this only bounds a forgotten one.
SERVER_SECONDS = 6 * 3600.0
START_SECONDS = 300.0
_NAME = re.compile(r"[-_.]+")


class SessionError(Exception):
    """The probe server did not start or stopped answering (the session checks fresh then)."""


class Session:
    """One InvenTree environment, one probe server, many `check(path)` calls (sequential)."""

    def __init__(
        self,
        src: Path,
        *,
        python: str | None = None,
        progress: Progress | None = None,
        install: bool = True,
        stands_for: str | None = None,
    ) -> None:
        self.src = Path(src)
        self.python = python
        self.progress = progress
        self.install = install
        self.stands_for = stands_for
        self.env: Environment | None = None
        self.root: Path | None = None
        self.fresh: list[str] = []  # why a check went the fresh-process way
        self.broken: str | None = None  # why the server is gone
        self._server: threading.Thread | None = None
        self._requests: int | None = None
        self._replies: int | None = None
        self._result: Any = None
        self._ready = False
        self._lock = threading.Lock()

    # ------------------------------------------------------------------------- lifecycle

    def __enter__(self) -> Session:
        self.start()
        return self

    def __exit__(
        self,
        kind: type[BaseException] | None,
        error: BaseException | None,
        traceback: TracebackType | None,
    ) -> None:
        self.close()

    def start(self) -> None:
        """Prepare the environment (set-up on first use) and start the probe server.

        Does not wait for InvenTree to start: the first check installs its plugin meanwhile.
        """
        env = environment_module.prepare(self.src, python=self.python, progress=self.progress)
        self.env = loader.as_release(env, self.stands_for)
        self.root = sandbox.scratch_dir("cip-session-")
        try:
            self._start_server(self.env, self.root)
        except SessionError as error:
            self.broken = str(error)

    def close(self) -> None:
        """Stop the server (its sandbox kills whatever is left) and remove the session dir."""
        if self._requests is not None:
            with contextlib.suppress(OSError):
                os.write(self._requests, b'{"quit": true}\n')
            with contextlib.suppress(OSError):
                os.close(self._requests)
            self._requests = None
        if self._server is not None:
            self._server.join(timeout=30)
            self._server = None
        if self._replies is not None:
            with contextlib.suppress(OSError):
                os.close(self._replies)
            self._replies = None
        if self.root is not None:
            shutil.rmtree(self.root, ignore_errors=True)
            self.root = None

    # ------------------------------------------------------------------------------ check

    def check(
        self, path: Path, *, select: tuple[str, ...] = (), ignore: tuple[str, ...] = ()
    ) -> Report:
        """InvenTree's verdict on `path`, as `loader.check` gives it (one check at a time)."""
        assert self.env is not None and self.root is not None, "use Session as a context manager"
        path = Path(path)
        if not path.exists():
            raise CheckError(f"{path} does not exist")
        with self._lock:
            try:
                return loader.check_in(
                    self.env, path, install=self.install, progress=self.progress,
                    select=select, ignore=ignore, scratch_parent=self.root / "checks",
                    prober=self._probe, layer=self.layer,
                )  # fmt: skip
            finally:
                self._empty_layer()

    @property
    def layer(self) -> Path:
        """The install layer the server runs from; each plugin is installed into it."""
        assert self.root is not None
        return self.root / "layer"

    def _empty_layer(self) -> None:
        """Remove what the last plugin installed: a new, empty layer at the same path."""
        assert self.env is not None
        shutil.rmtree(self.layer, ignore_errors=True)
        loader._layer(self.env, self.layer)

    def _probe(
        self,
        env: Environment,
        venv: Path,
        scratch: Path,
        readonly: list[Path],
        variables: dict[str, str],
        roots: list[Path],
    ) -> dict[str, Any]:
        """The server's child for this plugin, or a fresh process when that is not equivalent."""
        why = self.broken or shadowed(layer_site(venv, env), env.site_packages)
        if why:
            self.fresh.append(f"{scratch.name}: {why}")
            return loader._probe(env, venv, scratch, readonly, variables, roots)
        try:
            self._wait_ready()
            return self._ask(env, venv, scratch, variables, roots)
        except SessionError as error:
            self.broken = f"the probe server stopped: {error}"
            self.fresh.append(f"{scratch.name}: {self.broken}")
            return loader._probe(env, venv, scratch, readonly, variables, roots)

    # ---------------------------------------------------------------------------- server

    def _start_server(self, env: Environment, root: Path) -> None:
        data = root / "server" / "data"
        loader._database_copy(env, data)
        # The server runs from an install layer like a fresh probe's (its sys.prefix, the
        # purelib InvenTree's registry names plugin packages by); each plugin is installed
        # there, and the layer emptied after it.
        loader._layer(env, self.layer)
        (root / "checks").mkdir()
        for name in ("probe.py", "probe_server.py"):
            shutil.copy2(Path(__file__).with_name(name), root / name)
        variables = {**loader._probe_env(root), **env.variables(data)}
        requests_read, requests_write = os.pipe()
        replies_read, replies_write = os.pipe()
        argv = [
            str(self.layer / "bin" / "python"), str(root / "probe_server.py"), str(requests_read),
            str(replies_write), str(data), str(loader.PROBE_SECONDS),
            *([stated] if (stated := loader.stated_version(env)) else []),
        ]  # fmt: skip

        def serve() -> None:
            try:
                self._result = loader._spawn(
                    argv, scratch=root, readonly=[env.root, env.backend], writable=[],
                    network=False, env=variables, cwd=env.manage_dir, seconds=SERVER_SECONDS,
                    pass_fds=(requests_read, replies_write),
                )  # fmt: skip
            except BaseException as error:  # reported when the pipe ends (_server_output)
                self._result = error
            finally:
                for fd in (requests_read, replies_write):
                    with contextlib.suppress(OSError):
                        os.close(fd)

        self._requests, self._replies = requests_write, replies_read
        self._server = threading.Thread(target=serve, name="inventree-probe-server", daemon=True)
        self._server.start()
        # Past its site initialisation (the layer's .pth files read while it was empty), the
        # server says so; the first check installs its plugin while InvenTree starts.
        started = self._read(START_SECONDS)
        if not started.get("started"):
            raise SessionError(str(started.get("failed") or started)[-2000:])
        self._ready = False

    def _wait_ready(self) -> None:
        """Wait for the server's first reply: it reached the fork point (SessionError if not)."""
        if self._ready:
            return
        first = self._read(START_SECONDS)
        if not first.get("ready"):
            raise SessionError(str(first.get("failed") or first)[-2000:])
        self._ready = True

    def _ask(
        self,
        env: Environment,
        venv: Path,
        scratch: Path,
        variables: dict[str, str],
        roots: list[Path],
    ) -> dict[str, Any]:
        """Send one plugin to the server; its child's observation, shaped like _probe's."""
        assert self._requests is not None
        request = {
            "spec": loader.probe_spec(env, roots),
            "layer": str(layer_site(venv, env)),
            "environ": {"INVENTREE_PLUGIN_DIR": variables.get("INVENTREE_PLUGIN_DIR")},
            "stdout": str(scratch / "probe.out"),
            "stderr": str(scratch / "probe.err"),
            "result": str(scratch / "result.json"),
        }
        try:
            os.write(self._requests, (json.dumps(request) + "\n").encode())
        except OSError as error:
            raise SessionError(f"cannot send: {error}") from None
        answer = self._read(loader.PROBE_SECONDS + 60)
        result = answer.get("result") or {}
        result["process"] = {
            "returncode": answer.get("returncode"),
            "timed_out": answer.get("timed_out"),
            "sandboxed": True,
            "seconds": answer.get("seconds"),
            "stderr": _tail(scratch / "probe.err", 6000),
            "stdout": _tail(scratch / "probe.out", 2000),
            "server": True,
        }
        result["baseline"] = loader._baseline(env)
        return result

    def _read(self, seconds: float) -> dict[str, Any]:
        """One reply line from the server (SessionError when it ends or stays silent)."""
        assert self._replies is not None
        buffer = b""
        deadline = time.monotonic() + seconds
        with selectors.DefaultSelector() as selector:
            selector.register(self._replies, selectors.EVENT_READ)
            while not buffer.endswith(b"\n"):
                left = deadline - time.monotonic()
                if left <= 0:
                    raise SessionError(f"no answer within {seconds:.0f} s")
                if not selector.select(timeout=min(left, 1.0)):
                    continue
                chunk = os.read(self._replies, 65536)
                if not chunk:
                    raise SessionError(f"the server ended: {self._server_output()}")
                buffer += chunk
        return dict(json.loads(buffer.decode("utf-8")))

    def _server_output(self) -> str:
        if self._server is not None:
            self._server.join(timeout=10)
        result = self._result
        if isinstance(result, BaseException):
            return repr(result)
        if result is None:
            return "(still running)"
        stderr = result.stderr.decode("utf-8", "replace").strip().splitlines()
        return f"exit {result.returncode}: {stderr[-1] if stderr else '(no output)'}"


# ----------------------------------------------------------------------------- helpers


def layer_site(venv: Path, env: Environment) -> Path:
    """The site-packages of a plugin's install layer."""
    return loader._site_packages(venv, env)


def shadowed(layer: Path, base: Path) -> str | None:
    """Why the layer cannot be added to a running InvenTree: it replaces one of its packages.

    pip installs into the layer only what InvenTree's venv lacks, unless the plugin requires
    another version of one of InvenTree's dependencies: then the layer holds a distribution
    (or a top-level module) of the same name, which a fresh process imports instead of
    InvenTree's copy, but which the server has imported already.
    """

    def names(site: Path) -> tuple[set[str], set[str]]:
        distributions, modules = set(), set()
        with contextlib.suppress(OSError):
            for entry in site.iterdir():
                name = entry.name
                if name.endswith((".dist-info", ".egg-info")):
                    distributions.add(_NAME.sub("-", name.split("-")[0]).lower())
                elif name.endswith(".pth") or name in ("__pycache__", "_distutils_hack"):
                    continue
                else:
                    modules.add(name.split(".")[0])
        return distributions, modules

    layer_dists, layer_modules = names(layer)
    base_dists, base_modules = names(base)
    if both := sorted(layer_dists & base_dists):
        return f"the plugin's install replaces InvenTree's {', '.join(both[:5])}"
    if both := sorted(layer_modules & base_modules):
        return f"the plugin's install shadows InvenTree's module {', '.join(both[:5])}"
    return None


def _tail(path: Path, size: int) -> str:
    try:
        return path.read_bytes()[-size:].decode("utf-8", "replace")
    except OSError:
        return ""
