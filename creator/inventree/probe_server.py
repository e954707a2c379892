"""Runs INSIDE an InvenTree environment: start InvenTree once, fork a probe per plugin.

Why: a fresh process per plugin spends most of its seconds importing InvenTree (Django's app
and model modules), the same work for every plugin. This server does that part once and forks
at the exact point where a fresh start would load the plugin registry, so each child goes on
as a fresh start does from there:

    django.setup()
      1. settings, logging, every app's module and models        <- once, in the server
      2. the apps' ready() in INSTALLED_APPS order, up to 'plugin'
      3. PluginAppConfig.ready(): the registry's first load      <- fork here, per plugin
      4. the ready() of the apps after 'plugin'                  <- in the child
    activation and feature probing (probe.inspect)               <- in the child

The hook is an instance attribute on the plugin app's config (set when Django creates it), so
InvenTree's code runs unchanged. Before each fork the server closes its database connections
and restores its data directory (database, media, static) to the state it had on reaching the
fork point; the child then adds the plugin's install layer to sys.path where a fresh process
has it (before InvenTree's site-packages, its .pth files processed), invalidates the import
caches, sets the per-plugin environment and returns into InvenTree's own start-up. Plugin
modules were never imported by the server, so nothing of one plugin is left for the next.

Protocol (one JSON object a line): requests on the fd named by argv[1], replies on argv[2].
    {"spec": {...}, "layer": PATH|null, "environ": {...}, "stdout": FILE, "stderr": FILE}
    -> {"result": {...}|null, "returncode": N, "timed_out": BOOL, "seconds": S}
The first reply, {"started": true}, says the interpreter has read its site-packages (the
plugin may be installed into the layer from then on); the second, {"ready": true}, that the
server reached the fork point. Like probe.py this
file imports nothing from create-inventree-plugin (it sits next to a copy of probe.py).
"""

from __future__ import annotations

import contextlib
import importlib
import json
import os
import resource
import shutil
import signal
import site
import sys
import time
from pathlib import Path

import probe  # the copy next to this file: sys.path[0] is this file's directory

#: Left out of the fresh-process comparison on purpose: the layer's own .pth that chains to
#: InvenTree's site-packages (already on sys.path in the server).
CHAIN_PTH = "zz_inventree_environment.pth"
CHILD_CPU_SECONDS = 240


class Server:
    """The fork point and the request loop; `child` holds the request in a forked child."""

    def __init__(self, requests: int, replies: int, data: Path, seconds: float) -> None:
        self.requests = os.fdopen(requests, "r", encoding="utf-8")
        self.replies = os.fdopen(replies, "w", encoding="utf-8")
        self.data = data
        self.snapshot = data.parent / "snapshot"
        self.seconds = seconds
        self.child: dict | None = None

    def reply(self, message: dict) -> None:
        self.replies.write(json.dumps(message, default=str) + "\n")
        self.replies.flush()

    # ---------------------------------------------------------------------- the fork point

    def serve(self) -> None:
        """Called instead of the plugin app's ready(): returns only in a forked child.

        A child calls it again when InvenTree reloads its apps (the registry re-populates
        Django's app registry, creating the configs anew): there it does nothing, so the
        child's ready() is InvenTree's own.
        """
        if self.child is not None:
            return
        # runs inside InvenTree's venv (Django exists only there)
        from django.db import connections

        connections.close_all()
        self.save_state()
        self.reply({"ready": True, "stages": {"fork_point": probe.elapsed()}})
        for line in self.requests:
            if not line.strip():
                continue
            request = json.loads(line)
            if request.get("quit"):
                break
            self.restore_state()
            sys.stdout.flush()
            sys.stderr.flush()
            started = time.monotonic()
            pid = os.fork()
            if pid == 0:
                self.enter_child(request)
                return  # into InvenTree's start-up, as a fresh process
            self.reply(self.wait(pid, request, started))
        sys.stdout.flush()
        os._exit(0)

    def save_state(self) -> None:
        """Keep the data directory as it is at the fork point (every child starts from it)."""
        shutil.rmtree(self.snapshot, ignore_errors=True)
        shutil.copytree(self.data, self.snapshot, symlinks=True)

    def restore_state(self) -> None:
        """Undo what the previous child wrote: database, media, static files, plugin dir."""
        shutil.rmtree(self.data, ignore_errors=True)
        shutil.copytree(self.snapshot, self.data, symlinks=True)

    def wait(self, pid: int, request: dict, started: float) -> dict:
        """Wait for the child (killed with its process group after `seconds`); its result."""
        deadline = started + self.seconds
        status, timed_out = None, False
        while status is None:
            done, raw = os.waitpid(pid, os.WNOHANG)
            if done:
                status = raw
                break
            if time.monotonic() > deadline:
                timed_out = True
                kill_group(pid)
                status = os.waitpid(pid, 0)[1]
                break
            time.sleep(0.05)
        kill_group(pid)  # what the plugin left running
        result_file = Path(request["result"])
        try:
            result = json.loads(result_file.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            result = None
        return {
            "result": result,
            "returncode": None if timed_out else os.waitstatus_to_exitcode(status),
            "timed_out": timed_out,
            "seconds": round(time.monotonic() - started, 1),
        }

    # -------------------------------------------------------------------------- the child

    def enter_child(self, request: dict) -> None:
        """Make this forked process what a fresh probe of the request's plugin is here."""
        os.setpgid(0, 0)
        resource.setrlimit(resource.RLIMIT_CPU, (CHILD_CPU_SECONDS, CHILD_CPU_SECONDS))
        for fd, name in ((1, "stdout"), (2, "stderr")):
            handle = os.open(request[name], os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o644)
            os.dup2(handle, fd)
            os.close(handle)
        self.requests.close()
        self.replies.close()
        for key, value in (request.get("environ") or {}).items():
            if value is None:
                os.environ.pop(key, None)
            else:
                os.environ[key] = value
        if request.get("layer"):
            add_layer(request["layer"])

        importlib.invalidate_caches()
        for undo in UNHOOK:
            undo()
        probe.STARTED = time.monotonic()
        WATCH.roots = [os.path.realpath(root) for root in request["spec"]["roots"]]
        self.child = request


def add_layer(layer: str) -> None:
    """Process the plugin's .pth files as a fresh process of the layer does at start.

    The server runs from the layer's venv, so its site-packages is on sys.path already, right
    before InvenTree's (which the layer's own chaining .pth adds). At the server's start it was
    empty; now the plugin is installed there. A fresh process processes the layer's .pth files
    in name order: the entries of those sorting before the chaining file go right after the
    layer, those after it at the end (after InvenTree's). Import lines run as there.
    """
    known = {os.path.normcase(str(Path(p).absolute())) for p in sys.path if Path(p).exists()}
    first: list = []
    last: list = []
    for name in sorted(entry.name for entry in Path(layer).iterdir()):
        if not name.endswith(".pth") or name == CHAIN_PTH:
            continue
        start = len(sys.path)
        site.addpackage(layer, name, known)
        (first if name < CHAIN_PTH else last).extend(sys.path[start:])
        del sys.path[start:]
    real = [os.path.realpath(entry) for entry in sys.path]
    target = os.path.realpath(layer)
    position = real.index(target) + 1 if target in real else len(sys.path)
    sys.path[position:position] = first
    sys.path.extend(last)


def kill_group(pid: int) -> None:
    """SIGKILL a child's process group (it made its own); gone already is fine."""
    with contextlib.suppress(OSError):
        os.killpg(pid, signal.SIGKILL)


def hook(server: Server) -> None:
    """Route the plugin app's ready() through `server.serve` (set on the config instance).

    Only the first config made for 'plugin' is hooked: a child restores AppConfig.create
    (see `Server.enter_child`), so configs made when InvenTree reloads its apps are plain.
    """
    # runs inside InvenTree's venv; hooked before django.setup() creates the configs
    from django.apps import config

    original_create = config.AppConfig.__dict__["create"]
    create = original_create.__func__
    UNHOOK.append(lambda: setattr(config.AppConfig, "create", original_create))

    def create_hooked(cls, entry):
        app_config = create(cls, entry)
        if app_config.label == "plugin":
            original = app_config.ready

            def ready():
                server.serve()
                return original()

            app_config.ready = ready
        return app_config

    config.AppConfig.create = classmethod(create_hooked)  # type: ignore[assignment]


WATCH = probe.NetworkWatch([])
#: Undoes `hook` (run in each child before it goes on with InvenTree's start-up).
UNHOOK: list = []


def main() -> int:
    """Entry point: `probe_server.py REQUEST_FD REPLY_FD DATA_DIR SECONDS [STANDS_FOR]`."""
    here = str(Path.cwd())
    if here not in sys.path:
        sys.path.insert(0, here)
    server = Server(int(sys.argv[1]), int(sys.argv[2]), Path(sys.argv[3]), float(sys.argv[4]))
    server.reply({"started": True})  # site-packages read: the plugin may be installed now
    stands_for = sys.argv[5] if len(sys.argv) > 5 else None
    sys.argv = list(probe.SERVER_ARGV)
    sys.addaudithook(WATCH)
    collector = probe.Collector()
    probe.hook_logging(collector)
    result: dict = {"stages": {}, "network": WATCH.attempts, "log": collector.records}
    probe.stand_for(stands_for)
    hook(server)

    # after hook(): Django must start with the plugin app's ready() hooked
    import django

    try:
        django.setup()
    except BaseException as error:
        if server.child is None:
            server.reply({"failed": "".join(probe.format_error(error))[-4000:]})
            os._exit(1)
        result["setup_error"] = "".join(probe.format_error(error))[-4000:]
    request = server.child
    if request is None:  # django.setup() never reached the plugin app
        server.reply({"failed": "InvenTree started without calling the plugin app's ready()"})
        os._exit(1)
    if "setup_error" not in result:
        try:
            result = probe.inspect(request["spec"], result)
        except BaseException as error:
            result = {"probe_error": "".join(probe.format_error(error))[-4000:]}
    result["stages"] = {**result.get("stages", {}), "total": probe.elapsed()}
    partial = Path(request["result"] + ".partial")
    partial.write_text(json.dumps(result, default=str), encoding="utf-8")
    partial.replace(request["result"])
    sys.stdout.flush()
    sys.stderr.flush()
    os._exit(0)


if __name__ == "__main__":
    main()
