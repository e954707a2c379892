"""Check a plugin with a real InvenTree: install it over a prepared environment, load, report.

Per plugin, everything happens in a fresh scratch directory that is deleted afterwards:

1. a throwaway venv whose site-packages chains to the prepared InvenTree venv (a `.pth`
   file): the plugin is installed there with `pip install -U` as InvenTree's own installer
   does, never into the cached environment; a plugin folder is copied into a scratch plugin
   directory named by INVENTREE_PLUGIN_DIR instead;
2. a copy of the migrated database (admin user, plugin switches on);
3. `probe.py` in a fresh process: InvenTree's registry discovers the plugin, an admin
   activates it through the API, and the probe writes what InvenTree reported as JSON.

Both steps run plugin code (pip builds sdists and projects; the probe imports the plugin), so
both run in `creator.sandbox.run`: InvenTree's sources, the cached environment and the plugin
are read-only, only the scratch directory is writable, and only the install step may use the
network (to fetch the plugin's dependencies). The INV rules (creator/check/rules/inventree.py)
turn the observation into findings; `check()` never raises because of the plugin itself.
"""

from __future__ import annotations

import contextlib
import dataclasses
import json
import os
import shutil
import tempfile
import time
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import Any

from creator import sandbox
from creator.check import project as project_module
from creator.check.context import Context
from creator.check.model import Finding
from creator.check.project import CheckError
from creator.check.rules import inventree as rules
from creator.check.rules import select_rules
from creator.check.runner import Report
from creator.check.versions import inventree_tuple
from creator.inventree import environment as environment_module
from creator.inventree.environment import Environment, Progress

INSTALL_SECONDS = 600.0
#: The install may build a project's UI (its build backend runs `npm run build`): Node reserves
#: about 10 GiB of address space for each WebAssembly instance (Vite's bundler is one), which the
#: default 4 GiB cap refuses ("Cannot allocate Wasm memory"). Reserved, not used: the cap on
#: address space stays, just above what Node asks for.
INSTALL_ADDRESS_SPACE = 64 * 2**30
PROBE_SECONDS = 180.0
_IGNORED = shutil.ignore_patterns(
    "node_modules", ".git", ".venv", "venv", "__pycache__", ".mypy_cache", ".ruff_cache", "dist"
)


def check(
    path: Path,
    src: Path,
    *,
    python: str | None = None,
    progress: Progress | None = None,
    install: bool = True,
    select: Iterable[str] = (),
    ignore: Iterable[str] = (),
    stands_for: str | None = None,
) -> Report:
    """InvenTree's own verdict on the plugin at `path` (project dir, wheel, sdist or folder).

    `src` is an InvenTree source tree (checkout root or backend dir). With `install` False the
    plugin is installed without its dependencies (only what InvenTree's venv provides) and the
    install step gets no network. `select` / `ignore` filter the INV rules by id prefix.
    `stands_for` is the version InvenTree reports instead of its version.py's (see
    `as_release`). Raises CreatorError only for problems that are not the plugin's: `path` or
    `src` missing, no suitable Python, InvenTree's set-up failing.
    """
    path = Path(path)
    if not path.exists():
        raise CheckError(f"{path} does not exist")
    valid_release(stands_for)  # before a set-up of minutes
    env = as_release(environment_module.prepare(src, python=python, progress=progress), stands_for)
    return check_in(env, path, install=install, progress=progress, select=select, ignore=ignore)


def as_release(env: Environment, stands_for: str | None) -> Environment:
    """`env` reporting `stands_for` as its InvenTree version (unchanged when None).

    A source tree's version.py may lag behind the release its content is: the 1.0 content of
    `master` still said "0.18.0 dev", so InvenTree there refuses MIN_VERSION 1.0.0. The probe
    sets the stated version before InvenTree starts (probe.stand_for); the tree is only read.
    """
    if not stands_for:
        return env
    valid_release(stands_for)
    return dataclasses.replace(env, inventree_version=stands_for)


def valid_release(stands_for: str | None) -> None:
    """CheckError (exit 2) unless `stands_for` is None or a version InvenTree can compare."""
    if stands_for is not None and not inventree_tuple(stands_for):
        raise CheckError(f"--inventree-as {stands_for!r} is not a version such as 1.0.0")


def stated_version(env: Environment) -> str | None:
    """The version the probe must state, when `env` stands for another than version.py's."""
    source = environment_module.inventree_version(env.backend)
    return env.inventree_version if env.inventree_version != source else None


def check_in(
    env: Environment,
    path: Path,
    *,
    install: bool = True,
    progress: Progress | None = None,
    select: Iterable[str] = (),
    ignore: Iterable[str] = (),
    scratch_parent: Path | None = None,
    prober: Prober | None = None,
    layer: Path | None = None,
) -> Report:
    """`check` in a prepared environment; `prober` replaces the fresh probe process."""
    say = progress or (lambda line: None)
    started = time.monotonic()
    project = _project(path)
    try:
        observed = observe(
            env, path, project, install=install, progress=say,
            scratch_parent=scratch_parent, prober=prober, layer=layer,
        )  # fmt: skip
    except Exception as error:  # infrastructure, never the plugin: undecided, not a crash
        observed = {"infrastructure": f"{type(error).__name__}: {error}"}
    observed["seconds"] = round(time.monotonic() - started, 1)
    try:
        return report(env, path, project, observed, select=select, ignore=ignore)
    except Exception as error:  # a bug of ours reading an odd observation: undecided
        broken = {"infrastructure": f"reading InvenTree's answer failed: {error!r}"}
        return report(env, path, None, broken, select=select, ignore=ignore)
    finally:
        if project is not None:
            project.close()


def _project(path: Path) -> Any:
    """The plugin as the static check reads it (metadata only), or None if unreadable."""
    try:
        return project_module.load(path)
    except Exception:
        return None


# ------------------------------------------------------------------------------ observe


#: How a plugin's installed layer is probed: (env, venv, scratch, readonly, variables, roots)
#: -> the probe's observation. `_probe` (a fresh process) by default; a Session's server.
Prober = Callable[[Environment, Path, Path, list[Path], dict[str, str], list[Path]], dict[str, Any]]


def observe(
    env: Environment,
    path: Path,
    project: Any,
    *,
    install: bool = True,
    progress: Progress | None = None,
    scratch_parent: Path | None = None,
    prober: Prober | None = None,
    layer: Path | None = None,
) -> dict[str, Any]:
    """Install and probe the plugin in scratch; the probe's JSON plus the install step.

    `layer`: install into this (empty) layer venv instead of a new one in scratch (a
    Session's: its probe server runs from it, so the plugin is where a fresh process has it).
    """
    say = progress or (lambda line: None)
    scratch = Path(tempfile.mkdtemp(prefix="cip-inventree-", dir=scratch_parent))
    try:
        venv = layer if layer is not None else _layer(env, scratch / "venv")
        site = _site_packages(venv, env)
        data = _database_copy(env, scratch / "data")
        variables = {
            **_probe_env(scratch),
            **env.variables(data),
            "PIP_CACHE_DIR": str(_pip_cache()),
            "npm_config_cache": str(_npm_cache()),
            "npm_config_update_notifier": "false",
            "npm_config_fund": "false",
            "npm_config_audit": "false",
        }
        plugins_dir = scratch / "plugins"
        resolved = path.resolve()
        name = resolved.name  # not path.name: `check --inventree .` gives the path "."
        observed: dict[str, Any] = {}
        readonly = [env.root, env.backend, resolved, *([venv] if layer else [])]
        kind = project.kind if project is not None else _kind(path)
        if kind == "plugin-dir":
            plugins_dir.mkdir()
            shutil.copytree(path, plugins_dir / name, ignore=_IGNORED)
            variables["INVENTREE_PLUGIN_DIR"] = str(plugins_dir)
            observed["install"] = {"ok": True, "how": "copied into INVENTREE_PLUGIN_DIR"}
        else:
            target = resolved
            if kind == "project":
                target = scratch / "project"
                shutil.copytree(path, target, ignore=_IGNORED)
            say(f"Installing {name} into a throwaway layer over InvenTree (pip)")
            observed["install"] = _pip_install(
                venv, target, scratch, readonly, variables, install=install,
                writable=[venv] if layer else [],
            )  # fmt: skip
            if not observed["install"]["ok"]:
                return observed
        say(f"Loading {name} with InvenTree {env.inventree_version}'s plugin registry")
        run = prober or _probe
        observed.update(run(env, venv, scratch, readonly, variables, [site, plugins_dir]))
        return observed
    finally:
        shutil.rmtree(scratch, ignore_errors=True)


def _kind(path: Path) -> str:
    name = path.name.lower()
    if path.is_dir():
        has_project = any((path / f).is_file() for f in ("pyproject.toml", "setup.py", "setup.cfg"))
        return "project" if has_project else "plugin-dir"
    return "wheel" if name.endswith(".whl") else "sdist"


def _layer(env: Environment, venv: Path) -> Path:
    """A venv (no pip of its own) whose site-packages chains to the InvenTree venv's.

    Written by hand, not with `python -m venv`: the same files, without a subprocess.
    """
    base = _base_config(env)
    short = ".".join(env.python_version.split(".")[:2])
    site = venv / "lib" / f"python{short}" / "site-packages"
    site.mkdir(parents=True)
    (venv / "bin").mkdir()
    (venv / "bin" / "python").symlink_to(Path(os.path.realpath(env.python)))
    (venv / "pyvenv.cfg").write_text(
        f"home = {base.get('home', '')}\ninclude-system-site-packages = false\n"
        f"version = {env.python_version}\n",
        encoding="utf-8",
    )
    # addsitedir (not a bare path line): the InvenTree venv's own .pth files apply as well.
    (site / "zz_inventree_environment.pth").write_text(
        f"import site; site.addsitedir({str(env.site_packages)!r})\n", encoding="utf-8"
    )
    return venv


def _base_config(env: Environment) -> dict[str, str]:
    values = {}
    with contextlib.suppress(OSError):
        for line in (env.root / "venv" / "pyvenv.cfg").read_text(encoding="utf-8").splitlines():
            key, sep, value = line.partition("=")
            if sep:
                values[key.strip()] = value.strip()
    return values


def _site_packages(venv: Path, env: Environment) -> Path:
    short = ".".join(env.python_version.split(".")[:2])
    return venv / "lib" / f"python{short}" / "site-packages"


def _database_copy(env: Environment, data: Path) -> Path:
    """The migrated database, config file and keys, copied for one probe."""
    data.mkdir(parents=True)
    # The media InvenTree wrote at set-up (default report and label templates): without them
    # every start creates them again, which costs seconds.
    if (env.data / "media").is_dir():
        shutil.copytree(env.data / "media", data / "media")
    for sub in ("media", "static", "backup"):
        (data / sub).mkdir(exist_ok=True)
    names = ("db.sqlite3", "db.sqlite3-wal", "db.sqlite3-shm", "config.yaml", "oidc.pem")
    for name in (*names, "baseline.json"):
        if (env.data / name).is_file():
            shutil.copy2(env.data / name, data / name)
    return data


def _pip_cache() -> Path:
    cache = environment_module.cache_root() / "pip"
    cache.mkdir(parents=True, exist_ok=True)
    return cache


def _npm_cache() -> Path:
    """npm's cache for builds during the install (a project whose wheel builds its UI first).

    The home directory is read-only in the sandbox, so npm gets a cache of ours, writable like
    pip's, which keeps a second check from downloading the frontend's packages again.
    """
    cache = environment_module.cache_root() / "npm"
    cache.mkdir(parents=True, exist_ok=True)
    return cache


def _probe_env(scratch: Path) -> dict[str, str]:
    return {
        "PATH": "/usr/local/bin:/usr/bin:/bin",
        "LANG": "C.UTF-8",
        "HOME": str(scratch),
        "TMPDIR": str(scratch / "tmp"),
    }


# ------------------------------------------------------------------------- the two steps


def _spawn(
    argv: list[str],
    *,
    scratch: Path,
    readonly: list[Path],
    writable: list[Path],
    network: bool,
    env: dict[str, str],
    cwd: Path,
    seconds: float,
    address_space: int | None = None,
    pass_fds: tuple[int, ...] = (),
) -> Any:
    """Run plugin code contained (creator.sandbox); `address_space` overrides the memory cap."""
    (scratch / "tmp").mkdir(exist_ok=True)
    limits = sandbox.Limits(wall_seconds=seconds, cpu_seconds=int(seconds) + 60)
    if address_space is not None:
        limits = dataclasses.replace(limits, memory_bytes=address_space)
    return sandbox.run(
        argv,
        scratch=scratch,
        readonly=readonly,
        writable=writable,
        network=network,
        env=env,
        cwd=cwd,
        limits=limits,
        pass_fds=pass_fds,
    )


def _pip_install(
    venv: Path,
    target: Path,
    scratch: Path,
    readonly: list[Path],
    variables: dict[str, str],
    *,
    install: bool,
    writable: list[Path] | None = None,
) -> dict[str, Any]:
    """`pip install -U <plugin>` into the layer (pip comes from the InvenTree venv).

    `--no-compile`: pip's byte-compiling of what it installed would write under
    PYTHONPYCACHEPREFIX, the environment's bytecode cache, which is read-only here; it failed
    quietly for every file and cost 1 to 2 s a plugin. What is installed is the same.
    """
    argv = [
        str(venv / "bin" / "python"), "-m", "pip", "install", "-U", "--disable-pip-version-check",
        "--no-input", "--progress-bar", "off", "--no-warn-script-location", "--no-compile",
        *([] if install else ["--no-deps"]), str(target),
    ]  # fmt: skip
    started = time.monotonic()
    result = _spawn(
        argv,
        scratch=scratch,
        readonly=readonly,
        writable=[_pip_cache(), _npm_cache(), *(writable or [])],
        network=install or target.is_dir() or not target.name.endswith(".whl"),
        env=variables,
        cwd=scratch,
        seconds=INSTALL_SECONDS,
        address_space=INSTALL_ADDRESS_SPACE,
    )
    output = (result.stdout + result.stderr).decode("utf-8", "replace")
    return {
        "ok": result.returncode == 0,
        "returncode": result.returncode,
        "timed_out": result.timed_out,
        "sandboxed": result.sandboxed,
        "seconds": round(time.monotonic() - started, 1),
        "output": output[-6000:],
    }


def _probe(
    env: Environment,
    venv: Path,
    scratch: Path,
    readonly: list[Path],
    variables: dict[str, str],
    roots: list[Path],
) -> dict[str, Any]:
    """Run probe.py (copied into scratch) and read its JSON result."""
    probe = scratch / "probe.py"
    shutil.copy2(Path(__file__).with_name("probe.py"), probe)
    baseline = _baseline(env)
    spec = probe_spec(env, roots)
    (scratch / "spec.json").write_text(json.dumps(spec), encoding="utf-8")
    result_file = scratch / "result.json"
    started = time.monotonic()
    done = _spawn(
        [str(venv / "bin" / "python"), str(probe), str(scratch / "spec.json"), str(result_file)],
        scratch=scratch,
        readonly=readonly,
        writable=[],
        network=False,
        env=variables,
        cwd=env.manage_dir,
        seconds=PROBE_SECONDS,
    )
    seconds = round(time.monotonic() - started, 1)
    process = {
        "returncode": done.returncode,
        "timed_out": done.timed_out,
        "sandboxed": done.sandboxed,
        "seconds": seconds,
        "stderr": done.stderr.decode("utf-8", "replace")[-6000:],
        "stdout": done.stdout.decode("utf-8", "replace")[-2000:],
    }
    try:
        result: dict[str, Any] = dict(json.loads(result_file.read_text(encoding="utf-8")))
    except (OSError, ValueError, TypeError):
        result = {}
    result["process"] = process
    result["baseline"] = baseline
    return result


def probe_spec(env: Environment, roots: list[Path]) -> dict[str, Any]:
    """What the probe is told: the plugin's roots, the admin, the part, the stated version."""
    return {
        "roots": [str(root) for root in roots],
        "admin": environment_module.ADMIN_USER,
        "part_pk": _baseline(env).get("part_pk"),
        "stands_for": stated_version(env),
    }


def _baseline(env: Environment) -> dict[str, Any]:
    try:
        return dict(json.loads((env.data / "baseline.json").read_text(encoding="utf-8")))
    except (OSError, ValueError, TypeError):
        return {}


# ------------------------------------------------------------------------------- report


def report(
    env: Environment,
    path: Path,
    project: Any,
    observed: dict[str, Any],
    *,
    select: Iterable[str] = (),
    ignore: Iterable[str] = (),
) -> Report:
    """The INV rules over the observation: findings, the verdict and the plugin as seen."""
    ctx = Context(project=project, inventree_version=env.inventree_version)
    ctx.inventree = observed
    findings: list[Finding] = []
    for rule in select_rules(select, ignore, layers=("inventree",)):
        findings.extend(rule().run(ctx))
    order = ("error", "feature", "warning", "info")
    findings.sort(key=lambda f: order.index(f.severity) if f.severity in order else len(order))
    plugin = describe(env, path, project, observed)
    return Report(loads=rules.verdict(observed), plugin=plugin, findings=findings)


def describe(
    env: Environment, path: Path, project: Any, observed: dict[str, Any]
) -> dict[str, Any]:
    """`plugin` of the JSON: metadata as read, then what InvenTree's registry said."""
    info: dict[str, Any] = {"kind": project.kind if project is not None else _kind(path)}
    if project is not None:
        entry = project.entry_points[0] if project.entry_points else None
        info.update(
            {
                "distribution": project.name,
                "version": project.version,
                "entry_point": entry.value if entry else None,
            }
        )
    plugins = observed.get("plugins") or observed.get("found") or []
    if plugins:
        first = plugins[0]
        info.update(
            {
                "class": first.get("class"),
                "name": first.get("name"),
                "slug": first.get("slug") or first.get("key"),
                "mixins": first.get("mixins") or [],
                "active": bool(first.get("active")),
            }
        )
        if len(plugins) > 1:
            info["plugins"] = [p.get("key") for p in plugins]
    info["inventree"] = {
        "version": env.inventree_version,
        "source": str(env.backend),
        "python": env.python_version,
        "seconds": observed.get("seconds"),
    }
    if stated_version(env):  # the tree stands for another release (--inventree-as)
        info["inventree"]["version_py"] = environment_module.inventree_version(env.backend)
    return info
