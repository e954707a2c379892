"""Plugin classes found by reading source (ast), never by importing it.

A class is a plugin class when InvenTree's loader would collect it: it derives, directly or
through other classes of the project, from `InvenTreePlugin` (imported from `plugin` or
`plugin.plugin`). Class-level assignments and methods are recorded with their lines, so rules
can point at the exact place to fix.
"""

from __future__ import annotations

import ast
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path
from typing import Any

from creator.check.project import Project

BASE_NAMES = {"plugin.InvenTreePlugin", "plugin.plugin.InvenTreePlugin"}
_MISSING = object()


@dataclass
class Module:
    """One parsed module: its tree and what its top-level names refer to."""

    name: str
    file: Path
    tree: ast.Module
    imports: dict[str, str] = field(default_factory=dict)  # local name -> dotted origin

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


@dataclass
class Attribute:
    """A class-level `NAME = value` (value is None unless it is a literal)."""

    name: str
    line: int
    node: ast.expr
    value: Any = None
    literal: bool = False


@dataclass
class PluginClass:
    """A class the loader would collect, as written in the source."""

    name: str
    module: Module
    node: ast.ClassDef
    bases: list[str]
    attributes: dict[str, Attribute] = field(default_factory=dict)
    methods: dict[str, int] = field(default_factory=dict)  # functions/properties -> line

    @property
    def qualname(self) -> str:
        """`module.Class`."""
        return f"{self.module.name}.{self.name}"

    @property
    def line(self) -> int:
        """Line of the `class` statement."""
        return self.node.lineno

    def literal(self, name: str, default: Any = None) -> Any:
        """A class attribute's literal value (default when absent or not a literal)."""
        attribute = self.attributes.get(name)
        return attribute.value if attribute is not None and attribute.literal else default

    def mixins(self) -> list[str]:
        """Names of the `plugin.mixins` classes among the bases (as imported)."""
        return [b.rsplit(".", 1)[-1] for b in self.bases if b.rsplit(".", 1)[-1].endswith("Mixin")]


def parse_source(file: Path) -> ast.Module:
    """Parse a plugin file without printing its warnings (invalid escapes, ...) to the user.

    Raises SyntaxError, UnicodeDecodeError or ValueError like `ast.parse` would.
    """
    import warnings

    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        return ast.parse(file.read_text(encoding="utf-8"), filename=str(file))


def parse_module(name: str, file: Path) -> Module | None:
    """Parse a module; None when it is not valid Python (a rule reports that)."""
    try:
        tree = parse_source(file)
    except (SyntaxError, UnicodeDecodeError, ValueError):
        return None
    module = Module(name, file, tree)
    package = name if file.name == "__init__.py" else name.rpartition(".")[0]
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            for alias in node.names:
                local = alias.asname or alias.name.split(".")[0]
                module.imports[local] = alias.name if alias.asname else alias.name.split(".")[0]
        elif isinstance(node, ast.ImportFrom):
            origin = node.module or ""
            if node.level:
                base = package.split(".")
                base = base[: len(base) - (node.level - 1)] if node.level > 1 else base
                origin = ".".join([*base, origin] if origin else base)
            for alias in node.names:
                module.imports[alias.asname or alias.name] = f"{origin}.{alias.name}"
    return module


class Inventory:
    """All modules and plugin classes of a project (parsed once, shared by rules)."""

    def __init__(self, project: Project) -> None:
        self.project = project

    @cached_property
    def modules(self) -> dict[str, Module]:
        """Parsed modules by name (unparseable ones are left out)."""
        found = {}
        for name, file in self.project.python_files():
            module = parse_module(name, file)
            if module is not None:
                found[name] = module
        return found

    @cached_property
    def unparseable(self) -> list[tuple[str, Path, str]]:
        """(module, file, error) for files that are not valid Python."""
        bad = []
        for name, file in self.project.python_files():
            try:
                parse_source(file)
            except (SyntaxError, UnicodeDecodeError, ValueError) as error:
                bad.append((name, file, str(error)))
        return bad

    @cached_property
    def plugin_classes(self) -> list[PluginClass]:
        """Classes deriving from InvenTreePlugin, directly or through project classes."""
        candidates: list[tuple[Module, ast.ClassDef, list[str]]] = []
        for module in self.modules.values():
            for node in module.tree.body:
                if isinstance(node, ast.ClassDef):
                    bases = [module.resolve(base) for base in node.bases]
                    candidates.append((module, node, bases))
        plugin_names = set(BASE_NAMES)
        changed = True
        while changed:
            changed = False
            for module, node, bases in candidates:
                qualname = f"{module.name}.{node.name}"
                if qualname not in plugin_names and any(b in plugin_names for b in bases):
                    plugin_names.add(qualname)
                    changed = True
        classes = []
        for module, node, bases in candidates:
            if f"{module.name}.{node.name}" in plugin_names:
                classes.append(_describe(module, node, bases))
        return classes

    def find(self, dotted: str) -> PluginClass | None:
        """The plugin class an entry point names, following re-exports (`from .core import X`)."""
        module_name, _, attr = dotted.partition(":")
        seen = set()
        while module_name and (module_name, attr) not in seen:
            seen.add((module_name, attr))
            for cls in self.plugin_classes:
                if cls.module.name == module_name and cls.name == attr:
                    return cls
            module = self.modules.get(module_name)
            head, _, rest = attr.partition(".")
            if module and rest and self._imports_submodule(module, f"{module_name}.{head}"):
                # `pkg:sub.Class`: the package imported its submodule, so it is an attribute
                module_name, attr = f"{module_name}.{head}", rest
                continue
            origin = module.imports.get(head) if module else None
            if not origin:
                return None
            module_name, _, attr = origin.rpartition(".")
            if rest:
                if origin in self.modules:
                    module_name, attr = origin, rest
                else:
                    return None
        return None

    def _imports_submodule(self, module: Module, submodule: str) -> bool:
        """Whether importing `module` imports `submodule` (which makes it an attribute)."""
        return submodule in self.modules and any(
            origin == submodule or origin.startswith(submodule + ".")
            for origin in module.imports.values()
        )


def _describe(module: Module, node: ast.ClassDef, bases: list[str]) -> PluginClass:
    cls = PluginClass(node.name, module, node, bases)
    for item in node.body:
        if isinstance(item, ast.Assign | ast.AnnAssign):
            targets = item.targets if isinstance(item, ast.Assign) else [item.target]
            for target in targets:
                if isinstance(target, ast.Name) and item.value is not None:
                    attribute = Attribute(target.id, item.lineno, item.value)
                    try:
                        attribute.value = ast.literal_eval(item.value)
                        attribute.literal = True
                    except (ValueError, TypeError, SyntaxError, MemoryError, RecursionError):
                        pass
                    cls.attributes[target.id] = attribute
        elif isinstance(item, ast.FunctionDef | ast.AsyncFunctionDef):
            cls.methods[item.name] = item.lineno
    return cls
