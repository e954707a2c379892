"""The interpreter finder: a Python meeting the tree's minimum, or one line naming the need."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

from creator.inventree import python as finder
from tests.inventree.conftest import NEWEST, OLDEST, source


def test_minimum_is_read_from_each_trees_version_py() -> None:
    """1.5-dev states MIN_PYTHON_VERSION = (3, 12); 1.0 says "Python 3.9 or above"."""
    assert finder.minimum_python(source(NEWEST) / "src" / "backend") == (3, 12)
    assert finder.minimum_python(source(OLDEST) / "src" / "backend") == (3, 9)


def test_the_running_interpreter_is_used_when_it_is_new_enough() -> None:
    """No search when the running Python meets the minimum."""
    found = finder.find((3, 9))
    assert found.origin == "running"
    assert found.version[:2] == sys.version_info[:2]


def test_an_interpreter_newer_than_the_running_one_is_found() -> None:
    """python3.X on PATH or pyenv: the one found really runs and meets the minimum."""
    wanted = (sys.version_info[0], sys.version_info[1] + 1)
    found = finder.find(wanted)
    assert found.version[:2] >= wanted
    assert finder.inspect(found.path, "again") is not None


def test_none_found_is_one_line_naming_what_is_needed() -> None:
    """A minimum nothing here meets: one line naming the version and how to supply one."""
    with pytest.raises(finder.PythonNotFound) as caught:
        finder.find((3, 99))
    message = str(caught.value)
    assert "\n" not in message
    assert "Python >= 3.99" in message
    assert "--python" in message
    assert finder.PYTHON_ENV in message
    assert caught.value.exit_code == 2


def test_a_requested_python_that_does_not_run_is_one_line(tmp_path: Path) -> None:
    """--python naming nothing runnable: one line, no traceback."""
    with pytest.raises(finder.PythonNotFound) as caught:
        finder.find((3, 9), str(tmp_path / "no-python"))
    assert "\n" not in str(caught.value)
    assert "does not run" in str(caught.value)


def test_a_requested_python_too_old_is_refused() -> None:
    """--python is the only candidate when given: too old is an error, not a fallback."""
    with pytest.raises(finder.PythonNotFound) as caught:
        finder.find((3, 99), sys.executable)
    assert "needs Python >= 3.99" in str(caught.value)


def test_the_environment_variable_names_the_python(monkeypatch: pytest.MonkeyPatch) -> None:
    """$CREATE_INVENTREE_PLUGIN_PYTHON works like --python."""
    monkeypatch.setenv(finder.PYTHON_ENV, sys.executable)
    assert finder.find((3, 9)).origin == "requested"
