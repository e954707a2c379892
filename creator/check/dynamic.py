"""The dynamic layer: import and activate the plugin in an isolated subprocess.

Plugin code never runs in the CLI's process. `run(ctx)` starts `python -I -B harness.py`
(creator/check/harness.py) in creator.sandbox (no network, read-only plugin and environments,
one scratch directory, limits, the whole process tree killed at the end), gives it the spec
and a per-run secret on stdin, reads the signed JSON lines the harness writes to a pipe, and
returns one dict, stored in `ctx.dynamic`. The verdict comes from what the parent observes:
unsigned lines make the run undecided, and "done" counts only when the harness then exited 0.

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
from the target InvenTree are left to CLS010. Installs are announced on stderr and run in the
sandbox with the network on and only the target venv writable; `check --no-install` (or
`CREATE_INVENTREE_PLUGIN_NO_INSTALL=1`) disables them (the result is then undecided), and a
direct reference (`name @ file://...`, a URL) is installed only with
`--allow-direct-references` (`CREATE_INVENTREE_PLUGIN_ALLOW_DIRECT_REFERENCES=1`).
`CREATE_INVENTREE_PLUGIN_PIP_ARGS` adds pip arguments (e.g. an index);
`CREATE_INVENTREE_PLUGIN_CHECK_TIMEOUT` sets the time limit.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
import re
import secrets
import shlex
import shutil
import subprocess
import sys
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
ALLOW_DIRECT_ENV = "CREATE_INVENTREE_PLUGIN_ALLOW_DIRECT_REFERENCES"
INSTALL_TIMEOUT = 600.0
#: Harness runs at most: each further one follows an install of what the last run missed.
MAX_ROUNDS = 4
HARNESS = Path(__file__).resolve().with_name("harness.py")
CREATOR_ROOT = Path(__file__).resolve().parents[2]
TAIL = 4000
#: Bytes of stdout/stderr kept from a harness run, and of events read (the rest discarded).
OUTPUT_BYTES = 2**20
MAX_EVENT_BYTES = 32 * 2**20


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
        "import_root": str(Path(project.import_root).resolve()),  # the harness's cwd differs
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
                    f"InvenTree's environment); installing is disabled (--no-install or "
                    f"{NO_INSTALL_ENV})"
                )
                return _undecided(result or _result(), reason)
            refused = check_requirements(
                requires if with_requires else [], bool(os.environ.get(ALLOW_DIRECT_ENV))
            )
            if refused:
                return _undecided(result or _result(), f"the plugin needs {modules}; {refused}")
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
    """`name` (a module or `module.name`) when our model says InvenTree `version` lacks it.

    Then the import fails on the real server too: the plugin's error, not a gap in the
    stand-in. None when the release has it or the model cannot tell. (`certain` is kept for
    callers; the model is read from InvenTree's sources, so every answer is certain.)
    """
    from creator.check import versions

    return name if versions.missing_dotted(name, version) is not None else None


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
    """Run the harness with `python` in the sandbox for at most `timeout` s; read its events.

    The spec and a fresh secret go in on stdin; the signed events come back over a pipe that
    only the harness's fd reaches (no file plugin code could write). Scratch (cip-dynamic-*)
    is the only writable place and is removed afterwards, whatever happened.
    """
    from creator import sandbox

    scratch = sandbox.scratch_dir("cip-dynamic-")
    read_fd, write_fd = os.pipe()
    secret = secrets.token_bytes(32)
    reader = _EventReader(read_fd)
    try:
        home = scratch / "home"
        home.mkdir()
        env = {
            "PATH": os.environ.get("PATH", os.defpath),
            "HOME": str(home),
            "LANG": os.environ.get("LANG", "C.UTF-8"),
            "INVENTREE_STANDIN_VERSION": spec["inventree_version"],
            "TMPDIR": str(scratch),
        }
        payload = json.dumps({**spec, "events_fd": write_fd, "secret": secret.hex()}).encode()
        limits = sandbox.Limits(wall_seconds=timeout, output_bytes=OUTPUT_BYTES)
        reader.start()
        started = time.monotonic()
        try:
            outcome = sandbox.run(
                [python, "-I", "-B", str(HARNESS)],
                scratch=scratch,
                readonly=_visible_paths(spec, python),
                env=env,
                cwd=scratch,
                limits=limits,
                stdin=payload,
                pass_fds=(write_fd,),
            )
        except OSError as error:
            return _result(status="undecided", reason=f"cannot start {python}: {error}")
        finally:
            os.close(write_fd)
            write_fd = -1
            reader.join()
        duration = time.monotonic() - started
    finally:
        if write_fd >= 0:
            os.close(write_fd)
        reader.join()
        shutil.rmtree(scratch, ignore_errors=True)
    events, forged = _verify_events(reader.lines, secret)
    code = outcome.returncode
    exit_info = None
    if outcome.timed_out:
        exit_info = {"kind": "timeout", "code": None, "timeout": timeout}
    result = _interpret(
        events,
        code,
        exit_info,
        duration,
        _tail(outcome.stdout),
        _tail(outcome.stderr),
    )
    if forged:
        return _undecided(
            result,
            f"{forged} line(s) in the check's event channel were not written by the harness "
            "(plugin code forging the result?): the result cannot be trusted",
        )
    return result


def _visible_paths(spec: dict[str, Any], python: str) -> list[Path]:
    """What the harness reads, shown read-only: the plugin, creator, both environments."""
    paths = {Path(spec["import_root"]), CREATOR_ROOT, HARNESS.parent, Path(sys.prefix)}
    interpreter = Path(python)
    if interpreter.is_absolute() and interpreter.parent.name in ("bin", "Scripts"):
        paths.add(interpreter.parents[1])  # its venv (the cached environment)
    return [p for p in paths if p.exists()]


class _EventReader:
    """Drains the events pipe in a thread (the harness never blocks on a full pipe)."""

    def __init__(self, fd: int) -> None:
        import threading

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
    import hmac

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
    if done is not None and (code != 0 or events[-1] is not done):
        done = None  # the harness exits 0 right after "done": anything else is not its end
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
    requirements share one venv. A lock file serialises concurrent checks. The venv is only
    ever written by pip in the sandbox; plugin code sees it read-only. A manifest taken after
    each install is compared before each use: a venv changed since (a `.pth` dropped in by
    code that escaped, a half-removed package) is rebuilt, never used.
    """
    root = cache_dir() / "envs" / environment_key(requires)
    bin_dir = root / ("Scripts" if os.name == "nt" else "bin")
    python = bin_dir / ("python.exe" if os.name == "nt" else "python")
    root.parent.mkdir(parents=True, exist_ok=True)
    with _locked(root.parent / f"{root.name}.lock"):
        marker = root / ".complete"
        state: dict[str, Any] = {}
        if marker.is_file() and python.exists():
            with contextlib.suppress(ValueError, OSError):
                state = json.loads(marker.read_text(encoding="utf-8"))
            if not isinstance(state, dict):
                state = {}
        if state and not _manifest_matches(root):
            print(
                f"check: the cached environment {root} changed since it was built; rebuilding it",
                file=sys.stderr,
            )
            state = {}
        installed = set(state.get("extras") or [])
        if state and set(extras) <= installed:
            return python, ""
        if not state:
            import venv

            shutil.rmtree(root, ignore_errors=True)
            try:
                venv.EnvBuilder(with_pip=False, clear=True).create(root)
            except (OSError, subprocess.CalledProcessError) as error:
                return None, f"cannot create a venv: {error}"
        new = [e for e in extras if e not in installed]
        announce_install([*requires, *new], root)
        error = _pip_install(python, [*_pinned(), *requires, *new])
        if error:
            if not state:
                shutil.rmtree(root, ignore_errors=True)
            return None, error
        state = {"requires": requires, "extras": sorted(installed | set(new))}
        marker.write_text(json.dumps(state), encoding="utf-8")
        (root.parent / f"{root.name}.manifest").write_text(_manifest(root), encoding="utf-8")
        return python, ""


def announce_install(packages: list[str], root: Path) -> None:
    """Say on stderr what will be installed, and that installing runs those packages' code."""
    print(
        f"check: installing {', '.join(packages) or 'Django and DRF'} into {root} to import "
        "the plugin; installing runs these packages' code (sandboxed; --no-install skips it)",
        file=sys.stderr,
        flush=True,
    )


def _manifest(root: Path) -> str:
    """A digest of the venv: every path, size and mtime, and the bytes of every .pth file."""
    digest = hashlib.sha256()
    for directory, dirs, files in os.walk(root):
        dirs.sort()
        for name in sorted(files):
            path = Path(directory, name)
            try:
                info = path.lstat()
            except OSError:
                continue
            digest.update(
                f"{path.relative_to(root)}\0{info.st_size}\0{info.st_mtime_ns}\n".encode()
            )
            if name.endswith(".pth"):
                with contextlib.suppress(OSError):
                    digest.update(path.read_bytes())
    return digest.hexdigest()


def _manifest_matches(root: Path) -> bool:
    try:
        recorded = (root.parent / f"{root.name}.manifest").read_text(encoding="utf-8").strip()
    except OSError:
        return False
    return recorded == _manifest(root)


def check_requirements(requires: list[str], allow_direct: bool) -> str:
    """Why these requirements are not installed ("" when they may be).

    Each must be a PEP 508 requirement (a line starting with "-" would be a pip option); a
    direct reference (`name @ file://...`, a URL) installs whatever it points at, so it needs
    the user's explicit consent (--allow-direct-references).
    """
    from packaging.requirements import InvalidRequirement, Requirement

    for text in requires:
        try:
            requirement = Requirement(text)
        except InvalidRequirement:
            return f"{text!r} is not a valid requirement; not installed"
        if requirement.url and not allow_direct:
            return (
                f"the requirement {text!r} is a direct reference (URL or file); not installed "
                f"unless you pass --allow-direct-references ({ALLOW_DIRECT_ENV}=1)"
            )
    return ""


def _pip_install(python: Path, packages: list[str]) -> str:
    """Install `packages` into the venv of `python` with this Python's pip; "" or the error.

    pip and the packages' build code run in the sandbox: network on for this step only,
    writable only the target venv and a scratch directory (pip's cache and builds).
    """
    from creator import sandbox

    extra = shlex.split(os.environ.get(PIP_ARGS_ENV, ""))
    command = [
        sys.executable, "-m", "pip", "--python", str(python), "install",
        "--disable-pip-version-check", "--no-input", "-q", *extra, *packages,
    ]  # fmt: skip
    scratch = sandbox.scratch_dir("cip-install-")
    env = {k: v for k, v in os.environ.items() if k.startswith(("PIP_", "HTTP", "HTTPS", "NO_"))}
    env.update(
        {
            "PATH": os.environ.get("PATH", os.defpath),
            "HOME": str(scratch),
            "TMPDIR": str(scratch),
            "LANG": os.environ.get("LANG", "C.UTF-8"),
            "PIP_CACHE_DIR": str(scratch / "pip-cache"),
        }
    )
    env.pop(NO_INSTALL_ENV, None)
    venv_root = python.parents[1]
    try:
        outcome = sandbox.run(
            command,
            scratch=scratch,
            readonly=[Path(sys.prefix), CREATOR_ROOT, *_local_paths(extra)],
            writable=[venv_root],
            network=True,
            env=env,
            limits=sandbox.Limits(wall_seconds=INSTALL_TIMEOUT, cpu_seconds=int(INSTALL_TIMEOUT)),
        )
    except OSError as error:
        return str(error)
    finally:
        shutil.rmtree(scratch, ignore_errors=True)
    if outcome.timed_out:
        return f"pip did not finish within {INSTALL_TIMEOUT:g} s"
    if outcome.returncode != 0:
        text = (outcome.stderr or outcome.stdout).decode("utf-8", "replace")
        lines = [line.strip() for line in text.strip().splitlines()]
        errors = [line for line in lines if line.lower().startswith("error:")]
        return (errors or lines or [f"pip exited with {outcome.returncode}"])[-1]
    return ""


def _local_paths(args: list[str]) -> list[Path]:
    """Existing local paths among pip arguments (--find-links DIR): visible read-only to pip."""
    found = []
    for arg in args:
        value = arg.partition("=")[2] if arg.startswith("--") and "=" in arg else arg
        value = value.removeprefix("file://")
        if value.startswith("/") and Path(value).exists():
            found.append(Path(value))
    return found


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
