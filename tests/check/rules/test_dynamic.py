"""The DYN rules (creator/check/rules/dynamic.py), each on synthetic dynamic results.

The harness's observations are a typed `DynamicResult`: these tests build one the way the
harness would report a case and check what each rule makes of it, without a subprocess. The
subprocess itself (that the harness observes these cases) is tested in
tests/check/test_dynamic.py and the mutation suite.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from creator.check import project as project_module
from creator.check.dynamic_result import DynamicResult, ErrorInfo, PluginRecord
from creator.check.model import Finding, Rule
from creator.check.project import Project
from creator.check.rules import dynamic as rules

VERSION = "1.1.0"


@pytest.fixture
def project(tmp_path: Path) -> Iterator[Project]:
    """A minimal plugin project (the rules read its root and metadata file only)."""
    (tmp_path / "pyproject.toml").write_text(
        '[project]\nname = "inventree-demo"\nversion = "0.1.0"\n\n'
        '[project.entry-points.inventree_plugins]\nDemo = "demo_plugin.core:Demo"\n'
    )
    (tmp_path / "demo_plugin").mkdir()
    (tmp_path / "demo_plugin" / "__init__.py").write_text("")
    (tmp_path / "demo_plugin" / "core.py").write_text("")
    loaded = project_module.load(tmp_path)
    yield loaded
    loaded.close()


def error(type_: str = "ValueError", message: str = "boom", **extra: Any) -> ErrorInfo:
    info: ErrorInfo = {"type": type_, "message": message, "file": None, "line": None}
    info.update(extra)  # type: ignore[typeddict-item]
    return info


def plugin(**extra: Any) -> PluginRecord:
    """A plugin record of a class that loaded cleanly, with `extra` fields replaced."""
    record: PluginRecord = {
        "class": "demo_plugin.core.Demo",
        "file": None,
        "line": None,
        "loaded": True,
        "constructor_error": None,
        "version_error": None,
        "min_version": "1.0.0",
        "activation_errors": [],
        "settings_errors": [],
        "urls": [],
        "app": None,
        "ui": {"called": [], "errors": [], "problems": []},
        "hooks_missing": [],
    }
    record.update(extra)  # type: ignore[typeddict-item]
    return record


def ok(**values: Any) -> DynamicResult:
    """A decided run that collected the plugin class."""
    values.setdefault("classes", ["demo_plugin.core.Demo"])
    values.setdefault("plugins", [plugin()])
    return DynamicResult(status=values.pop("status", "ok"), **values)


def findings(rule: type[Rule], project: Project, result: DynamicResult) -> list[Finding]:
    ctx = type("Ctx", (), {"dynamic": result, "project": project, "inventree_version": VERSION})
    return rule().run(ctx)  # type: ignore[arg-type]


def test_a_clean_run_has_no_dynamic_findings(project: Project) -> None:
    for rule in Rule.registry.values():
        if rule.layer == "dynamic" and rule.id.startswith("DYN"):
            assert findings(rule, project, ok()) == [], rule.id


def test_nothing_but_dyn010_reads_an_undecided_run(project: Project) -> None:
    undecided = DynamicResult(reason="the stand-in could not start", plugins=[
        plugin(constructor_error=error()), plugin(hooks_missing=[{"mixin": "M", "method": "m"}])
    ], import_errors=[error(module="demo_plugin.core")])  # fmt: skip
    for rule in Rule.registry.values():
        if rule.layer == "dynamic" and rule.id.startswith("DYN") and rule.id != "DYN010":
            assert findings(rule, project, undecided) == [], rule.id
    [finding] = findings(rules.Undecided, project, undecided)
    assert "the stand-in could not start" in finding.message


class TestDYN001:
    def test_an_import_error_is_reported_with_its_last_line(self, project: Project) -> None:
        result = ok(classes=[], plugins=[], status="failed", import_errors=[
            error("SyntaxError", "Traceback...\ninvalid syntax", module="demo_plugin.core")
        ])  # fmt: skip
        [finding] = findings(rules.ImportFails, project, result)
        assert finding.message == "importing demo_plugin.core fails: SyntaxError: invalid syntax"

    def test_no_plugin_class_collected(self, project: Project) -> None:
        [finding] = findings(rules.ImportFails, project, ok(classes=[], plugins=[]))
        assert "collects no plugin class" in finding.message

    def test_network_stand_in_gaps_and_removed_modules_are_left_to_other_rules(
        self, project: Project
    ) -> None:
        result = ok(status="failed", import_errors=[
            error("URLError", "network access is disabled", module="a"),
            error("ImportError", "x", module="b", standin_gap="stand-in: plugin.x"),
            error("ModuleNotFoundError", "No module named 'label'", module="c", removed="label"),
        ])  # fmt: skip
        assert findings(rules.ImportFails, project, result) == []


class TestDYN002:
    def test_constructor_error(self, project: Project) -> None:
        result = ok(status="failed", plugins=[plugin(constructor_error=error())])
        [finding] = findings(rules.ConstructorRaises, project, result)
        assert finding.message.startswith("demo_plugin.core.Demo() raises ValueError: boom")

    def test_exit_in_constructor_is_dyn009s(self, project: Project) -> None:
        result = ok(status="failed", plugins=[plugin(constructor_error=error(exit=True))])
        assert findings(rules.ConstructorRaises, project, result) == []


class TestDYN003:
    def test_version_error(self, project: Project) -> None:
        result = ok(status="failed", plugins=[plugin(version_error="not compatible\nwith it")])
        [finding] = findings(rules.VersionIncompatible, project, result)
        assert finding.message == "not compatible with it" and finding.severity == "error"
        assert VERSION in finding.hint

    def test_min_version_above_the_model_is_a_warning(self, project: Project) -> None:
        record = plugin(version_error="not compatible", min_version="99.0.0")
        [finding] = findings(rules.VersionIncompatible, project, ok(plugins=[record]))
        assert finding.severity == "warning" and "our model is older" in finding.message


class TestDYN004:
    def test_activation_and_settings_errors(self, project: Project) -> None:
        record = plugin(
            activation_errors=[error("MixinImplementationError", "no func", step="schedule")],
            settings_errors=[error(key="GREETING")],
        )
        found = findings(rules.ActivationFails, project, ok(status="failed", plugins=[record]))
        assert [f.message for f in found] == [
            "demo_plugin.core.Demo: schedule activation fails: MixinImplementationError: no func",
            "demo_plugin.core.Demo: setting 'GREETING' cannot be read: boom",
        ]

    def test_app_step_of_a_failed_app_is_dyn006s(self, project: Project) -> None:
        app = {"path": "demo_plugin", "label": None, "error": error(), "migrations": None}
        record = plugin(app=app, activation_errors=[error(step="app")])
        assert findings(rules.ActivationFails, project, ok(plugins=[record])) == []


class TestDYN005:
    def test_url_that_does_not_resolve(self, project: Project) -> None:
        record = plugin(urls=[{"name": "plugin:demo:x", "route": "x/", "error": "NoReverseMatch"}])
        [finding] = findings(rules.UrlsResolve, project, ok(plugins=[record]))
        assert finding.message == "plugin:demo:x: NoReverseMatch"

    def test_urls_without_error(self, project: Project) -> None:
        record = plugin(urls=[{"name": "plugin:demo:x", "route": "x/", "error": None}])
        assert findings(rules.UrlsResolve, project, ok(plugins=[record])) == []


class TestDYN006:
    def test_models_without_migrations(self, project: Project) -> None:
        migrations = {"has_models": True, "has_migrations": False, "changes": [], "conflicts": {}}
        app = {"path": "demo_plugin", "label": "demo", "error": None, "migrations": migrations}
        [finding] = findings(rules.AppMigrations, project, ok(plugins=[plugin(app=app)]))
        assert "has models but no migrations" in finding.message

    def test_consistent_migrations(self, project: Project) -> None:
        migrations = {"has_models": True, "has_migrations": True, "changes": [], "conflicts": {}}
        app = {"path": "demo_plugin", "label": "demo", "error": None, "migrations": migrations}
        assert findings(rules.AppMigrations, project, ok(plugins=[plugin(app=app)])) == []


class TestDYN007:
    def test_problems_are_reported_once_per_feature(self, project: Project) -> None:
        problem = {"feature_type": "panel", "target": "part", "key": "p", "severity": "error",
                   "message": "no source", "missing_file": False}  # fmt: skip
        again = {**problem, "target": "stockitem"}
        record = plugin(ui={"called": [], "errors": [], "problems": [problem, again]})
        [finding] = findings(rules.UiFeatureInvalid, project, ok(plugins=[record]))
        assert finding.message == "UI feature 'p' of type panel (part): no source"
        assert finding.severity == "feature"

    def test_warning_problems_stay_warnings(self, project: Project) -> None:
        problem = {"feature_type": "panel", "target": "", "key": None, "severity": "warning",
                   "message": "no title", "missing_file": False}  # fmt: skip
        record = plugin(ui={"called": [], "errors": [], "problems": [problem]})
        [finding] = findings(rules.UiFeatureInvalid, project, ok(plugins=[record]))
        assert finding.severity == "warning"


class TestDYN008:
    def test_hook_raising_for_a_target(self, project: Project) -> None:
        failure = error("KeyError", "'x'", feature_type="panel", target="part")
        record = plugin(ui={"called": [], "errors": [failure], "problems": []})
        [finding] = findings(rules.UiHookRaises, project, ok(plugins=[record]))
        assert finding.message == "panel features for target 'part': KeyError: 'x'"

    def test_no_object_of_the_target_is_only_info(self, project: Project) -> None:
        failure = error("DoesNotExist", "none", feature_type="panel", target="build",
                        no_target_object=True)  # fmt: skip
        record = plugin(ui={"called": [], "errors": [failure], "problems": []})
        [finding] = findings(rules.UiHookRaises, project, ok(plugins=[record]))
        assert finding.severity == "info"


class TestDYN009:
    def test_timeout_in_plugin_code(self, project: Project) -> None:
        result = DynamicResult(status="failed", plugin_code=True, stage="import demo_plugin.core",
                               exit={"kind": "timeout", "code": None, "timeout": 6.0,
                                     "stage": "import demo_plugin.core"})  # fmt: skip
        [finding] = findings(rules.HangsOrExits, project, result)
        assert finding.message == "the plugin did not finish within 6 s (import demo_plugin.core)"

    def test_timeout_outside_plugin_code_is_not_the_plugins(self, project: Project) -> None:
        result = DynamicResult(exit={"kind": "timeout", "code": None, "timeout": 6.0})
        assert findings(rules.HangsOrExits, project, result) == []

    def test_caught_sys_exit(self, project: Project) -> None:
        exit_error = error("SystemExit", "exit code 3", stage="import demo_plugin.core", exit=True)
        [finding] = findings(rules.HangsOrExits, project, ok(status="failed", exits=[exit_error]))
        assert "stops InvenTree's process" in finding.message


class TestDYN010:
    def test_decided_runs_are_silent(self, project: Project) -> None:
        assert findings(rules.Undecided, project, ok(status="failed")) == []


class TestDYN011:
    def test_names_the_model_lacks(self, project: Project) -> None:
        result = ok(recorder={"requested": [], "missing": ["InvenTree.helpers.DownloadFile"]})
        [finding] = findings(rules.ModelLacksName, project, result)
        assert "our InvenTree model lacks InvenTree.helpers.DownloadFile" in finding.message

    def test_names_the_target_release_removed_are_cls010s(self, project: Project) -> None:
        result = ok(recorder={"requested": [], "missing": ["label"]})
        assert findings(rules.ModelLacksName, project, result) == []


class TestDYN012:
    def test_required_hook_missing(self, project: Project) -> None:
        record = plugin(hooks_missing=[{"mixin": "EventMixin", "method": "process_event"}])
        [finding] = findings(rules.RequiredHookMissing, project, ok(plugins=[record]))
        assert "does not implement process_event()" in finding.message


class TestDYN013:
    def test_network_needed_at_import(self, project: Project) -> None:
        result = ok(status="failed", import_errors=[
            error("URLError", "network access is disabled during check", module="demo_plugin")
        ])  # fmt: skip
        [finding] = findings(rules.NetworkAtLoad, project, result)
        assert finding.message.startswith("demo_plugin needs the network while loading")

    def test_other_errors_are_not_network(self, project: Project) -> None:
        result = ok(status="failed", import_errors=[error(module="demo_plugin")])
        assert findings(rules.NetworkAtLoad, project, result) == []
