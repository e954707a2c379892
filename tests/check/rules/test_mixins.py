"""CLS rules on what mixins require of the class (creator/check/rules/mixins.py)."""

from __future__ import annotations

from pathlib import Path

from tests.check.plugin_factory import CORE, findings, pip_plugin, with_mixins


def only(found: list, severity: str | None = None) -> None:
    assert found, "expected a finding"
    if severity:
        assert {f.severity for f in found} == {severity}, found


# ------------------------------------------------------------------------------ CLS013-16


def test_cls013_scheduled_tasks(tmp_path: Path) -> None:
    body = """\
        SCHEDULED_TASKS = {
            "a": {"func": "run", "schedule": "I"},
            "b": {"schedule": "D"},
            "c": {"func": "run", "schedule": "X"},
        }
        """
    found = findings(pip_plugin(tmp_path, with_mixins("ScheduleMixin", body=body)), "CLS013")
    only(found, "feature")
    assert len(found) == 3


def test_cls013_valid_and_computed_tasks_pass(tmp_path: Path) -> None:
    body = """\
        SCHEDULED_TASKS = {
            "a": {"func": "run", "schedule": "i", "minutes": 5},
            "b": {"func": "pkg.mod.run", "schedule": "D"},
            "c": make_task(),
        }
        """
    assert findings(pip_plugin(tmp_path, with_mixins("ScheduleMixin", body=body)), "CLS013") == []


def test_cls014_navigation_entries(tmp_path: Path) -> None:
    bad = with_mixins(
        "NavigationMixin", body='NAVIGATION = [{"name": "A"}, {"name": "B", "link": "x"}]\n'
    )
    found = findings(pip_plugin(tmp_path, bad), "CLS014")
    only(found, "error")
    assert len(found) == 1 and "'link'" in found[0].message
    good = with_mixins("NavigationMixin", body='NAVIGATION = [{"name": "B", "link": "x"}]\n')
    assert findings(pip_plugin(tmp_path, good, name="p2"), "CLS014") == []


def test_cls015_api_call_settings(tmp_path: Path) -> None:
    bad = with_mixins("APICallMixin", "SettingsMixin", body='API_URL_SETTING = "URL"\n')
    found = findings(pip_plugin(tmp_path, bad), "CLS015")
    only(found, "feature")
    assert "API_TOKEN_SETTING" in found[0].message
    good = with_mixins(
        "APICallMixin",
        "SettingsMixin",
        body='API_URL_SETTING = "URL"\nAPI_TOKEN_SETTING = "TOKEN"\n'
        'SETTINGS = {"URL": {"name": "u"}, "TOKEN": {"name": "t"}}\n',
    )
    assert findings(pip_plugin(tmp_path, good, name="p2"), "CLS015") == []


def test_cls016_transition_handlers_not_a_list(tmp_path: Path) -> None:
    bad = with_mixins("TransitionMixin", body="TRANSITION_HANDLERS = (Handler(),)\n")
    only(findings(pip_plugin(tmp_path, bad), "CLS016"), "feature")
    good = with_mixins("TransitionMixin", body="TRANSITION_HANDLERS = [Handler()]\n")
    assert findings(pip_plugin(tmp_path, good, name="p2"), "CLS016") == []


def test_lower_case_schedule_letter_is_accepted(tmp_path: Path) -> None:
    """ScheduleMixin upper-cases the schedule before checking it."""
    body = 'SCHEDULED_TASKS = {"t": {"func": "run", "schedule": "d"}}\ndef run(self):\n    pass\n'
    assert findings(pip_plugin(tmp_path, with_mixins("ScheduleMixin", body=body)), "CLS013") == []
    bad = body.replace('"d"', '"x"')
    assert findings(
        pip_plugin(tmp_path, with_mixins("ScheduleMixin", body=bad), name="b"), "CLS013"
    )


def test_transition_handlers_holding_a_class_is_a_feature(tmp_path: Path) -> None:
    body = "TRANSITION_HANDLERS = [Handler]\n"
    core = with_mixins("TransitionMixin", body=body).replace(
        "class MyPlugin", "class Handler:\n    pass\n\n\nclass MyPlugin"
    )
    (found,) = findings(pip_plugin(tmp_path, core), "CLS016")
    assert found.severity == "feature" and "Handler()" in found.hint
    ok = core.replace("[Handler]", "[Handler()]")
    assert findings(pip_plugin(tmp_path, ok, name="ok"), "CLS016") == []


# ------------------------------------------------------------------------------ CLS018


def test_cls018_required_hook_missing(tmp_path: Path) -> None:
    found = findings(pip_plugin(tmp_path, with_mixins("EventMixin")), "CLS018")
    only(found, "feature")
    assert "process_event" in found[0].message


def test_cls018_print_labels_replaces_print_label(tmp_path: Path) -> None:
    """LabelPrintingMixin's default print_labels is print_label's only caller."""
    core = with_mixins("LabelPrintingMixin", body="def print_labels(self, *a, **k):\n    pass\n")
    assert findings(pip_plugin(tmp_path, core), "CLS018") == []
    bare = with_mixins("LabelPrintingMixin")
    assert "print_label()" in findings(pip_plugin(tmp_path, bare, name="p2"), "CLS018")[0].message


def test_cls018_hook_in_project_base_class_in_another_module(tmp_path: Path) -> None:
    core = with_mixins("EventMixin", "LabelPrintingMixin").replace(
        "class MyPlugin(EventMixin, LabelPrintingMixin, ",
        "from .base import Handlers\n\n\nclass MyPlugin(Handlers, EventMixin, LabelPrintingMixin, ",
    )
    extra = {
        "my_plugin/base.py": """\
            class Handlers:
                def process_event(self, event, *args, **kwargs):
                    pass

                def print_labels(self, label, output, items, request, **kwargs):
                    pass
            """
    }
    assert findings(pip_plugin(tmp_path, core, extra=extra), "CLS018") == []


def test_cls018_unknown_external_base_is_not_judged(tmp_path: Path) -> None:
    core = with_mixins("EventMixin").replace(
        "class MyPlugin(EventMixin, ",
        "from somelib import Base\n\n\nclass MyPlugin(Base, EventMixin, ",
    )
    assert findings(pip_plugin(tmp_path, core), "CLS018") == []


# ------------------------------------------------------------------------------ --CLS019


def test_cls019_unknown_setting_key(tmp_path: Path) -> None:
    core = CORE.replace('"description": "Text"', '"descripton": "Text"')
    found = findings(pip_plugin(tmp_path, core), "CLS019")
    only(found, "warning")
    assert "descripton" in found[0].message


def test_lower_case_setting_key_loads_but_loses_its_definition(tmp_path: Path) -> None:
    core = with_mixins(body='SETTINGS = {"api_key": {"name": "Key", "default": "x"}}\n')
    (found,) = findings(pip_plugin(tmp_path, core), "CLS019")
    assert found.severity == "warning" and "'API_KEY'" in found.message
    upper = with_mixins(body='SETTINGS = {"API_KEY": {"name": "Key", "default": "x"}}\n')
    assert findings(pip_plugin(tmp_path, upper, name="ok"), "CLS019") == []
