"""An import inside a function says why it is there (issue 13), read from the source with ast.

Imports belong at the top of a module. One inside a function is allowed only for a reason
(keeping `--help` fast, Django having to be set up first, code that runs inside InvenTree's
venv, ...), and that reason is written as a comment: on the import's line, on the line above
it, or on or above the first import of the run of imports it belongs to. The InvenTree stand-in
(creator/standin, creator/testing) mirrors InvenTree's own modules and is left out.
"""

from __future__ import annotations

import ast
import io
import tokenize
from collections.abc import Iterator, Sequence
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
PACKAGE = ROOT / "creator"
EXCLUDED = ("standin", "testing")

Import = ast.Import | ast.ImportFrom


def _comment_lines(source: str) -> set[int]:
    tokens = tokenize.generate_tokens(io.StringIO(source).readline)
    return {token.start[0] for token in tokens if token.type == tokenize.COMMENT}


def _bodies(function: ast.FunctionDef | ast.AsyncFunctionDef) -> Iterator[Sequence[ast.stmt]]:
    """Every statement list inside `function` (its body, an if's branches, a try's handlers...)."""
    for node in ast.walk(function):
        for field in ("body", "orelse", "finalbody", "handlers"):
            statements = getattr(node, field, None)
            if isinstance(statements, list) and statements and isinstance(statements[0], ast.stmt):
                yield statements


def uncommented_imports(source: str) -> list[int]:
    """Line numbers of function-level imports with no comment saying why."""
    comments = _comment_lines(source)
    found: set[int] = set()
    for node in ast.walk(ast.parse(source)):
        if not isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef):
            continue
        for statements in _bodies(node):
            first = 0  # the line of the first import of the current run of imports
            previous: ast.stmt | None = None
            for statement in statements:
                if isinstance(statement, Import):
                    if not isinstance(previous, Import):
                        first = statement.lineno
                    said = {statement.lineno, statement.lineno - 1, first, first - 1}
                    if not said & comments:
                        found.add(statement.lineno)
                previous = statement
    return sorted(found)


def _modules() -> list[Path]:
    files = sorted(PACKAGE.rglob("*.py"))
    return [file for file in files if file.relative_to(PACKAGE).parts[0] not in EXCLUDED]


def test_a_function_level_import_without_a_comment_is_found() -> None:
    source = (
        "import os\n"
        "\n"
        "def lazy():\n"
        "    import json\n"
        "    return json\n"
        "\n"
        "async def nested(flag):\n"
        "    if flag:\n"
        "        try:\n"
        "            from pathlib import Path\n"
        "        except ImportError:\n"
        "            pass\n"
    )
    assert uncommented_imports(source) == [4, 10]


def test_a_comment_on_the_line_itself_or_above_or_on_the_run_counts() -> None:
    source = (
        "def above():\n"
        "    # lazy: keeps --help fast\n"
        "    import json\n"
        "\n"
        "def same_line():\n"
        "    import json  # lazy: keeps --help fast\n"
        "\n"
        "def run():\n"
        "    # after django.setup(): apps must be ready\n"
        "    from django.apps import apps\n"
        "    from django.conf import settings\n"
        "\n"
        "    from creator.standin import SITE_DIR\n"
        "    return apps, settings, SITE_DIR\n"
        "\n"
        "def first_of_the_run():\n"
        "    import importlib  # lazy (here and below): --help never runs a command\n"
        "    import signal\n"
    )
    assert uncommented_imports(source) == []


def test_a_comment_does_not_cover_an_import_after_other_code() -> None:
    source = (
        "def later():\n"
        "    # lazy: keeps --help fast\n"
        "    import json\n"
        "    json.dumps(1)\n"
        "    import csv\n"
    )
    assert uncommented_imports(source) == [5]


def test_the_package_is_read() -> None:
    """The scan sees creator's modules (so an empty list cannot pass the test below)."""
    names = {file.relative_to(PACKAGE).as_posix() for file in _modules()}
    assert {"cli.py", "entry.py", "check/runner.py"} <= names
    assert not any(name.startswith(("standin/", "testing/")) for name in names)


def test_every_function_level_import_says_why_it_is_there() -> None:
    missing = [
        f"{file.relative_to(ROOT)}:{line}"
        for file in _modules()
        for line in uncommented_imports(file.read_text(encoding="utf-8"))
    ]
    assert not missing, (
        "imports inside functions without a comment saying why (move them to the top of the "
        "module, or say why they must stay, e.g. `# lazy: keeps --help fast`): "
        + ", ".join(missing)
    )
