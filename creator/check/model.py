"""The check's vocabulary: findings, rules, and the registry that lists them.

Shaped after Django's system checks (stable ids, a message plus a hint) and repo-review (one
small class per rule whose docstring is its documentation). A rule is added by writing a
subclass of `Rule` in a module under creator/check/rules/: it registers itself, and
creator.check.rules (which imports every rule module) lists the rules (`all_rules`).
"""

from __future__ import annotations

import inspect
from collections.abc import Callable, Iterable
from dataclasses import asdict, dataclass
from typing import TYPE_CHECKING, Any, ClassVar

if TYPE_CHECKING:
    from creator.check.context import Context

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


class Rule:
    """Base class: subclasses set `id`, `severity`, `layer` and implement `check`.

    `check`'s parameters name its inputs, attributes of the Context (`project`, `classes`,
    `targets`, `release`, ...; `ctx` is the Context itself): `run` passes them, and skips the
    rule when an input without a default is None (the dynamic result of a static-only check).
    The base class declares no `check`, since every rule's signature differs.

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

    def run(self, ctx: Context) -> list[Finding]:
        """The rule's findings: `check` called with the inputs its parameters name."""
        arguments: dict[str, Any] = {}
        for name, has_default in _inputs(type(self)):
            value = ctx if name == "ctx" else getattr(ctx, name)
            if value is None and not has_default:
                return []  # an input this check needs is absent
            arguments[name] = value
        check: Callable[..., Iterable[Finding]] = getattr(self, "check")  # noqa: B009
        return list(check(**arguments))

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


_INPUTS: dict[type[Rule], tuple[tuple[str, bool], ...]] = {}


def _inputs(rule: type[Rule]) -> tuple[tuple[str, bool], ...]:
    """(name, has a default) for each parameter of a rule's `check`, read once per rule."""
    if rule not in _INPUTS:
        signature = inspect.signature(getattr(rule, "check"))  # noqa: B009
        _INPUTS[rule] = tuple(
            (p.name, p.default is not inspect.Parameter.empty)
            for p in signature.parameters.values()
            if p.name != "self" and p.kind not in (p.VAR_POSITIONAL, p.VAR_KEYWORD)
        )
    return _INPUTS[rule]
