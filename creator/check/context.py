"""What rules read, each input computed once on first use.

A rule names its inputs as the parameters of its `check` method (`def check(self, project,
classes, targets)`), and `Rule.run` passes the Context attributes of those names: the way
repo-review orders fixtures from signatures. Inputs are `cached_property`s, so a check that
runs only packaging rules never parses a module, and one that runs all of them builds the
class hierarchy once.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cached_property
from typing import Any

from creator import facts
from creator.check.analysis.hierarchy import Hierarchy, ProjectClass, targets
from creator.check.analysis.sources import Module, Sources, within
from creator.check.dynamic_result import DynamicResult
from creator.check.jsmodule import ModuleCache
from creator.check.project import Project
from creator.check.ui_model import UiModel


@dataclass(frozen=True)
class Options:
    """How the check runs (not what it looks at)."""

    dynamic_timeout: float | None = None  # seconds for the dynamic layer (None: its default)


class Context:
    """The plugin under check and everything derived from it, computed once per check."""

    def __init__(
        self, project: Project, inventree_version: str, options: Options | None = None
    ) -> None:
        self.project = project
        self.inventree_version = inventree_version
        self.options = options or Options()
        #: What the dynamic layer observed (None until it ran): set by the runner.
        self.dynamic: DynamicResult | None = None
        #: What a real InvenTree observed (`check --inventree`): set by creator.inventree.
        self.inventree: Any = None

    @cached_property
    def release(self) -> facts.Release:
        """The modelled InvenTree release the check targets."""
        return facts.release(self.inventree_version)

    @cached_property
    def sources(self) -> Sources:
        """The project's modules, parsed."""
        return Sources(self.project)

    @cached_property
    def classes(self) -> Hierarchy:
        """The project's classes and their ancestry."""
        return Hierarchy(self.sources)

    @cached_property
    def targets(self) -> list[ProjectClass]:
        """The plugin classes InvenTree's loader would collect."""
        return targets(self.project, self.classes)

    @cached_property
    def plugin_class(self) -> ProjectClass | None:
        """The class the (first) entry point names, else the first plugin class found."""
        entry = self.project.entry_points[0] if self.project.entry_points else None
        cls = self.classes.entry_point_class(entry.value) if entry else None
        if cls is None and self.classes.plugin_classes:
            cls = self.classes.plugin_classes[0]
        return cls

    @cached_property
    def package_tops(self) -> set[str]:
        """Top-level packages the plugin lives in ('plugins.<folder>' for a plugin folder)."""
        if self.project.module_prefix:
            return {self.project.module_prefix}
        tops = {e.module.split(".")[0] for e in self.project.entry_points if e.module}
        tops |= {cls.module.name.split(".")[0] for cls in self.targets}
        return {top for top in tops if top}

    @cached_property
    def package_modules(self) -> list[Module]:
        """The parsed modules of the plugin's own package(s) (not tests, docs or setup.py)."""
        return [m for m in self.sources.modules.values() if within(m.name, self.package_tops)]

    @cached_property
    def loaded_modules(self) -> set[str]:
        """The project modules InvenTree imports while loading the plugin.

        For a plugin folder (or no entry point), every module: the directory loader imports
        them all. Otherwise the entry points' modules, their packages, and what those import
        at module level, followed through the project's own modules.
        """
        modules = self.sources.modules
        if self.project.kind == "plugin-dir" or not self.project.entry_points:
            return set(modules)
        todo = [e.module for e in self.project.entry_points if e.module]
        seen: set[str] = set()
        while todo:
            parts = todo.pop().split(".")
            for end in range(1, len(parts) + 1):  # importing a.b.c runs a, a.b and a.b.c
                name = ".".join(parts[:end])
                module = modules.get(name)
                if module is None or name in seen:
                    continue
                seen.add(name)
                for node, origin, imported in module.import_statements:
                    if module.guard(node) is not None:
                        continue
                    todo.append(origin)
                    if imported and f"{origin}.{imported}" in modules:
                        todo.append(f"{origin}.{imported}")  # `from pkg import submodule`
        return seen

    @cached_property
    def ui(self) -> UiModel:
        """The UI as the source states it: static-file references and feature dicts."""
        return UiModel(self.project, self.sources.modules, self.targets)

    @cached_property
    def js_modules(self) -> ModuleCache:
        """The shipped JavaScript modules, each read and parsed once."""
        return ModuleCache()

    def where(self, module: Module) -> str:
        """A module's file as findings show it."""
        return self.project.rel(module.file)
