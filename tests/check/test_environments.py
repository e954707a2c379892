"""Cached venvs for a plugin's requirements (creator.check.environments)."""

from __future__ import annotations

import json
import subprocess
from pathlib import Path

import pytest

from creator.check import environments


@pytest.fixture(autouse=True)
def _private_cache(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    monkeypatch.delenv(environments.NO_INSTALL_ENV, raising=False)


def _wheel(directory: Path, name: str) -> None:
    """A minimal pure-Python wheel `name`-1.0 with one module of the same name."""
    import zipfile

    info = f"{name}-1.0.dist-info"
    files = {
        f"{name}.py": "VALUE = 1\n",
        f"{info}/METADATA": f"Metadata-Version: 2.1\nName: {name}\nVersion: 1.0\n",
        f"{info}/WHEEL": (
            "Wheel-Version: 1.0\nGenerator: test\nRoot-Is-Purelib: true\nTag: py3-none-any\n"
        ),
    }
    files[f"{info}/RECORD"] = "".join(f"{path},,\n" for path in [*files, f"{info}/RECORD"])
    with zipfile.ZipFile(directory / f"{name}-1.0-py3-none-any.whl", "w") as archive:
        for path, text in files.items():
            archive.writestr(path, text)


def test_cached_environment_adds_provided_packages_incrementally(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    wheels = tmp_path / "wheels"
    wheels.mkdir()
    for name in ("cip_extra_a", "cip_extra_b"):
        _wheel(wheels, name)
    monkeypatch.setattr(environments, "_pinned", lambda: [])  # no Django from an index here
    monkeypatch.setenv(environments.PIP_ARGS_ENV, f"--no-index --find-links {wheels}")
    python, error = environments.cached_environment([], ["cip_extra_a"])
    assert python is not None, error
    python2, error = environments.cached_environment([], ["cip_extra_a", "cip_extra_b"])
    assert python2 == python, error
    state = json.loads((python.parents[1] / ".complete").read_text())
    assert state == {"requires": [], "extras": ["cip_extra_a", "cip_extra_b"]}
    code = "import cip_extra_a, cip_extra_b; print(cip_extra_a.VALUE + cip_extra_b.VALUE)"
    out = subprocess.run([str(python), "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "2"
    again, _ = environments.cached_environment([], ["cip_extra_b"])  # already there: no pip run
    assert again == python
