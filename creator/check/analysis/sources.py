"""The project's Python modules, parsed once: imports, guards and top-level names.

Relative imports are resolved here, in `absolute_module`, and nowhere else. Everything reads the
AST; no plugin code is imported.
"""

from __future__ import annotations

import ast
import warnings
from collections.abc import Iterator
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path
from typing import TYPE_CHECKING, Any, NamedTuple

if TYPE_CHECKING:  # the project is only passed through: no import of creator.check.project
    from creator.check.project import Project

#: Exceptions whose handler makes an import "guarded" (`try: import x; except ImportError:`).
_IMPORT_ERRORS = frozenset({"ImportError", "ModuleNotFoundError", "Exception", "BaseException"})


def parse_source(file: Path) -> ast.Module:
    """Parse a plugin file without printing its warnings (invalid escapes, ...) to the user.

    Raises SyntaxError, UnicodeDecodeError or ValueError like `ast.parse` would.
    """
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        return ast.parse(file.read_text(encoding="utf-8"), filename=str(file))


def absolute_module(package: str, level: int, module: str | None) -> str:
    """The module `from <level dots><module> import ...` names inside `package`."""
    if not level:
        return module or ""
    base = package.split(".") if package else []
    base = base[: len(base) - (level - 1)] if level > 1 else base
    return ".".join([*base, module] if module else base)


def dotted(expr: ast.AST) -> str:
    """`a.b.c` for a name or attribute chain as written ('' for anything else)."""
    parts: list[str] = []
    while isinstance(expr, ast.Attribute):
        parts.insert(0, expr.attr)
        expr = expr.value
    if isinstance(expr, ast.Name):
        parts.insert(0, expr.id)
        return ".".join(parts)
    return ""


def literal(node: ast.AST) -> tuple[bool, Any]:
    """(True, value) for a literal expression, (False, None) otherwise."""
    try:
        return True, ast.literal_eval(node)
    except (ValueError, TypeError, SyntaxError, MemoryError, RecursionError):
        return False, None


def within(module_name: str, tops: set[str]) -> bool:
    """Whether a module belongs to one of the packages `tops` (every module, when none)."""
    return not tops or any(module_name == t or module_name.startswith(t + ".") for t in tops)


class Import(NamedTuple):
    """One imported name: the statement, the absolute module, the name (None for `import m`)."""

    node: ast.Import | ast.ImportFrom
    origin: str
    name: str | None


@dataclass(eq=False)
class Module:
    """One parsed module: its tree and what its top-level names refer to."""

    name: str
    file: Path
    tree: ast.Module
    imports: dict[str, str] = field(default_factory=dict)  # local name -> dotted origin

    @property
    def is_package(self) -> bool:
        """Whether this is a package's `__init__.py`."""
        return self.file.name == "__init__.py"

    @property
    def package(self) -> str:
        """The package relative imports start from."""
        return self.name if self.is_package else self.name.rpartition(".")[0]

    def resolve(self, expr: ast.expr) -> str:
        """The dotted origin of a name or attribute expression (`mixins.X` -> `plugin.mixins.X`)."""
        parts: list[str] = []
        while isinstance(expr, ast.Attribute):
            parts.insert(0, expr.attr)
            expr = expr.value
        if not isinstance(expr, ast.Name):
            return ""
        head = self.imports.get(expr.id, f"{self.name}.{expr.id}")
        return ".".join([head, *parts])

    @cached_property
    def import_statements(self) -> list[Import]:
        """Every imported name, anywhere in the module (functions and guards included)."""
        found = []
        for node in ast.walk(self.tree):
            if isinstance(node, ast.Import):
                found += [Import(node, alias.name, None) for alias in node.names]
            elif isinstance(node, ast.ImportFrom):
                origin = absolute_module(self.package, node.level, node.module)
                found += [Import(node, origin, alias.name) for alias in node.names]
        return found

    @cached_property
    def parents(self) -> dict[ast.AST, ast.AST]:
        """Child -> parent map of the tree."""
        found: dict[ast.AST, ast.AST] = {}
        for node in ast.walk(self.tree):
            for child in ast.iter_child_nodes(node):
                found[child] = node
        return found

    def guard(self, node: ast.AST) -> str | None:
        """How a statement (an import) runs, judged from the statements around it.

        None: at import time, unguarded; "guarded": in a try that catches ImportError;
        "function": only when a function runs; "type-checking": never (`if TYPE_CHECKING:`).
        """
        child, current = node, self.parents.get(node)
        found = None
        while current is not None:
            if isinstance(current, ast.FunctionDef | ast.AsyncFunctionDef | ast.Lambda):
                found = found or "function"
            elif isinstance(current, ast.If) and dotted(current.test).endswith("TYPE_CHECKING"):
                if child in current.body:
                    return "type-checking"
            elif (
                isinstance(current, ast.Try)
                and child in current.body
                and any(_catches_import_error(h) for h in current.handlers)
            ):
                found = "guarded"
            child, current = current, self.parents.get(current)
        return found

    @cached_property
    def top_level_names(self) -> set[str] | None:
        """Names bound at top level; None when it may bind any (star import, `__getattr__`)."""
        names: set[str] = set()
        for item in statements(self.tree.body):
            if isinstance(item, ast.Import | ast.ImportFrom):
                for alias in item.names:
                    if alias.name == "*":
                        return None
                    names.add(alias.asname or alias.name.split(".")[0])
            elif isinstance(item, ast.FunctionDef | ast.AsyncFunctionDef | ast.ClassDef):
                names.add(item.name)
            else:
                for node in ast.walk(item):
                    if isinstance(node, ast.Name) and isinstance(node.ctx, ast.Store):
                        names.add(node.id)
        dynamic = "__getattr__" in names or "globals" in ast.dump(self.tree)
        return None if dynamic else names


def _catches_import_error(handler: ast.ExceptHandler) -> bool:
    if handler.type is None:
        return True
    types = handler.type.elts if isinstance(handler.type, ast.Tuple) else [handler.type]
    return any(dotted(t).rsplit(".", 1)[-1] in _IMPORT_ERRORS for t in types)


def statements(body: list[ast.stmt]) -> Iterator[ast.stmt]:
    """Statements of a body, including those inside if/try/with blocks."""
    for item in body:
        if isinstance(item, ast.If | ast.With):
            yield from statements(item.body)
            yield from statements(getattr(item, "orelse", []))
        elif isinstance(item, ast.Try):
            for block in (item.body, item.orelse, item.finalbody):
                yield from statements(block)
            for handler in item.handlers:
                yield from statements(handler.body)
        else:
            yield item


def parse_module(name: str, file: Path) -> Module | None:
    """Parse a module; None when it is not valid Python (CLS020 reports that)."""
    try:
        tree = parse_source(file)
    except (SyntaxError, UnicodeDecodeError, ValueError):
        return None
    module = Module(name, file, tree)
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            for alias in node.names:
                local = alias.asname or alias.name.split(".")[0]
                module.imports[local] = alias.name if alias.asname else alias.name.split(".")[0]
        elif isinstance(node, ast.ImportFrom):
            origin = absolute_module(module.package, node.level, node.module)
            for alias in node.names:
                module.imports[alias.asname or alias.name] = f"{origin}.{alias.name}"
    return module


class Sources:
    """All importable modules of a project, parsed once (unparseable ones listed apart)."""

    def __init__(self, project: Project) -> None:
        self.project = project

    @cached_property
    def files(self) -> list[tuple[str, Path]]:
        """(module name, file) of every module below the import root."""
        return self.project.python_files()

    @cached_property
    def modules(self) -> dict[str, Module]:
        """Parsed modules by name (unparseable ones are left out)."""
        found = {}
        for name, file in self.files:
            module = parse_module(name, file)
            if module is not None:
                found[name] = module
        return found

    @cached_property
    def by_file(self) -> dict[Path, Module]:
        """Parsed modules by file."""
        return {module.file: module for module in self.modules.values()}

    def module_exists(self, name: str) -> bool:
        """Whether `import name` finds a module or package among the project's files."""
        base = self.project.import_root.joinpath(*name.split("."))
        if base.is_dir() or base.with_suffix(".py").is_file():
            return True
        return any(base.parent.glob(f"{base.name}.*.so")) or any(
            base.parent.glob(f"{base.name}.*pyd")
        )

    def module_literal(self, module_name: str, name: str) -> Any:
        """A module-level literal `name = ...`, following re-exports (None when not found)."""
        module = self.modules.get(module_name)
        if module is None:
            return None
        for node in module.tree.body:
            if isinstance(node, ast.Assign | ast.AnnAssign) and node.value is not None:
                targets = node.targets if isinstance(node, ast.Assign) else [node.target]
                if any(isinstance(t, ast.Name) and t.id == name for t in targets):
                    ok, value = literal(node.value)
                    return value if ok else None
        origin = module.imports.get(name)
        if origin and origin != f"{module_name}.{name}":
            parent, _, attr = origin.rpartition(".")
            return self.module_literal(parent, attr) if parent != module_name else None
        return None
