"""Releases of the old `inventree-plugin-creator`: their wheels, cached once, and their templates.

Every release of the old tool ships its cookiecutter template inside its wheel
(`plugin_creator/template/`). Rendering the exact release a plugin was made with needs that
wheel, so it is fetched once with pip (`pip download --no-deps`) into the user cache
(`~/.cache/create-inventree-plugin/incumbent/`) and its template unpacked beside it; from
then on migration runs offline. Nothing of the old tool is imported or run: its Python
files are only read (AST) for the constants its CLI put into the cookiecutter context.
"""

from __future__ import annotations

import ast
import contextlib
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
import time
import zipfile
from pathlib import Path
from typing import Any

from packaging.version import InvalidVersion, Version

from creator.errors import CreatorError

DISTRIBUTION = "inventree-plugin-creator"
CACHE_ENV = "CREATE_INVENTREE_PLUGIN_INCUMBENT_CACHE"
LISTING_SECONDS = 24 * 3600
_WHEEL = re.compile(r"^inventree_plugin_creator-(\d+(?:\.\d+)*)-py3-none-any\.whl$")


def cache_dir() -> Path:
    """Where wheels and unpacked templates are kept (an environment variable overrides it)."""
    override = os.environ.get(CACHE_ENV)
    if override:
        return Path(override).expanduser().absolute()
    # lazy: unused when the environment variable overrides the cache
    import platformdirs

    return Path(platformdirs.user_cache_dir("create-inventree-plugin", appauthor=False)) / (
        "incumbent"
    )


def _key(version: str) -> Any:
    try:
        return Version(version)
    except InvalidVersion:
        raise CreatorError(f"{version!r} is not a version of {DISTRIBUTION}") from None


def cached_versions() -> list[str]:
    """Versions whose wheel is in the cache, oldest first."""
    folder = cache_dir() / "wheels"
    found = [m.group(1) for p in folder.glob("*.whl") if (m := _WHEEL.match(p.name))]
    return sorted(found, key=_key)


def published_versions() -> list[str]:
    """The 1.x versions on the package index (`pip index versions`), and the cached ones.

    The index's answer is kept for a day (versions.json in the cache), so repeated runs do
    not ask again; offline, the cached wheels are all there is.
    """
    listing = cache_dir() / "versions.json"
    versions: set[str] = set(cached_versions())
    try:
        if time.time() - listing.stat().st_mtime < LISTING_SECONDS:
            versions |= set(json.loads(listing.read_text(encoding="utf-8")))
            return _ones(versions)
    except (OSError, ValueError, TypeError):
        pass
    try:
        out = subprocess.run(
            [
                sys.executable,
                "-m",
                "pip",
                "index",
                "versions",
                DISTRIBUTION,
                "--disable-pip-version-check",
                "--retries",
                "1",
                "--timeout",
                "15",
            ],
            capture_output=True,
            text=True,
            check=False,
            timeout=120,
        )
    except (OSError, subprocess.TimeoutExpired):
        return _ones(versions)
    for line in out.stdout.splitlines() if out.returncode == 0 else []:
        if line.strip().startswith("Available versions:"):
            found = {v.strip() for v in line.split(":", 1)[1].split(",") if v.strip()}
            versions |= found
            with contextlib.suppress(OSError):
                listing.parent.mkdir(parents=True, exist_ok=True)
                listing.write_text(json.dumps(sorted(found)), encoding="utf-8")
    return _ones(versions)


def _ones(versions: set[str]) -> list[str]:
    return sorted((v for v in versions if v.split(".")[0] == "1"), key=_key)


def wheel(version: str) -> Path:
    """The release's wheel, downloaded into the cache on first use (pip, no dependencies)."""
    _key(version)
    folder = cache_dir() / "wheels"
    target = folder / f"inventree_plugin_creator-{version}-py3-none-any.whl"
    if target.is_file():
        return target
    folder.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(prefix="download.", dir=folder) as scratch:
        try:
            result = subprocess.run(
                [
                    sys.executable,
                    "-m",
                    "pip",
                    "download",
                    "--no-deps",
                    "--only-binary=:all:",
                    "--disable-pip-version-check",
                    "-q",
                    "-d",
                    scratch,
                    f"{DISTRIBUTION}=={version}",
                ],
                capture_output=True,
                text=True,
                check=False,
                timeout=300,
            )
        except (OSError, subprocess.TimeoutExpired) as error:
            raise CreatorError(f"cannot download {DISTRIBUTION} {version}: {error}") from None
        got = Path(scratch) / target.name
        if result.returncode != 0 or not got.is_file():
            lines = [
                ln
                for ln in (result.stderr or result.stdout).splitlines()
                if ln.strip() and not ln.startswith("WARNING")
            ]
            detail = lines[-1] if lines else f"pip exited {result.returncode}"
            raise CreatorError(
                f"cannot download {DISTRIBUTION} {version} (offline, or no such release?): {detail}"
            )
        got.replace(target)  # atomic: a cached wheel is always complete
    return target


def unpacked(version: str) -> Path:
    """The release's `plugin_creator/` files (template + CLI sources, read only), unpacked once."""
    folder = cache_dir() / "releases" / version
    if (folder / "template" / "cookiecutter.json").is_file():
        return folder
    archive = wheel(version)
    folder.parent.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(prefix=f".{version}.", dir=folder.parent))
    try:
        with zipfile.ZipFile(archive) as zipped:
            for member in zipped.namelist():
                if member.startswith("plugin_creator/") and not member.endswith("/"):
                    zipped.extract(member, staging)
        if not (staging / "plugin_creator" / "template" / "cookiecutter.json").is_file():
            raise CreatorError(f"the wheel of {DISTRIBUTION} {version} ships no template")
        shutil.rmtree(folder, ignore_errors=True)
        (staging / "plugin_creator").replace(folder)
    except (OSError, zipfile.BadZipFile) as error:
        raise CreatorError(f"cannot unpack {archive}: {error}") from None
    finally:
        shutil.rmtree(staging, ignore_errors=True)
    return folder


def default_context(version: str) -> dict[str, Any]:
    """The release's cookiecutter.json (its defaults, before its CLI fills them in)."""
    file = unpacked(version) / "template" / "cookiecutter.json"
    context: dict[str, Any] = json.loads(file.read_text(encoding="utf-8"))
    return context


def constants(version: str, module: str) -> dict[str, Any]:
    """Top-level literal assignments of one of the release's modules, read without running it."""
    file = unpacked(version) / f"{module}.py"
    try:
        tree = ast.parse(file.read_text(encoding="utf-8"))
    except (OSError, SyntaxError):
        return {}
    found: dict[str, Any] = {}
    for node in tree.body:
        if isinstance(node, ast.Assign) and len(node.targets) == 1:
            target = node.targets[0]
            if isinstance(target, ast.Name):
                try:
                    found[target.id] = ast.literal_eval(node.value)
                except (ValueError, TypeError, SyntaxError):
                    continue
    return found
