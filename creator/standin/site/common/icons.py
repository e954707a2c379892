"""Stand-in for ``common.icons``: the icon-pack types ``IconPackMixin`` returns.

Mirrors: ``src/backend/InvenTree/common/icons.py``. ``IconPack`` describes a font-based pack:
``name``, ``prefix`` (used in ``<prefix>:<name>:<variant>`` icon strings), ``fonts`` (format ->
static URL) and ``icons`` (name -> ``Icon``). Left out: loading/validating the registered packs
and the built-in Tabler pack.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TypedDict


class Icon(TypedDict):
    """One icon: display name, category, search tags and variant -> glyph code."""

    name: str
    category: str
    tags: list[str]
    variants: dict[str, str]


@dataclass
class IconPack:
    """A font icon pack contributed by a plugin."""

    name: str
    prefix: str
    fonts: dict[str, str]
    icons: dict[str, Icon] = field(default_factory=dict)
