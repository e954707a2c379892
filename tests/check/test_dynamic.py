"""The dynamic layer end to end: creator.check.dynamic, the harness subprocess, the DYN rules.

Each test writes a small plugin project into tmp_path and runs the check on it: the plugin is
imported and activated in the harness subprocess, never in this process. These show that the
harness observes each case; what the rules make of an observation is specified on synthetic
results in tests/check/rules/test_dynamic.py.
"""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import textwrap
import threading
import time
from pathlib import Path

import pytest

from creator import interrupts
from creator.check import dynamic, harness_process, run
from tests.helpers import REPO
from tests.safety.helpers import processes_left

HEADER = """\
from django.urls import path
from plugin import InvenTreePlugin
from plugin.mixins import (
    AppMixin, EventMixin, ScheduleMixin, SettingsMixin, UrlsMixin, UserInterfaceMixin,
)
"""

GOOD_BODY = """\
    NAME = "Demo"
    SLUG = "demo"
    TITLE = "Demo"
    VERSION = "0.1.0"
    AUTHOR = "Someone"
    DESCRIPTION = "A demo"
    MIN_VERSION = "1.0.0"
"""


def make_project(
    tmp: Path,
    body: str = "",
    *,
    bases: str = "InvenTreePlugin",
    prelude: str = "",
    files: dict[str, str] | None = None,
    requires: list[str] | None = None,
) -> Path:
    """A plugin project `demo_plugin` whose class is `Demo(<bases>)` with `body` added."""
    root = tmp / "project"
    package = root / "demo_plugin"
    package.mkdir(parents=True)
    deps = json.dumps(requires or [])
    (root / "pyproject.toml").write_text(
        textwrap.dedent(f"""\
        [project]
        name = "inventree-demo"
        version = "0.1.0"
        dependencies = {deps}

        [project.entry-points.inventree_plugins]
        Demo = "demo_plugin.core:Demo"
        """)
    )
    (package / "__init__.py").write_text("")
    source = HEADER + textwrap.dedent(prelude) + f"\n\nclass Demo({bases}):\n" + GOOD_BODY
    source += textwrap.indent(textwrap.dedent(body), "    ")
    (package / "core.py").write_text(source)
    for name, text in (files or {}).items():
        target = package / name
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(textwrap.dedent(text))
    return root


def check(path: Path, **kwargs):
    """Only the DYN rules (the dynamic layer runs because they are selected)."""
    return run(path, select=["DYN"], **kwargs)


def rules(report, severity: str | None = None) -> list[str]:
    return [f.rule for f in report.findings if severity is None or f.severity == severity]


def messages(report, rule: str) -> str:
    return "\n".join(f.message for f in report.findings if f.rule == rule)


@pytest.fixture(autouse=True)
def _offline(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    """No installs into real caches; a short time limit keeps hang tests quick."""
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    monkeypatch.setenv(dynamic.NO_INSTALL_ENV, "1")
    monkeypatch.delenv(dynamic.PIP_ARGS_ENV, raising=False)
    monkeypatch.delenv(dynamic.TIMEOUT_ENV, raising=False)


# ------------------------------------------------------------------------- passing plugins

UI_BODY = """\
def get_ui_panels(self, request, context, **kwargs):
    if context.get("target_model") != "part":
        return []
    return [{
        "key": "demo-panel",
        "title": "Demo",
        "icon": "ti:puzzle:outline",
        "source": self.plugin_static_file("Panel.js:renderPanel"),
        "context": {"id": context.get("target_id")},
    }]
"""
PANEL_JS = {"static/Panel.js": "export function renderPanel(ctx) { return null; }\n"}


def test_good_plugin_loads_with_no_dynamic_findings(tmp_path: Path) -> None:
    body = (
        UI_BODY
        + """\
    SETTINGS = {"GREETING": {"name": "Greeting", "default": "hi"}}
    SCHEDULED_TASKS = {"beat": {"func": "beat", "schedule": "I", "minutes": 5}}
    def beat(self):
        pass
    def setup_urls(self):
        return [path("hello/", lambda request: None, name="hello")]
    """
    )
    bases = "ScheduleMixin, SettingsMixin, UrlsMixin, UserInterfaceMixin, InvenTreePlugin"
    report = check(make_project(tmp_path, body, bases=bases, files=PANEL_JS))
    assert report.findings == []
    assert report.loads is True
    assert report.plugin["slug"] == "demo"
    assert set(report.plugin["mixins"]) >= {"settings", "schedule", "urls", "ui"}


def test_generated_all_mixins_project_loads_clean(tmp_path: Path) -> None:
    import copier
    import yaml

    catalog = yaml.safe_load((REPO / "includes" / "catalog.yml").read_text())["catalog"]
    mixins = list(catalog["default"])
    dst = tmp_path / "generated"
    copier.run_copy(
        str(REPO),
        dst,
        data={"plugin_name": "All Mixins", "mixins": mixins, "frontend": False, "ci": "none"},
        defaults=True,
        vcs_ref="HEAD",
        unsafe=False,
        quiet=True,
    )
    # How fast this is (target 3 s) is measured by benchmarks/check.py, not asserted here.
    report = run(dst, select=["DYN"])
    assert [f for f in report.findings if f.severity in ("error", "warning")] == []
    assert report.loads is True
    assert len(report.plugin["mixins"]) == len(mixins)


def test_plugin_printing_to_stdout_keeps_json_clean(tmp_path: Path) -> None:
    body = """\
    def __init__(self):
        super().__init__()
        print("hello from the constructor")
    """
    project = make_project(tmp_path, body, prelude='print("hello from import")\n')
    proc = subprocess.run(
        [sys.executable, "-m", "creator", "check", str(project), "--json", "--select", "DYN"],
        capture_output=True,
        text=True,
        env={**os.environ, "PYTHONPATH": str(REPO)},
        check=False,
    )
    data = json.loads(proc.stdout)
    assert data["loads"] is True, proc.stdout
    assert proc.returncode == 0


# ------------------------------------------------------------------------------- DYN001


def test_dyn001_import_error(tmp_path: Path) -> None:
    report = check(make_project(tmp_path, prelude='raise RuntimeError("broken at import")\n'))
    assert "DYN001" in rules(report, "error")
    finding = next(f for f in report.findings if f.rule == "DYN001")
    assert "broken at import" in finding.message
    assert finding.file == "demo_plugin/core.py" and finding.line
    assert report.loads is False


def test_dyn001_final_method_override_is_an_import_error(tmp_path: Path) -> None:
    body = """\
    def plugin_slug(self):
        return "x"
    """
    report = check(make_project(tmp_path, body))
    assert "INVE-E11" in messages(report, "DYN001")


def test_dyn001_network_is_blocked(tmp_path: Path) -> None:
    prelude = 'import socket\nsocket.create_connection(("192.0.2.1", 80), timeout=30)\n'
    report = check(make_project(tmp_path, prelude=prelude))
    assert "network access is disabled" in messages(report, "DYN013")
    assert "DYN001" not in rules(report) and report.loads is None


def test_plugin_folder_loaded_as_plugins_package(tmp_path: Path) -> None:
    folder = tmp_path / "my_folder_plugin"
    folder.mkdir()
    (folder / "__init__.py").write_text("")
    (folder / "helpers.py").write_text("GREETING = 'hi'\n")
    (folder / "core.py").write_text(
        "from plugin import InvenTreePlugin\nfrom .helpers import GREETING\n\n"
        "class FolderPlugin(InvenTreePlugin):\n    NAME = 'Folder'\n    SLUG = 'folder'\n"
    )
    report = check(folder)
    assert report.loads is True, report.findings
    assert report.plugin["class"] == "plugins.my_folder_plugin.core.FolderPlugin"
    # An absolute import of the folder's own package fails under plugins.<folder>.
    (folder / "core.py").write_text(
        (folder / "core.py").read_text().replace("from .helpers", "from my_folder_plugin.helpers")
    )
    report = check(folder)
    assert "DYN001" in rules(report, "error")
    assert any("relative imports" in f.hint for f in report.findings if f.rule == "DYN001")


# ------------------------------------------------------------------------------- DYN002


def test_dyn002_constructor_raises(tmp_path: Path) -> None:
    body = """\
    def __init__(self):
        super().__init__()
        raise ValueError("cannot construct")
    """
    report = check(make_project(tmp_path, body))
    text = messages(report, "DYN002")
    assert "cannot construct" in text and "aborts loading of all later plugins" in text
    assert report.loads is False


# ------------------------------------------------------------------------------- DYN003


def test_dyn003_version_incompatible(tmp_path: Path) -> None:
    report = check(make_project(tmp_path, 'MAX_VERSION = "1.1.0"\n'))
    assert "not compatible" in messages(report, "DYN003")
    assert "DYN003" not in rules(check(make_project(tmp_path / "ok", 'MIN_VERSION = "1.1.0"\n')))


def test_dyn003_uses_target_version(tmp_path: Path) -> None:
    project = make_project(tmp_path, 'MAX_VERSION = "1.0.9"\n')
    assert "DYN003" in rules(check(project, inventree_version="1.1.0"))
    assert "DYN003" not in rules(check(project, inventree_version="1.0.5"))


# ------------------------------------------------------------------------------- DYN004


def test_dyn004_invalid_scheduled_tasks(tmp_path: Path) -> None:
    body = 'SCHEDULED_TASKS = {"beat": {"func": "beat", "schedule": "X"}}\n'
    report = check(make_project(tmp_path, body, bases="ScheduleMixin, InvenTreePlugin"))
    text = messages(report, "DYN004")
    assert "schedule activation fails" in text and "not a valid option" in text


def test_dyn004_setting_default_raises(tmp_path: Path) -> None:
    body = """\
    SETTINGS = {"BAD": {"name": "Bad", "default": lambda: 1 / 0}}
    """
    report = check(make_project(tmp_path, body, bases="SettingsMixin, InvenTreePlugin"))
    assert "'BAD'" in messages(report, "DYN004")


# ------------------------------------------------------------------------------- DYN005


def test_dyn005_url_list_with_non_pattern(tmp_path: Path) -> None:
    body = """\
    def setup_urls(self):
        return [path("ok/", lambda request: None, name="ok"), "not-a-pattern"]
    """
    report = check(make_project(tmp_path, body, bases="UrlsMixin, InvenTreePlugin"))
    assert "not a URL pattern" in messages(report, "DYN005")


# ------------------------------------------------------------------------------- DYN006

MODELS = """\
from django.db import models

class Record(models.Model):
    name = models.CharField(max_length=50)
    {extra}
"""
MIGRATION = """\
from django.db import migrations, models

class Migration(migrations.Migration):
    initial = True
    dependencies = []
    operations = [
        migrations.CreateModel(
            name="Record",
            fields=[
                ("id", models.AutoField(auto_created=True, primary_key=True, serialize=False,
                                        verbose_name="ID")),
                ("name", models.CharField(max_length=50)),
            ],
        ),
    ]
"""


def _app_project(tmp: Path, extra: str = "", migrations: bool = True) -> Path:
    files = {"models.py": MODELS.format(extra=extra)}
    if migrations:
        files["migrations/__init__.py"] = ""
        files["migrations/0001_initial.py"] = MIGRATION
    return make_project(tmp, bases="AppMixin, InvenTreePlugin", files=files)


def test_dyn006_migrations_consistent(tmp_path: Path) -> None:
    report = check(_app_project(tmp_path))
    assert report.findings == [] and report.loads is True


def test_dyn006_models_changed_after_migration(tmp_path: Path) -> None:
    report = check(_app_project(tmp_path, extra="count = models.IntegerField(default=0)"))
    assert "differ from its migrations" in messages(report, "DYN006")


def test_dyn006_models_without_migrations(tmp_path: Path) -> None:
    report = check(_app_project(tmp_path, migrations=False))
    assert "no migrations" in messages(report, "DYN006")


def test_dyn006_models_imported_at_top_of_core_fail_like_in_inventree(tmp_path: Path) -> None:
    project = _app_project(tmp_path)
    core = project / "demo_plugin" / "core.py"
    core.write_text("from .models import Record\n" + core.read_text())
    report = check(project)
    assert "INSTALLED_APPS" in messages(report, "DYN001")


# ------------------------------------------------------------------------------- DYN007


def test_dyn007_invalid_features(tmp_path: Path) -> None:
    body = """\
    def get_ui_panels(self, request, context, **kwargs):
        return [
            {"title": "No key or source"},
            {"key": "missing-file", "title": "x", "source": self.plugin_static_file("No.js")},
            {"key": "bad-icon", "title": "x", "icon": "fa-plug",
             "source": self.plugin_static_file("Panel.js:renderPanel")},
            {"key": "bad-export", "title": "x", "source": self.plugin_static_file("Panel.js:nope")},
            {"key": "bad-context", "title": "x", "context": {"when": object()},
             "source": self.plugin_static_file("Panel.js:renderPanel")},
        ]
    def get_ui_dashboard_items(self, request, context, **kwargs):
        return {"not": "a list"}
    """
    report = check(
        make_project(tmp_path, body, bases="UserInterfaceMixin, InvenTreePlugin", files=PANEL_JS)
    )
    errors = messages(report, "DYN007")
    assert "cannot serialize" in errors
    assert "No.js" in errors and "does not exist" in errors
    assert "exports no function 'nope'" in errors
    assert "not JSON-serialisable" in errors
    assert "not a list" in errors
    icon = [f for f in report.findings if f.rule == "DYN007" and "icon" in f.message]
    assert icon and icon[0].severity == "warning"
    # One finding per problem, although panels are asked for a dozen target models.
    assert len([f for f in report.findings if "'missing-file'" in f.message]) == 1


def test_dyn007_admin_source_must_exist(tmp_path: Path) -> None:
    body = 'ADMIN_SOURCE = "Settings.js:renderPluginSettings"\n'
    report = check(make_project(tmp_path, body, bases="UserInterfaceMixin, InvenTreePlugin"))
    assert "Settings.js" in messages(report, "DYN007")
    files = {"static/Settings.js": "export function renderPluginSettings(c) { return null; }"}
    ok = make_project(
        tmp_path / "ok", body, bases="UserInterfaceMixin, InvenTreePlugin", files=files
    )
    assert "DYN007" not in rules(check(ok))


# ------------------------------------------------------------------------------- DYN008


def test_dyn008_ui_hook_raises_for_some_target(tmp_path: Path) -> None:
    body = UI_BODY.replace(
        "    if context", '    if context.get("target_model") == "stockitem":\n'
        '        raise KeyError("stock not handled")\n    if context', 1
    )  # fmt: skip
    report = check(
        make_project(tmp_path, body, bases="UserInterfaceMixin, InvenTreePlugin", files=PANEL_JS)
    )
    text = messages(report, "DYN008")
    assert "'stockitem'" in text and "stock not handled" in text
    assert report.loads is True  # a warning: InvenTree logs and skips


# ------------------------------------------------------------------------------- DYN009


def test_dyn009_hanging_plugin_is_reported_within_the_timeout(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv(dynamic.TIMEOUT_ENV, "6")
    started = time.monotonic()
    report = check(make_project(tmp_path, prelude="import time\ntime.sleep(10000)\n"))
    assert time.monotonic() - started < 15
    text = messages(report, "DYN009")
    assert "did not finish within 6 s" in text and "import demo_plugin.core" in text
    assert report.loads is False


def test_dyn009_sys_exit_at_import(tmp_path: Path) -> None:
    report = check(make_project(tmp_path, prelude="import sys\nsys.exit(3)\n"))
    text = messages(report, "DYN009")
    assert "SystemExit" in text and "exit code 3" in text
    assert report.loads is False


def test_dyn009_os_exit_in_constructor(tmp_path: Path) -> None:
    body = """\
    def __init__(self):
        import os
        os._exit(7)
    """
    report = check(make_project(tmp_path, body))
    text = messages(report, "DYN009")
    assert "exit code 7" in text and "init demo_plugin.core.Demo" in text


# ------------------------------------------------------------------------------- DYN010


def test_dyn010_missing_declared_dependency_without_installs(tmp_path: Path) -> None:
    project = make_project(
        tmp_path, prelude="import cip_fake_dependency\n", requires=["cip-fake-dependency>=1"]
    )
    report = check(project)
    assert rules(report) == ["DYN010"]
    assert "cip_fake_dependency" in messages(report, "DYN010")
    assert report.loads is None


def test_dyn010_failed_install_is_undecided(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv(dynamic.NO_INSTALL_ENV)
    empty = tmp_path / "no-packages"
    empty.mkdir()
    monkeypatch.setenv(dynamic.PIP_ARGS_ENV, f"--no-index --find-links {empty}")
    project = make_project(
        tmp_path, prelude="import cip_fake_dependency\n", requires=["cip-fake-dependency>=1"]
    )
    report = check(project)
    assert "installing cip-fake-dependency>=1 failed" in messages(report, "DYN010")
    assert report.loads is None
    assert not list((tmp_path / "cache").rglob(".complete"))


def test_dyn001_undeclared_module_that_inventree_lacks(tmp_path: Path) -> None:
    """Neither declared nor in InvenTree's environment: the import fails there too."""
    report = check(make_project(tmp_path, prelude="import cip_fake_dependency\n"))
    assert "DYN001" in rules(report, "error")
    assert "cip_fake_dependency" in messages(report, "DYN001")
    hint = next(f.hint for f in report.findings if f.rule == "DYN001")
    assert "InvenTree's environment does not have it" in hint
    assert report.loads is False


def test_dyn010_undeclared_module_inventree_provides_but_installing_is_off(
    tmp_path: Path,
) -> None:
    """qrcode is in InvenTree's environment: without installing it, the check cannot decide."""
    report = check(make_project(tmp_path, prelude="import qrcode\n"))
    assert "installing is disabled" in messages(report, "DYN010")
    assert report.loads is None


def test_harness_crash_is_undecided(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    fake = tmp_path / "fake_harness.py"
    fake.write_text(
        "import json, sys\nspec = json.load(sys.stdin)\nraise RuntimeError('harness bug')\n"
    )
    monkeypatch.setattr(harness_process, "HARNESS", fake)
    report = check(make_project(tmp_path))
    assert rules(report) == ["DYN010"]
    text = messages(report, "DYN010")
    assert "ended unexpectedly" in text and "harness bug" in text
    assert report.loads is None


def test_harness_timeout_during_setup_is_undecided(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv(dynamic.TIMEOUT_ENV, "0.2")
    report = check(make_project(tmp_path))
    assert rules(report) == ["DYN010"], report.findings
    assert "did not finish within 0.2 s" in messages(report, "DYN010")
    assert report.loads is None


# ------------------------------------------------------------------------------- DYN011


def test_dyn011_name_the_model_lacks(tmp_path: Path) -> None:
    prelude = """\
    try:
        from part.models import PartCategoryStar
    except ImportError:
        PartCategoryStar = None
    """  # InvenTree has it (creator.facts); our stand-in does not
    report = check(make_project(tmp_path, prelude=prelude))
    assert "part.models.PartCategoryStar" in messages(report, "DYN011")
    assert report.loads is True  # a warning: we cannot vouch, but nothing failed


def test_dyn011_import_stopped_by_model_gap_is_undecided(tmp_path: Path) -> None:
    report = check(make_project(tmp_path, prelude="from part.models import PartCategoryStar\n"))
    assert "DYN001" not in rules(report)
    assert "PartCategoryStar" in messages(report, "DYN011")
    assert report.loads is None


# ------------------------------------------------------------------------------- DYN012


def test_dyn012_required_hook_missing(tmp_path: Path) -> None:
    report = check(make_project(tmp_path, bases="EventMixin, InvenTreePlugin"))
    assert "does not implement process_event()" in messages(report, "DYN012")
    body = """\
    def process_event(self, event, *args, **kwargs):
        pass
    """
    report = check(make_project(tmp_path / "ok", body, bases="EventMixin, InvenTreePlugin"))
    assert "DYN012" not in rules(report)


# --------------------------------------------------------------------- prestarted harness


def test_a_prestarted_harness_serves_the_check(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Started before the check (as `create` does while it renders), it runs the plugin."""
    root = make_project(tmp_path)
    handle = dynamic.prestart([root], "1.1.0")

    def not_used(*args: object) -> None:
        raise AssertionError("a fresh harness was started")

    monkeypatch.setattr(dynamic, "run_harness", not_used)
    report = run(root, select=["DYN"], inventree_version="1.1.0", prestarted=handle)
    assert report.findings == [] and report.loads is True


def test_a_prestarted_harness_that_does_not_fit_is_cancelled(tmp_path: Path) -> None:
    """Prestarted for another directory (or version): the check starts its own."""
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    handle = dynamic.prestart([elsewhere], "1.1.0")
    report = run(make_project(tmp_path), select=["DYN"], inventree_version="1.1.0",
                 prestarted=handle)  # fmt: skip
    assert report.findings == [] and report.loads is True
    started = time.monotonic()
    handle.cancel()  # again: nothing left to do, so no wait for the harness's time limit
    assert time.monotonic() - started < 5


def test_an_interrupted_check_kills_its_prestarted_harness_at_once(tmp_path: Path) -> None:
    """Ctrl-C while the plugin loads ends the harness now, not at its time limit.

    The exit's clean-up then finds it gone and removes its scratch.
    """
    root = make_project(tmp_path, prelude="import time\ntime.sleep(60)\n")
    handle = dynamic.prestart([root], "1.1.0")
    previous = interrupts.unwind_on_interrupts()
    timer = threading.Timer(1.5, os.kill, (os.getpid(), signal.SIGINT))
    try:
        timer.start()
        with pytest.raises(KeyboardInterrupt):
            run(root, select=["DYN"], inventree_version="1.1.0", prestarted=handle)
        scratch = str(handle._run.scratch)
        assert processes_left(scratch, wait=2) == []
        handle._at_exit()  # what the interpreter runs at exit
    finally:
        timer.cancel()
        interrupts.restore(previous)
    assert not handle._run.scratch.exists()


# ----------------------------------------------------------------------------- isolation


def test_plugin_code_never_runs_in_this_process(tmp_path: Path) -> None:
    check(make_project(tmp_path, prelude="import builtins\nbuiltins.CIP_RAN_HERE = True\n"))
    import builtins

    assert not hasattr(builtins, "CIP_RAN_HERE")
    assert "plugin" not in sys.modules and "demo_plugin" not in sys.modules


def test_dyn001_no_plugin_class_collected(tmp_path: Path) -> None:
    folder = tmp_path / "empty_folder"
    folder.mkdir()
    (folder / "__init__.py").write_text("")
    (folder / "core.py").write_text(
        "from plugin import InvenTreePlugin\n\nclass Nameless(InvenTreePlugin):\n    pass\n"
    )
    report = check(folder)
    assert "collects no plugin class" in messages(report, "DYN001")


# ------------------------------------------------------- modules InvenTree's environment provides


def test_inventree_provided_module_missing_in_constructor_is_never_dyn002(tmp_path: Path) -> None:
    """A missing InvenTree-provided module in the constructor is not a constructor error.

    tablib is InvenTree's (tablib[xls,xlsx,yaml]): missing here, it is an environment question
    (installs disabled: undecided).
    """
    body = """\
    def __init__(self):
        super().__init__()
        import importlib
        importlib.import_module("tab" + "lib")  # invisible to the static import scan
    """
    report = check(make_project(tmp_path, body))
    assert rules(report) == ["DYN010"], report.findings
    text = messages(report, "DYN010")
    assert "'tablib'" in text and "tablib[xls,xlsx,yaml]" in text and dynamic.NO_INSTALL_ENV in text
    assert report.loads is None


def test_inventree_provided_import_is_installed_not_blamed(tmp_path: Path) -> None:
    """An undeclared import of an InvenTree-provided module asks for an install.

    Here installs are disabled: the reason names the module and InvenTree's requirement.
    """
    report = check(make_project(tmp_path, prelude="from PIL import Image\n"))
    assert rules(report) == ["DYN010"]
    text = messages(report, "DYN010")
    assert "'PIL'" in text and "pillow" in text and "not declared" not in text


def test_provided_requirements_come_from_inventrees_table() -> None:
    from creator.facts.host import INVENTREE_REQUIREMENTS

    assert INVENTREE_REQUIREMENTS["django_q"] == "django-q2"
    assert INVENTREE_REQUIREMENTS["PIL"] == "pillow"
    assert dynamic.provided_requirements({"json", "django", "cip_not_inventrees"}) == set()
    wanted = {"tablib", "structlog"}
    missing = {m for m in wanted if __import__("importlib").util.find_spec(m) is None}
    assert dynamic.provided_requirements(wanted) == {INVENTREE_REQUIREMENTS[m] for m in missing}


# ------------------------------------------------------------------- exits and removed modules


def test_os_exit_at_import_is_dyn009_only(tmp_path: Path) -> None:
    report = check(make_project(tmp_path, prelude="import os\nos._exit(3)\n"))
    assert rules(report) == ["DYN009"], report.findings
    assert report.loads is False


def test_import_of_module_inventree_removed_defers_to_cls010(tmp_path: Path) -> None:
    """An import of a module InvenTree removed is CLS010's finding only.

    `label` was removed in 0.16: the import fails in InvenTree too. The dynamic layer neither
    blames our model (DYN011/DYN010) nor repeats it (DYN001).
    """
    report = run(make_project(tmp_path, prelude="from label.models import LabelTemplate\n"))
    found = rules(report)
    assert "CLS010" in found
    assert not {"DYN001", "DYN010", "DYN011"} & set(found), report.findings
    assert report.loads is False


def test_dyn005_re_path_with_groups_is_not_reversed_without_arguments(tmp_path: Path) -> None:
    body = """\
    def setup_urls(self):
        from django.urls import re_path
        return [re_path(r"^item/(?P<pk>\\d+)/$", lambda request, pk: None, name="item")]
    """
    report = check(make_project(tmp_path, body, bases="UrlsMixin, InvenTreePlugin"))
    assert "DYN005" not in rules(report), report.findings
    assert report.loads is True
