"""Verdicts mean what InvenTree means: `loads` False only where InvenTree does not load.

Each case is a divergence found against the real loader (issue 10), with the fix's passing
and failing side.
"""

from __future__ import annotations

import os
from pathlib import Path

from creator.check import run
from creator.check.model import Finding
from creator.check.runner import Report
from tests.check.plugin_factory import CORE, pip_plugin, with_mixins


def _report(findings_: list[Finding], loads: bool | None = True) -> Report:
    return Report(loads=loads, findings=findings_)


def test_summary_counts_features_that_will_fail() -> None:
    two = [Finding("UI001", "feature", "x"), Finding("CLS018", "feature", "y")]
    assert _report(two).summary() == "loads; 2 features will fail"
    assert _report([]).summary() == "loads"
    assert _report([Finding("CLS009", "error", "z")], False).summary() == "does not load (1 error)"


def test_exit_codes_and_strict() -> None:
    feature = [Finding("UI001", "feature", "x")]
    assert _report(feature).exit_code() == 0
    assert _report(feature).exit_code(strict=True) == 1
    assert _report([], False).exit_code() == 1
    assert _report([], None).exit_code() == 3


def test_missing_static_file_is_a_feature_not_a_load_failure(tmp_path: Path) -> None:
    core = with_mixins(
        "UserInterfaceMixin",
        body="""\
        def get_ui_panels(self, request, context, **kwargs):
            return [{"key": "p", "title": "P", "source": self.plugin_static_file("Gone.js:render")}]
        """,
    )
    report = run(pip_plugin(tmp_path, core), static_only=True, select=["UI001"])
    assert [f.severity for f in report.findings] == ["feature"]
    assert report.loads is not False


def test_relative_path_is_checked_like_an_absolute_one(tmp_path: Path) -> None:
    project = pip_plugin(tmp_path)
    cwd = Path.cwd()
    try:
        os.chdir(project.parent)
        relative = run(Path(project.name))
    finally:
        os.chdir(cwd)
    assert relative.loads is True, relative.as_dict()
    assert not relative.findings


def test_network_errors_are_recognised() -> None:
    from creator.check.rules.dynamic import needs_network

    assert needs_network({"type": "gaierror", "message": "[Errno -2] Name or service not known"})
    assert needs_network({"type": "ConnectionError", "message": "Max retries exceeded"})
    assert not needs_network({"type": "KeyError", "message": "'x'"})


def test_network_needed_in_the_constructor_is_undecided(tmp_path: Path) -> None:
    """Offline, the constructor's fetch fails: a feature finding and undecided, never 'fails'."""
    body = """\
    def __init__(self):
        super().__init__()
        import socket
        socket.create_connection(("inventree-check.invalid", 80), timeout=2)
    """
    report = run(pip_plugin(tmp_path, with_mixins(body=body)))
    assert [(f.rule, f.severity) for f in report.findings] == [("DYN013", "feature")]
    assert report.loads is None  # a server with network access may load it


MODELS = (
    "from django.db import models\n\n\n"
    "class Record(models.Model):\n    name = models.CharField(max_length=10)\n"
)


def test_models_imported_at_discovery_do_not_load(tmp_path: Path) -> None:
    """Models imported by the entry module at its top fail discovery (real 1.5 loader).

    'Model class ... doesn't declare an explicit app_label', with or without AppMixin.
    """
    core = with_mixins("AppMixin").replace(
        "from plugin import InvenTreePlugin",
        "from plugin import InvenTreePlugin\nfrom . import models",
    )
    report = run(pip_plugin(tmp_path, core, extra={"my_plugin/models.py": MODELS}))
    assert report.loads is False
    assert any(f.rule == "DYN001" and "app_label" in f.message for f in report.findings)


def test_app_models_without_migrations_load_with_a_failing_feature(tmp_path: Path) -> None:
    """Real 1.5 loader: the AppMixin plugin activates; only its tables are missing."""
    core = with_mixins("AppMixin")
    report = run(pip_plugin(tmp_path, core, extra={"my_plugin/models.py": MODELS}))
    assert report.loads is True, report.as_dict()
    assert {f.rule for f in report.features} >= {"PKG008"}


def test_a_member_our_stand_in_lacks_is_undecided_not_blamed(tmp_path: Path) -> None:
    """InvenTree's PluginConfig may have members our stand-in lacks: undecided, name shown."""
    body = """\
    def __init__(self):
        super().__init__()
        self.plugin_config().member_not_in_our_model()
    """
    report = run(pip_plugin(tmp_path, with_mixins(body=body)))
    assert report.loads is None, report.as_dict()
    text = " ".join(f.message for f in report.findings)
    assert "PluginConfig.member_not_in_our_model" in text


def test_a_name_inventree_removed_is_the_plugins_error_not_our_gap(tmp_path: Path) -> None:
    """part.models.PartParameter is gone since 1.2 (parameter rework): the real 1.5 refuses."""
    core = CORE.replace(
        "from plugin import InvenTreePlugin",
        "from part.models import PartParameter  # noqa\nfrom plugin import InvenTreePlugin",
    )
    report = run(pip_plugin(tmp_path, core))
    assert report.loads is False
    assert [f.rule for f in report.errors] == ["CLS010"]
    assert not any(f.rule == "DYN011" for f in report.findings)


def test_a_field_our_stand_in_model_lacks_is_undecided(tmp_path: Path) -> None:
    """A query naming a field InvenTree's model may have: undecided, the field named."""
    body = """\
    def __init__(self):
        super().__init__()
        from plugin.models import PluginConfig
        PluginConfig.objects.filter(field_not_in_our_model=1).count()
    """
    report = run(pip_plugin(tmp_path, with_mixins(body=body)))
    assert report.loads is None, report.as_dict()
    assert any("PluginConfig.field_not_in_our_model" in f.message for f in report.findings)
