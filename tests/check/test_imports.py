"""No import cycles among creator/'s modules (issue 13), read from the source with ast.

Every import counts, also one inside a function: a cycle hidden in a function is still a cycle.
Only imports under `if TYPE_CHECKING:` are left out (they never run). `from pkg import name`
depends on `pkg.name` when that is a module, else on `pkg` (its `__init__`).
"""

from __future__ import annotations

import ast
import graphlib
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
PACKAGE = ROOT / "creator"
#: The InvenTree stand-in is Django-app code that mirrors InvenTree's own modules.
EXCLUDED = ("creator.standin", "creator.testing")


def module_name(file: Path) -> str:
    parts = list(file.relative_to(ROOT).with_suffix("").parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


def modules() -> dict[str, Path]:
    found = {module_name(file): file for file in sorted(PACKAGE.rglob("*.py"))}
    return {name: file for name, file in found.items() if not name.startswith(EXCLUDED)}


def _type_checking_only(tree: ast.Module) -> set[ast.AST]:
    skipped: set[ast.AST] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.If) and ast.unparse(node.test).endswith("TYPE_CHECKING"):
            for statement in node.body:
                skipped.update(ast.walk(statement))
    return skipped


def imports_of(name: str, file: Path, known: dict[str, Path]) -> set[str]:
    """The creator modules `name` imports (anywhere but under `if TYPE_CHECKING:`)."""
    tree = ast.parse(file.read_text(encoding="utf-8"))
    skipped = _type_checking_only(tree)
    package = name if file.name == "__init__.py" else name.rpartition(".")[0]
    found: set[str] = set()
    for node in ast.walk(tree):
        if node in skipped:
            continue
        if isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                parts = package.split(".")
                parts = parts[: len(parts) - node.level + 1]
                base = ".".join([*parts, base] if base else parts)
            for alias in node.names:
                submodule = f"{base}.{alias.name}"
                found.add(submodule if submodule in known else base)
    return {target for target in found if target in known and target != name}


def graph() -> dict[str, set[str]]:
    known = modules()
    return {name: imports_of(name, file, known) for name, file in known.items()}


def test_the_graph_is_read() -> None:
    """The graph sees the edges it must (so an empty graph cannot pass the test below)."""
    edges = graph()
    assert "creator.check.context" in edges["creator.check.runner"]
    assert "creator.check.analysis.sources" in edges["creator.check.analysis.hierarchy"]
    # under TYPE_CHECKING only: not an edge
    assert "creator.check.context" not in edges["creator.check.model"]


def test_no_import_cycles() -> None:
    try:
        graphlib.TopologicalSorter(graph()).prepare()
    except graphlib.CycleError as error:
        cycle = " -> ".join(error.args[1])
        raise AssertionError(f"import cycle: {cycle}") from None
