"""The key InvenTree files a plugin under: Django's `slugify(SLUG or NAME)`."""

from __future__ import annotations


def slugify(value: str) -> str:
    """`django.utils.text.slugify`, the function InvenTree keys plugins with."""
    # lazy: importing it loads Django's translation machinery (about 150 ms), which only a
    # check that reaches a slug rule needs, never `--help` or `--list-rules`
    from django.utils.text import slugify as django_slugify

    return str(django_slugify(value))
