"""What InvenTree's host gives plugins (creator/facts/host.py), and the copies that must agree."""

from __future__ import annotations

import re

from creator.facts.host import HOST_GLOBALS, ICON_FORM, INVENTREE_PROVIDED, INVENTREE_REQUIREMENTS
from tests.helpers import REPO

TEMPLATE_GLOBALS = (
    REPO / "template" / "{% if frontend %}frontend{% endif %}" / "inventree-globals.ts"
)


def _typescript_globals() -> dict[str, str]:
    """The INVENTREE_GLOBALS object literal of the template's Vite plugin, as a dict."""
    text = TEMPLATE_GLOBALS.read_text(encoding="utf-8")
    body = re.search(r"export const INVENTREE_GLOBALS[^=]*=\s*\{(.*?)\};", text, re.S)
    assert body is not None, "INVENTREE_GLOBALS not found in the template's TypeScript"
    entries = re.findall(r"""^\s*(?:"([^"]+)"|([\w$]+))\s*:\s*"([^"]+)",?\s*$""", body[1], re.M)
    return {quoted or bare: value for quoted, bare, value in entries}


def test_the_templates_typescript_globals_equal_the_facts() -> None:
    assert _typescript_globals() == dict(HOST_GLOBALS)


def test_icon_form_is_three_colon_separated_parts() -> None:
    assert ICON_FORM.match("ti:puzzle:outline")
    assert ICON_FORM.match("ti:circle-dot:filled")
    for wrong in ("puzzle", "ti-puzzle", "fa-solid fa-plug", "ti:puzzle", "ti:a:b:c", "ti::x"):
        assert not ICON_FORM.match(wrong), wrong


def test_provided_modules_are_the_requirement_tables_keys() -> None:
    assert frozenset(INVENTREE_REQUIREMENTS) == INVENTREE_PROVIDED
    assert INVENTREE_REQUIREMENTS["django_q"] == "django-q2"
