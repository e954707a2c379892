"""The reference pages in docs/ are generated from copier.yml, the catalog and the CLI parser."""

from __future__ import annotations

from pathlib import Path

import pytest

from creator import docs
from tests.helpers import REPO


@pytest.mark.parametrize("name", sorted(docs.PAGES))
def test_committed_page_matches_its_source(name: str) -> None:
    """Run `python -m creator.docs` after changing copier.yml, the catalog or the CLI."""
    committed = (REPO / "docs" / name).read_text(encoding="utf-8")
    assert committed == docs.PAGES[name](), f"docs/{name} is stale: run python -m creator.docs"


def test_pages_cover_every_question_and_mixin() -> None:
    """Nothing is left out of the generated pages."""
    from creator.catalog import load as load_catalog
    from creator.questions import load

    questions = docs.questions_page()
    for question in load().answerable:
        assert f"| `{question.name}` |" in questions
    mixins = docs.mixins_page()
    for mixin in load_catalog():
        assert f"## {mixin.name}\n" in mixins and mixin.doc in mixins
    assert "create-inventree-plugin check" in docs.cli_page()


def test_site_builds_strictly(tmp_path: Path) -> None:
    """`mkdocs build --strict`: every page and link of the docs site resolves."""
    import subprocess
    import sys

    result = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "--site-dir", str(tmp_path / "site")],
        cwd=REPO, capture_output=True, text=True, check=False,
    )  # fmt: skip
    assert result.returncode == 0, result.stdout + result.stderr
