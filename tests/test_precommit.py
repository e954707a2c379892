"""The generated project's first commit passes its own pre-commit hooks, as generated.

The hook environments (ruff, pre-commit-hooks from PyPI) are cached under the user cache
directory, as pre-commit itself caches them on a developer's machine.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from creator.check.dynamic import cache_dir
from tests.helpers import PYTHON, render, run

pytestmark = pytest.mark.xdist_group("precommit")

PRE_COMMIT_HOME = str(cache_dir() / "pre-commit")


def test_first_commit_passes_the_hooks(template_root: Path, tmp_path: Path) -> None:
    """`pre-commit run --all-files` passes on the all-mixins project with its frontend.

    The frontend hooks (oxlint, tsc) run from frontend/node_modules, so `npm ci` comes
    first, as the project's README and CI do.
    """
    from tests.test_matrix import MIXINS

    project = render(template_root, tmp_path / "p", mixins=MIXINS, frontend=True)
    npm = run(["npm", "ci", "--prefix", "frontend", "--no-audit", "--no-fund"], project)
    assert npm.returncode == 0, npm.stdout[-2000:] + npm.stderr[-2000:]
    for command in (["git", "init", "-q"], ["git", "add", "-A"]):
        assert run(command, project).returncode == 0
    result = run(
        [PYTHON, "-m", "pre_commit", "run", "--all-files"], project, PRE_COMMIT_HOME=PRE_COMMIT_HOME
    )
    assert result.returncode == 0, result.stdout[-4000:] + result.stderr[-2000:]
    for hook in ("ruff check", "ruff format", "oxlint (frontend)", "tsc --noEmit"):
        assert any(
            line.startswith(hook) and line.endswith("Passed") for line in result.stdout.splitlines()
        ), (hook, result.stdout)


def test_frontend_hooks_catch_type_errors(template_root: Path, tmp_path: Path) -> None:
    """A type error in the frontend fails the tsc hook (the hooks really run tsc)."""
    project = render(template_root, tmp_path / "p")
    npm = run(["npm", "ci", "--prefix", "frontend", "--no-audit", "--no-fund"], project)
    assert npm.returncode == 0, npm.stderr[-2000:]
    panel = project / "frontend" / "src" / "Panel.tsx"
    panel.write_text(panel.read_text() + "\nexport const broken: number = 'text';\n")
    for command in (["git", "init", "-q"], ["git", "add", "-A"]):
        assert run(command, project).returncode == 0
    result = run(
        [PYTHON, "-m", "pre_commit", "run", "tsc", "--all-files"],
        project,
        PRE_COMMIT_HOME=PRE_COMMIT_HOME,
    )
    assert result.returncode != 0
    assert "TS2322" in result.stdout


def test_hooks_refuse_conflict_markers_and_rej_files(template_root: Path, tmp_path: Path) -> None:
    """After a conflicting update, the hooks stop a commit of markers or .rej files."""
    project = render(template_root, tmp_path / "p", frontend=False)
    readme = project / "README.md"
    readme.write_text(
        readme.read_text() + "\n<<<<<<< before updating\nmine\n=======\ntheirs\n"
        ">>>>>>> after updating\n"
    )
    (project / "pyproject.toml.rej").write_text("rejected hunk\n")
    for command in (["git", "init", "-q"], ["git", "add", "-A"]):
        assert run(command, project).returncode == 0
    result = run(
        [PYTHON, "-m", "pre_commit", "run", "--all-files"], project, PRE_COMMIT_HOME=PRE_COMMIT_HOME
    )
    assert result.returncode != 0
    assert "Merge conflict string" in result.stdout
    assert ".rej files are left over" in result.stdout
