"""The hook signatures of the InvenTree release the stand-in plays, read from creator.facts.

InvenTree changed some hooks between releases: `BarcodeMixin.scan` takes the scanning user
from 1.4 on, `DataExportMixin.export_data` takes `serializer_context` from 1.2 on, the
ReportMixin hooks receive the user instead of the request from 1.4 on. A plugin written for
one release breaks on another exactly where it calls such a hook the other way (typically
`super().scan(data, user=user)` on 1.3). So that the stand-in shows this, each of its
versioned hooks is written once, accepting what every release passes, and `versioned` gives
it the signature of the release being played (what `inspect.signature` reports) and refuses,
with Python's TypeError, a call that release's method would refuse.

The signatures are facts extracted from InvenTree's sources (creator/facts/data), not
written here; the release comes from `InvenTree.version` (INVENTREE_STANDIN_VERSION).
"""

from __future__ import annotations

import ast
import functools
import inspect
from collections.abc import Callable
from typing import Any, TypeVar

F = TypeVar("F", bound=Callable[..., Any])

_KINDS = inspect.Parameter


def playing() -> Any:
    """The creator.facts Release the stand-in plays."""
    from InvenTree.version import inventreeVersion

    from creator import facts

    return facts.release(inventreeVersion())


def _default(node: ast.expr) -> Any:
    try:
        return ast.literal_eval(node)
    except ValueError:  # a name or call as default (never called by the stand-in)
        return None


def parse(text: str) -> inspect.Signature:
    """`"(self, barcode_data: str, user, **kwargs)"` -> an inspect.Signature (no annotations)."""
    arguments = ast.parse(f"def _{text}: pass").body[0].args  # type: ignore[attr-defined]
    parameters: list[inspect.Parameter] = []
    positional = [*arguments.posonlyargs, *arguments.args]
    defaults = [None] * (len(positional) - len(arguments.defaults)) + list(arguments.defaults)
    # Index loops, not zip(strict=...): the stand-in also runs on Python 3.9 (InvenTree 1.0/1.1).
    for index, arg in enumerate(positional):
        default = defaults[index]
        kind = _KINDS.POSITIONAL_ONLY if index < len(arguments.posonlyargs) else None
        parameters.append(
            inspect.Parameter(
                arg.arg,
                kind or _KINDS.POSITIONAL_OR_KEYWORD,
                default=_KINDS.empty if default is None else _default(default),
            )
        )
    if arguments.vararg:
        parameters.append(inspect.Parameter(arguments.vararg.arg, _KINDS.VAR_POSITIONAL))
    for index, arg in enumerate(arguments.kwonlyargs):
        default = arguments.kw_defaults[index]
        value = _KINDS.empty if default is None else _default(default)
        parameters.append(inspect.Parameter(arg.arg, _KINDS.KEYWORD_ONLY, default=value))
    if arguments.kwarg:
        parameters.append(inspect.Parameter(arguments.kwarg.arg, _KINDS.VAR_KEYWORD))
    return inspect.Signature(parameters)


def signature(mixin: str, hook: str) -> inspect.Signature | None:
    """The hook's signature in the release played; None when that release has no such hook."""
    facts = playing().mixins.get(mixin)
    text = facts.hooks.get(hook) if facts is not None else None
    return parse(text) if text else None


def has(mixin: str, hook: str) -> bool:
    """True when the release played has `mixin.hook` (hooks get renamed: validate_parameter)."""
    facts = playing().mixins.get(mixin)
    return facts is not None and hook in facts.hooks


def versioned(mixin: str) -> Callable[[F], F]:
    """Give the decorated hook of `mixin` the played release's signature, enforced on calls.

    The hook's body must accept every release's arguments (the union); the wrapper refuses
    what the played release does not take, naming the release in the message.
    """

    def decorate(function: F) -> F:
        expected = signature(mixin, function.__name__)
        if expected is None:
            return function
        release = playing().name

        @functools.wraps(function)
        def hook(*args: Any, **kwargs: Any) -> Any:
            try:
                expected.bind(*args, **kwargs)
            except TypeError as error:
                raise TypeError(
                    f"{function.__qualname__}() {error} (its signature in InvenTree "
                    f"{release}: {function.__name__}{expected})"
                ) from None
            return function(*args, **kwargs)

        hook.__signature__ = expected  # type: ignore[attr-defined]
        return hook  # type: ignore[return-value]

    return decorate


def at_least(major: int, minor: int) -> bool:
    """True when the release played is major.minor or newer (for changes not in the facts)."""
    return tuple(playing().tuple[:2]) >= (major, minor)
