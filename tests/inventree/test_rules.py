"""The INV rules, each with an observation it passes and one it fails.

The observations have the shape creator/inventree/probe.py writes (see test_loader.py for the
same rules on what a real InvenTree reported); here each one is the smallest that shows the
rule's decision, and the verdict that goes with it.
"""

from __future__ import annotations

import copy
from pathlib import Path
from typing import Any

import pytest

from creator.check.runner import Report
from creator.inventree import loader
from creator.inventree.environment import Environment

ENV = Environment(
    source=Path("/src"),
    backend=Path("/src/src/backend"),
    root=Path("/cache/env"),
    python=Path("/cache/env/venv/bin/python"),
    site_packages=Path("/cache/env/venv/lib/python3.12/site-packages"),
    python_version="3.12.1",
    inventree_version="1.5.0 dev",
)
SITE = "/tmp/cip-inventree-x/venv/lib/python3.12/site-packages"


def plugin(**changes: Any) -> dict[str, Any]:
    """One plugin as the probe describes it, active with two mixins."""
    entry = {
        "key": "my-plugin",
        "class": "my_plugin.core.MyPlugin",
        "name": "MyPlugin",
        "slug": "my-plugin",
        "file": f"{SITE}/my_plugin/core.py",
        "instantiated": True,
        "active": True,
        "mixins": ["settings", "ui"],
        "settings": {"declared": 1, "status": 200, "readable": 1},
    }
    return {**entry, **changes}


LOADS: dict[str, Any] = {
    "install": {"ok": True, "output": "Successfully installed my-plugin-0.1.0"},
    "baseline": {"errors": {}},
    "errors_loaded": {},
    "errors": {},
    "found": [plugin(active=False, instantiated=False)],
    "activation": [{"key": "my-plugin", "status": 200}],
    "plugins": [plugin()],
    "log": [],
    "error_log": [],
    "network": [],
    "process": {"returncode": 0, "timed_out": False},
}


def observed(**changes: Any) -> dict[str, Any]:
    data = copy.deepcopy(LOADS)
    data.update(changes)
    return data


def judge(data: dict[str, Any]) -> Report:
    return loader.report(ENV, Path("my_plugin-0.1.0-py3-none-any.whl"), None, data)


def rules(report: Report) -> set[str]:
    return {finding.rule for finding in report.findings}


def test_a_plugin_that_loads_gets_only_the_note() -> None:
    """Every rule passes: loads, with INV010 naming what InvenTree registered."""
    report = judge(observed())
    assert report.loads is True
    assert rules(report) == {"INV010"}
    assert "settings, ui" in report.findings[0].message
    assert report.plugin["slug"] == "my-plugin"
    assert report.plugin["inventree"]["version"] == "1.5.0 dev"


def test_inv001_pip_failure_does_not_load() -> None:
    """pip could not install the plugin: InvenTree never sees it."""
    install = {"ok": False, "output": "ERROR: No matching distribution for zpl==9"}
    report = judge({"install": install})  # the probe does not run after a failed install
    assert report.loads is False
    assert rules(report) == {"INV001"}
    assert "zpl==9" in report.findings[0].message


def test_inv002_import_error_at_discovery_does_not_load() -> None:
    """The registry's discovery stage recorded the import error; nothing was found."""
    errors = {"discovery": ["inventree_supplier_panel: No module named 'part.views'"]}
    report = judge(observed(found=[], plugins=[], activation=[], errors_loaded=errors))
    assert report.loads is False
    assert rules(report) == {"INV002"}
    assert "part.views" in report.findings[0].message


def test_inv002_ignores_errors_inventree_had_before() -> None:
    """Errors in the baseline (before the plugin was installed) are not the plugin's."""
    errors = {"discovery": ["builtin: something of InvenTree's own"]}
    data = observed(
        found=[], plugins=[], activation=[], errors_loaded=errors, baseline={"errors": errors}
    )
    report = judge(data)
    assert report.loads is False
    assert "no plugin class" in report.findings[0].message


def test_inv003_version_refusal() -> None:
    """MIN_VERSION above this InvenTree: found, kept inactive, INV003 not INV004."""
    message = (
        "MyPlugin:init_plugin",
        "Plugin 'MyPlugin' is not compatible with the current InvenTree version 1.5.0 dev"
        "Plugin requires at least version 9.0.0",
    )
    data = observed(plugins=[plugin(active=False)], errors={message[0]: [message[1]]})
    report = judge(data)
    assert report.loads is False
    assert rules(report) == {"INV003"}


def test_inv004_initialisation_error_keeps_it_inactive() -> None:
    """An exception creating the plugin after activation."""
    data = observed(
        plugins=[plugin(active=False, instantiated=False)],
        errors={"MyPlugin:init_plugin": ["my_plugin.core: boom"]},
    )
    report = judge(data)
    assert report.loads is False
    assert rules(report) == {"INV004"}
    assert "boom" in report.findings[0].message


def test_inv005_missing_static_files_are_a_feature_that_fails() -> None:
    """InvenTree logged "Static file not found": loads, one feature finding."""
    log = [
        {
            "level": "ERROR",
            "logger": "inventree",
            "message": "Static file not found for plugin 'my-plugin': plugins/my-plugin/Panel.js",
        }
    ]
    report = judge(observed(log=log))
    assert report.loads is True
    assert rules(report) == {"INV005", "INV010"}
    assert report.features[0].rule == "INV005"
    assert "Panel.js" in report.features[0].message


def test_inv005_ignores_files_resolved_while_activating() -> None:
    """An icon pack's font looked up before InvenTree collected the static files: no finding."""
    log = [
        {
            "level": "ERROR",
            "logger": "inventree",
            "message": "Static file not found for plugin 'my-plugin': "
            "plugins/my-plugin/fonts/icons.ttf",
            "stage": "activate",
        }
    ]
    report = judge(observed(log=log))
    assert report.loads is True
    assert rules(report) == {"INV010"}


def test_inv006_error_log_rows_and_failing_settings() -> None:
    """Rows in InvenTree's error log and a settings API error: features, still loads."""
    data = observed(
        error_log=[{"kind": "ValueError", "info": "bad panel", "path": "plugin.my-plugin"}],
        plugins=[plugin(settings={"declared": 1, "status": 500, "body": "oops"})],
    )
    report = judge(data)
    assert report.loads is True
    assert [f.rule for f in report.features] == ["INV006", "INV006"]


def test_inv007_url_names_that_do_not_reverse() -> None:
    """A UrlsMixin name that does not reverse under plugin:<slug>:."""
    urls = {"patterns": 2, "names": 2, "reversed": ["/plugin/my-plugin/"], "failed": ["hook"]}
    report = judge(observed(plugins=[plugin(mixins=["urls"], urls=urls)]))
    assert report.loads is True
    assert "INV007" in rules(report)


def test_inv007_names_needing_arguments_pass() -> None:
    """Patterns with parameters cannot be reversed bare: not a finding."""
    urls = {"patterns": 1, "names": 1, "reversed": [], "needs_args": ["detail"], "failed": []}
    assert "INV007" not in rules(judge(observed(plugins=[plugin(mixins=["urls"], urls=urls)])))


def test_inv008_network_needed_while_loading_is_undecided_not_broken() -> None:
    """The plugin failed to load because a host could not be reached: loads None, INV008."""
    attempt = {"event": "socket.getaddrinfo", "host": "api.example.com", "from": f"{SITE}/p.py:3"}
    data = observed(
        found=[],
        plugins=[],
        activation=[],
        errors_loaded={"discovery": ["p: Temporary failure in name resolution"]},
        network=[attempt],
    )
    report = judge(data)
    assert report.loads is None
    assert rules(report) == {"INV008"}
    assert report.findings[0].file == "p.py" and report.findings[0].line == 3


def test_inv008_network_attempt_of_a_plugin_that_loads_is_a_feature() -> None:
    """It loaded, but reached for the network while loading."""
    attempt = {"event": "socket.connect", "host": "10.1.2.3", "from": f"{SITE}/p.py:9"}
    report = judge(observed(network=[attempt]))
    assert report.loads is True
    assert "INV008" in {f.rule for f in report.features}


def test_inv008_attempts_of_inventree_itself_are_not_the_plugins() -> None:
    """Connections from InvenTree's own code (no plugin frame) are not reported."""
    attempt = {"event": "socket.getaddrinfo", "host": "sentry.io", "from": None}
    assert rules(judge(observed(network=[attempt]))) == {"INV010"}


def test_inv009_registry_errors_of_an_active_plugin() -> None:
    """Active, but the registry recorded an error at a mixin's stage."""
    report = judge(observed(errors={"app": ["my_plugin: migration failed"]}))
    assert report.loads is True
    assert "INV009" in {f.rule for f in report.features}


@pytest.mark.parametrize(
    ("change", "why"),
    [
        ({"infrastructure": "OSError: no space left on device"}, "no space left"),
        ({"process": {"timed_out": True, "seconds": 180}}, "did not finish loading"),
        ({"probe_error": "Traceback ...\nKeyError: 'admin'"}, "KeyError"),
        ({"found": None, "process": {"returncode": -9, "stderr": "Killed"}}, "Killed"),
    ],
)
def test_inv011_the_check_did_not_finish_is_undecided(change: dict[str, Any], why: str) -> None:
    """An infrastructure failure: loads None with INV011, never a verdict on the plugin."""
    data = observed(**change)
    if change.get("found", ...) is None:
        del data["found"]
    report = judge(data)
    assert report.loads is None
    assert rules(report) == {"INV011"}
    assert why in report.findings[0].message
