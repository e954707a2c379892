"""InvenTreePlugin: identity, final methods (INVE-E11), metadata and version quirks."""

from __future__ import annotations

import textwrap

import pytest

from .helpers import run_in_standin


@pytest.mark.parametrize(
    ("body", "name"),
    [
        ("def plugin_slug(self):\n    return 'x'", "plugin_slug"),
        ("@property\ndef is_active(self):\n    return True", "is_active"),
        ("@classmethod\ndef check_is_package(cls):\n    return None", "check_is_package"),
        ("@staticmethod\ndef plugin_static_file(*a):\n    return ''", "plugin_static_file"),
    ],
    ids=["method", "property", "classmethod", "staticmethod"],
)
def test_overriding_a_final_method_raises_inve_e11(body: str, name: str) -> None:
    class_body = textwrap.indent(body, " " * 8)
    message = run_in_standin(
        f"""
from plugin import InvenTreePlugin
try:
    class Bad(InvenTreePlugin):
        NAME = "Bad"
{class_body}
except TypeError as exc:
    emit(str(exc))
""",
        db=False,
    )
    assert message == (
        f"INVE-E11: Plugin 'Bad' cannot override final method '{name}' from InvenTreePlugin."
    )


def test_final_properties_are_not_refused() -> None:
    """InvenTree's check collects only plain methods marked final: `slug` may be redefined."""
    message = run_in_standin(
        """
from plugin import InvenTreePlugin
class Fine(InvenTreePlugin):
    NAME = "Fine"
    def slug(self):
        return "x"
emit("ok")
""",
        db=False,
    )
    assert message == "ok"


def test_final_names_are_the_models_and_all_marked() -> None:
    result = run_in_standin(
        """
from plugin.plugin import FINAL_METHODS, InvenTreePlugin
marked = set()
for klass in InvenTreePlugin.__mro__:
    for attr, value in vars(klass).items():
        target = getattr(value, "fget", None) or getattr(value, "__func__", None) or value
        if getattr(target, "__inventree_final__", False):
            marked.add(attr)
emit({"final": sorted(FINAL_METHODS), "marked": sorted(marked)})
""",
        db=False,
    )
    from creator import facts

    assert result["final"] == sorted(facts.release(facts.NEWEST).final_methods)
    assert set(result["final"]) <= set(result["marked"])
    assert len(result["final"]) == 23


def test_plain_attribute_with_a_final_name_is_not_caught() -> None:
    # The blind spot of InvenTree's check (docs/design/loader.md, Final methods): only method-like
    # attributes are checked.
    assert (
        run_in_standin(
            """
from plugin import InvenTreePlugin
class Sneaky(InvenTreePlugin):
    NAME = "Sneaky"
    version = "1.0"
emit(Sneaky().version)
""",
            db=False,
        )
        == "1.0"
    )


def test_slug_name_and_title_derivation() -> None:
    result = run_in_standin(
        """
from plugin import InvenTreePlugin
from plugin.registry import registry
class A(InvenTreePlugin):
    NAME = "My Cool Plugin"
class B(InvenTreePlugin):
    NAME = "B"
    SLUG = "Fancy Slug!"
    TITLE = "Bee"
a, b = A(), B()
emit([a.slug, a.name, a.human_name, b.slug, b.human_name, registry.plugin_key(B),
      a.description, a.author])
""",
        db=False,
    )
    assert result == [
        "my-cool-plugin",
        "My Cool Plugin",
        "My Cool Plugin",
        "fancy-slug",
        "Bee",
        "fancy-slug",
        "My Cool Plugin",
        "No author found",
    ]


def test_static_file_uses_raw_slug_and_none_slug_raises() -> None:
    result = run_in_standin(
        """
from plugin import InvenTreePlugin
class A(InvenTreePlugin):
    NAME = "A"
    SLUG = "Not A Slug"
class B(InvenTreePlugin):
    NAME = "B"
try:
    B().plugin_static_file("Panel.js")
    none_error = None
except TypeError as exc:
    none_error = type(exc).__name__
emit([A().plugin_static_file("Panel.js:renderPanel"), none_error])
""",
        db=False,
    )
    assert result == ["/static/plugins/Not A Slug/Panel.js:renderPanel", "TypeError"]


def test_publish_date_must_be_iso() -> None:
    result = run_in_standin(
        """
from plugin import InvenTreePlugin
class A(InvenTreePlugin):
    NAME = "A"
    PUBLISH_DATE = "2024-01-31"
class B(InvenTreePlugin):
    NAME = "B"
    PUBLISH_DATE = "31/01/2024"
try:
    B().pub_date
    bad = None
except ValueError:
    bad = "ValueError"
emit([A().pub_date.isoformat(), bad])
""",
        db=False,
    )
    assert result == ["2024-01-31T00:00:00", "ValueError"]


@pytest.mark.parametrize(
    ("text", "parsed"),
    [
        ("1.2.3", [1, 2, 3]),
        ("10.2.3", [0, 2, 3]),
        ("1.2", []),
        ("1.2.0dev", [1, 2, 0]),
        ("v1.3.0", [1, 3, 0]),
    ],
)
def test_version_tuple_parsing_quirks(text: str, parsed: list[int]) -> None:
    code = "from InvenTree.version import inventreeVersionTuple\n"
    code += f"emit(inventreeVersionTuple({text!r}))"
    assert run_in_standin(code, db=False) == parsed


def test_current_version_comes_from_configure() -> None:
    code = "from InvenTree.version import inventreeVersion, inventreeVersionTuple\n"
    code += "emit([inventreeVersion(), inventreeVersionTuple()])"
    assert run_in_standin(code, db=False) == ["1.1.0", [1, 1, 0]]
    assert run_in_standin(code, db=False, version="0.17.4") == ["0.17.4", [0, 17, 4]]


@pytest.mark.parametrize(
    ("min_v", "max_v", "ok"),
    [
        (None, None, True),
        ("1.0.0", "1.9.9", True),
        ("1.2.0", None, False),
        (None, "2.0", False),  # two-part MAX parses as [] and disables the plugin
        ("1.2", None, True),  # two-part MIN parses as [] and is no bound at all
        (None, "10.0.0", False),  # parses as [0, 0, 0]
    ],
)
def test_check_version(min_v: str | None, max_v: str | None, ok: bool) -> None:
    code = f"""
from plugin import InvenTreePlugin
class A(InvenTreePlugin):
    NAME = "A"
    MIN_VERSION = {min_v!r}
    MAX_VERSION = {max_v!r}
emit(A().check_version())
"""
    assert run_in_standin(code, db=False, version="1.1.0") is ok
