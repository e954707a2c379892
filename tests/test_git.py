"""creator.git: every git call of the package, with one error type (GitError, one line)."""

from __future__ import annotations

import subprocess
from pathlib import Path

import pytest

from creator import git
from creator.errors import CreatorError


def repo(path: Path) -> Path:
    """A new repository at `path` with one committed file."""
    path.mkdir(parents=True, exist_ok=True)
    (path / "a.txt").write_text("a\n", encoding="utf-8")
    git.init_and_commit(path, "Ada", "ada@example.org", "first")
    return path


def test_a_failing_command_is_a_one_line_git_error(tmp_path: Path) -> None:
    with pytest.raises(git.GitError) as raised:
        git.run(tmp_path, "rev-parse", "--verify", "no-such-ref")
    assert isinstance(raised.value, CreatorError) and raised.value.exit_code == 1
    message = str(raised.value)
    assert message.startswith("git rev-parse failed in ") and "\n" not in message


def test_unchecked_failure_gives_empty_output(tmp_path: Path) -> None:
    assert git.run(tmp_path, "rev-parse", "--verify", "no-such-ref", check=False) == ""


def test_missing_git_is_exit_code_2_naming_who_needs_it(tmp_path: Path, monkeypatch) -> None:
    monkeypatch.setenv("PATH", str(tmp_path))
    assert not git.available()
    with pytest.raises(git.GitError, match="git was not found; updating needs it") as raised:
        git.run(tmp_path, "status", needed_by="updating")
    assert raised.value.exit_code == 2


def test_without_an_identity_the_author_signs_and_the_config_stays_as_it_was(
    tmp_path: Path, monkeypatch
) -> None:
    monkeypatch.setenv("GIT_CONFIG_GLOBAL", str(tmp_path / "no-global-config"))
    monkeypatch.setenv("GIT_CONFIG_NOSYSTEM", "1")
    project = repo(tmp_path / "p")
    assert git.run(project, "log", "-1", "--format=%an <%ae>").strip() == "Ada <ada@example.org>"
    assert git.run(project, "config", "--get", "user.name", check=False) == ""
    assert git.identity() == {}


def test_commit_of_given_files_leaves_the_rest_out(tmp_path: Path) -> None:
    project = repo(tmp_path / "p")
    (project / "ours.txt").write_text("ours\n", encoding="utf-8")
    (project / "theirs.txt").write_text("theirs\n", encoding="utf-8")
    commit = git.init_and_commit(project, "Ada", "", "ours", files=["ours.txt"])
    assert commit
    assert git.other_changes(project, ["ours.txt"]) == ["theirs.txt"]
    # The same bytes again: nothing to commit, and no empty commit.
    assert git.init_and_commit(project, "Ada", "", "again", files=["ours.txt"]) == ""


def test_status_is_relative_to_a_subfolder(tmp_path: Path) -> None:
    project = repo(tmp_path / "p")
    (project / "sub").mkdir()
    (project / "sub" / "new.txt").write_text("x", encoding="utf-8")
    assert git.status(project / "sub") == [("??", "new.txt")]


def test_require_clean_refuses_dirty_and_non_repositories(tmp_path: Path) -> None:
    with pytest.raises(CreatorError, match="is not a git repository; updating needs one"):
        git.require_clean(tmp_path, "updating")
    project = repo(tmp_path / "p")
    git.require_clean(project, "updating")
    (project / "a.txt").write_text("changed\n", encoding="utf-8")
    with pytest.raises(CreatorError, match=r"uncommitted changes \(a\.txt\)"):
        git.require_clean(project, "updating")


def test_clean_tracked_names_only_files_git_can_bring_back(tmp_path: Path) -> None:
    project = repo(tmp_path / "p")
    (project / "b.txt").write_text("b\n", encoding="utf-8")
    assert git.clean_tracked(project, ["a.txt", "b.txt"]) == {"a.txt"}
    (project / "a.txt").write_text("changed\n", encoding="utf-8")
    assert git.clean_tracked(project, ["a.txt"]) == set()


def test_committed_bytes_and_tracked_files(tmp_path: Path) -> None:
    project = repo(tmp_path / "p")
    assert git.committed(project, "a.txt") == b"a\n"
    assert git.committed(project, "missing.txt") == b""
    assert git.tracked_files(project) == ["a.txt"]


def test_merge_file_marks_conflicts_with_the_given_labels() -> None:
    clean, ok = git.merge_file(b"a\nB\nc\n", b"a\nb\nc\n", b"a\nb\nc\nd\n", ("o", "b", "t"))
    assert ok and clean == b"a\nB\nc\nd\n"
    merged, ok = git.merge_file(b"X\n", b"a\n", b"Y\n", ("ours", "base", "theirs"))
    assert not ok
    assert merged.startswith(b"<<<<<<< ours\nX\n=======\nY\n>>>>>>> theirs")


def test_no_other_module_runs_git_itself() -> None:
    """One git module: nothing else in creator/ starts a git process."""
    root = Path(git.__file__).parent
    found = subprocess.run(
        ["grep", "-rlE", r"\[\s*\"git\"|\(\s*\"git\",", "--include=*.py", str(root)],
        capture_output=True,
        text=True,
        check=False,
    ).stdout.split()
    assert [Path(name).relative_to(root).as_posix() for name in found] == ["git.py"]
