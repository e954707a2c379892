"""A generated plugin supports the Python of the oldest InvenTree it targets, and no older.

includes/python.jinja (read by pyproject.toml, CI) must agree with creator.facts, which
reads each release's minimum Python from InvenTree's own sources.
"""

from __future__ import annotations

import tomllib
from pathlib import Path

import pytest

from creator import facts, questions
from tests.helpers import REPO, render


def min_python(version: str) -> str:
    template = questions.load(REPO)
    text = "{% from 'includes/python.jinja' import min_python %}{{ min_python(v) }}"
    return template.env.from_string(text).render(v=version)


@pytest.mark.parametrize("release", facts.RELEASES)
def test_the_template_floor_matches_the_facts(release: str) -> None:
    assert min_python(f"{release}.0") == facts.release(release).python


def test_newer_releases_keep_the_newest_floor() -> None:
    assert min_python("1.9.0") == facts.release(facts.NEWEST).python


@pytest.mark.parametrize(("version", "python"), [("1.0.0", "3.9"), ("1.4.2", "3.11")])
def test_pyproject_and_ruff_follow_min_version(
    template_root: Path, tmp_path: Path, version: str, python: str
) -> None:
    project = render(template_root, tmp_path / "p", min_inventree_version=version)
    config = tomllib.loads((project / "pyproject.toml").read_text(encoding="utf-8"))
    assert config["project"]["requires-python"] == f">={python}"
    assert config["tool"]["ruff"]["target-version"] == "py" + python.replace(".", "")
