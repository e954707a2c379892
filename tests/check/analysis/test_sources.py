"""The parsed modules: relative imports resolved in one place, guards, top-level names."""

from __future__ import annotations

import ast
import textwrap
from pathlib import Path

import pytest

from creator.check.analysis.sources import Module, absolute_module, parse_module


def module(tmp_path: Path, name: str, source: str, package: bool = False) -> Module:
    file = tmp_path / ("__init__.py" if package else "m.py")
    file.write_text(textwrap.dedent(source), encoding="utf-8")
    parsed = parse_module(name, file)
    assert parsed is not None
    return parsed


@pytest.mark.parametrize(
    ("package", "level", "name", "expected"),
    [
        ("pkg.sub", 0, "os.path", "os.path"),
        ("pkg.sub", 1, "core", "pkg.sub.core"),
        ("pkg.sub", 1, None, "pkg.sub"),
        ("pkg.sub", 2, "other", "pkg.other"),
        ("pkg.sub", 2, None, "pkg"),
        ("", 1, "x", "x"),
    ],
)
def test_absolute_module(package: str, level: int, name: str | None, expected: str) -> None:
    assert absolute_module(package, level, name) == expected


def test_imports_resolve_relative_to_the_package(tmp_path: Path) -> None:
    init = module(tmp_path, "pkg", "from .core import Plugin\nfrom . import views\n", True)
    assert init.imports == {"Plugin": "pkg.core.Plugin", "views": "pkg.views"}
    plain = module(tmp_path, "pkg.core", "from .base import Base as B\nimport a.b\n")
    assert plain.imports == {"B": "pkg.base.Base", "a": "a"}
    assert [(i.origin, i.name) for i in plain.import_statements] == [
        ("pkg.base", "Base"),
        ("a.b", None),
    ]


def test_guard_says_how_an_import_runs(tmp_path: Path) -> None:
    source = """\
    from typing import TYPE_CHECKING
    import top
    try:
        import optional
    except ImportError:
        optional = None
    if TYPE_CHECKING:
        import typed
    def later():
        import inner
    """
    parsed = module(tmp_path, "pkg.m", source)
    how = {i.origin: parsed.guard(i.node) for i in parsed.import_statements}
    assert how == {
        "typing": None,
        "top": None,
        "optional": "guarded",
        "typed": "type-checking",
        "inner": "function",
    }


def test_top_level_names_unknown_with_a_star_import(tmp_path: Path) -> None:
    assert module(tmp_path, "a", "X = 1\ndef f(): pass\n").top_level_names == {"X", "f"}
    assert module(tmp_path, "b", "from os import *\n").top_level_names is None


def test_an_invalid_module_is_not_parsed(tmp_path: Path) -> None:
    (tmp_path / "bad.py").write_text("def (:\n")
    assert parse_module("bad", tmp_path / "bad.py") is None
    assert isinstance(ast.parse("x = 1"), ast.Module)
