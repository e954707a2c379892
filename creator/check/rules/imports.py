"""CLS: the plugin's modules import: valid Python, InvenTree names the target has, sound paths.

An import that fails at module level while the plugin loads makes InvenTree skip the plugin
(error); one inside a function, or in a module imported later, breaks only that feature; one
under `try: ... except ImportError:` is a warning; one under `if TYPE_CHECKING:` never runs.
"""

from __future__ import annotations

import ast
from collections.abc import Iterator
from dataclasses import replace
from pathlib import Path
from typing import ClassVar

from creator.check import versions
from creator.check.analysis.sources import Module, Sources, parse_source, within
from creator.check.model import Finding, Rule
from creator.check.project import Project


def _absent_imports(
    sources: Sources, package_modules: list[Module], loaded: set[str], version: str, mixins: bool
) -> Iterator[tuple[Module, ast.AST, str | None, versions.Missing]]:
    """(module, import node, how it runs, Missing) for imports of names the target lacks.

    `mixins`: only `from plugin.mixins import X` (CLS009), else every other import (CLS010).
    Imports of the plugin's own modules and under `if TYPE_CHECKING:` are left out.
    """
    for module in package_modules:
        for node, origin, name in module.import_statements:
            if (origin == "plugin.mixins" and name not in (None, "*")) != mixins:
                continue
            if not origin or sources.module_exists(origin):
                continue
            absent = versions.missing(origin, name, version)
            if absent is None:
                continue
            how = module.guard(node)
            if how is None and module.name not in loaded:
                how = "not-loaded"
            if how != "type-checking":
                yield module, node, how, absent


def _absent_finding(
    rule: Rule, project: Project, found: tuple[Module, ast.AST, str | None, versions.Missing]
) -> Finding:
    """The finding for an import the target lacks, by how the import runs."""
    module, node, how, absent = found
    message = absent.message()
    severity = None
    if how == "guarded":
        message += " (guarded by except ImportError)"
        severity = "warning"
    elif how == "function":
        message += " (imported inside a function: fails when it runs)"
        severity = "feature"
    elif how == "not-loaded":
        message += f" ({module.name} is not imported while the plugin loads: fails when it is)"
        severity = "feature"
    else:
        message += ": the plugin module fails to import"
    return rule.finding(
        message, file=project.rel(module.file), line=getattr(node, "lineno", None),
        hint=absent.hint(), severity=severity,
    )  # fmt: skip


class _AbsentImports(Rule):
    """Shared by CLS009 (`plugin.mixins` names) and CLS010 (every other InvenTree import)."""

    mixins: ClassVar[bool]

    def check(
        self, project: Project, sources: Sources, package_modules: list[Module],
        loaded_modules: set[str], inventree_version: str,
    ) -> Iterator[Finding]:  # fmt: skip
        absent = _absent_imports(
            sources, package_modules, loaded_modules, inventree_version, mixins=self.mixins
        )
        for found in absent:
            yield _absent_finding(self, project, found)


class CLS009(_AbsentImports):
    """Every name imported from `plugin.mixins` exists in the target InvenTree.

    `plugin.mixins` is the stable import path, but its contents change between releases
    (see the "InvenTree releases" page): PanelMixin, SettingsContentMixin and the
    notification-method classes are gone in 1.0, SupplierMixin arrives in 1.1, and no release
    up to 1.5 has WellKnownMixin. A missing name makes the plugin module fail to import, so
    the plugin is not loaded. Inside a function only that code fails; inside
    `try: ... except ImportError:` it is a warning.

    Fix: use the mixin the target release provides, raise MIN_VERSION, or check with
    `--inventree-version` for the release you target.
    """

    id = "CLS009"
    severity = "error"

    mixins = True


class CLS010(_AbsentImports):
    """The plugin imports only InvenTree modules and names the target release has.

    Our model lists, per release, every module of InvenTree's backend apps and the names it
    binds. InvenTree removes and moves names between releases: the `label` app went in 0.16,
    `part.models.PartParameter` in 1.2 (parameters moved to `common.models.Parameter`),
    `report.models.LabelOutput` and `plugin.helpers.render_template` exist in no 1.x release.
    An import that fails at module level makes the plugin fail to load; inside a function it
    fails when that function runs (a feature fails). A `try: ... except ImportError:` guard is
    reported as a warning. `plugin.mixins` names are checked by CLS009. A module our model
    cannot list completely (it star-imports) is left to the dynamic layer.

    Fix: import from the new location, or drop the code that needs the removed name.
    """

    id = "CLS010"
    severity = "error"

    mixins = False


class CLS011(Rule):
    """A plugin folder does not import itself by its own name.

    InvenTree imports a folder dropped into its plugin directory as `plugins.<folder>`, so
    `import <folder>.x` or `from <folder> import x` only works if the same code is also
    pip-installed; otherwise the module fails to import and the plugin is not loaded.

    Fix: use relative imports (`from . import x`, `from .x import y`).
    """

    id = "CLS011"
    severity = "error"

    def check(self, project: Project, package_modules: list[Module]) -> Iterator[Finding]:
        if project.kind != "plugin-dir":
            return
        folder = project.path.name
        for module in package_modules:
            for node, origin, _name in module.import_statements:
                if isinstance(node, ast.ImportFrom) and node.level:
                    continue
                if origin != folder and not origin.startswith(folder + "."):
                    continue
                how = module.guard(node)
                if how in ("guarded", "type-checking"):
                    continue
                yield self.finding(
                    f"absolute import of {origin!r}: InvenTree imports this folder as "
                    f"'plugins.{folder}', so the import fails"
                    + (" when the function runs" if how == "function" else ""),
                    file=project.rel(module.file), line=node.lineno,
                    hint="use a relative import (from . import ..., from .module import ...)",
                    severity="warning" if how == "function" else None,
                )  # fmt: skip
                break  # one finding per statement


class CLS012(Rule):
    """Relative imports stay inside the package and name modules and names that exist.

    A relative import that climbs above the top-level package, appears in a module that is not
    in a package, or names a module (or a name) the package does not have, raises ImportError
    when the plugin is imported: InvenTree then does not load it.

    Fix: correct the number of dots and the module or name.
    """

    id = "CLS012"
    severity = "error"

    def check(
        self, project: Project, sources: Sources, package_modules: list[Module]
    ) -> Iterator[Finding]:
        for module in package_modules:
            package = module.package
            depth = len(package.split(".")) if package else 0
            for node in ast.walk(module.tree):
                if not (isinstance(node, ast.ImportFrom) and node.level):
                    continue
                how = module.guard(node)
                if how in ("guarded", "type-checking"):
                    continue
                problem = self._problem(sources, node, package, depth)
                if problem:
                    yield self.finding(
                        problem, file=project.rel(module.file), line=node.lineno,
                        hint="fix the dots or the name", severity="warning" if how else None,
                    )  # fmt: skip

    @staticmethod
    def _problem(sources: Sources, node: ast.ImportFrom, package: str, depth: int) -> str | None:
        shown = f"from {'.' * node.level}{node.module or ''} import ..."
        if not package:
            return f"{shown} in a module that is not part of a package"
        if node.level > depth:
            return f"{shown} climbs above the top-level package"
        base = ".".join(package.split(".")[: depth - node.level + 1])
        target = f"{base}.{node.module}" if node.module else base
        if node.module and not sources.module_exists(target):
            return f"{shown}: there is no module {target}"
        container = sources.modules.get(target)
        names = container.top_level_names if container is not None else None
        if names is None:
            return None
        for alias in node.names:
            if alias.name == "*" or alias.name in names:
                continue
            if sources.module_exists(f"{target}.{alias.name}"):
                continue
            return f"{shown}: {target} has no {alias.name!r}"
        return None


class CLS020(Rule):
    """Every module of the plugin package is valid Python.

    InvenTree imports the plugin's modules; a syntax error in a module imported while the
    plugin loads fails the import (the plugin is not loaded); in a module imported later only
    the feature that imports it breaks (the real 1.5 loader loads such a plugin).

    Fix: correct the syntax error (`python -m py_compile <file>` shows it).
    """

    id = "CLS020"
    severity = "error"

    def check(
        self, project: Project, sources: Sources, package_tops: set[str], loaded_modules: set[str]
    ) -> Iterator[Finding]:
        loaded = loaded_modules if project.entry_points else None
        for name, file in sources.files:
            if name in sources.modules or not within(name, package_tops):
                continue
            for finding in self._report(project, file):
                if loaded is not None and not _imported_at_load(sources, name, loaded):
                    finding = replace(
                        finding,
                        severity="feature",
                        message=finding.message + f" ({name} is not imported while the plugin "
                        "loads: fails when it is)",
                    )
                yield finding

    def _report(self, project: Project, file: Path) -> list[Finding]:
        try:
            parse_source(file)
        except SyntaxError as error:
            return [
                self.finding(
                    f"not valid Python: {error.msg}", file=project.rel(file),
                    line=error.lineno, hint="fix the syntax error",
                )
            ]  # fmt: skip
        except (UnicodeDecodeError, ValueError) as error:
            return [self.finding(f"cannot be read as Python: {error}", file=project.rel(file))]
        return []


def _imported_at_load(sources: Sources, name: str, loaded: set[str]) -> bool:
    """Whether a loaded module imports `name` (unparsable modules are not in the graph)."""
    for module_name in loaded:
        module = sources.modules.get(module_name)
        if module is None:
            continue
        for node, origin, imported in module.import_statements:
            if module.guard(node) is None and name in (origin, f"{origin}.{imported}"):
                return True
    return False
