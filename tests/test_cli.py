"""The command line: non-interactive create; errors are one line; nothing lost or half-written."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import tempfile
import time
import types
from pathlib import Path

import pytest
import yaml

from creator import cli as cli_module
from tests.helpers import PYTHON, REPO

CLI = [PYTHON, "-m", "creator"]


def cli(*args: str, cwd: Path, env: dict[str, str] | None = None, timeout: float = 120):
    """Run the CLI like a script would: no terminal on stdin/stdout.

    `create` runs without the loader check (tests/check covers it) unless a test asks for it.
    """
    if args and args[0] == "create" and "--check" not in args:
        args = (*args, "--no-check")
    args = tuple(a for a in args if a != "--check")
    base = {
        **os.environ,
        "PYTHONPATH": str(REPO),
        "CREATE_INVENTREE_PLUGIN_CONFIG": str(cwd / "config" / "defaults.json"),
    }
    return subprocess.run(
        [*CLI, *args],
        cwd=cwd,
        capture_output=True,
        text=True,
        stdin=subprocess.DEVNULL,
        env={**base, **(env or {})},
        timeout=timeout,
        check=False,
    )


def assert_one_line_error(result: subprocess.CompletedProcess, fragment: str) -> None:
    assert result.returncode != 0
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1, result.stderr
    assert lines[0].startswith("error: ") and fragment in lines[0], lines[0]
    assert "Traceback" not in result.stderr


def test_help_and_version_do_not_import_heavy_modules() -> None:
    """--help must feel instant: no Copier, Jinja, questionary or YAML imported.

    No command's module is imported either (creator.commands.*: only the one that runs).
    `create --help` lists the answer keys read from copier.yml (their one source), so it may
    load YAML; it still imports no Copier, Jinja, questionary or Django.
    """
    probe = (
        "import sys\nfrom creator.cli import main\n"
        "try:\n    main(ARGS)\nexcept SystemExit:\n    pass\n"
        "heavy = [m for m in ('copier', 'jinja2', 'questionary', 'yaml', 'prompt_toolkit', "
        "'platformdirs', 'django', 'creator.commands', 'creator.generate', 'creator.check', "
        "'creator.git') if m in sys.modules]\n"
        "print('HEAVY', heavy)\n"
    )
    expected = {
        "['--help']": "HEAVY []",
        "['--version']": "HEAVY []",
        "['create', '--help']": "HEAVY ['yaml']",
    }
    for args, heavy in expected.items():
        code = probe.replace("ARGS", args)
        result = subprocess.run([PYTHON, "-c", code], capture_output=True, text=True, cwd=REPO)
        assert heavy in result.stdout.splitlines(), (args, result.stdout[-300:] + result.stderr)
        shown = (
            "create-inventree-plugin 0." if "version" in args else "usage: create-inventree-plugin"
        )
        assert shown in result.stdout, args


def test_create_with_defaults_makes_a_committed_project(tmp_path: Path) -> None:
    """--defaults needs no terminal; the project is a git repository with one commit."""
    result = cli(
        "create", "out", "--defaults", "-d", "plugin_name=Stock Alarm", "--check", cwd=tmp_path
    )
    assert result.returncode == 0, result.stderr
    project = tmp_path / "out"
    assert (project / "stock_alarm" / "core.py").is_file()
    log = subprocess.run(
        ["git", "log", "--oneline"], cwd=project, capture_output=True, text=True, check=True
    )
    assert len(log.stdout.strip().splitlines()) == 1
    status = subprocess.run(
        ["git", "status", "--porcelain"], cwd=project, capture_output=True, text=True, check=True
    )
    assert status.stdout == ""
    assert "Next steps:" in result.stdout and "pytest" in result.stdout
    assert "OK: InvenTree" in result.stdout, result.stdout  # the loader check ran and passed
    assert not list(tmp_path.glob(".out.*")), "staging directory left behind"


def test_default_destination_is_the_distribution_name(tmp_path: Path) -> None:
    """Without DEST the project goes to ./<distribution_name>."""
    result = cli("create", "--defaults", "--no-git", "-d", "plugin_name=Label Hub", cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    assert (tmp_path / "inventree-label-hub" / "label_hub" / "core.py").is_file()
    assert not (tmp_path / "inventree-label-hub" / ".git").exists()


def test_no_command_means_create(tmp_path: Path) -> None:
    """`create-inventree-plugin --defaults` is `create --defaults`."""
    result = cli("--defaults", "--no-git", "--no-check", cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    assert (tmp_path / "inventree-my-plugin").is_dir()


def test_missing_answer_without_terminal_is_one_line(tmp_path: Path) -> None:
    """No TTY, no --defaults: the first missing answer is named, nothing is written."""
    result = cli("create", "out", "-d", "plugin_name=X", cwd=tmp_path)
    assert_one_line_error(result, "missing answer for description")
    assert not (tmp_path / "out").exists()


@pytest.mark.parametrize(
    ("args", "fragment"),
    [
        (["-d", "plugin_nmae=X"], "unknown answer 'plugin_nmae'"),
        (["-d", "package_name=plugin"], "shadow the module 'plugin'"),
        (["-d", "author_email=nope"], "e-mail address"),
        (["-d", "mixins=SettingsMixin,Bogus"], "'Bogus' is not one of"),
        (["-d", "novalue"], "-d expects KEY=VALUE"),
        (["--data-file", "missing.yml"], "cannot read missing.yml"),
    ],
)
def test_bad_input_is_one_line_and_writes_nothing(
    args: list[str], fragment: str, tmp_path: Path
) -> None:
    """Invalid answers: one line on stderr, non-zero exit, no project, no saved defaults."""
    result = cli("create", "out", "--defaults", "--no-git", *args, cwd=tmp_path)
    assert_one_line_error(result, fragment)
    assert not (tmp_path / "out").exists()
    assert not (tmp_path / "config").exists()


def test_data_file_and_overrides(tmp_path: Path) -> None:
    """--data-file answers, with -d winning over the file."""
    (tmp_path / "answers.yml").write_text(
        yaml.safe_dump({"plugin_name": "From File", "mixins": ["EventMixin"], "ci": "gitlab"})
    )
    result = cli(
        "create", "out", "--defaults", "--no-git", "--data-file", "answers.yml",
        "-d", "ci=none", cwd=tmp_path,
    )  # fmt: skip
    assert result.returncode == 0, result.stderr
    stored = yaml.safe_load((tmp_path / "out" / ".copier-answers.yml").read_text())
    assert stored["plugin_name"] == "From File"
    assert stored["mixins"] == ["EventMixin"]
    assert stored["ci"] == "none"


def test_non_empty_destination_needs_force_and_keeps_other_files(tmp_path: Path) -> None:
    """An existing project is never overwritten by accident; --force keeps the user's files."""
    dest = tmp_path / "out"
    dest.mkdir()
    (dest / "notes.txt").write_text("mine")
    result = cli("create", "out", "--defaults", "--no-git", cwd=tmp_path)
    assert_one_line_error(result, "is not empty; use --force")
    assert sorted(p.name for p in dest.iterdir()) == ["notes.txt"]

    (dest / "README.md").write_text("old readme")
    result = cli("create", "out", "--defaults", "--no-git", "--force", cwd=tmp_path)
    assert_one_line_error(result, "not committed in git (README.md)")  # never lost silently
    assert (dest / "README.md").read_text() == "old readme"
    result = cli("create", "out", "--defaults", "--no-git", "--force", "--overwrite", cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    assert (dest / "notes.txt").read_text() == "mine"
    assert (dest / "README.md").read_text() != "old readme"
    assert (dest / "my_plugin" / "core.py").is_file()
    backups = list((dest / ".create-inventree-plugin-backup").rglob("README.md"))
    assert [b.read_text() for b in backups] == ["old readme"]
    assert str(backups[0].relative_to(dest)) in result.stdout


def test_destination_that_is_a_file(tmp_path: Path) -> None:
    """A DEST that is a file is refused before any question."""
    (tmp_path / "out").write_text("x")
    result = cli("create", "out", "--defaults", cwd=tmp_path)
    assert_one_line_error(result, "exists and is not a directory")


def test_read_only_parent_is_one_line() -> None:
    """A destination we may not write: one line, no traceback, nothing saved."""
    # Outside pytest's private (0700) tmp dirs, so that an unprivileged user can reach it.
    tmp_path = Path(tempfile.mkdtemp(prefix="cip-ro-"))
    parent = tmp_path / "ro"
    parent.mkdir()
    parent.chmod(0o555)
    (tmp_path / "config").mkdir()
    (tmp_path / "config").chmod(0o777)
    tmp_path.chmod(0o755)
    env = {}
    command_prefix: list[str] = []
    if os.geteuid() == 0:
        # root writes anywhere: run the CLI as nobody, who cannot write to the parent.
        command_prefix = ["setpriv", "--reuid=65534", "--regid=65534", "--clear-groups"]
        env = {"HOME": str(tmp_path)}
    result = subprocess.run(
        [*command_prefix, *CLI, "create", "ro/out", "--defaults", "--no-git", "--no-check"],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        stdin=subprocess.DEVNULL,
        env={
            **os.environ,
            "PYTHONPATH": str(REPO),
            "CREATE_INVENTREE_PLUGIN_CONFIG": str(tmp_path / "config" / "d.json"),
            **env,
        },
        check=False,
    )
    assert_one_line_error(result, "cannot write")
    assert not (parent / "out").exists()


def test_missing_git_still_gives_a_working_project(tmp_path: Path) -> None:
    """Without git on PATH: a clear message, a complete project, exit 0."""
    bin_dir = tmp_path / "bin"
    bin_dir.mkdir()
    (bin_dir / "python").symlink_to(PYTHON)
    result = cli("create", "out", "--defaults", cwd=tmp_path, env={"PATH": str(bin_dir)})
    assert result.returncode == 0, result.stderr
    assert "git was not found" in result.stdout
    assert (tmp_path / "out" / "my_plugin" / "core.py").is_file()
    assert not (tmp_path / "out" / ".git").exists()


def test_git_identity_is_not_written_to_user_config(tmp_path: Path) -> None:
    """Without a git identity the first commit still works; ~/.gitconfig stays absent."""
    home = tmp_path / "home"
    home.mkdir()
    env = {"HOME": str(home), "GIT_CONFIG_NOSYSTEM": "1", "XDG_CONFIG_HOME": str(home / ".config")}
    result = cli("create", "out", "--defaults", "-d", "author_name=Ada", cwd=tmp_path, env=env)
    assert result.returncode == 0, result.stderr
    author = subprocess.run(
        ["git", "log", "--format=%an"], cwd=tmp_path / "out", capture_output=True, text=True,
        env={**os.environ, **env}, check=True,
    )  # fmt: skip
    assert author.stdout.strip() == "Ada"
    assert not (home / ".gitconfig").exists()


def test_author_defaults_are_remembered(tmp_path: Path) -> None:
    """Author name/e-mail/license are saved after a successful create and used next time."""
    first = cli(
        "create", "a", "--defaults", "--no-git", "-d", "author_name=Ada Lovelace",
        "-d", "author_email=ada@example.com", "-d", "license=Apache-2.0", cwd=tmp_path,
    )  # fmt: skip
    assert first.returncode == 0, first.stderr
    saved = json.loads((tmp_path / "config" / "defaults.json").read_text())
    assert saved == {
        "author_name": "Ada Lovelace",
        "author_email": "ada@example.com",
        "license": "Apache-2.0",
    }
    second = cli("create", "b", "--defaults", "--no-git", cwd=tmp_path)
    assert second.returncode == 0, second.stderr
    stored = yaml.safe_load((tmp_path / "b" / ".copier-answers.yml").read_text())
    assert stored["author_name"] == "Ada Lovelace" and stored["license"] == "Apache-2.0"


@pytest.mark.parametrize("content", ["{not json", "[1, 2]", '{"license": "No-Such-License"}'])
def test_bad_saved_defaults_only_warn(content: str, tmp_path: Path) -> None:
    """A corrupt or outdated config file is a one-line warning, never a traceback."""
    config = tmp_path / "config" / "defaults.json"
    config.parent.mkdir()
    config.write_text(content)
    result = cli("create", "out", "--defaults", "--no-git", cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    warnings = [line for line in result.stderr.splitlines() if line]
    assert len(warnings) == 1 and warnings[0].startswith("warning: "), result.stderr
    assert "Traceback" not in result.stderr


def test_interrupt_during_generation_leaves_nothing(tmp_path: Path) -> None:
    """SIGINT at any moment: either a complete project or no project, never a partial one."""
    outcomes = set()
    for attempt, delay in enumerate([0.3, 0.5, 0.7, 0.9, 1.1, 1.4, 1.8]):
        dest = tmp_path / f"out{attempt}"
        process = subprocess.Popen(
            [*CLI, "create", dest.name, "--defaults", "--no-git", "--no-check"],
            cwd=tmp_path,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
            stdin=subprocess.DEVNULL,
            env={**os.environ, "PYTHONPATH": str(REPO),
                 "CREATE_INVENTREE_PLUGIN_CONFIG": str(tmp_path / "c.json")},
        )  # fmt: skip
        time.sleep(delay)
        process.send_signal(signal.SIGINT)
        _, stderr = process.communicate(timeout=60)
        assert "Traceback" not in stderr, stderr
        leftovers = [p.name for p in tmp_path.iterdir() if p.name.startswith(f".{dest.name}.")]
        assert not leftovers
        if dest.exists():
            # Interrupted after the move, or not at all: the project must be complete.
            assert process.returncode in (0, 130, -signal.SIGINT), stderr  # -2: at exit
            assert (dest / ".copier-answers.yml").is_file()
            assert (dest / "my_plugin/core.py").is_file()
            assert (dest / "tests/test_plugin.py").is_file()
            outcomes.add("complete")
        else:
            # 130: our handler ran; -SIGINT: the signal came before Python set one up.
            assert process.returncode in (130, -signal.SIGINT), stderr
            assert process.returncode == -signal.SIGINT or "Aborted." in stderr
            outcomes.add("aborted")
    assert "aborted" in outcomes


def test_python_dash_m_and_console_script_agree(tmp_path: Path) -> None:
    """`python -m creator` and the console script are the same program."""
    script = Path(sys.executable).parent / "create-inventree-plugin"
    a = subprocess.run([*CLI, "--version"], capture_output=True, text=True, cwd=REPO, check=True)
    b = subprocess.run([str(script), "--version"], capture_output=True, text=True, check=True)
    assert a.stdout == b.stdout


def test_temporary_directory_is_settled_before_a_command_runs(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """A command starts with Python's temporary directory already chosen.

    The first `tempfile.gettempdir()` of a process creates and deletes a probe file in TMPDIR; the
    CLI makes that call while interrupts are held, so Ctrl-C can never leave the probe behind.
    """
    seen: list[str | None] = []
    command = types.ModuleType("creator.commands.check")
    command.run = lambda args: seen.append(tempfile.tempdir) or 0  # type: ignore[attr-defined]
    monkeypatch.setitem(sys.modules, "creator.commands.check", command)
    monkeypatch.setattr(tempfile, "tempdir", None)
    assert cli_module.main(["check", "."]) == 0
    assert seen and seen[0] is not None
