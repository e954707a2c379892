"""Never lose the user's work: create --force, concurrent creates, an interrupted update."""

from __future__ import annotations

import subprocess
from pathlib import Path

import pytest

from creator import update
from creator.errors import Aborted, CreatorError
from tests.safety.helpers import CLI, env_for, run_cli
from tests.test_update import commit_all, generate, git, versions  # noqa: F401


def repo_with_user_files(path: Path) -> None:
    """A git repository with a committed README and uncommitted user work."""
    path.mkdir()
    git(path, "init", "--quiet")
    (path / "README.md").write_text("committed readme\n")
    git(path, "add", "README.md")
    git(path, "-c", "user.name=u", "-c", "user.email=u@x", "commit", "--quiet", "-m", "init")
    (path / "secret.env").write_text("TOKEN=hunter2\n")
    (path / "notes.txt").write_text("staged notes\n")
    git(path, "add", "notes.txt")


def test_force_replaces_a_committed_file_and_commits_only_what_it_wrote(tmp_path: Path) -> None:
    """A committed, unchanged README.md is replaced (git can restore it).

    secret.env and the staged notes.txt stay out of the commit, and the CLI says so.
    """
    dest = tmp_path / "repo"
    repo_with_user_files(dest)
    run = run_cli(
        "create", "repo", "--force", "--defaults", "--no-check", cwd=tmp_path, env=env_for(tmp_path)
    )
    assert run.returncode == 0, run.stderr
    committed = git(dest, "show", "--name-only", "--format=", "HEAD").split()
    assert "secret.env" not in committed and "notes.txt" not in committed
    assert "README.md" in committed and "my_plugin/core.py" in committed
    assert (dest / "secret.env").read_text() == "TOKEN=hunter2\n"
    assert "left out of it" in run.stdout and "secret.env" in run.stdout
    assert git(dest, "show", "HEAD~1:README.md") == "committed readme\n"  # recoverable


def test_force_refuses_to_overwrite_changed_or_untracked_files(tmp_path: Path) -> None:
    dest = tmp_path / "repo"
    repo_with_user_files(dest)
    (dest / "README.md").write_text("my uncommitted edit\n")
    (dest / "LICENSE").write_text("my own licence, never committed\n")
    run = run_cli(
        "create", "repo", "--force", "--defaults", "--no-check", cwd=tmp_path, env=env_for(tmp_path)
    )
    assert run.returncode == 1
    assert run.stderr.count("\n") == 1 and "--overwrite" in run.stderr
    assert "LICENSE" in run.stderr and "README.md" in run.stderr
    assert (dest / "README.md").read_text() == "my uncommitted edit\n"
    assert not (dest / "my_plugin").exists()
    assert len(git(dest, "log", "--oneline").splitlines()) == 1


def test_overwrite_keeps_and_lists_backups(tmp_path: Path) -> None:
    dest = tmp_path / "repo"
    repo_with_user_files(dest)
    (dest / "README.md").write_text("my uncommitted edit\n")
    run = run_cli(
        "create", "repo", "--force", "--overwrite", "--defaults", "--no-check",
        cwd=tmp_path, env=env_for(tmp_path),
    )  # fmt: skip
    assert run.returncode == 0, run.stderr
    backups = list((dest / ".create-inventree-plugin-backup").rglob("README.md"))
    assert [b.read_text() for b in backups] == ["my uncommitted edit\n"]
    assert str(backups[0].relative_to(dest)) in run.stdout


@pytest.mark.slow  # two whole creates racing (over ten seconds)
def test_concurrent_creates_one_wins_the_other_fails_cleanly(tmp_path: Path) -> None:
    """Two creates into one new destination: exactly one project, never a merge of two."""
    env = env_for(tmp_path)
    runs = [
        subprocess.Popen(
            [
                *CLI,
                "create",
                "out",
                "--defaults",
                "--no-check",
                "--no-git",
                "-d",
                f"plugin_name=Race {n}",
            ],
            cwd=tmp_path,
            env=env,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        for n in (1, 2)
    ]
    results = [(p.wait(timeout=180), p.stderr.read()) for p in runs]  # type: ignore[union-attr]
    codes = sorted(code for code, _ in results)
    assert codes == [0, 1], results
    loser = next(err for code, err in results if code == 1)
    assert "Traceback" not in loser and loser.count("\n") == 1
    packages = sorted(p.name for p in (tmp_path / "out").iterdir() if p.name.startswith("race"))
    assert len(packages) == 1  # one plugin's package, not both
    assert not [p for p in tmp_path.iterdir() if p.name.startswith(".out.")]


@pytest.fixture
def project(
    versions,  # noqa: F811
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> Path:
    """A committed project generated from the template store's v1.0.0, the store `update` uses."""
    generated = generate(versions["v1"], versions["store"], "v1.0.0", tmp_path / "p")
    monkeypatch.setenv("CREATE_INVENTREE_PLUGIN_STORE", str(versions["store"]))
    return generated


def test_interrupted_update_restores_the_tree(
    project: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Ctrl-C after Copier changed, added and deleted files: all put back as committed."""
    import copier

    before = {
        p: p.read_bytes() for p in project.rglob("*") if p.is_file() and ".git" not in p.parts
    }
    head = git(project, "rev-parse", "HEAD")

    def half_done_update(*args, **kwargs):
        (project / "README.md").write_text("half-written\n")
        (project / "NEW.md").write_text("new\n")
        git(project, "add", "NEW.md")
        (project / "LICENSE").unlink()
        raise KeyboardInterrupt

    monkeypatch.setattr(copier, "run_update", half_done_update)
    with pytest.raises(Aborted, match="is back at commit"):
        update.update(project, defaults=True, check=False)
    after = {p: p.read_bytes() for p in project.rglob("*") if p.is_file() and ".git" not in p.parts}
    assert after == before
    assert git(project, "rev-parse", "HEAD") == head
    assert git(project, "status", "--porcelain") == ""


def test_failed_restore_names_the_exact_recovery_command(
    project: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import copier

    def interrupted(*args, **kwargs):
        (project / "README.md").write_text("half-written\n")
        raise KeyboardInterrupt

    monkeypatch.setattr(copier, "run_update", interrupted)
    monkeypatch.setattr(update, "_restore", lambda path, commit: False)
    with pytest.raises(Aborted) as error:
        update.update(project, defaults=True, check=False)
    command = str(error.value).split("run: ", 1)[1]
    subprocess.run(command, shell=True, check=True)
    assert git(project, "status", "--porcelain") == ""


def test_copier_error_during_update_restores_too(
    project: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import copier

    def broken(*args, **kwargs):
        (project / "README.md").write_text("half-written\n")
        raise RuntimeError("boom")

    monkeypatch.setattr(copier, "run_update", broken)
    with pytest.raises(CreatorError, match=r"boom.*restored"):
        update.update(project, defaults=True, check=False)
    assert git(project, "status", "--porcelain") == ""
