"""The markers a quick run leaves out are on the tests that need them, and nowhere else.

tests/conftest.py marks tests by the fixtures they use (FIXTURE_NEEDS) and by their names
(TEST_NEEDS). A renamed or moved fixture or test would silently fall out of those tables and
into the quick loop, so every entry must name one that exists.
"""

from __future__ import annotations

import re
import tomllib

import pytest

from tests import conftest
from tests.helpers import REPO

pytest_plugins = ["pytester"]

REGISTERED = {
    line.split(":")[0]
    for line in tomllib.loads((REPO / "pyproject.toml").read_text())["tool"]["pytest"][
        "ini_options"
    ]["markers"]
}


def test_the_five_markers_are_registered_and_strict() -> None:
    options = tomllib.loads((REPO / "pyproject.toml").read_text())["tool"]["pytest"]
    assert {"slow", "browser", "npm", "network", "inventree"} <= REGISTERED
    assert "--strict-markers" in options["ini_options"]["addopts"]


def test_tables_use_only_registered_markers() -> None:
    used = {m for marks in [*conftest.FIXTURE_NEEDS.values(), *conftest.TEST_NEEDS.values()]
            for m in marks}  # fmt: skip
    assert used <= REGISTERED


@pytest.mark.parametrize("key", sorted(conftest.FIXTURE_NEEDS))
def test_each_listed_fixture_exists(key: str) -> None:
    module, name = key.split(":")
    path = REPO.joinpath(*module.split(".")).with_suffix(".py")
    assert path.is_file(), f"{key}: no module {path.relative_to(REPO)}"
    fixture = rf"^@pytest\.fixture\b.*\n(?:@.*\n)*def {name}\("
    assert re.search(fixture, path.read_text(encoding="utf-8"), re.MULTILINE), f"{key}: no fixture"


def test_each_listed_test_is_defined_exactly_once() -> None:
    sources = "\n".join(
        path.read_text(encoding="utf-8") for path in (REPO / "tests").rglob("test_*.py")
    )
    for name in conftest.TEST_NEEDS:
        found = len(re.findall(rf"^\s*def {name}\(", sources, re.MULTILINE))
        assert found == 1, f"TEST_NEEDS names {name}, defined {found} times under tests/"


def test_a_test_gets_the_markers_of_the_fixtures_it_uses_at_any_depth(
    pytester: pytest.Pytester, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setitem(conftest.FIXTURE_NEEDS, "test_demo:chromium", ("browser",))
    monkeypatch.setitem(conftest.TEST_NEEDS, "test_by_name", ("network", "slow"))
    pytester.makeconftest(
        "from tests.conftest import pytest_collection_modifyitems  # noqa: F401\n"
    )
    pytester.makepyfile(
        test_demo="""
        import pytest

        @pytest.fixture
        def chromium():
            return "chromium"

        @pytest.fixture
        def page(chromium):
            return chromium

        def test_direct(chromium): pass
        def test_through_another_fixture(page): pass
        def test_plain(): pass
        @pytest.mark.parametrize("n", [1, 2])
        def test_by_name(n): pass
        """
    )
    items, _ = pytester.inline_genitems()
    marks = {item.name: {m.name for m in item.iter_markers()} - {"parametrize"} for item in items}
    assert marks == {
        "test_direct": {"browser"},
        "test_through_another_fixture": {"browser"},
        "test_plain": set(),
        "test_by_name[1]": {"network", "slow"},
        "test_by_name[2]": {"network", "slow"},
    }
