"""`update` with real git repositories: template v1 and v2 in a throwaway store.

v2 changes a README line that one user also changed (a conflict), changes a .gitignore line
nobody touched, adds a file and the question it uses, changes test_ui.py (which one user
deleted) and removes the test_settings.py example (which one user changed).
"""

from __future__ import annotations

import argparse
import filecmp
import os
import shutil
import subprocess
import warnings
from pathlib import Path

import pytest

from creator import store, template_source, update
from creator.answers import ANSWERS_FILE
from creator.answers import read as read_answers
from creator.commands import update as update_command
from creator.errors import CreatorError
from creator.git import init_and_commit
from tests.helpers import BIN, REPO

pytestmark = pytest.mark.xdist_group("test_update")

ANSWERS = {"plugin_name": "Stock Alarm", "author_name": "Ada", "copyright_year": "2026"}
README_LINE = "## Install into InvenTree"
UI_TEST = "tests/{% if 'UserInterfaceMixin' in enabled_mixins %}test_ui.py{% endif %}.jinja"
SETTINGS_TEST = "tests/{% if 'SettingsMixin' in enabled_mixins %}test_settings.py{% endif %}.jinja"
NEW_QUESTION = """
changelog_title:
  type: str
  help: Title of CHANGELOG.md
  default: Changes
"""


def copy_template(dest: Path) -> Path:
    """The repository's template files (what the wheel ships) in a folder of their own."""
    dest.mkdir(parents=True)
    shutil.copy2(REPO / "copier.yml", dest / "copier.yml")
    for name in ("includes", "template"):
        shutil.copytree(
            REPO / name, dest / name, ignore=shutil.ignore_patterns("node_modules", "__pycache__")
        )
    return dest


def make_v2(root: Path) -> None:
    """Turn a copy of the template into "v2" (see the module docstring)."""
    readme = root / "template" / "README.md.jinja"
    text = readme.read_text(encoding="utf-8")
    assert text.count(README_LINE) == 1
    readme.write_text(text.replace(README_LINE, "## Installing into InvenTree"), "utf-8")
    gitignore = root / "template" / ".gitignore.jinja"
    text = gitignore.read_text(encoding="utf-8")
    gitignore.write_text(text.replace("\n.coverage\n", "\n.coverage*\n"), encoding="utf-8")
    (root / "template" / "CHANGELOG.md.jinja").write_text(
        "# {{ changelog_title }}\n\n## 0.1.0\n\nFirst release.\n", encoding="utf-8"
    )
    copier_yml = root / "copier.yml"
    text = copier_yml.read_text(encoding="utf-8")
    marker = "# Computed values: never asked."
    copier_yml.write_text(text.replace(marker, NEW_QUESTION.lstrip() + "\n" + marker), "utf-8")
    ui_test = root / "template" / UI_TEST
    ui_test.write_text(ui_test.read_text(encoding="utf-8") + "\n# v2\n", encoding="utf-8")
    (root / "template" / SETTINGS_TEST).unlink()


@pytest.fixture(scope="module")
def versions(tmp_path_factory: pytest.TempPathFactory):
    """A store with v1.0.0 and v2.0.0 (and CREATE_INVENTREE_PLUGIN_STORE pointing at it)."""
    base = tmp_path_factory.mktemp("update")
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv(store.STORE_ENV, str(base / "store" / "template.git"))
        patch.setenv("GIT_AUTHOR_NAME", "Test")
        patch.setenv("GIT_AUTHOR_EMAIL", "test@example.com")
        patch.setenv("GIT_COMMITTER_NAME", "Test")
        patch.setenv("GIT_COMMITTER_EMAIL", "test@example.com")
        v1 = copy_template(base / "v1")
        src, tag1 = store.ensure_version(v1, "1.0.0", release=True)
        v2 = copy_template(base / "v2")
        make_v2(v2)
        _, tag2 = store.ensure_version(v2, "2.0.0", release=True)
        assert (tag1, tag2) == ("v1.0.0", "v2.0.0")
        yield {"base": base, "store": src, "v1": v1, "v2": v2}


def generate(root: Path, src: Path, tag: str, dest: Path, **answers) -> Path:
    """What `create` does with the store: render `tag`, then git init and commit."""
    from copier import run_copy

    from creator import questions

    resolved, _ = questions.Template(root).resolve({**ANSWERS, **answers}, use_defaults=True)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        run_copy(
            str(src),
            str(dest),
            data=resolved,
            defaults=True,
            overwrite=True,
            quiet=True,
            unsafe=False,
            vcs_ref=tag,
        )
    init_and_commit(dest, "Ada", "", "Create")
    return dest


def git(path: Path, *args: str) -> str:
    result = subprocess.run(
        ["git", "-C", str(path), *args], capture_output=True, text=True, check=True
    )
    return result.stdout


def commit_all(path: Path, message: str = "User edits") -> None:
    git(path, "add", "--all")
    git(path, "commit", "--quiet", "-m", message)


def tree_diff(left: Path, right: Path) -> list[str]:
    """Files that differ between two projects (ignoring .git and the _commit line)."""
    problems = []

    def walk(cmp: filecmp.dircmp, prefix: str) -> None:
        for name in cmp.left_only + cmp.right_only:
            if name != ".git":
                problems.append(f"only on one side: {prefix}{name}")
        for name in cmp.diff_files:
            a = (Path(cmp.left) / name).read_text(encoding="utf-8")
            b = (Path(cmp.right) / name).read_text(encoding="utf-8")
            if name == ANSWERS_FILE:
                a, b = (
                    "".join(ln for ln in t.splitlines(True) if not ln.startswith("_commit:"))
                    for t in (a, b)
                )
            if a != b:
                problems.append(f"differs: {prefix}{name}")
        for name, sub in cmp.subdirs.items():
            if name != ".git":
                walk(sub, f"{prefix}{name}/")

    walk(filecmp.dircmp(left, right, ignore=[".git"]), "")
    return problems


@pytest.fixture(scope="module")
def fresh_v2(versions, tmp_path_factory) -> Path:
    """A project generated directly with v2 (the new question at its default)."""
    dest = tmp_path_factory.mktemp("fresh") / "fresh"
    return generate(versions["v2"], versions["store"], "v2.0.0", dest, changelog_title="Changes")


def test_answers_record_the_store_and_the_tag(versions, tmp_path):
    project = generate(versions["v1"], versions["store"], "v1.0.0", tmp_path / "p")
    answers = read_answers(project)
    assert answers["_commit"] == "v1.0.0"
    assert Path(answers["_src_path"]) == versions["store"]
    assert Path(answers["_src_path"]).is_absolute()


def test_untouched_project_equals_fresh_v2(versions, fresh_v2, tmp_path):
    project = generate(versions["v1"], versions["store"], "v1.0.0", tmp_path / "p")
    result = update.update(project, defaults=True, check=False)
    assert result.ok, result.conflicts
    assert (result.old_version, result.new_version) == ("v1.0.0", "v2.0.0")
    assert tree_diff(project, fresh_v2) == []
    answers = read_answers(project)
    assert answers["_commit"] == "v2.0.0"
    assert answers["changelog_title"] == "Changes"
    assert answers["plugin_name"] == "Stock Alarm"
    codes = dict((name, code) for code, name in result.changed)
    assert codes["CHANGELOG.md"] == "??"
    assert codes[".gitignore"] == " M"
    assert codes["tests/test_settings.py"] == " D"  # the template removed it; unchanged here
    assert result.kept == []


def test_user_edits_survive_and_conflicts_are_reported(versions, tmp_path):
    project = generate(versions["v1"], versions["store"], "v1.0.0", tmp_path / "p")
    readme = project / "README.md"
    readme.write_text(readme.read_text().replace(README_LINE, "## Installation"), "utf-8")
    core = project / "stock_alarm" / "core.py"
    own_code = "\n\ndef helper() -> int:\n    return 42\n"
    core.write_text(core.read_text() + own_code, encoding="utf-8")
    (project / "notes.txt").write_text("mine\n", encoding="utf-8")
    (project / "tests" / "test_ui.py").unlink()
    settings_test = project / "tests" / "test_settings.py"
    settings_test.write_text(settings_test.read_text() + "\n# my extra case\n", "utf-8")
    commit_all(project)

    result = update.update(project, data={"changelog_title": "History"}, check=False)

    assert result.conflicts == ["README.md"]
    text = readme.read_text(encoding="utf-8")
    assert "<<<<<<< before updating" in text and "## Installation" in text
    assert "## Installing into InvenTree" in text
    assert "UU README.md" in git(project, "status", "--porcelain")
    assert core.read_text(encoding="utf-8").endswith(own_code)  # user code kept
    assert (project / "notes.txt").read_text() == "mine\n"
    assert not (project / "tests" / "test_ui.py").exists()  # user-deleted stays deleted
    assert result.kept == ["tests/test_settings.py"]
    assert settings_test.read_text().endswith("# my extra case\n")
    assert ".coverage*" in (project / ".gitignore").read_text()  # untouched line updated
    assert (project / "CHANGELOG.md").read_text().startswith("# History\n")
    answers = read_answers(project)
    assert answers["plugin_name"] == "Stock Alarm" and answers["changelog_title"] == "History"
    report = update_command.format_result(result)
    assert "conflict  README.md" in report and "kept      tests/test_settings.py" in report


def test_cli_exit_codes(versions, tmp_path, capsys):
    project = generate(versions["v1"], versions["store"], "v1.0.0", tmp_path / "p")

    def cli(**kwargs) -> int:
        args = {"path": str(project), "vcs_ref": None, "defaults": True, "data": []}
        args.update(check=False, relink=False, no_check=True)
        return update_command.run(argparse.Namespace(**{**args, **kwargs}))

    assert cli(check=True) == 2
    assert "v1.0.0 -> v2.0.0" in capsys.readouterr().out
    assert template_source.check_update(project) == ("v1.0.0", "v2.0.0")
    readme = project / "README.md"
    readme.write_text(readme.read_text().replace(README_LINE, "## Setup"), "utf-8")
    commit_all(project)
    assert cli() == 1  # the conflict
    out = capsys.readouterr().out
    assert "conflict  README.md" in out
    readme.write_text(readme.read_text().split("<<<<<<<")[0], encoding="utf-8")  # "resolved"
    commit_all(project, "Resolve")
    assert cli(check=True) == 0
    assert "up to date" in capsys.readouterr().out
    assert cli() == 0
    assert "Already up to date" in capsys.readouterr().out


def test_same_version_and_changed_answers(versions, tmp_path):
    project = generate(versions["v1"], versions["store"], "v1.0.0", tmp_path / "p")
    assert update.update(project, vcs_ref="v1.0.0", check=False).up_to_date
    result = update.update(project, vcs_ref="v1.0.0", data={"ci": "gitlab"}, check=False)
    assert result.ok and not result.up_to_date
    assert (project / ".gitlab-ci.yml").is_file()
    assert not (project / ".github").exists()
    assert read_answers(project)["ci"] == "gitlab"
    commit_all(project, "CI on GitLab")
    with pytest.raises(CreatorError, match="no version 'v9'"):
        update.update(project, vcs_ref="v9", check=False)


def test_plain_copier_update_works_from_the_recorded_store(versions, fresh_v2, tmp_path):
    project = generate(versions["v1"], versions["store"], "v1.0.0", tmp_path / "p")
    result = subprocess.run(
        [str(BIN / "copier"), "update", "--defaults", "--skip-answered", "-d",
         "changelog_title=Changes"],
        cwd=project,
        capture_output=True,
        text=True,
        check=False,
        env={**os.environ},
    )  # fmt: skip
    assert result.returncode == 0, result.stderr
    assert tree_diff(project, fresh_v2) == []


def test_refuses_dirty_and_non_git(versions, tmp_path):
    project = generate(versions["v1"], versions["store"], "v1.0.0", tmp_path / "p")
    (project / "README.md").write_text("changed\n", encoding="utf-8")
    with pytest.raises(CreatorError, match=r"uncommitted changes \(README\.md\)"):
        update.update(project, check=False)
    git(project, "checkout", "--", "README.md")
    (project / "scratch.txt").write_text("x", encoding="utf-8")
    with pytest.raises(CreatorError, match=r"uncommitted changes \(scratch\.txt\)"):
        update.update(project, check=False)
    plain = tmp_path / "plain"
    shutil.copytree(project, plain, ignore=shutil.ignore_patterns(".git"))
    with pytest.raises(CreatorError, match="is not a git repository"):
        update.update(plain, check=False)


def test_unknown_data_key_and_missing_answer(versions, tmp_path):
    project = generate(versions["v1"], versions["store"], "v1.0.0", tmp_path / "p")
    with pytest.raises(CreatorError, match="unknown answer 'bogus'"):
        update.update(project, data={"bogus": "1"}, check=False)
    with pytest.raises(CreatorError, match="asks changelog_title"):
        update.update(project, interactive=False, check=False)
    assert git(project, "status", "--porcelain") == ""  # nothing was touched


def test_missing_store_and_relink(versions, tmp_path):
    """A project made on another machine: its store path does not exist here."""
    project = generate(versions["v1"], versions["store"], "v1.0.0", tmp_path / "p")
    answers = project / ANSWERS_FILE
    elsewhere = "/home/someone-else/.local/share/create-inventree-plugin/template.git"
    text = answers.read_text(encoding="utf-8")
    answers.write_text(text.replace(str(versions["store"]), elsewhere), encoding="utf-8")
    commit_all(project, "From another machine")
    with pytest.raises(CreatorError, match=r"does not exist on this machine.*--relink"):
        update.update(project, defaults=True, check=False)
    head = git(project, "rev-parse", "HEAD")
    result = update.update(project, defaults=True, relink=True, check=False)
    assert result.relinked and result.ok
    assert git(project, "rev-parse", "HEAD~1") == head  # one extra commit: the relink
    assert git(project, "show", "--name-only", "--format=", "HEAD").split() == [ANSWERS_FILE]
    assert Path(read_answers(project)["_src_path"]) == versions["store"]


def test_no_commit_recorded(versions, tmp_path):
    project = generate(versions["v1"], versions["store"], "v1.0.0", tmp_path / "p")
    answers = project / ANSWERS_FILE
    lines = answers.read_text(encoding="utf-8").splitlines(True)
    answers.write_text("".join(ln for ln in lines if not ln.startswith("_commit")), "utf-8")
    commit_all(project)
    with pytest.raises(CreatorError, match="records no template version"):
        update.update(project, check=False)
    git(project, "rm", "--quiet", ANSWERS_FILE)
    git(project, "commit", "--quiet", "-m", "no answers")
    with pytest.raises(CreatorError, match="adopt"):
        update.update(project, check=False)


def test_loader_check_runs_after_a_clean_update(versions, tmp_path):
    project = generate(versions["v1"], versions["store"], "v1.0.0", tmp_path / "p")
    result = update.update(project, defaults=True)
    assert result.ok
    assert result.check is None or result.check.startswith("loader check")
