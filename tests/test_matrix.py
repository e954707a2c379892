"""The answer space, read from copier.yml: every generated project is clean.

Every project parses, lints clean and passes its own tests; the default and the
all-mixins projects also build and pass twine.
"""

from __future__ import annotations

import configparser
import random
import tomllib
import zipfile
from pathlib import Path
from typing import Any

import pytest
import yaml

from creator.questions import Template, load
from tests.helpers import PYTHON, parse_all, project_tests, render, ruff_clean, run

TEMPLATE = load()
MIXINS = [value for _, value in TEMPLATE.choices(TEMPLATE.by_name["mixins"], {})]
LICENSES = list(TEMPLATE.data["licenses"])
CI = [value for _, value in TEMPLATE.choices(TEMPLATE.by_name["ci"], {})]
LEGACY = [name for name, spec in TEMPLATE.data["catalog"].items() if spec.get("legacy")]

# Beyond each mixin alone and all together: a fixed random sample of combinations (seeded, so
# a failure reproduces), since every combination must render code that parses and imports.
_sample = random.Random(20261125)
COMBINATIONS = [sorted(_sample.sample(MIXINS, _sample.randint(2, 8))) for _ in range(6)]

CASES: dict[str, dict[str, Any]] = {
    "default": {},
    "none": {"mixins": []},
    "all-mixins": {"mixins": MIXINS, "frontend": False},
    "all-mixins-frontend": {"mixins": MIXINS, "frontend": True},
    **{f"only-{name}": {"mixins": [name], "frontend": False} for name in MIXINS},
    **{f"combination-{i}": {"mixins": combo} for i, combo in enumerate(COMBINATIONS)},
    # Not offered in the wizard (no UI in InvenTree 1.x), but still generated when asked for.
    **{f"legacy-{name}": {"mixins": [name], "frontend": False} for name in LEGACY},
}


def check_project(project: Path) -> None:
    """What every generated project must satisfy as generated."""
    counts = parse_all(project)
    assert counts["py"] >= 3 and counts["toml"] == 1
    problems = ruff_clean(project)
    assert not problems, problems
    result = project_tests(project)
    assert result.returncode == 0, result.stdout[-4000:] + result.stderr[-2000:]


@pytest.mark.parametrize("case", list(CASES))
def test_generated_project_is_clean_and_its_tests_pass(
    case: str, template_root: Path, tmp_path: Path
) -> None:
    """Parse, lint and run the project's own tests for this answer set."""
    project = render(template_root, tmp_path / case, **CASES[case])
    check_project(project)
    answers = yaml.safe_load((project / ".copier-answers.yml").read_text(encoding="utf-8"))
    package = project / answers["package_name"]
    core = (package / "core.py").read_text(encoding="utf-8")
    for name in answers["mixins"]:
        assert f"    {name},\n" in core
    # The files the catalog promises for each enabled mixin are there.
    template = Template(template_root)
    for name in answers["mixins"]:
        for file in template.data["catalog"][name]["files"]:
            path = project / file.replace("<package>", answers["package_name"])
            assert path.is_file(), f"{name} promises {file}"
        static = (
            "frontend/public" if answers.get("frontend") else f"{answers['package_name']}/static"
        )
        for file in template.data["catalog"][name].get("static", []):
            assert (project / static / file).is_file(), f"{name} promises static {file}"


@pytest.mark.parametrize("spdx", LICENSES)
def test_each_license_is_written_in_full(spdx: str, template_root: Path, tmp_path: Path) -> None:
    """LICENSE holds the full text, with year and author where the text has a holder line."""
    project = render(template_root, tmp_path / "p", license=spdx, author_name="Ada Lovelace")
    text = (project / "LICENSE").read_text(encoding="utf-8")
    bundled = (template_root / "includes" / "licenses" / f"{spdx}.txt").read_text(encoding="utf-8")
    assert len(text) >= len(bundled) - 20
    assert "<holder>" not in text
    if TEMPLATE.data["licenses"][spdx]["holder"]:
        assert "Ada Lovelace" in text
    meta = tomllib.loads((project / "pyproject.toml").read_text(encoding="utf-8"))
    assert meta["project"]["license"] == spdx


@pytest.mark.parametrize("ci", CI)
def test_each_ci_choice(ci: str, template_root: Path, tmp_path: Path) -> None:
    """GitHub, GitLab or no CI: exactly the chosen workflow, valid YAML, running the same steps.

    tests/generated/test_ci_local.py runs the GitHub workflow's jobs on this machine.
    """
    project = render(template_root, tmp_path / "p", ci=ci)
    github = project / ".github/workflows/ci.yml"
    gitlab = project / ".gitlab-ci.yml"
    for name in ("workflows/release.yml", "dependabot.yml"):
        assert (project / ".github" / name).exists() == (ci == "github")
    assert github.exists() == (ci == "github")
    assert gitlab.exists() == (ci == "gitlab")
    for path in (github, gitlab):
        if path.exists():
            text = path.read_text(encoding="utf-8")
            yaml.safe_load(text)
            for step in (
                "pre_commit run --all-files",
                "python -m pytest",
                "python -m build",
                "twine check --strict dist/*",
                "create-inventree-plugin check dist/*.whl",
                "--inventree",
                "manage.py test",
            ):
                assert step in text, step


@pytest.mark.parametrize("case", ["default", "all-mixins"])
def test_build_wheel_and_sdist(case: str, template_root: Path, tmp_path: Path) -> None:
    """`python -m build` and `twine check --strict` pass; the wheel holds the entry point."""
    project = render(template_root, tmp_path / case, **CASES[case])
    result = run([PYTHON, "-m", "build", "--outdir", "dist", "."], project)
    assert result.returncode == 0, result.stdout[-3000:] + result.stderr[-3000:]
    dist = sorted((project / "dist").iterdir())
    assert sorted(p.suffix for p in dist) == [".gz", ".whl"]
    wheel_path = next(p for p in dist if p.suffix == ".whl")
    result = run([PYTHON, "-m", "twine", "check", "--strict", *map(str, dist)], project)
    assert result.returncode == 0, result.stdout + result.stderr
    answers = yaml.safe_load((project / ".copier-answers.yml").read_text(encoding="utf-8"))
    with zipfile.ZipFile(wheel_path) as wheel:
        names = wheel.namelist()
        entry_points = next(n for n in names if n.endswith("entry_points.txt"))
        text = wheel.read(entry_points).decode()
        metadata = wheel.read(next(n for n in names if n.endswith("METADATA"))).decode()
    package, cls = answers["package_name"], answers["class_name"]
    entry = configparser.ConfigParser()
    entry.read_string(text)
    assert dict(entry["inventree_plugins"]) == {cls.lower(): f"{package}.core:{cls}"}
    assert "Classifier: Framework :: InvenTree" in metadata
    assert f"License-Expression: {answers['license']}" in metadata
    assert any(n.endswith("licenses/LICENSE") for n in names)
    if not answers.get("frontend") and "UserInterfaceMixin" in answers["mixins"]:
        assert f"{package}/static/Panel.js" in names


def test_pyproject_validates(template_root: Path, tmp_path: Path) -> None:
    """validate-pyproject accepts the generated metadata (PEP 621 and tool tables)."""
    project = render(template_root, tmp_path / "p", mixins=MIXINS, author_email="a@example.com")
    result = run([PYTHON, "-m", "validate_pyproject", "pyproject.toml"], project)
    assert result.returncode == 0, result.stdout + result.stderr


def test_legacy_mixins_are_not_offered() -> None:
    """NavigationMixin is left out of the wizard's list unless it was asked for by name."""
    assert LEGACY == ["NavigationMixin"]
    assert not set(LEGACY) & set(MIXINS)
    asked = [value for _, value in TEMPLATE.choices(TEMPLATE.by_name["mixins"], {"mixins": LEGACY})]
    assert set(LEGACY) <= set(asked)


def test_minimum_version_follows_the_mixins(template_root: Path, tmp_path: Path) -> None:
    """SupplierMixin (InvenTree 1.1 on) raises the default MIN_VERSION and refuses a lower one."""
    from creator.errors import CreatorError

    template = Template(template_root)
    answers, _ = template.resolve({"mixins": ["SupplierMixin"]}, use_defaults=True)
    assert answers["min_inventree_version"] == "1.1.0"
    answers, _ = template.resolve({"mixins": ["SettingsMixin"]}, use_defaults=True)
    assert answers["min_inventree_version"] == "1.0.0"
    with pytest.raises(CreatorError, match=r"SupplierMixin exists from InvenTree 1\.1\.0"):
        template.resolve(
            {"mixins": ["SupplierMixin"], "min_inventree_version": "1.0.0"}, use_defaults=True
        )
