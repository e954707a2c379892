"""No wheel without its user interface: `python -m build` builds the frontend or says how.

A generated project with a frontend builds through build_ui.py (flit_core plus a check):
with the UI not built, the wheel build runs `npm ci` and `npm run build` itself, or, where npm
is missing, fails with one line that says to run them.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

from tests.helpers import render

pytestmark = [pytest.mark.slow, pytest.mark.network, pytest.mark.npm]


def build(project: Path, *args: str, path: str) -> subprocess.CompletedProcess:
    env = {**os.environ, "PATH": path}
    env.pop("VIRTUAL_ENV", None)
    return subprocess.run(
        [sys.executable, "-m", "build", *args, "--outdir", "dist", "."],
        cwd=project, env=env, capture_output=True, text=True, timeout=900, check=False,
    )  # fmt: skip


def test_unbuilt_frontend_is_built_by_the_wheel_build(template_root: Path, tmp_path: Path) -> None:
    """`python -m build` right after create (no npm run build) ships Panel.js and friends."""
    project = render(template_root, tmp_path / "p")
    assert not (project / "my_plugin" / "static").exists()
    result = build(project, path=os.environ["PATH"])
    assert result.returncode == 0, result.stdout[-3000:] + result.stderr[-3000:]
    names = zipfile.ZipFile(next((project / "dist").glob("*.whl"))).namelist()
    for feature in ("Panel", "Dashboard", "Settings"):
        assert f"my_plugin/static/{feature}.js" in names


def test_without_npm_the_wheel_build_fails_with_one_line(
    template_root: Path, tmp_path: Path
) -> None:
    """No npm on PATH: no wheel, and the last line of the error says what to run."""
    project = render(template_root, tmp_path / "p")
    empty = tmp_path / "bin"
    empty.mkdir()
    result = build(project, "--wheel", path=str(empty))
    assert result.returncode != 0
    assert not list((project / "dist").glob("*.whl")) if (project / "dist").exists() else True
    lines = [line for line in result.stderr.splitlines() if "npm ci && npm run build" in line]
    assert lines, result.stdout[-2000:] + result.stderr[-2000:]
    assert lines[0].startswith("error: the user interface is not built"), lines[0]


def test_pip_install_from_git_without_npm_fails_clearly(
    template_root: Path, tmp_path: Path
) -> None:
    """`pip install git+<repo>` (static/ is gitignored) without npm: one line says what to run."""
    project = render(template_root, tmp_path / "p")
    git = ["git", "-c", "user.name=t", "-c", "user.email=t@example.com"]
    for step in (["init", "-q"], ["add", "-A"], ["commit", "-q", "-m", "init"]):
        subprocess.run([*git, *step], cwd=project, check=True)
    bin_dir = tmp_path / "bin"
    bin_dir.mkdir()
    (bin_dir / "git").symlink_to(shutil.which("git"))  # pip needs git, the build must lack npm
    env = {**os.environ, "PATH": str(bin_dir)}
    env.pop("VIRTUAL_ENV", None)
    result = subprocess.run(
        [sys.executable, "-m", "pip", "install", "--no-deps", "--target", str(tmp_path / "t"),
         f"git+file://{project}"],
        env=env, capture_output=True, text=True, timeout=900, check=False,
    )  # fmt: skip
    assert result.returncode != 0
    output = result.stdout + result.stderr
    assert "the user interface is not built" in output and "npm ci && npm run build" in output
    assert not (tmp_path / "t").exists() or not list((tmp_path / "t").glob("my_plugin"))
