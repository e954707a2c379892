"""CLS: the order of the plugin class's bases (mixins first, a consistent MRO)."""

from __future__ import annotations

from collections.abc import Iterator

from creator.check import versions
from creator.check.analysis.hierarchy import Hierarchy, ProjectClass, is_plugin_base
from creator.check.analysis.sources import within
from creator.check.model import Finding, Rule
from creator.check.project import Project

#: InvenTreePlugin's own attributes: a mixin listed after it cannot override these.
_PLUGIN_BASE_NAMES = frozenset(
    {
        "NAME", "SLUG", "TITLE", "AUTHOR", "DESCRIPTION", "PUBLISH_DATE", "VERSION", "WEBSITE",
        "LICENSE", "ADMIN_SOURCE", "MIN_VERSION", "MAX_VERSION", "get_admin_source",
        "get_admin_context", "define_package", "_get_value",
    }
)  # fmt: skip


def c3(
    name: str, graph: dict[str, list[str]], memo: dict[str, list[str] | None]
) -> list[str] | None:
    """C3 linearisation of `name` in `graph` (name -> bases); None when inconsistent."""
    if name in memo:
        return memo[name]
    memo[name] = None  # cycles count as inconsistent
    sequences = []
    for base in graph.get(name, []):
        linear = c3(base, graph, memo)
        if linear is None:
            return None
        sequences.append(list(linear))
    sequences.append(list(graph.get(name, [])))
    result = [name]
    while any(sequences):
        for sequence in sequences:
            if not sequence:
                continue
            head = sequence[0]
            if not any(head in s[1:] for s in sequences):
                break
        else:
            return None
        result.append(head)
        for sequence in sequences:
            if sequence and sequence[0] == head:
                sequence.pop(0)
    memo[name] = result
    return result


class CLS017(Rule):
    """Mixins come before InvenTreePlugin in the bases, in an order Python accepts.

    The convention is `class MyPlugin(MixinA, MixinB, InvenTreePlugin)`. Listing a mixin after
    InvenTreePlugin still works in InvenTree 1.x (MixinBase forwards `__init__`), but older
    releases never ran that mixin's `__init__`, so it was not registered, and InvenTreePlugin's
    own attributes (ADMIN_SOURCE, get_admin_context, ...) win over a mixin's. A base listed
    before its own subclass (BarcodeMixin before SupplierBarcodeMixin) makes the class
    statement raise "Cannot create a consistent method resolution order".

    Fix: list the mixins first (subclasses before their bases) and InvenTreePlugin last.
    """

    id = "CLS017"
    severity = "warning"

    def check(
        self, project: Project, classes: Hierarchy, package_tops: set[str]
    ) -> Iterator[Finding]:
        memo: dict[str, list[str] | None] = {}
        graph = self._graph(classes)
        for cls in classes.plugin_classes:
            if not within(cls.module.name, package_tops):
                continue
            file = project.rel(cls.module.file)
            if c3(cls.qualname, graph, memo) is None:
                yield self.finding(
                    f"the bases of {cls.name} have no consistent method resolution order: "
                    "the class statement raises TypeError",
                    file=file, line=cls.line,
                    hint="list subclasses before their bases (SupplierBarcodeMixin before "
                    "BarcodeMixin) and InvenTreePlugin last",
                    severity="error",
                )  # fmt: skip
                continue
            # MixinBase.__init__ forwards to super() in every modelled release: a late mixin
            # is registered, only InvenTreePlugin's attributes shadow its own.
            for base, shadowed in self._late_mixins(classes, cls):
                if shadowed:
                    yield self.finding(
                        f"{base} is listed after InvenTreePlugin, whose "
                        f"{', '.join(sorted(shadowed))} therefore win over {base}'s",
                        file=file, line=cls.line,
                        hint=f"move {base} before InvenTreePlugin",
                    )  # fmt: skip

    @staticmethod
    def _graph(classes: Hierarchy) -> dict[str, list[str]]:
        graph: dict[str, list[str]] = {}
        for name, parents in versions.known_parents().items():
            graph[f"plugin:{name}"] = [f"plugin:{p}" for p in parents]
        for cls in classes.classes.values():
            nodes = []
            for base in cls.bases:
                project = classes.find(base)
                if project is not None:
                    nodes.append(project.qualname)
                elif base.startswith("plugin."):
                    nodes.append(f"plugin:{base.rsplit('.', 1)[-1]}")
                else:
                    nodes.append(base or f"?{id(base)}")
            graph[cls.qualname] = nodes
        return graph

    @staticmethod
    def _late_mixins(classes: Hierarchy, cls: ProjectClass) -> list[tuple[str, set[str]]]:
        late: list[tuple[str, set[str]]] = []
        seen_plugin = False
        for base in cls.bases:
            project = classes.find(base)
            if is_plugin_base(base):
                seen_plugin = True
                continue
            if not seen_plugin:
                continue
            if project is not None:
                if classes.lineage(project).inventree[:1] == ["InvenTreePlugin"] or any(
                    is_plugin_base(b) for b in project.bases
                ):
                    continue  # another plugin class, not a mixin
                late.append((project.name, set(project.names) & _PLUGIN_BASE_NAMES))
            elif base.startswith("plugin.") and base.endswith("Mixin"):
                late.append((base.rsplit(".", 1)[-1], set()))
        return late
