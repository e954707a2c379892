"""Stand-in for ``generic.states.states``: ``ColorEnum`` and the ``StatusCode`` enum base.

Mirrors: ``src/backend/InvenTree/generic/states/states.py``. A status enum member is declared as
``NAME = value, label[, color]`` (color a ``ColorEnum`` or its string). Members are int enums
whose ``.value`` is the code; they compare equal to that int (and to anything with the same
``.value``); ``int(member)`` and ``str(member)`` give the code. The class helpers are those
InvenTree has: ``values(key=None)``, ``items()``, ``keys()``, ``labels()``, ``names()``,
``text(key)``, ``label(key)``, ``dict()``, ``list()``, ``template_context()``, ``render()``
and ``tag()``; ``member.label``/``member.color`` hold the member's own label and colour string.

Behaviour kept on purpose because InvenTree has it: the members are NOT hashable (the base
overrides ``__eq__`` without ``__hash__``, so a member cannot be a dict key or set item; use
``.value``), and their underlying ``int`` is 0, so ordering comparisons (``<``, ``>``) and
``json.dumps`` of a member do not use the code; compare ``.value`` instead.

Left out: user-defined custom states (``custom_values()`` is always empty, so ``custom=True``
adds nothing) and ``_TAG`` reference tags (``tag()`` derives the default from the class name).
"""

from __future__ import annotations

import enum
import re
from typing import Any


class ColorEnum(enum.Enum):
    """Display colours a status can use."""

    primary = "primary"
    secondary = "secondary"
    success = "success"
    danger = "danger"
    warning = "warning"
    info = "info"
    dark = "dark"


class BaseEnum(enum.IntEnum):
    """Int enum compared by its code (``int``/``str`` give the code)."""

    def __new__(cls, *args: Any) -> BaseEnum:
        member = object.__new__(cls)
        member._value_ = args[0]
        return member

    def __int__(self) -> int:
        return self.value

    def __str__(self) -> str:
        return str(self.value)

    def __eq__(self, other: object) -> bool:
        if type(other) is int:
            return self.value == other
        if hasattr(other, "value"):
            return self.value == other.value
        return super().__eq__(other)

    def __ne__(self, other: object) -> bool:
        if type(self) is type(other):
            return super().__ne__(other)
        return self.value != other


class StatusCode(BaseEnum):
    """Base for status enums: ``NAME = value, label[, color]``."""

    def __new__(cls, *args: Any) -> StatusCode:
        member = int.__new__(cls)
        member._value_ = args[0]
        label = args[1] if len(args) > 1 else args[0]
        color = args[2] if len(args) > 2 else ColorEnum.secondary
        if isinstance(color, str):
            try:
                color = ColorEnum(color)
            except ValueError:
                raise ValueError(f"Invalid color value '{color}' for status '{label}'") from None
        member.label = label  # type: ignore[attr-defined]
        member.color = color.value  # type: ignore[attr-defined]
        member.color_class = color.value  # type: ignore[attr-defined]
        return member

    @classmethod
    def _is_element(cls, name: str) -> bool:
        if name.startswith("_") or name != name.upper():
            return False
        member = getattr(cls, name, None)
        if member is None or callable(member):
            return False
        return isinstance(member.value, int)

    @classmethod
    def custom_values(cls) -> list[Any]:
        """User-defined states for this class: none in the stand-in."""
        return []

    @classmethod
    def values(cls, key: Any = None, custom: bool = True) -> Any:
        """All members, or the member whose code is ``key`` (None if there is none)."""
        members = [m for m in cls if cls._is_element(m.name)]
        if key is None:
            return members
        return next((m for m in members if m.value == key), None)

    @classmethod
    def render(cls, key: Any, large: bool = False) -> Any:
        """HTML badge for ``key`` (``key`` itself when unknown)."""
        member = cls.values(key)
        if member is None:
            return key
        return f"<span class='badge rounded-pill bg-{member.color}'>{member.label}</span>"

    @classmethod
    def tag(cls) -> str:
        """Reference tag: the class name without ``Status``, in snake case."""
        name = cls.__name__.removesuffix("Status")
        return re.sub(r"(?<!^)(?=[A-Z])", "_", name).lower()

    @classmethod
    def items(cls, custom: bool = True) -> list[tuple[int, Any]]:
        """``(code, label)`` pairs."""
        return [(m.value, m.label) for m in cls.values()]

    @classmethod
    def keys(cls) -> list[int]:
        """All codes."""
        return [m.value for m in cls.values()]

    @classmethod
    def labels(cls) -> list[Any]:
        """All labels."""
        return [m.label for m in cls.values()]

    @classmethod
    def names(cls) -> dict[str, int]:
        """``{NAME: code}``."""
        return {m.name: m.value for m in cls.values()}

    @classmethod
    def text(cls, key: Any) -> Any:
        """Label for code ``key`` (``key`` itself when unknown)."""
        member = cls.values(key)
        return key if member is None else member.label

    @classmethod
    def label(cls, key: Any) -> Any:  # type: ignore[override]
        """Label for code ``key`` (a member's own ``.label`` attribute shadows this)."""
        member = cls.values(key)
        return key if member is None else member.label

    @classmethod
    def dict(cls, key: Any = None, custom: bool = True) -> dict[str, dict[str, Any]]:
        """``{NAME: {"color", "key", "label", "name"}}`` (one member when ``key`` is given)."""
        found = cls.values(key)
        members = found if key is None else ([found] if found is not None else [])
        return {
            m.name: {"color": m.color, "key": m.value, "label": m.label, "name": m.name}
            for m in members
        }

    @classmethod
    def list(cls, custom: bool = True) -> list[dict[str, Any]]:
        """The ``dict()`` entries as a list."""
        return [*cls.dict(custom=custom).values()]

    @classmethod
    def template_context(cls, custom: bool = True) -> dict[str, Any]:
        """``{NAME: code, ..., "list": [...]}`` for templates."""
        data = cls.dict(custom=custom)
        context: dict[str, Any] = {entry["name"]: entry["key"] for entry in data.values()}
        context["list"] = [*data.values()]
        return context


__all__ = ["BaseEnum", "ColorEnum", "StatusCode"]
