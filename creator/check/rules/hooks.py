"""HOOK: the plugin's mixin hooks, compared with the signatures of the target release.

InvenTree changes how it calls some hooks between releases (read from its sources into
creator.facts): BarcodeMixin.scan gets `user` from 1.4, report and label context hooks get
`user` instead of `request` from 1.4, ValidationMixin's parameter hook is renamed in 1.2.
A hook written for another release still loads; the feature it serves fails when called.
"""

from __future__ import annotations

import ast
from collections.abc import Iterator
from functools import cache

from creator import facts
from creator.check.analysis.hierarchy import Hierarchy, ProjectClass
from creator.check.model import Finding, Rule
from creator.check.project import Project


@cache
def _parameters(signature: str) -> tuple[str, ...]:
    """Named parameters of a signature text, without self/cls, *args and **kwargs."""
    args = ast.parse(f"def f{signature}: pass").body[0].args  # type: ignore[attr-defined]
    names = [a.arg for a in (*args.posonlyargs, *args.args, *args.kwonlyargs)]
    return tuple(n for n in names if n not in ("self", "cls"))


def _own_parameters(node: ast.AST) -> tuple[str, ...] | None:
    """The plugin's parameters for a hook; None when it takes *args/**kwargs (accepts all)."""
    if not isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef):
        return None
    args = node.args
    if args.vararg is not None or args.kwarg is not None:
        return None
    names = [a.arg for a in (*args.posonlyargs, *args.args, *args.kwonlyargs)]
    return tuple(n for n in names if n not in ("self", "cls"))


def _signatures(mixin: str, hook: str) -> dict[str, tuple[str, ...]]:
    """Release -> the hook's parameters there (releases where the mixin has the hook)."""
    found = {}
    for release in facts.releases():
        facts_ = release.mixins.get(mixin)
        if facts_ is not None and hook in facts_.hooks:
            found[release.name] = _parameters(facts_.hooks[hook])
    return found


class HOOK001(Rule):
    """Mixin hooks the plugin overrides take the arguments the target release passes.

    When the plugin's hook has the parameters of another InvenTree release and not those of
    the target one (`scan(self, barcode_data)` where 1.4 passes `user`;
    `add_report_context(..., request, ...)` where 1.4 passes `user`), InvenTree still loads
    the plugin, but the call fails or the hook reads the wrong object. A hook that the target
    release no longer has (ValidationMixin.validate_part_parameter, renamed in 1.2) is never
    called. A hook taking `*args, **kwargs` accepts every release's call and is not reported.

    Fix: use the target release's signature (see the "InvenTree releases" page), accept
    `**kwargs`, or raise MIN_VERSION to the release the hook was written for.
    """

    id = "HOOK001"
    severity = "feature"

    def check(
        self, project: Project, classes: Hierarchy, targets: list[ProjectClass],
        release: facts.Release,
    ) -> Iterator[Finding]:  # fmt: skip
        for cls in targets:
            for mixin in classes.mixins(cls):
                for hook in self._hooks_of(mixin):
                    found = classes.lookup(cls, hook)
                    if found is None or found.owner is not cls:
                        continue
                    message = self._problem(release, mixin, hook, found.node)
                    if (
                        message
                        and "no longer calls" in message
                        and self._has_successor(classes, cls, release, mixin, hook)
                    ):
                        continue  # written for both releases (old and new hook)
                    if message:
                        yield self.finding(
                            f"{cls.name}.{hook}: {message}",
                            file=project.rel(cls.module.file), line=found.line,
                            hint="take the target release's parameters or **kwargs",
                        )  # fmt: skip

    @staticmethod
    def _has_successor(
        classes: Hierarchy, cls: ProjectClass, target: facts.Release, mixin: str, hook: str
    ) -> bool:
        """Whether the plugin also defines a hook the target has and the old release lacked."""
        last = max(_signatures(mixin, hook), key=facts.RELEASES.index)
        old = facts.release(last).mixins[mixin].hooks
        new = set(target.mixins[mixin].hooks) - set(old)
        return any(classes.lookup(cls, name) is not None for name in new)

    @staticmethod
    def _hooks_of(mixin: str) -> set[str]:
        return {
            hook
            for release in facts.releases()
            if mixin in release.mixins
            for hook in release.mixins[mixin].hooks
            if not hook.startswith("_")
        }

    @staticmethod
    def _problem(target: facts.Release, mixin: str, hook: str, node: ast.AST) -> str | None:
        signatures = _signatures(mixin, hook)
        if not signatures:
            return None
        if target.name not in signatures:
            if mixin not in target.mixins:
                return None  # CLS009 reports the mixin itself
            last = max(signatures, key=facts.RELEASES.index)
            return f"InvenTree {target.name} no longer calls this hook (last in {last})"
        own = _own_parameters(node)
        wanted = signatures[target.name]
        if own is None or own == wanted:
            return None
        matching = [r for r, params in signatures.items() if params == own]
        if not matching:
            return None  # neither release's names: positional use may still work
        return (
            f"takes ({', '.join(own)}) as in InvenTree {', '.join(matching)}; "
            f"{target.name} calls it with ({', '.join(wanted)})"
        )
