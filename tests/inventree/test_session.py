"""A Session judges many plugins with one InvenTree start: the same reports as fresh processes.

The session's server forks a probe per plugin at the point where InvenTree's start-up loads
its plugin registry. These tests hold it to the fresh process's answers, finding for finding,
on published plugins InvenTree accepts and refuses, a plugin folder, a plugin that needs the
network, and a plugin that ends the process while it is imported (the server survives it);
and they check when the session must not fork (a layer that replaces InvenTree's packages).
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path

import pytest

from creator.check.runner import Report
from creator.inventree import loader
from creator.inventree.session import Session, shadowed
from tests.check.real_plugins import fetch_release
from tests.inventree.conftest import NEWEST, source
from tests.inventree.test_loader import describe

PUBLISHED = [("inventree-apprise", "1.3.4"), ("inventree-droplet-plugin", "0.2.0")]


def comparable(report: Report) -> tuple[object, ...]:
    """The report without what differs by run: scratch paths, seconds."""

    def clean(text: str) -> str:
        return re.sub(r"/tmp/cip-[\w./-]+", "<scratch>", text)

    findings = sorted((f.rule, f.severity, clean(f.message)) for f in report.findings)
    plugin = {k: v for k, v in report.plugin.items() if k != "inventree"}
    return report.loads, findings, plugin


@pytest.fixture(scope="module")
def session(newest_env: object) -> Iterator[Session]:
    """One session over the newest tree for this module."""
    with Session(source(NEWEST)) as started:
        assert started.broken is None, started.broken
        yield started


def folder_plugin(tmp_path: Path, name: str, body: str) -> Path:
    """A plugin folder (INVENTREE_PLUGIN_DIR) with one module."""
    folder = tmp_path / name
    folder.mkdir()
    (folder / "__init__.py").write_text("")
    (folder / "core.py").write_text(body)
    return folder


@pytest.mark.inventree
@pytest.mark.network
@pytest.mark.parametrize("name, version", PUBLISHED)
def test_a_published_plugin_gets_the_fresh_processs_report(
    session: Session, name: str, version: str
) -> None:
    """Accepted (apprise) and refused (droplet: a mixin 1.5 no longer has): equal reports."""
    wheel = fetch_release(name, version, "wheel")
    forked = session.check(wheel)
    fresh = loader.check(wheel, source(NEWEST))
    assert comparable(forked) == comparable(fresh), describe(forked) + "\n" + describe(fresh)
    assert not session.fresh, session.fresh


@pytest.mark.inventree
def test_plugin_folder_and_network_plugin_as_in_a_fresh_process(
    session: Session, tmp_path: Path
) -> None:
    """INVENTREE_PLUGIN_DIR reaches the child; a connection attempt is seen there (INV008)."""
    folder = folder_plugin(
        tmp_path,
        "folder_plugin",
        "from plugin import InvenTreePlugin\nfrom plugin.mixins import SettingsMixin\n\n\n"
        "class FolderPlugin(SettingsMixin, InvenTreePlugin):\n    NAME = 'FolderPlugin'\n"
        "    SLUG = 'folder-plugin'\n    SETTINGS = {'A': {'name': 'A', 'default': 'x'}}\n",
    )
    online = folder_plugin(
        tmp_path,
        "online_plugin",
        "import urllib.request\n\nfrom plugin import InvenTreePlugin\n\n"
        "DATA = urllib.request.urlopen('https://example.com/x', timeout=5).read()\n\n\n"
        "class OnlinePlugin(InvenTreePlugin):\n    NAME = 'OnlinePlugin'\n",
    )
    for path in (folder, online):
        forked = session.check(path)
        fresh = loader.check(path, source(NEWEST))
        assert comparable(forked) == comparable(fresh), describe(forked) + describe(fresh)
    assert session.check(online).loads is None


@pytest.mark.inventree
def test_a_plugin_that_ends_the_process_does_not_end_the_session(
    session: Session, tmp_path: Path
) -> None:
    """os._exit at import ends the child only: undecided (INV011), the next plugin still loads."""
    exiting = folder_plugin(
        tmp_path,
        "exiting_plugin",
        "import os\n\nfrom plugin import InvenTreePlugin\n\nos._exit(3)\n\n\n"
        "class ExitingPlugin(InvenTreePlugin):\n    NAME = 'ExitingPlugin'\n",
    )
    report = session.check(exiting)
    assert report.loads is None, describe(report)
    assert "INV011" in {f.rule for f in report.findings}, describe(report)
    assert "code 3" in describe(report)
    fine = folder_plugin(
        tmp_path,
        "fine_plugin",
        "from plugin import InvenTreePlugin\n\n\nclass FinePlugin(InvenTreePlugin):\n"
        "    NAME = 'FinePlugin'\n",
    )
    assert session.check(fine).loads is True
    assert session.broken is None and not session.fresh


def test_a_layer_that_replaces_inventrees_packages_is_not_forked(tmp_path: Path) -> None:
    """A distribution or top-level module InvenTree's venv has: the fresh process decides."""
    base, layer = tmp_path / "base", tmp_path / "layer"
    for site in (base, layer):
        site.mkdir()
    (base / "requests").mkdir()
    (base / "requests-2.32.0.dist-info").mkdir()
    (base / "Django-5.2.dist-info").mkdir()
    (layer / "my_plugin").mkdir()
    (layer / "my_plugin-0.1.0.dist-info").mkdir()
    (layer / "zz_inventree_environment.pth").write_text("")
    assert shadowed(layer, base) is None
    (layer / "django-4.2.dist-info").mkdir()
    assert "django" in (shadowed(layer, base) or "")
    (layer / "django-4.2.dist-info").rmdir()
    (layer / "requests").mkdir()
    assert "requests" in (shadowed(layer, base) or "")
