"""The generated project's first commit passes its own pre-commit hooks, as generated."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.helpers import PYTHON, render, run

pytestmark = pytest.mark.xdist_group("precommit")


def test_first_commit_passes_the_hooks(template_root: Path, tmp_path: Path) -> None:
    """`pre-commit run --all-files` passes on the all-mixins project (hooks install from PyPI)."""
    from tests.test_matrix import MIXINS

    project = render(template_root, tmp_path / "p", mixins=MIXINS, frontend=True)
    env = {"PRE_COMMIT_HOME": str(tmp_path / "pre-commit-cache")}
    for command in (["git", "init", "-q"], ["git", "add", "-A"]):
        assert run(command, project).returncode == 0
    result = run([PYTHON, "-m", "pre_commit", "run", "--all-files"], project, **env)
    assert result.returncode == 0, result.stdout[-4000:] + result.stderr[-2000:]
    assert "Passed" in result.stdout


def test_hooks_refuse_conflict_markers_and_rej_files(template_root: Path, tmp_path: Path) -> None:
    """After a conflicting update, the hooks stop a commit of markers or .rej files."""
    project = render(template_root, tmp_path / "p")
    env = {"PRE_COMMIT_HOME": str(tmp_path / "pre-commit-cache")}
    readme = project / "README.md"
    readme.write_text(
        readme.read_text() + "\n<<<<<<< before updating\nmine\n=======\ntheirs\n"
        ">>>>>>> after updating\n"
    )
    (project / "pyproject.toml.rej").write_text("rejected hunk\n")
    for command in (["git", "init", "-q"], ["git", "add", "-A"]):
        assert run(command, project).returncode == 0
    result = run([PYTHON, "-m", "pre_commit", "run", "--all-files"], project, **env)
    assert result.returncode != 0
    assert "Merge conflict string" in result.stdout
    assert ".rej files are left over" in result.stdout
