"""`check --inventree`: InvenTree 1.5-dev's own registry judges generated and published plugins.

Each case installs the plugin into a throwaway layer over the prepared environment, loads it
in a fresh sandboxed process, activates it as an admin, and reads what InvenTree reported.
The published plugins are real releases from PyPI (downloaded once into the test cache);
their expected verdicts were established with this loader and are explained per case.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import time
from dataclasses import dataclass
from pathlib import Path

import pytest

from creator.check.runner import Report
from creator.inventree import loader
from tests.check.real_plugins import fetch_release
from tests.inventree.conftest import NEWEST, source

pytestmark = [pytest.mark.inventree, pytest.mark.xdist_group("inventree")]

WARM_SECONDS = 15.0  # the budget for one plugin once the environment exists


def warm_budget() -> float:
    """WARM_SECONDS on an idle machine, stretched by how many runnable processes share a core.

    The budget is about our runner's overhead, not about other jobs on a shared CI machine.
    """
    return WARM_SECONDS * max(1.0, os.getloadavg()[0] / (os.cpu_count() or 1))


def describe(report: Report) -> str:
    lines = [f"loads={report.loads}"]
    lines += [f"  {f.rule} {f.severity}: {f.message}" for f in report.findings]
    return "\n".join(lines)


def test_generated_plugin_with_its_frontend_built_loads_cleanly(newest_env, generated) -> None:
    """The defaults of our template: loads, activates, nothing fails, within the warm budget."""
    started = time.monotonic()
    report = loader.check(generated["built"], source(NEWEST))
    took = time.monotonic() - started
    assert report.loads is True, describe(report)
    assert not report.errors and not report.features, describe(report)
    assert [f.rule for f in report.findings] == ["INV010"], describe(report)
    assert report.plugin["active"] is True
    assert {"settings", "ui"} <= set(report.plugin["mixins"]), report.plugin
    budget = warm_budget()
    assert took <= budget, f"warm check took {took:.1f} s (budget {budget:.0f} s at this load)"


def test_generated_plugin_without_npm_build_loads_but_its_ui_fails(newest_env, generated) -> None:
    """No `npm run build`: InvenTree logs the missing static files; loads, with INV005."""
    report = loader.check(generated["unbuilt"], source(NEWEST))
    assert report.loads is True, describe(report)
    assert not report.errors, describe(report)
    assert [f.rule for f in report.features] == ["INV005"], describe(report)
    assert ".js" in report.features[0].message


def test_generated_project_directory_is_built_and_checked(newest_env, generated) -> None:
    """A project directory is installed with pip from a copy (the user's tree is untouched)."""
    before = sorted(p.name for p in generated["project"].iterdir())
    report = loader.check(generated["project"], source(NEWEST))
    assert report.loads is True, describe(report)
    assert report.plugin["kind"] == "project"
    assert sorted(p.name for p in generated["project"].iterdir()) == before


@pytest.mark.parametrize("given_as", ["absolute", "dot"])
def test_plugin_folder_is_loaded_from_inventree_plugin_dir(
    newest_env, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, given_as: str
) -> None:
    """A folder for InvenTree's plugin directory: discovered there, activated, mixins named.

    Given as "." (`check --inventree SRC .` inside the folder), it keeps its own name there.
    """
    folder = tmp_path / "folder_plugin"
    folder.mkdir()
    (folder / "__init__.py").write_text("")
    (folder / "core.py").write_text(
        "from plugin import InvenTreePlugin\n"
        "from plugin.mixins import SettingsMixin\n\n\n"
        "class FolderPlugin(SettingsMixin, InvenTreePlugin):\n"
        "    NAME = 'FolderPlugin'\n"
        "    SLUG = 'folder-plugin'\n"
        "    SETTINGS = {'COLOUR': {'name': 'Colour', 'default': 'red'}}\n"
    )
    if given_as == "dot":
        monkeypatch.chdir(folder)
    report = loader.check(folder if given_as == "absolute" else Path(), source(NEWEST))
    assert report.loads is True, describe(report)
    assert report.plugin["slug"] == "folder-plugin"
    assert "settings" in report.plugin["mixins"]


def test_plugin_that_needs_the_network_while_loading_is_undecided(
    newest_env, tmp_path: Path
) -> None:
    """A plugin fetching from the internet at import: not "broken", undecided with INV008."""
    folder = tmp_path / "online_plugin"
    folder.mkdir()
    (folder / "__init__.py").write_text("")
    (folder / "core.py").write_text(
        "import urllib.request\n\n"
        "from plugin import InvenTreePlugin\n\n"
        "SCHEMA = urllib.request.urlopen('https://example.com/schema.json', timeout=5).read()\n\n\n"
        "class OnlinePlugin(InvenTreePlugin):\n"
        "    NAME = 'OnlinePlugin'\n"
    )
    report = loader.check(folder, source(NEWEST))
    assert report.loads is None, describe(report)
    assert [f.rule for f in report.findings] == ["INV008"], describe(report)
    assert "example.com" in report.findings[0].message


@dataclass(frozen=True)
class Published:
    name: str
    version: str
    loads: bool
    rule: str  # the finding that explains the verdict
    why: str


PUBLISHED = (
    Published("inventree-apprise", "1.3.4", True, "INV010", "NotificationMixin + settings"),
    Published("inventree-wled-locator", "0.4.0", True, "INV010", "LocateMixin, UrlsMixin"),
    Published("inventree-ipn-generator", "0.1.2", True, "INV010", "EventMixin, settings"),
    Published("inventree-order-history", "1.0.3", True, "INV010", "UI panels from a Vite build"),
    Published(
        "inventree-supplier-panel", "0.7.1", False, "INV002",
        "imports part.views / order.views, removed with the Django-template UI",
    ),
    Published(
        "inventree-lectronz", "1.1", False, "INV002",
        "imports part.views.PartDetail, removed with the Django-template UI",
    ),
    Published(
        "inventree-droplet-plugin", "0.2.0", False, "INV002",
        "imports SettingsContentMixin, no longer in plugin.mixins",
    ),
)  # fmt: skip


@pytest.mark.parametrize("case", PUBLISHED, ids=lambda case: f"{case.name}-{case.version}")
def test_published_plugin_gets_inventrees_verdict(newest_env, case: Published) -> None:
    """The verdict InvenTree 1.5-dev gives the release, with the finding that explains it."""
    report = loader.check(fetch_release(case.name, case.version, "wheel"), source(NEWEST))
    assert report.loads is case.loads, f"{case.why}\n{describe(report)}"
    assert case.rule in {f.rule for f in report.findings}, describe(report)


def test_cli_json_is_one_object_with_the_real_verdict(newest_env, generated) -> None:
    """`check WHEEL --inventree SRC --json`: one JSON object on stdout, progress on stderr."""
    done = subprocess.run(
        [
            sys.executable, "-m", "creator", "check", str(generated["unbuilt"]),
            "--inventree", str(source(NEWEST)), "--json",
        ],
        capture_output=True, text=True, timeout=300, check=False,
    )  # fmt: skip
    assert done.returncode == 0, done.stderr
    data = json.loads(done.stdout)
    assert data["loads"] is True
    assert {f["rule"] for f in data["findings"]} == {"INV005", "INV010"}
    assert data["plugin"]["inventree"]["version"].startswith("1.5")
    assert "Loading" in done.stderr
    strict = subprocess.run(
        [
            sys.executable, "-m", "creator", "check", str(generated["unbuilt"]),
            "--inventree", str(source(NEWEST)), "--strict",
        ],
        capture_output=True, text=True, timeout=300, check=False,
    )  # fmt: skip
    assert strict.returncode == 1, strict.stdout + strict.stderr
    assert "INV005" in strict.stdout
