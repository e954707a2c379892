"""CLS003/CLS004: final names of InvenTreePlugin redefined (creator/check/rules/final.py)."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.check.plugin_factory import findings, pip_plugin, with_mixins


def only(found: list, severity: str | None = None) -> None:
    assert found, "expected a finding"
    if severity:
        assert {f.severity for f in found} == {severity}, found


# ------------------------------------------------------------------------------ CLS003/4


def test_cls003_final_method_overridden(tmp_path: Path) -> None:
    core = with_mixins(body="def plugin_slug(self):\n    return 'x'\n")
    found = findings(pip_plugin(tmp_path, core), "CLS003")
    only(found, "error")
    assert "INVE-E11" in found[0].message and "'plugin_slug'" in found[0].message


def test_cls003_counts_final_methods_under_classmethod(tmp_path: Path) -> None:
    """`@classmethod @mark_final def check_is_package`: InvenTree collects it (23 names)."""
    core = with_mixins(body="@classmethod\ndef check_is_package(cls):\n    return True\n")
    only(findings(pip_plugin(tmp_path, core), "CLS003"), "error")


def test_cls003_final_properties_are_not_refused(tmp_path: Path) -> None:
    """InvenTree's check does not collect the final-marked properties: `slug` loads (CLS004)."""
    core = with_mixins(body="@property\ndef slug(self):\n    return 'x'\n")
    assert findings(pip_plugin(tmp_path, core), "CLS003") == []
    only(findings(pip_plugin(tmp_path, core, name="p2"), "CLS004"), "warning")


def test_cls003_ignores_non_final_overrides(tmp_path: Path) -> None:
    core = with_mixins(body="def get_admin_context(self):\n    return {}\n")
    assert findings(pip_plugin(tmp_path, core), "CLS003") == []


def test_cls004_final_name_as_attribute(tmp_path: Path) -> None:
    core = with_mixins(body='version = "1.0"\n')
    found = findings(pip_plugin(tmp_path, core), "CLS004")
    only(found, "warning")
    assert "VERSION" in found[0].hint
    assert findings(pip_plugin(tmp_path, core, name="p2"), "CLS003") == []


@pytest.mark.parametrize("version", ["1.0", "1.5"])
def test_cls003_uses_the_releases_final_methods(tmp_path: Path, version: str) -> None:
    core = with_mixins(body="def mixin_enabled(self, key):\n    return True\n")
    (found,) = findings(pip_plugin(tmp_path, core), "CLS003", version=version)
    assert found.severity == "error"
