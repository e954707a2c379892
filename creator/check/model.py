"""The check's vocabulary: findings, rules, and the registry that lists them.

Shaped after Django's system checks (stable ids, a message plus a hint) and repo-review (one
small class per rule whose docstring is its documentation). A rule is added by writing a
subclass of `Rule` in a module under creator/check/rules/: it registers itself.
"""

from __future__ import annotations

import inspect
from collections.abc import Iterable, Iterator
from dataclasses import asdict, dataclass, field
from typing import TYPE_CHECKING, Any, ClassVar

if TYPE_CHECKING:
    from creator.check.project import Project

#: Most severe first. "error": InvenTree would not discover, register or activate the plugin.
#: "feature": the plugin loads, but one of its features fails (a missing static file, a UI
#: dict the frontend cannot render, an unimplemented hook, ...). "warning": likely a mistake,
#: nothing fails. "info": a note.
SEVERITIES = ("error", "feature", "warning", "info")


@dataclass(frozen=True)
class Finding:
    """One problem (or note) a rule found, with where and how to fix it."""

    rule: str
    severity: str
    message: str
    file: str | None = None
    line: int | None = None
    hint: str = ""

    def as_dict(self) -> dict[str, Any]:
        """The JSON form (`--json`)."""
        return asdict(self)


@dataclass
class Context:
    """What rules read: the plugin as found, the InvenTree version aimed at, dynamic results."""

    project: Project
    inventree_version: str
    dynamic: dict[str, Any] | None = None  # filled by the dynamic layer (creator.check.dynamic)
    notes: dict[str, Any] = field(default_factory=dict)


class Rule:
    """Base class: subclasses set `id`, `severity`, `layer` and implement `check`.

    The first docstring line is the rule's title; the rest says why InvenTree cares and how
    to fix it (the docs page is generated from it).
    """

    id: ClassVar[str] = ""
    severity: ClassVar[str] = "error"
    layer: ClassVar[str] = "static"  # "static" (no import) or "dynamic" (stand-in subprocess)
    registry: ClassVar[dict[str, type[Rule]]] = {}

    def __init_subclass__(cls, **kwargs: Any) -> None:
        super().__init_subclass__(**kwargs)
        if not cls.id:
            return
        if cls.id in Rule.registry and Rule.registry[cls.id] is not cls:
            raise TypeError(f"duplicate rule id {cls.id}")
        if cls.severity not in SEVERITIES:
            raise TypeError(f"{cls.id}: unknown severity {cls.severity}")
        if not (cls.__doc__ or "").strip():
            raise TypeError(f"{cls.id}: a rule's docstring is its documentation")
        Rule.registry[cls.id] = cls

    @classmethod
    def title(cls) -> str:
        """The first docstring line."""
        return inspect.cleandoc(cls.__doc__ or "").splitlines()[0]

    @classmethod
    def documentation(cls) -> str:
        """The whole docstring, dedented."""
        return inspect.cleandoc(cls.__doc__ or "")

    def check(self, ctx: Context) -> Iterable[Finding]:
        """Yield findings; nothing means the plugin passes this rule."""
        raise NotImplementedError

    def finding(
        self,
        message: str,
        *,
        file: str | None = None,
        line: int | None = None,
        hint: str = "",
        severity: str | None = None,
    ) -> Finding:
        """A finding of this rule (its default severity unless given)."""
        return Finding(self.id, severity or self.severity, message, file, line, hint)


def all_rules() -> list[type[Rule]]:
    """Every registered rule, sorted by id (importing the rule modules registers them)."""
    import creator.check.rules  # noqa: F401 (registers the rules)

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
