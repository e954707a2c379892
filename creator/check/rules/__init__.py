"""The check's rules, one small class each; importing this package registers them all.

A family (id prefix) may span several modules, one per topic. The families, in the order the
rule reference lists them (creator/check/rule_docs.py reads the lines below):

- PKG: packaging metadata and the entry point InvenTree discovers pip-installed plugins by
- CLS: the plugin class itself, read from source (identity, final methods, versions)
- UI: user-interface features, static files and the JavaScript InvenTree imports
- HOOK: the plugin's mixin hooks, compared with the signatures of the target release
- DYN: what the dynamic layer observed when it imported and activated the plugin
- INV: what a real InvenTree did with the plugin (`check --inventree SRC`)
"""

from collections.abc import Iterable, Iterator

from creator.check.model import Rule
from creator.check.rules import (  # noqa: F401 (importing a rule module registers its rules)
    base_order,
    dynamic,
    final,
    hooks,
    identity,
    imports,
    inventree,
    mixins,
    packaging,
    ui,
)


def all_rules() -> list[type[Rule]]:
    """Every registered rule, sorted by id (the imports above registered them)."""
    return [Rule.registry[key] for key in sorted(Rule.registry)]


def select_rules(
    select: Iterable[str] = (), ignore: Iterable[str] = (), layers: Iterable[str] = ()
) -> Iterator[type[Rule]]:
    """Rules filtered by id prefixes (`--select UI --ignore UI003`) and layer."""
    select, ignore, layers = tuple(select), tuple(ignore), tuple(layers)
    for rule in all_rules():
        if select and not rule.id.startswith(select):
            continue
        if ignore and rule.id.startswith(ignore):
            continue
        if layers and rule.layer not in layers:
            continue
        yield rule
