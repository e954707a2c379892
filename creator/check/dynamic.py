"""The dynamic layer: import and activate the plugin in an isolated subprocess.

Plugin code never runs in the CLI's process. `run(ctx)` starts `python -I -B harness.py SPEC`
(creator/check/harness.py) in a new session with a time limit, reads the JSON lines the
harness writes to a private events file, and returns one dict, stored in `ctx.dynamic`:

    status          "ok" | "failed" | "undecided"
                    ok: the harness ran to the end and found nothing wrong; failed: it ran (or
                    plugin code hung / ended the process) and the plugin failed in a way the DYN
                    rules report; undecided: the check could not decide (see `reason`).
    reason          why the check could not decide (undecided only), else None
    missing_module  {"module", "declared", "inventree"} when a third-party import was missing
    stage           the last step the harness started ("import core", "init ...", ...)
    plugin_code     whether that step was running plugin code
    exit            None, or {"kind": "timeout"|"exit"|"signal", "code", "stage", "timeout"}
                    when the subprocess did not finish by itself
    environment     "current" or the path of the cached venv used for third-party requirements
    duration        seconds the subprocess ran
    output          tails of the subprocess's stdout / stderr (plugin prints land here)
    import_errors   [{"module", "type", "message", "file", "line", "traceback", "exit",
                      "missing_module", "entry_point"?}]
    classes         plugin classes collected, in loader order
    plugins         one record per class: {"class", "name", "key", "slug", "version",
                    "mixins", "file", "line", "loaded", "constructor_error", "version_error",
                    "activation_errors": [{"step", "type", "message", ...}],
                    "settings_errors", "urls": [{"name", "route", "error"}],
                    "app": {"path", "label", "error", "migrations": {"has_models",
                    "has_migrations", "changes", "conflicts", "error"?}} | None,
                    "ui": {"called", "errors", "problems"}, "hooks_missing"}
    exits           plugin calls of sys.exit / KeyboardInterrupt caught by the harness
    recorder        {"requested", "missing"}: stand-in names the plugin asked for / we lack
    plugin          {"slug", "name", "class", "version", "mixins"} of the first loaded class

Third-party requirements: when an import fails for a module the plugin declares (or that is not
InvenTree's), the declared requirements are installed into a cached venv under the user cache
dir (`envs/<hash>`), with the same Django and DRF versions as the current environment, and the
harness runs again there. Never the user's environment. `CREATE_INVENTREE_PLUGIN_NO_INSTALL=1`
disables installing (the result is then undecided); `CREATE_INVENTREE_PLUGIN_PIP_ARGS` adds pip
arguments (e.g. an index); `CREATE_INVENTREE_PLUGIN_CHECK_TIMEOUT` sets the time limit.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
import shlex
import signal
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

from creator.check.model import Context

#: Seconds the harness may run (the stand-in's Django setup takes about one).
DEFAULT_TIMEOUT = 20.0
TIMEOUT_ENV = "CREATE_INVENTREE_PLUGIN_CHECK_TIMEOUT"
NO_INSTALL_ENV = "CREATE_INVENTREE_PLUGIN_NO_INSTALL"
PIP_ARGS_ENV = "CREATE_INVENTREE_PLUGIN_PIP_ARGS"
INSTALL_TIMEOUT = 600.0
HARNESS = Path(__file__).resolve().with_name("harness.py")
CREATOR_ROOT = Path(__file__).resolve().parents[2]
TAIL = 4000


def timeout_for(ctx: Context) -> float:
    """The time limit: ctx.notes["dynamic_timeout"], the env variable, else the default."""
    value = ctx.notes.get("dynamic_timeout") or os.environ.get(TIMEOUT_ENV)
    try:
        return float(value) if value else DEFAULT_TIMEOUT
    except ValueError:
        return DEFAULT_TIMEOUT


def spec_for(ctx: Context) -> dict[str, Any]:
    """What the harness needs to know about the plugin (JSON)."""
    from creator.check.rules._helpers import inventory

    project = ctx.project
    modules = sorted({cls.module.name for cls in inventory(ctx).plugin_classes})
    return {
        "import_root": str(project.import_root),
        "module_prefix": project.module_prefix,
        "creator_root": str(CREATOR_ROOT),
        "inventree_version": ctx.inventree_version,
        "distribution": project.name,
        "requires": list(project.requires),
        "entry_points": [
            {"name": e.name, "value": e.value, "module": e.module, "attr": e.attr}
            for e in project.entry_points
        ]
        if not project.module_prefix
        else [],
        "modules": modules,
    }


def run(ctx: Context) -> dict[str, Any]:
    """Run the harness (again in a cached venv when a declared dependency is missing)."""
    spec = spec_for(ctx)
    timeout = timeout_for(ctx)
    result = run_harness(spec, sys.executable, timeout)
    missing = result.get("missing_module")
    if missing and missing.get("inventree") and not missing.get("declared"):
        result = _undecided(
            result,
            f"the plugin imports {missing['module']!r}, which InvenTree's environment provides "
            "but our InvenTree model lacks: cannot vouch for it",
        )
    elif missing:
        result = _with_requirements(ctx, spec, timeout, result, missing)
    gaps = sorted(
        {
            e["standin_gap"]
            for e in [*result.get("import_errors", []), *_plugin_errors(result)]
            if e.get("standin_gap")
        }
    )
    if gaps and result["status"] in ("ok", "failed"):
        result = _undecided(
            result,
            f"loading stopped at what our InvenTree model lacks: {', '.join(gaps)}",
        )
    return result


def _plugin_errors(result: dict[str, Any]) -> list[dict[str, Any]]:
    """Constructor and activation errors of every plugin record (for stand-in gaps)."""
    errors = []
    for plugin in result.get("plugins") or []:
        if plugin.get("constructor_error"):
            errors.append(plugin["constructor_error"])
        errors.extend(plugin.get("activation_errors") or [])
    return errors


def _with_requirements(
    ctx: Context, spec: dict[str, Any], timeout: float, first: dict[str, Any], missing: dict
) -> dict[str, Any]:
    module = missing["module"]
    requires = [r for r in ctx.project.requires if r.strip()]
    if not requires:
        return _undecided(
            first,
            f"the plugin imports {module!r}, which is not installed here and not declared "
            "as a dependency: cannot tell whether InvenTree's environment has it",
        )
    if os.environ.get(NO_INSTALL_ENV):
        return _undecided(
            first,
            f"the plugin needs {module!r} (requirements: {', '.join(requires)}); installing "
            f"them is disabled ({NO_INSTALL_ENV})",
        )
    python, error = cached_environment(requires)
    if python is None:
        return _undecided(
            first, f"the plugin needs {module!r}; installing {', '.join(requires)} failed: {error}"
        )
    result = run_harness(spec, str(python), timeout)
    result["environment"] = str(Path(python).parents[1])
    again = result.get("missing_module")
    if again:
        return _undecided(
            result,
            f"the plugin imports {again['module']!r}, which its requirements do not provide",
        )
    return result


def _undecided(result: dict[str, Any], reason: str) -> dict[str, Any]:
    result["status"] = "undecided"
    result["reason"] = reason
    return result


# ---------------------------------------------------------------------------- subprocess


def run_harness(spec: dict[str, Any], python: str, timeout: float) -> dict[str, Any]:
    """Start the harness with `python`, wait at most `timeout` seconds, read its events."""
    with tempfile.TemporaryDirectory(prefix="cip-dynamic-") as scratch:
        work = Path(scratch)
        events = work / "events.jsonl"
        spec = {**spec, "events": str(events)}
        spec_file = work / "spec.json"
        spec_file.write_text(json.dumps(spec), encoding="utf-8")
        home = work / "home"
        home.mkdir()
        env = {
            "PATH": os.environ.get("PATH", os.defpath),
            "HOME": str(home),
            "LANG": os.environ.get("LANG", "C.UTF-8"),
            "INVENTREE_STANDIN_VERSION": spec["inventree_version"],
            "TMPDIR": str(work),
        }
        stdout_path, stderr_path = work / "stdout", work / "stderr"
        started = time.monotonic()
        exit_info: dict[str, Any] | None = None
        with stdout_path.open("wb") as out, stderr_path.open("wb") as err:
            try:
                process = subprocess.Popen(
                    [python, "-I", "-B", str(HARNESS), str(spec_file)],
                    stdin=subprocess.DEVNULL,
                    stdout=out,
                    stderr=err,
                    cwd=work,
                    env=env,
                    start_new_session=True,
                )
            except OSError as error:
                return _result(status="undecided", reason=f"cannot start {python}: {error}")
            try:
                code = process.wait(timeout=timeout)
            except subprocess.TimeoutExpired:
                _kill(process)
                code = None
                exit_info = {"kind": "timeout", "code": None, "timeout": timeout}
            else:
                _kill(process)  # leftovers in the session (processes the plugin started)
        duration = time.monotonic() - started
        return _interpret(
            _read_events(events),
            code,
            exit_info,
            duration,
            _tail(stdout_path),
            _tail(stderr_path),
        )


def _kill(process: subprocess.Popen) -> None:
    """Kill the harness's session (the harness and anything plugin code started)."""
    with contextlib.suppress(ProcessLookupError, PermissionError, OSError):
        os.killpg(process.pid, signal.SIGKILL)
    with contextlib.suppress(subprocess.TimeoutExpired):
        process.wait(timeout=5)


def _read_events(path: Path) -> list[dict[str, Any]]:
    events = []
    if path.is_file():
        for line in path.read_text(encoding="utf-8", errors="replace").splitlines():
            with contextlib.suppress(ValueError):
                events.append(json.loads(line))
    return events


def _tail(path: Path) -> str:
    data = path.read_bytes() if path.is_file() else b""
    return data[-TAIL:].decode("utf-8", "replace")


def _result(**values: Any) -> dict[str, Any]:
    base: dict[str, Any] = {
        "status": "undecided",
        "reason": None,
        "missing_module": None,
        "stage": None,
        "plugin_code": False,
        "exit": None,
        "environment": "current",
        "duration": 0.0,
        "output": {"stdout": "", "stderr": ""},
        "import_errors": [],
        "classes": [],
        "plugins": [],
        "exits": [],
        "recorder": {"requested": [], "missing": []},
        "plugin": None,
    }
    base.update(values)
    return base


def _interpret(
    events: list[dict[str, Any]],
    code: int | None,
    exit_info: dict[str, Any] | None,
    duration: float,
    stdout: str,
    stderr: str,
) -> dict[str, Any]:
    """Turn the events and the way the process ended into the ctx.dynamic dict."""
    stages = [e for e in events if e.get("event") == "stage"]
    last = stages[-1] if stages else {"stage": None, "plugin_code": False}
    done = next((e for e in events if e.get("event") == "done"), None)
    harness_error = next((e for e in events if e.get("event") == "harness_error"), None)
    result = _result(
        stage=last.get("stage"),
        plugin_code=bool(last.get("plugin_code")),
        duration=round(duration, 3),
        output={"stdout": stdout, "stderr": stderr},
    )
    if done is not None:
        result.update(done["result"])
        result["status"] = "failed" if _has_failures(result) else "ok"
        return result
    if harness_error is not None:
        result["reason"] = (
            "the InvenTree stand-in could not start: "
            + harness_error["message"].strip().splitlines()[-1]
        )
        return result
    if exit_info is None:
        kind = "signal" if code is not None and code < 0 else "exit"
        exit_info = {"kind": kind, "code": code}
    exit_info["stage"] = result["stage"]
    result["exit"] = exit_info
    if result["plugin_code"]:
        result["status"] = "failed"
    elif exit_info["kind"] == "timeout":
        result["reason"] = (
            f"the check's subprocess did not finish within {exit_info['timeout']:g} s "
            f"(during {result['stage'] or 'start-up'}); raise {TIMEOUT_ENV}"
        )
    else:
        last_line = (stderr.strip().splitlines() or ["no output"])[-1]
        result["reason"] = (
            f"the check's subprocess ended unexpectedly (code {code}) during "
            f"{result['stage'] or 'start-up'}: {last_line}"
        )
    return result


def _has_failures(result: dict[str, Any]) -> bool:
    if result.get("import_errors") or result.get("exits"):
        return True
    for plugin in result.get("plugins") or []:
        app = plugin.get("app") or {}
        migrations = app.get("migrations") or {}
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


# ------------------------------------------------------------------- cached environments


def cache_dir() -> Path:
    """create-inventree-plugin's user cache directory (platformdirs when available)."""
    try:
        from platformdirs import user_cache_dir
    except ImportError:
        base = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
        return Path(base) / "create-inventree-plugin"
    return Path(user_cache_dir("create-inventree-plugin"))


def _pinned() -> list[str]:
    """Django and DRF at the versions of the current environment (the stand-in's)."""
    from importlib import metadata

    pins = []
    for dist in ("Django", "djangorestframework"):
        with contextlib.suppress(metadata.PackageNotFoundError):
            pins.append(f"{dist}=={metadata.version(dist)}")
    return pins


def environment_key(requires: list[str]) -> str:
    """Cache key: Python version, pinned Django/DRF, and the sorted requirements."""
    text = "\n".join([sys.version.split()[0], *_pinned(), *sorted(set(requires))])
    return hashlib.sha256(text.encode()).hexdigest()[:16]


def cached_environment(requires: list[str]) -> tuple[Path | None, str]:
    """(python of a venv with Django, DRF and `requires`, "") or (None, why not)."""
    root = cache_dir() / "envs" / environment_key(requires)
    bin_dir = root / ("Scripts" if os.name == "nt" else "bin")
    python = bin_dir / ("python.exe" if os.name == "nt" else "python")
    if (root / ".complete").is_file() and python.exists():
        return python, ""
    import shutil
    import venv

    shutil.rmtree(root, ignore_errors=True)
    try:
        venv.EnvBuilder(with_pip=False, clear=True).create(root)
    except (OSError, subprocess.CalledProcessError) as error:
        return None, f"cannot create a venv: {error}"
    command = [
        sys.executable, "-m", "pip", "--python", str(python), "install",
        "--disable-pip-version-check", "--no-input", "-q",
        *shlex.split(os.environ.get(PIP_ARGS_ENV, "")),
        *_pinned(), *requires,
    ]  # fmt: skip
    try:
        proc = subprocess.run(
            command, capture_output=True, text=True, timeout=INSTALL_TIMEOUT, check=False
        )
    except (OSError, subprocess.TimeoutExpired) as error:
        shutil.rmtree(root, ignore_errors=True)
        return None, str(error)
    if proc.returncode != 0:
        shutil.rmtree(root, ignore_errors=True)
        lines = (proc.stderr or proc.stdout).strip().splitlines()
        return None, (lines[-1] if lines else f"pip exited with {proc.returncode}")
    (root / ".complete").write_text(json.dumps({"requires": requires}), encoding="utf-8")
    return python, ""
