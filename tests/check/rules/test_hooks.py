"""HOOK001: hooks written for another release's signature are a feature that fails."""

from __future__ import annotations

from pathlib import Path

from tests.check.plugin_factory import findings, pip_plugin, with_mixins


def test_scan_without_user_fails_from_1_4(tmp_path: Path) -> None:
    core = with_mixins("BarcodeMixin", body="def scan(self, barcode_data):\n    return None\n")
    (found,) = findings(pip_plugin(tmp_path, core), "HOOK001", version="1.5")
    assert found.severity == "feature"
    assert "(barcode_data)" in found.message and "(barcode_data, user)" in found.message
    assert findings(pip_plugin(tmp_path, core, name="old"), "HOOK001", version="1.3") == []


def test_hooks_taking_kwargs_accept_every_release(tmp_path: Path) -> None:
    body = "def scan(self, barcode_data, *args, **kwargs):\n    return None\n"
    core = with_mixins("BarcodeMixin", body=body)
    assert findings(pip_plugin(tmp_path, core), "HOOK001", version="1.5") == []


def test_report_context_with_request_fails_from_1_4(tmp_path: Path) -> None:
    body = "def add_report_context(self, report_instance, model_instance, request, context):\n"
    core = with_mixins("ReportMixin", body=body + "    pass\n")
    (found,) = findings(pip_plugin(tmp_path, core), "HOOK001", version="1.4")
    assert "request" in found.message and "user" in found.message
    fixed = core.replace("request, context", "user, context")
    assert findings(pip_plugin(tmp_path, fixed, name="new"), "HOOK001", version="1.4") == []


def test_renamed_validation_hook_is_never_called(tmp_path: Path) -> None:
    old = "def validate_part_parameter(self, parameter, data):\n    pass\n"
    core = with_mixins("ValidationMixin", body=old)
    (found,) = findings(pip_plugin(tmp_path, core), "HOOK001", version="1.2")
    assert "no longer calls" in found.message
    both = old + "def validate_parameter(self, parameter, data):\n    pass\n"
    core = with_mixins("ValidationMixin", body=both)
    assert findings(pip_plugin(tmp_path, core, name="both"), "HOOK001", version="1.2") == []
