"""Any text a user types must yield files that parse, with the text shown byte-exact."""

from __future__ import annotations

import ast
import json
import re
import tomllib
from pathlib import Path

import pytest
import yaml

from creator.errors import CreatorError
from creator.questions import load
from tests.helpers import parse_all, render, ruff_clean

MIXINS = [value for _, value in load().choices(load().by_name["mixins"], {})]

ONE_LINE = [
    "Zoë \"double\" 'single' \\back\\slash \\n \\u0041 \\",
    "{{ 7*7 }} {% if x %}y{% endif %} {# c #} {{ undefined }} ${HOME} $(id) `id`",
    "<script>alert('x')</script> & &amp; < > | ; # -- /* */",
    "漢字 עברית RTL 😀 👩\u200d👩\u200d👧 \u2028 line separator \u00a0 nbsp",
    '""" triple \'\'\' quotes """',
]
MULTI_LINE = [
    'first line\nsecond "line" \\\nthird {{ x }}\r\nend\\',
    '"""\nends inside a docstring?\n"""',
    "\ttabbed\n\n\nand blank lines 😀",
]


def class_attributes(project: Path, package: str) -> dict[str, str]:
    """The plugin class's string constants, read back with the Python parser."""
    tree = ast.parse((project / package / "core.py").read_text(encoding="utf-8"))
    cls = next(node for node in tree.body if isinstance(node, ast.ClassDef))
    values = {}
    for node in cls.body:
        if isinstance(node, ast.Assign) and isinstance(node.value, ast.Constant):
            values[node.targets[0].id] = node.value.value  # type: ignore[attr-defined]
    return values


def generate(root: Path, dest: Path, **answers: str) -> tuple[Path, dict]:
    project = render(root, dest, mixins=MIXINS, frontend=False, **answers)
    stored = yaml.safe_load((project / ".copier-answers.yml").read_text(encoding="utf-8"))
    return project, stored


@pytest.mark.parametrize("text", ONE_LINE)
def test_hostile_plugin_name_and_author(text: str, template_root: Path, tmp_path: Path) -> None:
    """Title and author come out exactly as typed in Python, TOML, LICENSE and answers."""
    project, stored = generate(template_root, tmp_path / "p", plugin_name=text, author_name=text)
    parse_all(project)
    assert not ruff_clean(project)
    attributes = class_attributes(project, stored["package_name"])
    assert attributes["TITLE"] == text
    assert attributes["AUTHOR"] == text
    meta = tomllib.loads((project / "pyproject.toml").read_text(encoding="utf-8"))
    assert meta["project"]["authors"][0]["name"] == text
    assert text in (project / "LICENSE").read_text(encoding="utf-8")
    assert text in (project / "README.md").read_text(encoding="utf-8")
    assert stored["plugin_name"] == text and stored["author_name"] == text


@pytest.mark.parametrize("text", ONE_LINE + MULTI_LINE)
def test_hostile_description(text: str, template_root: Path, tmp_path: Path) -> None:
    """The description may span lines: Python keeps it whole, TOML gets it on one line."""
    project, stored = generate(template_root, tmp_path / "p", description=text)
    parse_all(project)
    assert not ruff_clean(project)
    assert class_attributes(project, stored["package_name"])["DESCRIPTION"] == text
    meta = tomllib.loads((project / "pyproject.toml").read_text(encoding="utf-8"))
    one_line = text.replace("\r\n", " ").replace("\n", " ").replace("\r", " ")
    assert meta["project"]["description"] == one_line
    # Markdown shows CRLF and LF alike; Copier writes text files with LF line ends.
    shown = text.replace("\r\n", "\n")
    assert shown in (project / "README.md").read_text(encoding="utf-8")
    assert stored["description"] == text


def test_hostile_text_in_json_files(template_root: Path, tmp_path: Path) -> None:
    """Every JSON file (frontend config included) still parses with hostile answers."""
    project = render(
        template_root,
        tmp_path / "p",
        plugin_name=ONE_LINE[0],
        description=MULTI_LINE[0],
        author_name=ONE_LINE[3],
        mixins=MIXINS,
        frontend=True,
    )
    for path in project.rglob("*.json"):
        json.loads(path.read_text(encoding="utf-8"))


@pytest.mark.parametrize("text", ["two\nlines", "tab\tinside", "nul\x00byte"])
def test_control_characters_refused_in_one_line_answers(text: str, template_root: Path) -> None:
    """Titles and author names are single lines: control characters are refused clearly."""
    from creator.questions import Template

    with pytest.raises(CreatorError, match="single line"):
        Template(template_root).resolve({"plugin_name": text}, use_defaults=True)


def test_website_and_email_round_trip(template_root: Path, tmp_path: Path) -> None:
    """A URL with query characters and a plus-address survive TOML and Python."""
    url = "https://example.com/a_b?q=1&r={x}#frag"
    email = "first.last+inventree@sub.example.org"
    project, stored = generate(template_root, tmp_path / "p", website=url, author_email=email)
    meta = tomllib.loads((project / "pyproject.toml").read_text(encoding="utf-8"))
    assert meta["project"]["urls"]["Homepage"] == url
    assert meta["project"]["authors"][0]["email"] == email
    assert class_attributes(project, stored["package_name"])["WEBSITE"] == url


@pytest.mark.parametrize(
    ("key", "value", "message"),
    [
        ("plugin_name", "Stock\u202eAlarm", "bidirectional or zero-width characters (U+202E)"),
        ("plugin_name", "Stock\u2066Alarm\u2069", "bidirectional or zero-width"),
        ("plugin_name", "Stock\u200bAlarm", "bidirectional or zero-width characters (U+200B)"),
        ("plugin_name", "Stock\u200dAlarm", "bidirectional or zero-width characters (U+200D)"),
        ("author_name", "\ufeffMe", "bidirectional or zero-width"),
        ("description", "red \x1b[31m alert", "control characters (U+001B)"),
        ("description", "bell \x07", "control characters (U+0007)"),
        ("description", "del \x7f", "control characters (U+007F)"),
        ("description", "c1 \x9b", "control characters (U+009B)"),
        ("description", "x" * 1001, "at most 1000 characters"),
        ("copyright_year", "2024; rm -rf /", "copyright_year must be a year"),
        ("copyright_year", "0001", "copyright_year must be a year"),
        ("copyright_year", "٢٠٢٤", "copyright_year must be a year"),
        ("distribution_name", "a" * 300, "distribution_name must be at most 120"),
        ("package_name", "creator", "shadow the module 'creator'"),
        ("package_name", "dateutil", "shadow the module 'dateutil'"),
        ("package_name", "whitenoise", "shadow the module 'whitenoise'"),
    ],
)
def test_hostile_answers_are_refused_up_front(
    template_root: Path, key: str, value: str, message: str
) -> None:
    """Refused in one line before anything is written.

    Invisible and control characters, unbounded lengths, a bad year, a name that would shadow
    our own package or one InvenTree imports.
    """
    from creator.questions import Template

    with pytest.raises(CreatorError, match=re.escape(message)) as error:
        Template(template_root).resolve({key: value}, use_defaults=True)
    assert "\n" not in str(error.value)


def test_a_title_deriving_a_too_long_distribution_is_refused(template_root: Path) -> None:
    """A 255-character slug would derive a 265-character distribution: refused up front.

    Not "File name too long" halfway through writing the project.
    """
    from creator.questions import Template

    with pytest.raises(CreatorError, match="distribution_name must be at most"):
        Template(template_root).resolve({"plugin_slug": "a" * 255}, use_defaults=True)
