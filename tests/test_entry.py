"""The console script's entry: `--help` is argparse's text, kept and reused without argparse."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from creator.cli import build_parser

ENTRY = "import sys; from creator.entry import main; sys.argv[0] = 'x'; sys.exit(main())"


def run(*args: str, cache: Path, importtime: bool = False) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "XDG_CACHE_HOME": str(cache), "COLUMNS": "100"}
    flags = ["-X", "importtime"] if importtime else []
    return subprocess.run(
        [sys.executable, *flags, "-c", ENTRY, *args],
        capture_output=True, text=True, env=env, check=False,
    )  # fmt: skip


def test_help_is_the_parsers_and_is_kept(tmp_path: Path, monkeypatch) -> None:
    monkeypatch.setenv("COLUMNS", "100")
    expected = build_parser(only="").format_help()
    first = run("--help", cache=tmp_path)
    assert first.returncode == 0 and first.stdout == expected
    kept = list((tmp_path / "create-inventree-plugin" / "help").glob("*.txt"))
    assert len(kept) == 1 and kept[0].read_text(encoding="utf-8") == expected


def test_second_help_does_not_import_argparse(tmp_path: Path) -> None:
    run("--help", cache=tmp_path)
    again = run("-h", cache=tmp_path, importtime=True)
    assert again.returncode == 0 and again.stdout.startswith("usage: create-inventree-plugin")
    assert "| argparse" not in again.stderr and "creator.cli" not in again.stderr


def test_help_of_a_command_and_other_arguments_go_to_the_cli(tmp_path: Path) -> None:
    sub = run("check", "--help", cache=tmp_path)
    assert sub.returncode == 0 and "--inventree" in sub.stdout
    bad = run("--no-such-option", cache=tmp_path)
    assert bad.returncode == 2 and "unrecognized arguments" in bad.stderr


def test_unwritable_cache_still_prints_help(tmp_path: Path) -> None:
    blocked = tmp_path / "file"
    blocked.write_text("not a directory")
    shown = run("--help", cache=blocked)
    assert shown.returncode == 0 and shown.stdout.startswith("usage:")


#: SIGTERM (or Ctrl-C) delivered while the console script imports the CLI, as a `kill` right
#: after start-up would be: an import hook sends it when `creator.cli` is first looked up.
KILLED_WHILE_IMPORTING = """
import os, signal, sys
from creator.entry import main

class Kill:
    def find_spec(self, name, path=None, target=None):
        if name == "creator.cli":
            os.kill(os.getpid(), signal.{signal})
        return None

sys.meta_path.insert(0, Kill())
sys.argv[1:] = ["check", "."]
sys.exit(main())
"""


@pytest.mark.parametrize(("signal_name", "code"), [("SIGTERM", 143), ("SIGINT", 130)])
def test_interrupt_while_the_cli_is_imported_is_one_line(
    tmp_path: Path, signal_name: str, code: int
) -> None:
    """A `kill` or Ctrl-C before the CLI has loaded ends in "Aborted.", never a traceback."""
    script = KILLED_WHILE_IMPORTING.replace("{signal}", signal_name)
    env = {**os.environ, "XDG_CACHE_HOME": str(tmp_path)}
    result = subprocess.run(
        [sys.executable, "-c", script],
        capture_output=True, text=True, env=env, cwd=tmp_path, check=False,
    )  # fmt: skip
    assert (result.returncode, result.stderr.strip()) == (code, "Aborted.")
