"""What `create` tells a new author, and what it refuses, without a terminal.

Saved defaults are announced, a title without Latin letters needs a slug, `--list-mixins`
shows the catalog, `create --help` names the answer keys, a frontend needs
UserInterfaceMixin, and the next steps carry an install line that works on this machine.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

import yaml

from tests.helpers import REPO, run


def create(tmp_path: Path, *args: str, config: dict | None = None):
    config_file = tmp_path / "config.json"
    if config is not None:
        config_file.write_text(json.dumps(config))
    return run(
        [sys.executable, "-m", "creator", "create", *args],
        tmp_path,
        PYTHONPATH=str(REPO),
        CREATE_INVENTREE_PLUGIN_CONFIG=str(config_file),
        CREATE_INVENTREE_PLUGIN_WHEELHOUSE=str(tmp_path / "wheelhouse"),
    )


def test_saved_defaults_are_announced(tmp_path: Path) -> None:
    saved = {"author_name": "Grace Hopper", "author_email": "grace@example.com"}
    result = create(tmp_path, "out", "--defaults", "--no-git", "--no-check", config=saved)
    assert result.returncode == 0, result.stderr
    line = next(ln for ln in result.stdout.splitlines() if ln.startswith("Using saved defaults"))
    assert "grace@example.com" in line and str(tmp_path / "config.json") in line
    stored = yaml.safe_load((tmp_path / "out" / ".copier-answers.yml").read_text())
    assert stored["author_email"] == "grace@example.com"


def test_a_given_author_silences_the_saved_one(tmp_path: Path) -> None:
    saved = {"author_name": "Grace Hopper", "author_email": "grace@example.com"}
    result = create(tmp_path, "out", "--defaults", "--no-git", "--no-check",
                    "-d", "author_name=Ada", "-d", "author_email=ada@example.com",
                    "-d", "license=MIT", config=saved)  # fmt: skip
    assert result.returncode == 0, result.stderr
    assert "Using saved defaults" not in result.stdout
    assert "grace" not in (tmp_path / "out" / "pyproject.toml").read_text()


def test_a_japanese_title_without_a_slug_is_refused_in_one_line(tmp_path: Path) -> None:
    result = create(tmp_path, "out", "--defaults", "--no-git", "--no-check",
                    "-d", "plugin_name=在庫アラーム")  # fmt: skip
    assert result.returncode != 0
    assert result.stderr.strip().count("\n") == 0
    assert "plugin_slug" in result.stderr
    assert not (tmp_path / "out").exists()


def test_a_japanese_title_with_a_slug_names_everything_after_the_slug(tmp_path: Path) -> None:
    result = create(tmp_path, "out", "--defaults", "--no-git", "--no-check",
                    "-d", "plugin_name=在庫アラーム", "-d", "plugin_slug=zaiko-alarm")  # fmt: skip
    assert result.returncode == 0, result.stderr
    stored = yaml.safe_load((tmp_path / "out" / ".copier-answers.yml").read_text())
    assert (stored["plugin_name"], stored["package_name"], stored["class_name"]) == (
        "在庫アラーム", "zaiko_alarm", "ZaikoAlarmPlugin",
    )  # fmt: skip
    assert "my_plugin" not in {p.name for p in (tmp_path / "out").iterdir()}


def test_list_mixins_as_text_and_json(tmp_path: Path) -> None:
    from creator import questions

    catalog = questions.load(REPO).data["catalog"]
    text = create(tmp_path, "--list-mixins")
    assert text.returncode == 0
    for name, mixin in catalog.items():
        assert f"{name} " in text.stdout and mixin["summary"] in text.stdout
    listed = json.loads(create(tmp_path, "--list-mixins", "--json").stdout)
    assert [m["name"] for m in listed] == list(catalog)
    assert all(m["summary"] and m["doc"].startswith("https://") for m in listed)


def test_create_help_lists_every_answer_key(tmp_path: Path) -> None:
    from creator import questions

    result = create(tmp_path, "--help")
    assert result.returncode == 0
    keys = result.stdout.split("answer keys", 1)[1]
    for question in questions.load(REPO).answerable:
        assert f"  {question.name} " in keys


def test_a_frontend_without_user_interface_mixin_is_refused(tmp_path: Path) -> None:
    result = create(tmp_path, "out", "--defaults", "--no-git", "--no-check",
                    "-d", "mixins=SettingsMixin", "-d", "frontend=true")  # fmt: skip
    assert result.returncode != 0
    assert "UserInterfaceMixin" in result.stderr and result.stderr.count("\n") == 1
    assert not (tmp_path / "out").exists()


def test_next_steps_readme_and_message_install_from_the_local_wheelhouse(tmp_path: Path) -> None:
    """Until the stand-in is on PyPI, every install line adds --find-links and says why."""
    result = create(tmp_path, "out", "--defaults", "--no-git", "--no-check")
    assert result.returncode == 0, result.stderr
    wheelhouse = tmp_path / "wheelhouse"
    assert list(wheelhouse.glob("inventree_plugin_standin-*.whl"))
    line = f'pip install --find-links {wheelhouse} -e ".[test,dev]"'
    assert line in result.stdout
    assert "not on PyPI yet" in result.stdout
    readme = (tmp_path / "out" / "README.md").read_text()
    assert line in readme and "not on PyPI" in readme
