"""The test dependency generated plugins install: inventree-plugin-standin, from a wheelhouse.

Until it is on PyPI, `create` writes its wheel into a local wheelhouse and the project's
install lines add `--find-links`. The wheel holds only the stand-in and its pytest plugin,
depends on no CLI package, runs on the Python of the oldest InvenTree a plugin may target,
and carries what InvenTree gives plugins at run time.
"""

from __future__ import annotations

import re
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest
from packaging.requirements import Requirement
from packaging.specifiers import SpecifierSet

from creator import __version__, wheelhouse
from tests.helpers import REPO, render


def metadata(wheel: Path) -> str:
    with zipfile.ZipFile(wheel) as archive:
        name = next(n for n in archive.namelist() if n.endswith(".dist-info/METADATA"))
        return archive.read(name).decode()


@pytest.fixture
def wheel(tmp_path: Path) -> Path:
    return wheelhouse.write_wheel(tmp_path / "wheelhouse")


def test_the_wheel_ships_the_standin_and_its_pytest_plugin_only(wheel: Path) -> None:
    """standin, testing and the facts it reads; no creator/__init__.py (`creator` is the CLI's)."""
    names = zipfile.ZipFile(wheel).namelist()
    packages = {n.split("/")[1] for n in names if n.startswith("creator/")}
    assert packages == {"standin", "testing", "facts"}
    assert "creator/__init__.py" not in names
    assert "creator/testing/__init__.py" in names
    assert "creator/standin/site/plugin/mixins/__init__.py" in names


def test_the_wheel_needs_no_cli_packages_and_brings_what_inventree_provides(wheel: Path) -> None:
    """No copier, questionary or validate-pyproject; Django, DRF, requests; Python >= 3.9."""
    text = metadata(wheel)
    requires = {Requirement(line.split(": ", 1)[1]).name for line in text.splitlines()
                if line.startswith("Requires-Dist: ")}  # fmt: skip
    assert not requires & {"copier", "questionary", "validate-pyproject"}
    assert {"django", "djangorestframework", "requests", "pytest"} <= requires
    assert "Requires-Python: >=3.9" in text
    assert f"Version: {__version__}" in text


def test_the_wheel_is_rewritten_only_when_the_sources_change(tmp_path: Path) -> None:
    first = wheelhouse.write_wheel(tmp_path)
    stamp = first.stat().st_mtime_ns
    again = wheelhouse.write_wheel(tmp_path)
    assert again == first and again.stat().st_mtime_ns == stamp


def test_generated_projects_ask_for_a_version_this_release_satisfies() -> None:
    """The template's bound on inventree-plugin-standin admits the version we write and publish."""
    text = (REPO / "template" / "pyproject.toml.jinja").read_text(encoding="utf-8")
    bound = re.search(r'"inventree-plugin-standin([^"]+)"', text)
    assert bound, "the test extra names inventree-plugin-standin with a version bound"
    assert __version__ in SpecifierSet(bound.group(1))


@pytest.mark.network  # `python -m build` fetches hatchling into its isolated environment
def test_the_hatchling_build_ships_the_same_files(wheel: Path, tmp_path: Path) -> None:
    """`python -m build standin/` (the release) and the CLI's own writer agree file for file."""
    result = subprocess.run(
        [sys.executable, "-m", "build", "--wheel", "--outdir", str(tmp_path / "dist"),
         str(REPO / "standin")],
        capture_output=True, text=True, check=False,
    )  # fmt: skip
    assert result.returncode == 0, result.stderr[-2000:]
    built = next((tmp_path / "dist").glob("*.whl"))

    def files(path: Path) -> set[str]:
        return {n for n in zipfile.ZipFile(path).namelist() if ".dist-info/" not in n}

    assert files(built) == files(wheel)

    def requires(path: Path) -> list[str]:
        return sorted(ln for ln in metadata(path).splitlines() if ln.startswith("Requires-"))

    assert requires(built) == requires(wheel)


@pytest.mark.slow
@pytest.mark.network
def test_an_all_mixins_plugin_tests_pass_on_python_39(
    wheel: Path, template_root: Path, tmp_path: Path
) -> None:
    """InvenTree 1.0/1.1 run on Python 3.9: a plugin targeting them tests there, offline of us."""
    python39 = subprocess.run(["pyenv", "prefix", "3.9"], capture_output=True, text=True)
    prefix = python39.stdout.strip().splitlines()[-1] if python39.returncode == 0 else ""
    assert prefix, "Python 3.9 (pyenv) is part of the test environment"
    from creator import questions

    catalog = questions.load(REPO).data["catalog"]
    mixins = ",".join(n for n, spec in catalog.items() if not spec.get("legacy"))
    project = render(template_root, tmp_path / "p", mixins=mixins, frontend=False,
                     min_inventree_version="1.1.0")  # fmt: skip
    assert 'requires-python = ">=3.9"' in (project / "pyproject.toml").read_text()
    env_dir = tmp_path / "venv39"
    subprocess.run([f"{prefix}/bin/python", "-m", "venv", str(env_dir)], check=True)
    python = str(env_dir / "bin" / "python")
    install = subprocess.run(
        [python, "-m", "pip", "install", "-q", "--find-links", str(wheel.parent), "-e",
         ".[test]"], cwd=project, capture_output=True, text=True, check=False,
    )  # fmt: skip
    assert install.returncode == 0, install.stderr[-3000:]
    listed = subprocess.run([python, "-m", "pip", "list"], capture_output=True, text=True).stdout
    assert "copier" not in listed.lower() and "questionary" not in listed.lower()
    result = subprocess.run([python, "-m", "pytest", "-q", "-p", "no:cacheprovider"],
                            cwd=project, capture_output=True, text=True, check=False)  # fmt: skip
    assert result.returncode == 0, result.stdout[-3000:] + result.stderr[-2000:]
    assert " passed" in result.stdout
