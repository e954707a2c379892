"""`check PATH --inventree SRC`: bad input is one line and exit code 2; no abbreviations."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from tests.inventree.conftest import NEWEST, source


def check(*args: str, cwd: Path) -> subprocess.CompletedProcess:
    """`create-inventree-plugin check ...` in a subprocess."""
    return subprocess.run(
        [sys.executable, "-m", "creator", "check", *args],
        cwd=cwd,
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )


@pytest.fixture
def plugin_dir(tmp_path: Path) -> Path:
    """A minimal plugin folder (the SRC errors come before it is looked at)."""
    folder = tmp_path / "plugin"
    folder.mkdir()
    (folder / "core.py").write_text(
        "from plugin import InvenTreePlugin\n\n\nclass P(InvenTreePlugin):\n    NAME = 'P'\n"
    )
    return folder


def one_line_error(done: subprocess.CompletedProcess) -> str:
    lines = done.stderr.strip().splitlines()
    assert len(lines) == 1, done.stderr
    assert lines[0].startswith("error: "), lines[0]
    assert "Traceback" not in done.stderr
    return lines[0]


def test_missing_src_is_one_line_exit_2(tmp_path: Path, plugin_dir: Path) -> None:
    """A source tree that does not exist."""
    done = check(str(plugin_dir), "--inventree", str(tmp_path / "nowhere"), cwd=tmp_path)
    assert done.returncode == 2
    assert "does not exist" in one_line_error(done)


def test_src_that_is_not_inventree_is_one_line_exit_2(tmp_path: Path, plugin_dir: Path) -> None:
    """A directory without InvenTree's backend."""
    done = check(str(plugin_dir), "--inventree", str(tmp_path), cwd=tmp_path)
    assert done.returncode == 2
    assert "not an InvenTree source tree" in one_line_error(done)


def test_inventree_without_src_is_a_usage_error(tmp_path: Path, plugin_dir: Path) -> None:
    """`--inventree` needs its argument (argparse's usage error, exit 2)."""
    done = check(str(plugin_dir), "--inventree", cwd=tmp_path)
    assert done.returncode == 2
    assert "--inventree: expected one argument" in done.stderr


@pytest.mark.parametrize("abbreviation", ["--inv", "--inventree-v", "--stat", "--jso"])
def test_no_option_is_taken_by_abbreviation(
    tmp_path: Path, plugin_dir: Path, abbreviation: str
) -> None:
    """Prefixes of long options are refused, so `--inventree` never means --inventree-version."""
    done = check(str(plugin_dir), abbreviation, "1.1.0", cwd=tmp_path)
    assert done.returncode == 2
    assert "unrecognized arguments" in done.stderr
    assert abbreviation in done.stderr


def test_a_python_that_does_not_run_is_one_line(tmp_path: Path, plugin_dir: Path) -> None:
    """`--python` naming nothing usable: one line naming it, exit 2, before any set-up."""
    done = check(
        str(plugin_dir),
        "--inventree",
        str(source(NEWEST)),
        "--python",
        str(tmp_path / "python9"),
        cwd=tmp_path,
    )
    assert done.returncode == 2
    assert "python9" in one_line_error(done)


def test_python_without_inventree_is_refused(tmp_path: Path, plugin_dir: Path) -> None:
    """`--python` alone would be ignored by the stand-in: say so instead."""
    done = check(str(plugin_dir), "--python", sys.executable, cwd=tmp_path)
    assert done.returncode == 2
    assert "--inventree" in one_line_error(done)


def test_inventree_version_with_inventree_is_refused(tmp_path: Path, plugin_dir: Path) -> None:
    """The version is the source tree's: a second version would be ignored, so it is refused."""
    done = check(
        str(plugin_dir), "--inventree", str(source(NEWEST)), "--inventree-version", "1.1.0",
        cwd=tmp_path,
    )  # fmt: skip
    assert done.returncode == 2
    assert "--inventree-version" in one_line_error(done)


def test_inventree_as_without_inventree_is_refused(tmp_path: Path, plugin_dir: Path) -> None:
    """`--inventree-as` names the release of a source tree: alone it means nothing."""
    done = check(str(plugin_dir), "--inventree-as", "1.0.0", cwd=tmp_path)
    assert done.returncode == 2
    assert "--inventree-as" in one_line_error(done)


def test_inventree_as_must_be_a_version(tmp_path: Path, plugin_dir: Path) -> None:
    """A value InvenTree could not compare (no three numbers): one line, exit 2, no set-up."""
    done = check(
        str(plugin_dir), "--inventree", str(source(NEWEST)), "--inventree-as", "one",
        cwd=tmp_path,
    )  # fmt: skip
    assert done.returncode == 2
    assert "--inventree-as" in one_line_error(done)
