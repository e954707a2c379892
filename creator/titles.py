"""Titles we cannot derive names from (Japanese, Cyrillic, ...): ask for a slug instead.

copier.yml derives the slug, package, class and distribution names from the plugin title by
folding Latin letters to ASCII (includes/names.jinja); a title without any Latin letter or
digit would silently become `my-plugin`. The CLI asks for the slug (wizard) or refuses with a
one-line hint (non-interactive), and derives the package and class names from that slug.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from typing import Any

from creator.errors import CreatorError
from creator.questions import Template

#: Derived answers that follow the slug when the title gives no name.
FROM_SLUG = ("package_name", "class_name")


def has_ascii_name(template: Template, title: str) -> bool:
    """True when the title has a letter or digit that name derivation keeps."""
    table = template.data["transliteration"]
    folded = "".join(
        table["to"][table["from"].find(c)] if c in table["from"] else table["multi"].get(c, c)
        for c in title
    )
    return re.search("[A-Za-z0-9]", folded) is not None


def names_from_slug(template: Template, answers: Mapping[str, Any]) -> dict[str, Any]:
    """Package and class names derived from the slug (as if the slug were the title)."""
    context = {**answers, "plugin_name": str(answers["plugin_slug"]).replace("-", " ")}
    return {
        name: template.default(template.by_name[name], context)
        for name in FROM_SLUG
        if name not in answers
    }


def complete(template: Template, given: Mapping[str, Any]) -> dict[str, Any]:
    """`given` plus slug-derived names when the title has no ASCII name; refuse without slug.

    Non-interactive path: a title like "在庫アラーム" needs `-d plugin_slug=...`.
    """
    title = given.get("plugin_name")
    if title is None:
        title = template.default(template.by_name["plugin_name"], given)
    if has_ascii_name(template, str(title)):
        return dict(given)
    if "plugin_slug" not in given:
        raise CreatorError(
            f"cannot derive names from the title {title!r} (no Latin letters or digits): "
            "pass -d plugin_slug=<ascii-slug>, e.g. -d plugin_slug=stock-alarm"
        )
    return {**given, **names_from_slug(template, given)}
