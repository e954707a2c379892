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

Third-party requirements: modules InvenTree's own environment provides (INVENTREE_REQUIREMENTS
in harness.py: PIL, tablib, django_q, structlog, ...) that the plugin imports and this Python
lacks are installed, like the plugin's declared requirements when one of those is missing, into
a cached venv under the user cache dir (`envs/<hash of the requirements>`, InvenTree's packages
added to it as needed), with the same Django and DRF versions as the current environment; the
harness then runs there, again after each install a run still misses (at most MAX_ROUNDS runs).
Never the user's environment. A missing module is never the plugin's finding: it is installed,
or the result is undecided naming it. Imports of modules creator.check.versions lists as removed
from the target InvenTree are left to CLS010. `CREATE_INVENTREE_PLUGIN_NO_INSTALL=1` disables
installing (the result is then undecided); `CREATE_INVENTREE_PLUGIN_PIP_ARGS` adds pip arguments
(e.g. an index); `CREATE_INVENTREE_PLUGIN_CHECK_TIMEOUT` sets the time limit.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
import re
import shlex
import signal
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

from creator.check.harness import INVENTREE_PROVIDED, INVENTREE_REQUIREMENTS
from creator.check.model import Context

#: Seconds the harness may run (the stand-in's Django setup takes about one).
DEFAULT_TIMEOUT = 20.0
TIMEOUT_ENV = "CREATE_INVENTREE_PLUGIN_CHECK_TIMEOUT"
NO_INSTALL_ENV = "CREATE_INVENTREE_PLUGIN_NO_INSTALL"
PIP_ARGS_ENV = "CREATE_INVENTREE_PLUGIN_PIP_ARGS"
INSTALL_TIMEOUT = 600.0
#: Harness runs at most: each further one follows an install of what the last run missed.
MAX_ROUNDS = 4
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
    """Run the harness; again in a cached venv when a module the plugin needs is missing.

    Missing modules that InvenTree's own environment provides (INVENTREE_REQUIREMENTS) are
    installed like declared dependencies: a plugin may use them without declaring them, so
    their absence here is a question about our environment, never a finding. The modules the
    plugin's sources import are looked up first, so one install usually covers them all;
    whatever is still missing at run time is added and the harness runs again.
    """
    spec = spec_for(ctx)
    timeout = timeout_for(ctx)
    requires = [r for r in ctx.project.requires if r.strip()]
    imported = _imported_modules(ctx)
    extras = provided_requirements(imported)
    needs = sorted(m for m in imported & INVENTREE_PROVIDED if INVENTREE_REQUIREMENTS[m] in extras)
    with_requires = False
    python = sys.executable
    result: dict[str, Any] | None = None
    for _ in range(MAX_ROUNDS):
        if extras or with_requires:
            packages = ", ".join([*(requires if with_requires else []), *sorted(extras)])
            modules = ", ".join(repr(m) for m in needs)
            if os.environ.get(NO_INSTALL_ENV):
                reason = (
                    f"the plugin needs {modules} ({packages}: declared, or provided by "
                    f"InvenTree's environment); installing is disabled ({NO_INSTALL_ENV})"
                )
                return _undecided(result or _result(), reason)
            env_python, error = cached_environment(
                requires if with_requires else [], sorted(extras)
            )
            if env_python is None:
                reason = f"the plugin needs {modules}; installing {packages} failed: {error}"
                return _undecided(result or _result(), reason)
            python = str(env_python)
        result = run_harness(spec, python, timeout)
        if python != sys.executable:
            result["environment"] = str(Path(python).parents[1])
        missing = result.get("missing_module")
        if not missing:
            break
        module = missing["module"]
        top = module.split(".")[0]
        needs.append(module)
        if missing.get("inventree") and not missing.get("declared"):
            requirement = INVENTREE_REQUIREMENTS[top]
            if requirement in extras:
                return _undecided(
                    result,
                    f"the plugin imports {module!r}, which InvenTree provides ({requirement}), "
                    "but it is still missing after installing it",
                )
            extras.add(requirement)
            continue
        if not requires:
            return _undecided(
                result,
                f"the plugin imports {module!r}, which is not installed here and not declared "
                "as a dependency: cannot tell whether InvenTree's environment has it",
            )
        if with_requires:
            return _undecided(
                result, f"the plugin imports {module!r}, which its requirements do not provide"
            )
        with_requires = True
    assert result is not None
    if result.get("missing_module"):
        return _undecided(result, f"the plugin still misses {result['missing_module']['module']!r}")
    for error in [*result.get("import_errors", []), *_plugin_errors(result)]:
        name = error.get("standin_gap")
        if not name and error.get("type") == "ModuleNotFoundError":
            match = re.search(r"No module named '([^']+)'", error.get("message", ""))
            name = match.group(1) if match else None
        if name and removed_from_inventree(name, ctx.inventree_version, certain=True):
            # InvenTree removed it: the import fails there too. Not our model's gap; CLS010
            # reports it (the DYN rules leave errors marked "removed" to it).
            error["removed"] = name
            error["standin_gap"] = None
    if any(e.get("removed") for e in result.get("import_errors", [])):
        result["status"] = "failed"
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


def removed_from_inventree(name: str, version: str, certain: bool = False) -> str | None:
    """The creator.check.versions.REMOVED entry that says InvenTree `version` lacks `name`.

    `certain`: only entries whose release is verified. None when InvenTree still has it (as
    far as that table knows).
    """
    from creator.check import versions

    entry = versions.removed_entry(name)
    if entry is None:  # a module whose removed names the table lists (`x.mixins` of `x.mixins.Y`)
        under = [key for key in versions.REMOVED if key.startswith(name + ".")]
        entry = (under[0], versions.REMOVED[under[0]]) if under else None
    target = versions.parse(version)
    if entry is None or target is None or target < entry[1].removed:
        return None
    if certain and not entry[1].certain:
        return None
    return entry[0]


def _imported_modules(ctx: Context) -> set[str]:
    """Top-level names of every module the plugin's sources import (anywhere, also guarded)."""
    import ast

    from creator.check.rules._helpers import inventory

    names: set[str] = set()
    for module in inventory(ctx).modules.values():
        for node in ast.walk(module.tree):
            if isinstance(node, ast.Import):
                names.update(alias.name.split(".")[0] for alias in node.names)
            elif isinstance(node, ast.ImportFrom) and node.module and not node.level:
                names.add(node.module.split(".")[0])
    return names


def provided_requirements(modules: set[str]) -> set[str]:
    """InvenTree's requirements for those of `modules` it provides and this Python lacks."""
    from importlib.util import find_spec

    found = set()
    for name in modules & INVENTREE_PROVIDED:
        try:
            present = find_spec(name) is not None  # a lookup: runs nothing of the plugin
        except (ImportError, ValueError):
            present = False
        if not present:
            found.add(INVENTREE_REQUIREMENTS[name])
    return found


def _plugin_errors(result: dict[str, Any]) -> list[dict[str, Any]]:
    """Constructor and activation errors of every plugin record (for stand-in gaps)."""
    errors = []
    for plugin in result.get("plugins") or []:
        if plugin.get("constructor_error"):
            errors.append(plugin["constructor_error"])
        errors.extend(plugin.get("activation_errors") or [])
    return errors


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


def cached_environment(
    requires: list[str], extras: list[str] | tuple[str, ...] = ()
) -> tuple[Path | None, str]:
    """(python of a venv with Django, DRF, `requires` and `extras`, "") or (None, why not).

    One venv per set of plugin requirements (`envs/<key>`); `extras` (packages InvenTree's
    environment provides) are added to it as plugins need them, so plugins without
    requirements share one venv. A lock file serialises concurrent checks.
    """
    root = cache_dir() / "envs" / environment_key(requires)
    bin_dir = root / ("Scripts" if os.name == "nt" else "bin")
    python = bin_dir / ("python.exe" if os.name == "nt" else "python")
    root.parent.mkdir(parents=True, exist_ok=True)
    with _locked(root.parent / f"{root.name}.lock"):
        marker = root / ".complete"
        state: dict[str, Any] = {}
        if marker.is_file() and python.exists():
            with contextlib.suppress(ValueError):
                state = json.loads(marker.read_text(encoding="utf-8"))
            if not isinstance(state, dict):
                state = {}
        installed = set(state.get("extras") or [])
        if state and set(extras) <= installed:
            return python, ""
        if not state:
            import shutil
            import venv

            shutil.rmtree(root, ignore_errors=True)
            try:
                venv.EnvBuilder(with_pip=False, clear=True).create(root)
            except (OSError, subprocess.CalledProcessError) as error:
                return None, f"cannot create a venv: {error}"
        new = [e for e in extras if e not in installed]
        error = _pip_install(python, [*_pinned(), *requires, *new])
        if error:
            if not state:
                import shutil

                shutil.rmtree(root, ignore_errors=True)
            return None, error
        state = {"requires": requires, "extras": sorted(installed | set(new))}
        marker.write_text(json.dumps(state), encoding="utf-8")
        return python, ""


def _pip_install(python: Path, packages: list[str]) -> str:
    """Install `packages` into the venv of `python` with this Python's pip; "" or the error."""
    command = [
        sys.executable, "-m", "pip", "--python", str(python), "install",
        "--disable-pip-version-check", "--no-input", "-q",
        *shlex.split(os.environ.get(PIP_ARGS_ENV, "")), *packages,
    ]  # fmt: skip
    try:
        proc = subprocess.run(
            command, capture_output=True, text=True, timeout=INSTALL_TIMEOUT, check=False
        )
    except (OSError, subprocess.TimeoutExpired) as error:
        return str(error)
    if proc.returncode != 0:
        lines = [line.strip() for line in (proc.stderr or proc.stdout).strip().splitlines()]
        errors = [line for line in lines if line.lower().startswith("error:")]
        return (errors or lines or [f"pip exited with {proc.returncode}"])[-1]
    return ""


@contextlib.contextmanager
def _locked(path: Path) -> Any:
    """An exclusive lock on `path` (POSIX fcntl; elsewhere no lock)."""
    with path.open("a+b") as handle:
        try:
            import fcntl
        except ImportError:  # Windows: concurrent first installs may race
            yield
            return
        fcntl.flock(handle.fileno(), fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(handle.fileno(), fcntl.LOCK_UN)
