"""Cached venvs for a plugin's third-party requirements (the dynamic check never uses yours).

A plugin's declared requirements, and the packages InvenTree's environment provides that it
imports (creator.facts.host), are installed into a venv under the user cache dir
(`envs/<hash of the requirements>`), with the same Django and DRF versions as the current
environment; the harness then runs there. Installs are announced on stderr and run in the
sandbox with the network on and only the target venv writable. `check --no-install`
(`CREATE_INVENTREE_PLUGIN_NO_INSTALL=1`) disables them; a direct reference (`name @
file://...`, a URL) is installed only with `--allow-direct-references`
(`CREATE_INVENTREE_PLUGIN_ALLOW_DIRECT_REFERENCES=1`); `CREATE_INVENTREE_PLUGIN_PIP_ARGS` adds
pip arguments (e.g. an index).
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
import shlex
import shutil
import subprocess
import sys
from importlib import metadata
from pathlib import Path
from typing import Any

from filelock import FileLock
from packaging.requirements import InvalidRequirement, Requirement

from creator import sandbox

NO_INSTALL_ENV = "CREATE_INVENTREE_PLUGIN_NO_INSTALL"
PIP_ARGS_ENV = "CREATE_INVENTREE_PLUGIN_PIP_ARGS"
ALLOW_DIRECT_ENV = "CREATE_INVENTREE_PLUGIN_ALLOW_DIRECT_REFERENCES"
INSTALL_TIMEOUT = 600.0
CREATOR_ROOT = Path(__file__).resolve().parents[2]


def cache_dir() -> Path:
    """create-inventree-plugin's user cache directory (platformdirs when available)."""
    try:
        # lazy: optional (fallback below), and only cache users need it
        from platformdirs import user_cache_dir
    except ImportError:
        base = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
        return Path(base) / "create-inventree-plugin"
    return Path(user_cache_dir("create-inventree-plugin"))


def _pinned() -> list[str]:
    """Django and DRF at the versions of the current environment (the stand-in's)."""
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
    with FileLock(root.parent / f"{root.name}.lock"):  # one check builds it, others wait
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
            # lazy: only a first set-up creates a venv (venv imports sysconfig, subprocess)
            import venv

            shutil.rmtree(root, ignore_errors=True)
            try:
                venv.EnvBuilder(with_pip=False, clear=True).create(root)
            except (OSError, subprocess.CalledProcessError) as error:
                return None, f"cannot create a venv: {error}"
        new = [e for e in extras if e not in installed]
        announce_install([*requires, *new], root)
        failure = _pip_install(python, [*_pinned(), *requires, *new])
        if failure:
            if not state:
                shutil.rmtree(root, ignore_errors=True)
            return None, failure
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
