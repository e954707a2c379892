"""CLS017: the order of the plugin class's bases (creator/check/rules/base_order.py)."""

from __future__ import annotations

from pathlib import Path

from tests.check.plugin_factory import CORE, findings, pip_plugin, with_mixins


def only(found: list, severity: str | None = None) -> None:
    assert found, "expected a finding"
    if severity:
        assert {f.severity for f in found} == {severity}, found


# ------------------------------------------------------------------------------ CLS017


def test_cls017_inconsistent_mro(tmp_path: Path) -> None:
    bad = with_mixins("BarcodeMixin", "SupplierBarcodeMixin")
    found = findings(pip_plugin(tmp_path, bad), "CLS017")
    only(found, "error")
    assert "method resolution order" in found[0].message


def test_cls017_mixin_after_plugin_base(tmp_path: Path) -> None:
    core = CORE.replace("(SettingsMixin, InvenTreePlugin)", "(InvenTreePlugin, SettingsMixin)")
    # Works in every modelled release (MixinBase forwards __init__): no false alarm.
    assert findings(pip_plugin(tmp_path, core), "CLS017") == []
    assert findings(pip_plugin(tmp_path, core, name="old"), "CLS017", version="1.0.0") == []


def test_cls017_project_mixin_shadowed_by_plugin_base(tmp_path: Path) -> None:
    core = CORE.replace("(SettingsMixin, InvenTreePlugin)", "(InvenTreePlugin, AdminMixin)")
    core = core.replace(
        "class MyPlugin", "class AdminMixin:\n    ADMIN_SOURCE = 'a.js'\n\n\nclass MyPlugin"
    )
    only(findings(pip_plugin(tmp_path, core), "CLS017"), "warning")
