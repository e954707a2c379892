"""PKG: packaging metadata and the entry point InvenTree discovers pip-installed plugins by."""

from __future__ import annotations

from collections.abc import Iterator

from creator.check.model import Context, Finding, Rule
from creator.check.rules._helpers import inventory


class EntryPointDeclared(Rule):
    """The distribution declares an `inventree_plugins` entry point.

    InvenTree discovers pip-installed plugins only through entry points in the group
    `inventree_plugins` (exact spelling). Without one, the installed package is never loaded.

    Fix: in pyproject.toml add `[project.entry-points.inventree_plugins]` with
    `MyPlugin = "my_package.core:MyPlugin"`. (A plugin folder dropped into InvenTree's plugin
    directory needs none and is not checked for it.)
    """

    id = "PKG001"
    severity = "error"

    def check(self, ctx: Context) -> Iterator[Finding]:
        project = ctx.project
        if project.kind == "plugin-dir" or project.entry_points:
            return
        yield self.finding(
            "no entry point in the group 'inventree_plugins': InvenTree will not find the plugin",
            file=project.metadata_file,
            hint='add [project.entry-points.inventree_plugins] MyPlugin = "pkg.core:MyPlugin"',
        )


class EntryPointResolves(Rule):
    """Each `inventree_plugins` entry point names a plugin class in the distribution's files.

    The loader calls `entry_point.load()`, which imports the module and follows the dotted
    attribute path after ':'. A module that is not shipped, a misspelt class, or an object that
    is not an InvenTreePlugin subclass is a discovery error.

    Fix: point the entry point at `<package>.<module>:<PluginClass>` of a module in the package.
    """

    id = "PKG002"
    severity = "error"

    def check(self, ctx: Context) -> Iterator[Finding]:
        project = ctx.project
        inv = inventory(ctx)
        for entry in project.entry_points:
            if not entry.attr:
                yield self.finding(
                    f"entry point {entry.name} = {entry.value!r} names a module, not a class",
                    file=project.metadata_file,
                    hint="use the form 'package.module:ClassName'",
                )
                continue
            file = project.module_file(entry.module)
            if file is None:
                yield self.finding(
                    f"entry point {entry.name}: module {entry.module!r} is not in the distribution",
                    file=project.metadata_file,
                    hint="check the module path and that the package is included in the build",
                )
                continue
            if inv.find(entry.value) is None:
                yield self.finding(
                    f"entry point {entry.name}: {entry.attr!r} is not a plugin class "
                    f"(an InvenTreePlugin subclass) in {entry.module}",
                    file=project.rel(file),
                    hint="name the class that subclasses InvenTreePlugin",
                )
