"""The CLI's wheel ships the template and renders, offline, what the checkout renders.

A generated plugin's tests pass in a fresh venv that has only the wheel and the plugin.
"""

from __future__ import annotations

import filecmp
import subprocess
import venv
import zipfile
from pathlib import Path

import pytest

from tests.helpers import PYTHON, REPO, run

pytestmark = pytest.mark.xdist_group("packaging")


def template_files() -> set[str]:
    """The template files git tracks (what a release contains)."""
    listed = subprocess.run(
        ["git", "ls-files", "copier.yml", "includes", "template"],
        cwd=REPO, capture_output=True, text=True, check=True,
    ).stdout.splitlines()  # fmt: skip
    untracked = subprocess.run(
        ["git", "ls-files", "--others", "--exclude-standard", "includes", "template"],
        cwd=REPO, capture_output=True, text=True, check=True,
    ).stdout.splitlines()  # fmt: skip
    return {name for name in listed + untracked if (REPO / name).is_file()}


@pytest.fixture(scope="module")
def wheel(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Our wheel, built from the working tree."""
    out = tmp_path_factory.mktemp("dist")
    result = run([PYTHON, "-m", "build", "--wheel", "--outdir", str(out), str(REPO)], REPO)
    assert result.returncode == 0, result.stdout[-3000:] + result.stderr[-3000:]
    return next(out.glob("*.whl"))


@pytest.fixture(scope="module")
def fresh_venv(tmp_path_factory: pytest.TempPathFactory, wheel: Path) -> Path:
    """A new venv with only our wheel (and its standin extra) installed."""
    root = tmp_path_factory.mktemp("venv")
    venv.create(root, with_pip=True)
    python = root / "bin" / "python"
    result = run(
        [str(python), "-m", "pip", "install", "-q", "--disable-pip-version-check",
         f"{wheel}[standin]", "pytest"],
        root,
    )  # fmt: skip
    assert result.returncode == 0, result.stdout[-3000:] + result.stderr[-3000:]
    return root


def test_wheel_contains_every_template_file(wheel: Path) -> None:
    """A template file missing from the wheel would vanish from installed users' plugins."""
    with zipfile.ZipFile(wheel) as archive:
        names = set(archive.namelist())
    missing = {f for f in template_files() if f"creator/_template/{f}" not in names}
    assert not missing
    package = subprocess.run(
        ["git", "ls-files", "--cached", "--others", "--exclude-standard", "creator"],
        cwd=REPO, capture_output=True, text=True, check=True,
    ).stdout.split()  # fmt: skip
    missing = {f for f in package if f.endswith(".py") and f not in names}
    assert not missing, "package files left out of the wheel (a .gitignore rule?)"


def test_installed_cli_renders_like_the_checkout(
    fresh_venv: Path, template_root: Path, tmp_path: Path
) -> None:
    """The wheel's CLI, with no network, produces the same files as the git checkout."""
    cli = fresh_venv / "bin" / "create-inventree-plugin"
    result = run(
        [
            str(cli),
            "create",
            "installed",
            "--defaults",
            "--no-git",
            "--no-check",
            "-d",
            "mixins=[]",
        ],
        tmp_path,
        CREATE_INVENTREE_PLUGIN_CONFIG=str(tmp_path / "config.json"),
        # The CLI takes the author from git config and adds its wheelhouse to install lines:
        # no git identity here, and the same wheelhouse answer for the other two renders.
        CREATE_INVENTREE_PLUGIN_WHEELHOUSE=str(tmp_path / "wheelhouse"),
        GIT_CONFIG_GLOBAL=str(tmp_path / "no-gitconfig"),
        GIT_CONFIG_NOSYSTEM="1",
    )
    assert result.returncode == 0, result.stderr
    from copier import run_copy

    from creator import generate, questions

    wheelhouse = {"standin_wheelhouse": str(tmp_path / "wheelhouse")}
    checkout = tmp_path / "checkout"
    run_copy(str(REPO), str(checkout), data={"mixins": [], **wheelhouse}, defaults=True,
             quiet=True, vcs_ref="HEAD")  # fmt: skip
    answers, _ = questions.Template(template_root).resolve({"mixins": []}, use_defaults=True)
    plain = generate.create(tmp_path / "plain", {**answers, **wheelhouse}, root=template_root).path
    for other in (checkout, plain):
        compare = filecmp.dircmp(tmp_path / "installed", other, ignore=[".copier-answers.yml"])
        assert not (compare.left_only or compare.right_only or compare.diff_files), other
        assert_same_tree(compare)


def assert_same_tree(compare: filecmp.dircmp) -> None:
    """No differing or one-sided files at any depth."""
    assert not (compare.left_only or compare.right_only or compare.diff_files), compare.report()
    for sub in compare.subdirs.values():
        assert_same_tree(sub)


def test_generated_plugin_tests_pass_in_a_fresh_venv(fresh_venv: Path, tmp_path: Path) -> None:
    """`pip install -e .[test]` + `pytest` in a new venv: no InvenTree, no repo on sys.path."""
    cli = fresh_venv / "bin" / "create-inventree-plugin"
    env = {"CREATE_INVENTREE_PLUGIN_CONFIG": str(tmp_path / "c.json")}
    result = run([str(cli), "create", "p", "--defaults", "--no-git", "-d", "frontend=false"],
                 tmp_path, **env)  # fmt: skip
    assert result.returncode == 0, result.stderr
    python = str(fresh_venv / "bin" / "python")
    project = tmp_path / "p"
    from creator.wheelhouse import default_location  # the stand-in's wheel, until on PyPI

    result = run([python, "-m", "pip", "install", "-q", "--find-links", str(default_location()),
                  "-e", ".[test]"], project)  # fmt: skip
    assert result.returncode == 0, result.stdout[-3000:] + result.stderr[-3000:]
    result = run([python, "-m", "pytest", "-q"], project, PYTHONPATH="")
    assert result.returncode == 0, result.stdout[-3000:] + result.stderr[-2000:]
    assert " passed" in result.stdout
