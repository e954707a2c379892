"""The harness's run: read the spec, set up the stand-in, load every plugin class, report."""

from __future__ import annotations

import json
import os
import signal
import sys
import traceback
from typing import Any

from creator.check.dynamic_result import TIMEOUT_EXIT
from creator.check.harness.activation import load_plugin
from creator.check.harness.discovery import import_plugins
from creator.check.harness.standin_setup import block_network, setup_standin
from creator.check.harness.state import MAX_TEXT, Harness
from creator.standin import STANDIN_APPS
from creator.standin.recorder import Recorder


def _django_probe(name: str) -> bool:
    """Whether `name` is a submodule Django probes for when it populates the app registry.

    `<stand-in app>.apps` / `.admin` are looked for when an AppMixin app is installed; a plugin
    asking for them itself would fail to import (DYN001), so dropping them hides nothing.
    """
    top, _, rest = name.partition(".")
    return top in STANDIN_APPS and rest in ("apps", "admin")


def describe_plugin(record: dict[str, Any]) -> dict[str, Any]:
    """The `plugin` info of the report, as the instance reports it."""
    return {
        "slug": record.get("slug"),
        "name": record.get("name"),
        "class": record.get("class"),
        "version": record.get("version"),
        "mixins": record.get("mixins"),
    }


def read_spec() -> dict[str, Any]:
    """The spec (with the secret) from stdin; stdin is then /dev/null for plugin code."""
    spec: dict[str, Any] = json.loads(sys.stdin.buffer.read().decode("utf-8"))
    devnull = os.open(os.devnull, os.O_RDONLY)
    os.dup2(devnull, 0)
    os.close(devnull)
    return spec


def read_plugin(fd: int) -> dict[str, Any] | None:
    """The plugin part of a prestarted harness's spec from `fd` (None: the parent gave up)."""
    with os.fdopen(fd, "rb") as stream:
        data = stream.read()
    return json.loads(data.decode("utf-8")) if data.strip() else None


def _time_limit(seconds: float) -> None:
    """End the process with TIMEOUT_EXIT after `seconds` from now (0: no limit).

    Plugin code that replaces the SIGALRM handler escapes this limit, not the sandbox's.
    """

    def expired(signum: int, frame: Any) -> None:
        os._exit(TIMEOUT_EXIT)

    signal.signal(signal.SIGALRM, expired)
    signal.setitimer(signal.ITIMER_REAL, seconds)


def main(argv: list[str]) -> int:
    """Run once and end the process with os._exit (never returns normally).

    A prestarted harness (creator.check.harness_process.Prestarted) gets its spec in two
    parts: the run's (secret, target version, database template) on stdin at once, so the
    stand-in is set up while the parent still works; the plugin's from `spec_fd` when known.
    Its time limit applies to the set-up and again from the plugin's arrival, not to the wait
    between (the sandbox's own limit, which counts from the start, stays as the backstop).
    """
    spec = read_spec()
    h = Harness(spec)
    if "spec_fd" in spec and spec.get("time_limit"):
        _time_limit(float(spec["time_limit"]))  # the set-up, then the plugin, each
    h.stage("setup", plugin_code=False)
    try:
        block_network()
        setup_standin(h)
    except BaseException:
        h.emit("harness_error", message=traceback.format_exc()[-MAX_TEXT:])
        os._exit(3)
    if "spec_fd" in spec:
        _time_limit(0)  # waiting for the plugin is the parent's time, not ours
        plugin = read_plugin(int(spec["spec_fd"]))
        if plugin is None:
            os._exit(0)  # cancelled: nothing was asked
        h.receive(plugin)
        if h.spec.get("time_limit"):
            _time_limit(float(h.spec["time_limit"]))
    else:
        h.receive({})
    sys.path[:0] = [h.import_root]

    h.recorder = Recorder().enable()
    classes = import_plugins(h)
    h.result["classes"] = [f"{c.__module__}.{c.__qualname__}" for c, _ in classes]
    for cls, origin in classes:
        load_plugin(h, cls, origin)
    h.recorder.disable()
    h.stage("report", plugin_code=False)
    h.result["recorder"] = {
        "requested": h.recorder.requested,
        "missing": [name for name in h.recorder.missing if not _django_probe(name)],
    }
    loaded = [p for p in h.result["plugins"] if p.get("loaded")]
    if loaded:
        h.result["plugin"] = describe_plugin(loaded[0])
    _time_limit(0)  # finished: the limit must not end the process after "done"
    h.emit("done", result=h.result)
    os.close(h.events)
    # Plugin code may have started non-daemon threads: do not wait for them.
    sys.stdout.flush()
    sys.stderr.flush()
    os._exit(0)


if __name__ == "__main__":
    main(sys.argv)
