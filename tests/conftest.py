"""Fixtures: the template as a plain directory (how the wheel ships it) and a git checkout."""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.helpers import REPO


@pytest.fixture(scope="session", autouse=True)
def _template_store(tmp_path_factory: pytest.TempPathFactory) -> Iterator[None]:
    """Keep the template store (creator.store) of every test, subprocesses included, in tmp."""
    with pytest.MonkeyPatch.context() as patch:
        store = tmp_path_factory.mktemp("store") / "template.git"
        patch.setenv("CREATE_INVENTREE_PLUGIN_STORE", str(store))
        yield


@pytest.fixture(scope="session")
def template_root(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A copy of the working tree's template files outside git, like the wheel's copy.

    Rendering from it skips Copier's git clone, so the matrix stays fast; test_packaging
    checks that it renders the same as the git checkout and the installed wheel.
    """
    root = tmp_path_factory.mktemp("template")
    shutil.copy2(REPO / "copier.yml", root / "copier.yml")
    for name in ("includes", "template"):
        shutil.copytree(
            REPO / name, root / name, ignore=shutil.ignore_patterns("node_modules", "__pycache__")
        )
    return root


@pytest.fixture(scope="session")
def template(template_root: Path):
    """copier.yml's questions (creator.questions.Template)."""
    from creator.questions import Template

    return Template(template_root)
