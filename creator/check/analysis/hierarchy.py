"""One model of the project's classes: which are plugin classes, their ancestry, their bindings.

A class is a plugin class when InvenTree's loader would collect it: it derives, directly or
through other classes of the project, from `InvenTreePlugin` (imported from `plugin` or
`plugin.plugin`). Ancestry runs through project classes and InvenTree's mixins (their parents
come from the versioned model); a base from anywhere else makes "is X defined somewhere?"
undecidable, which `Lineage.unknown` says. Built once per check (the Context holds it).
"""

from __future__ import annotations

import ast
from collections.abc import Iterator
from dataclasses import dataclass
from functools import cached_property
from typing import Any, NamedTuple

from creator.check import versions
from creator.check.analysis.sources import Module, Sources, dotted, literal, statements
from creator.check.project import Project

#: What InvenTree's plugin base class resolves to, imported either way.
PLUGIN_BASES = frozenset({"plugin.InvenTreePlugin", "plugin.plugin.InvenTreePlugin"})
#: Bases that add nothing a rule looks for.
_NEUTRAL_BASES = frozenset({"object", "typing.Generic", "abc.ABC", "typing.Protocol"})
_WRAPPERS = ("property", "classmethod", "staticmethod")


def is_plugin_base(name: str) -> bool:
    """Whether a resolved base is InvenTree's plugin base class."""
    return name in PLUGIN_BASES


class Binding(NamedTuple):
    """A name a class body binds: the class, the line, the kind and the value's node.

    kind: "method", "property", "classmethod", "staticmethod", "callable" (an assignment of a
    lambda or of property()/classmethod()/staticmethod()) or "attribute".
    """

    owner: ProjectClass
    line: int
    kind: str
    node: ast.AST


class Lineage(NamedTuple):
    """A class's ancestry: project classes (MRO-like order), InvenTree classes, unknown bases."""

    classes: list[ProjectClass]
    inventree: list[str]
    unknown: bool


@dataclass(eq=False)
class Attribute:
    """A class-level `NAME = value` written directly in the class body."""

    name: str
    line: int
    node: ast.expr
    value: Any = None
    literal: bool = False


@dataclass(eq=False)
class ProjectClass:
    """A top-level class of the project, as written (plugin class or not)."""

    module: Module
    node: ast.ClassDef
    bases: list[str]  # resolved dotted origins, in order

    @property
    def name(self) -> str:
        """The class name."""
        return self.node.name

    @property
    def qualname(self) -> str:
        """`module.Class`."""
        return f"{self.module.name}.{self.node.name}"

    @property
    def line(self) -> int:
        """Line of the `class` statement."""
        return self.node.lineno

    @cached_property
    def names(self) -> dict[str, tuple[int, str, ast.AST]]:
        """Names the body binds, also inside if/try/with: name -> (line, kind, node)."""
        found: dict[str, tuple[int, str, ast.AST]] = {}
        for item in statements(self.node.body):
            for name, kind, node in _bindings(item):
                found.setdefault(name, (item.lineno, kind, node))
        return found

    @cached_property
    def attributes(self) -> dict[str, Attribute]:
        """Assignments written directly in the body, with their literal values."""
        found: dict[str, Attribute] = {}
        for item in self.node.body:
            if isinstance(item, ast.Assign | ast.AnnAssign) and item.value is not None:
                targets = item.targets if isinstance(item, ast.Assign) else [item.target]
                for target in targets:
                    if isinstance(target, ast.Name):
                        ok, value = literal(item.value)
                        found[target.id] = Attribute(target.id, item.lineno, item.value, value, ok)
        return found

    def literal(self, name: str, default: Any = None) -> Any:
        """A class attribute's literal value (default when absent or not a literal)."""
        attribute = self.attributes.get(name)
        return attribute.value if attribute is not None and attribute.literal else default

    def mixins(self) -> list[str]:
        """Names of the mixin classes among the direct bases (as imported)."""
        return [b.rsplit(".", 1)[-1] for b in self.bases if b.rsplit(".", 1)[-1].endswith("Mixin")]


def _bindings(item: ast.stmt) -> Iterator[tuple[str, str, ast.AST]]:
    if isinstance(item, ast.FunctionDef | ast.AsyncFunctionDef):
        kind = "method"
        for decorator in item.decorator_list:
            last = dotted(decorator.func if isinstance(decorator, ast.Call) else decorator)
            last = last.rsplit(".", 1)[-1]
            if last in _WRAPPERS:
                kind = last
            elif last in ("setter", "getter", "deleter"):
                kind = "property"
        yield item.name, kind, item
    elif isinstance(item, ast.Assign | ast.AnnAssign):
        if item.value is None:
            return
        value = item.value
        kind = "attribute"
        if isinstance(value, ast.Lambda) or (
            isinstance(value, ast.Call) and dotted(value.func).rsplit(".", 1)[-1] in _WRAPPERS
        ):
            kind = "callable"
        targets = item.targets if isinstance(item, ast.Assign) else [item.target]
        for target in targets:
            for node in ast.walk(target):
                if isinstance(node, ast.Name):
                    yield node.id, kind, value
    elif isinstance(item, ast.ClassDef):
        yield item.name, "attribute", item


class Hierarchy:
    """All top-level classes of the project, their ancestry and the plugin classes among them."""

    def __init__(self, sources: Sources) -> None:
        self.sources = sources
        self.classes: dict[str, ProjectClass] = {}
        for module in sources.modules.values():
            for node in module.tree.body:
                if isinstance(node, ast.ClassDef):
                    bases = [module.resolve(base) for base in node.bases]
                    cls = ProjectClass(module, node, bases)
                    self.classes[cls.qualname] = cls
        self._lineages: dict[str, Lineage] = {}

    @cached_property
    def plugin_classes(self) -> list[ProjectClass]:
        """Classes deriving from InvenTreePlugin, directly or through project classes."""
        plugin_names = set(PLUGIN_BASES)
        changed = True
        while changed:
            changed = False
            for qualname, cls in self.classes.items():
                if qualname not in plugin_names and any(b in plugin_names for b in cls.bases):
                    plugin_names.add(qualname)
                    changed = True
        return [cls for name, cls in self.classes.items() if name in plugin_names]

    def find(self, origin: str) -> ProjectClass | None:
        """The project class a dotted origin names, following re-exports."""
        seen = set()
        while origin and origin not in seen:
            seen.add(origin)
            if origin in self.classes:
                return self.classes[origin]
            module_name, _, attr = origin.rpartition(".")
            module = self.sources.modules.get(module_name)
            if module is None or attr not in module.imports:
                return None
            origin = module.imports[attr]
        return None

    def entry_point_class(self, value: str) -> ProjectClass | None:
        """The plugin class an entry point (`module:attr.path`) loads, following re-exports."""
        modules = self.sources.modules
        module_name, _, attr = value.partition(":")
        module_name, attr = module_name.strip(), attr.strip()
        seen = set()
        while module_name and (module_name, attr) not in seen:
            seen.add((module_name, attr))
            for cls in self.plugin_classes:
                if cls.module.name == module_name and cls.name == attr:
                    return cls
            module = modules.get(module_name)
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
                if origin not in modules:
                    return None
                module_name, attr = origin, rest
        return None

    def _imports_submodule(self, module: Module, submodule: str) -> bool:
        """Whether importing `module` imports `submodule` (which makes it an attribute)."""
        return submodule in self.sources.modules and any(
            origin == submodule or origin.startswith(submodule + ".")
            for origin in module.imports.values()
        )

    def lineage(self, cls: ProjectClass) -> Lineage:
        """Project classes in MRO-like order, InvenTree class names, whether a base is unknown.

        InvenTree names are the last component of bases imported from the `plugin` package
        (`EventMixin`, `InvenTreePlugin`, ...), with their own InvenTree parents added.
        """
        cached = self._lineages.get(cls.qualname)
        if cached is not None:
            return cached
        order: list[ProjectClass] = []
        external: list[str] = []
        unknown = False
        stack, seen = [cls], set()
        while stack:
            current = stack.pop(0)
            if current.qualname in seen:
                continue
            seen.add(current.qualname)
            order.append(current)
            for base in current.bases:
                project = self.find(base)
                if project is not None:
                    stack.append(project)
                elif base.startswith("plugin."):
                    for name in _with_parents(base.rsplit(".", 1)[-1]):
                        if name not in external:
                            external.append(name)
                elif base not in _NEUTRAL_BASES:
                    unknown = True
        self._lineages[cls.qualname] = found = Lineage(order, external, unknown)
        return found

    def mixins(self, cls: ProjectClass) -> list[str]:
        """The InvenTree classes (mixins and their parents) a class derives from."""
        return self.lineage(cls).inventree

    def lookup(self, cls: ProjectClass, name: str) -> Binding | None:
        """The first project class in the lineage that binds `name`."""
        for current in self.lineage(cls).classes:
            if name in current.names:
                line, kind, node = current.names[name]
                return Binding(current, line, kind, node)
        return None

    def lookup_literal(self, cls: ProjectClass, name: str) -> tuple[bool, Any]:
        """(True, value) when the lineage binds `name` to a literal; (True, None) when unbound.

        (False, None) when it is bound to something computed.
        """
        found = self.lookup(cls, name)
        return literal(found.node) if found is not None else (True, None)


def _with_parents(name: str) -> list[str]:
    names = [name]
    for parent in versions.known_parents().get(name, ()):
        names += _with_parents(parent)
    return names


def targets(project: Project, hierarchy: Hierarchy) -> list[ProjectClass]:
    """The plugin classes the loader would collect.

    The entry points' classes; for a plugin folder (or no resolvable entry point), every class
    the directory loader would collect (non-empty NAME).
    """
    found = [
        cls
        for entry in project.entry_points
        if (cls := hierarchy.entry_point_class(entry.value)) is not None
    ]
    if found:
        return list({id(c): c for c in found}.values())
    return [cls for cls in hierarchy.plugin_classes if cls.literal("NAME", True)]
