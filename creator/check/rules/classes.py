"""CLS: the plugin class itself, read from source (identity, final methods, versions)."""

from __future__ import annotations

import re
from collections.abc import Iterator

from creator.check.model import Context, Finding, Rule
from creator.check.rules._helpers import targets


def django_slugify(value: str) -> str:
    """django.utils.text.slugify, which InvenTree keys plugins with (no Django import)."""
    import unicodedata

    value = unicodedata.normalize("NFKD", value).encode("ascii", "ignore").decode("ascii")
    value = re.sub(r"[^\w\s-]", "", value.lower())
    return re.sub(r"[-\s]+", "-", value).strip("-_")


class SlugForm(Rule):
    """SLUG is set, in slug form (`slugify(SLUG) == SLUG`) and at most 255 characters.

    InvenTree keys the plugin by `slugify(SLUG or NAME)` but builds static-file URLs from the
    raw SLUG (`/static/plugins/<SLUG>/...`) while copying the files to the slugified folder:
    any other SLUG makes the plugin's JavaScript 404. A missing SLUG makes `plugin_static_file`
    fail; the registry key is a 255-character database field.

    Fix: set `SLUG = "my-plugin"` (lower-case ASCII letters, digits, '-' and '_').
    """

    id = "CLS001"
    severity = "error"

    def check(self, ctx: Context) -> Iterator[Finding]:
        for cls in targets(ctx):
            attribute = cls.attributes.get("SLUG")
            file = ctx.project.rel(cls.module.file)
            if attribute is None:
                yield self.finding(
                    f"{cls.name} sets no SLUG: static URLs need one",
                    file=file, line=cls.line,
                    hint=f"add SLUG = {django_slugify(str(cls.literal('NAME', cls.name)))!r}",
                    severity="warning",
                )  # fmt: skip
                continue
            if not attribute.literal or not isinstance(attribute.value, str):
                continue  # computed: the dynamic layer checks the value
            slug = attribute.value
            if django_slugify(slug) != slug or not slug:
                yield self.finding(
                    f"SLUG {slug!r} is not in slug form (InvenTree uses {django_slugify(slug)!r})",
                    file=file, line=attribute.line,
                    hint=f"set SLUG = {django_slugify(slug) or 'my-plugin'!r}",
                )  # fmt: skip
            elif len(slug) > 255:
                yield self.finding(
                    f"SLUG is {len(slug)} characters; InvenTree stores at most 255",
                    file=file, line=attribute.line, hint="use a shorter SLUG",
                )  # fmt: skip
