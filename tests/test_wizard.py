"""The interactive wizard, driven through a real pseudo-terminal (pexpect)."""

from __future__ import annotations

import os
import sys
from pathlib import Path

import pexpect
import pytest
import yaml

from tests.helpers import REPO

ENTER = "\r"
CTRL_C = "\x03"

# The prompts of a default run, in order: (text to wait for, keys to send to accept the default)
PROMPTS = [
    ("Plugin title", "Stock Alarm" + ENTER),
    ("Use these names?", ENTER),
    ("One-line description", ENTER),
    ("Author name", ENTER),
    ("Author e-mail", ENTER),
    ("Project web site", ENTER),
    ("SPDX license id", ENTER),
    ("Mixins the plugin class uses", ENTER),
    ("React + TypeScript frontend", ENTER),
    ("Continuous integration", ENTER),
    ("Oldest InvenTree version", ENTER),
    ("Create 'Stock Alarm' in", ENTER),
]


def spawn(tmp_path: Path, *args: str) -> pexpect.spawn:
    env = {
        **os.environ,
        "PYTHONPATH": str(REPO),
        "CREATE_INVENTREE_PLUGIN_CONFIG": str(tmp_path / "config.json"),
        "TERM": "xterm",
    }
    return pexpect.spawn(
        sys.executable,
        ["-m", "creator", *args],
        cwd=str(tmp_path),
        env=env,
        encoding="utf-8",
        timeout=30,
        dimensions=(40, 160),
    )


def test_wizard_creates_a_plugin_with_previewed_names(tmp_path: Path) -> None:
    """Answering the title and accepting every default creates the plugin."""
    child = spawn(tmp_path, "out", "--no-git", "--no-check")
    for text, keys in PROMPTS:
        child.expect_exact(text)
        if text == "Use these names?":
            assert "stock-alarm" in child.before and "StockAlarmPlugin" in child.before
        child.send(keys)
    child.expect("Next steps:")
    child.expect(pexpect.EOF)
    child.close()
    assert child.exitstatus == 0
    stored = yaml.safe_load((tmp_path / "out" / ".copier-answers.yml").read_text())
    assert stored["plugin_name"] == "Stock Alarm"
    assert stored["package_name"] == "stock_alarm"


def test_wizard_shows_validation_errors_inline(tmp_path: Path) -> None:
    """An invalid e-mail is refused at the prompt; correcting it continues the wizard."""
    child = spawn(tmp_path, "out", "--no-git", "--no-check")
    for text, keys in PROMPTS[:4]:
        child.expect_exact(text)
        child.send(keys)
    child.expect_exact("Author e-mail")
    child.send("not-an-email" + ENTER)
    child.expect("must be an e-mail address")
    child.send("\x15" + "ada@example.com" + ENTER)  # Ctrl-U clears what was typed
    child.expect_exact("Project web site")
    child.send(CTRL_C)
    child.expect(pexpect.EOF)
    child.close()
    assert child.exitstatus == 130


@pytest.mark.parametrize("step", range(len(PROMPTS)))
def test_ctrl_c_at_every_prompt_aborts_cleanly(step: int, tmp_path: Path) -> None:
    """Ctrl-C at any prompt: "Aborted.", exit 130, no traceback, nothing written."""
    child = spawn(tmp_path, "out", "--no-git", "--no-check")
    for text, keys in PROMPTS[:step]:
        child.expect_exact(text)
        child.send(keys)
    child.expect_exact(PROMPTS[step][0])
    child.send(CTRL_C)
    child.expect(pexpect.EOF)
    output = child.before
    child.close()
    assert child.exitstatus == 130, output
    assert "Aborted." in output
    assert "Traceback" not in output
    assert sorted(p.name for p in tmp_path.iterdir()) == []


def test_a_title_without_latin_letters_asks_for_the_slug(tmp_path: Path) -> None:
    """A title like 在庫アラーム gives no names: the wizard asks for a slug, derives the rest."""
    child = spawn(tmp_path, "out", "--no-git", "--no-check")
    child.expect_exact("Plugin title")
    child.send("在庫アラーム" + ENTER)
    child.expect_exact("No names can be derived")
    child.expect_exact("Plugin SLUG")
    child.send("zaiko-alarm" + ENTER)
    child.expect_exact("Use these names?")
    assert "inventree-zaiko-alarm" in child.before
    child.send(ENTER)
    for text, keys in PROMPTS[2:-1]:
        child.expect_exact(text)
        child.send(keys)
    child.expect_exact("Create '在庫アラーム' in")
    child.send(ENTER)
    child.expect(pexpect.EOF)
    child.close()
    assert child.exitstatus == 0
    stored = yaml.safe_load((tmp_path / "out" / ".copier-answers.yml").read_text())
    assert stored["plugin_slug"] == "zaiko-alarm"
    assert stored["package_name"] == "zaiko_alarm"
    assert stored["class_name"] == "ZaikoAlarmPlugin"


def test_the_author_defaults_to_the_git_identity(tmp_path: Path) -> None:
    """Without saved defaults the author prompts offer `git config user.name/email`, and say so."""
    gitconfig = tmp_path.parent / f"{tmp_path.name}.gitconfig"
    gitconfig.write_text("[user]\n\tname = Ada Lovelace\n\temail = ada@example.com\n")
    env = {
        **os.environ,
        "PYTHONPATH": str(REPO),
        "CREATE_INVENTREE_PLUGIN_CONFIG": str(tmp_path.parent / f"{tmp_path.name}.json"),
        "GIT_CONFIG_GLOBAL": str(gitconfig),
        "TERM": "xterm",
    }
    child = pexpect.spawn(
        sys.executable, ["-m", "creator", "out", "--no-git", "--no-check"], cwd=str(tmp_path),
        env=env, encoding="utf-8", timeout=30, dimensions=(40, 160),
    )  # fmt: skip
    child.expect_exact("Author from git config: Ada Lovelace <ada@example.com>")
    for text, keys in PROMPTS:
        child.expect_exact(text)
        child.send(keys)
    child.expect(pexpect.EOF)
    child.close()
    assert child.exitstatus == 0
    stored = yaml.safe_load((tmp_path / "out" / ".copier-answers.yml").read_text())
    assert (stored["author_name"], stored["author_email"]) == ("Ada Lovelace", "ada@example.com")
