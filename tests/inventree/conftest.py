"""Fixtures of the real-InvenTree runner's tests: sources, environment, generated plugins.

The generated plugins are made by our CLI, with and without their frontend built.

The sources are the folders of `$INVENTREE_SRC` (default: ../shared/inventree next to the
repository), one per release. Preparing an environment takes minutes the first time and is
cached under the user cache dir, so later sessions start in seconds.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

from tests.helpers import REPO

NEWEST = "1.5-dev"
OLDEST = "1.0"


def inventree_root() -> Path:
    """The folder holding one InvenTree source tree per release."""
    configured = os.environ.get("INVENTREE_SRC")
    return Path(configured) if configured else REPO.parent / "shared" / "inventree"


def source(release: str) -> Path:
    """The InvenTree source tree of `release`; fails (not skips) when it is not there."""
    path = inventree_root() / release
    assert (path / "src" / "backend" / "InvenTree" / "manage.py").is_file(), (
        f"no InvenTree {release} source at {path}: set INVENTREE_SRC"
    )
    return path


def _say(line: str) -> None:
    print(line, file=sys.stderr, flush=True)


@pytest.fixture(scope="session")
def newest_env():
    """The prepared environment of the newest source tree (set up once, then cached)."""
    from creator.inventree import environment

    return environment.prepare(source(NEWEST), progress=_say)


def _cli(*args: str, cwd: Path) -> None:
    done = subprocess.run(
        [sys.executable, "-m", "creator", *args],
        cwd=cwd,
        capture_output=True,
        text=True,
        timeout=600,
        check=False,
    )
    assert done.returncode == 0, done.stdout + done.stderr


def _run(argv: list[str], cwd: Path, timeout: float = 900) -> None:
    done = subprocess.run(
        argv, cwd=cwd, capture_output=True, text=True, timeout=timeout, check=False
    )
    assert done.returncode == 0, f"{' '.join(argv)} failed:\n{done.stdout}\n{done.stderr}"


def _wheel(project: Path, out: Path) -> Path:
    _run([sys.executable, "-m", "build", "--wheel", "--outdir", str(out), str(project)], project)
    return next(out.glob("*.whl"))


@pytest.fixture(scope="session")
def generated(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    """A plugin made by `create --defaults`: its wheel with and without `npm run build`."""
    base = tmp_path_factory.mktemp("generated")
    project = base / "plugin"
    _cli("create", str(project), "--defaults", "--no-git", "--no-check", cwd=base)
    frontend = project / "frontend"
    npm = shutil.which("npm")
    assert npm, "npm is needed to build the generated plugin's frontend"
    _run([npm, "ci", "--no-audit", "--no-fund"], frontend)
    _run([npm, "run", "build"], frontend)
    built = _wheel(project, base / "dist-built")
    return {"project": project, "built": built, "unbuilt": _without_static(built, base)}


def _without_static(wheel: Path, base: Path) -> Path:
    """The wheel as a build without `npm run build` would make it: no static/ files.

    The generated project's build backend refuses to build such a wheel (it runs npm first),
    so it is made from the real one, as a plain flit or hatch build of the same tree would be.
    """
    out = base / "dist-unbuilt"
    out.mkdir()
    target = out / wheel.name
    with zipfile.ZipFile(wheel) as source, zipfile.ZipFile(target, "w") as copy:
        for item in source.infolist():
            if "/static/" in item.filename:
                continue
            data = source.read(item)
            if item.filename.endswith(".dist-info/RECORD"):
                lines = data.decode().splitlines()
                data = "\n".join(line for line in lines if "/static/" not in line).encode()
            copy.writestr(item, data)
    return target


@pytest.fixture(scope="session")
def oldest_env():
    """The prepared environment of the oldest source tree (set up once, then cached)."""
    from creator.inventree import environment

    return environment.prepare(source(OLDEST), progress=_say)
