"""`check --inventree` on the oldest tree (1.0): its version and Python differ from 1.5-dev.

The 1.0 folder is `master` just before the 1.1 development started; its version.py says
0.18.0 dev, and it runs on Python 3.9+. The same runner, the same probe, another InvenTree.
Judged as it is, the tree refuses MIN_VERSION 1.0.0; told the release it stands for
(`stands_for`, the CLI's `--inventree-as`), it judges as 1.0.0 does.
"""

from __future__ import annotations

import contextlib
import datetime
import sqlite3
from pathlib import Path

import pytest

from creator.inventree import loader
from tests.check.real_plugins import fetch_release
from tests.inventree.conftest import OLDEST, source
from tests.inventree.test_loader import describe

pytestmark = [pytest.mark.inventree, pytest.mark.xdist_group("inventree")]


def test_generated_plugin_is_refused_by_the_version_check(oldest_env, generated) -> None:
    """MIN_VERSION 1.0.0 against a tree reporting 0.18.0 dev: InvenTree keeps it inactive."""
    report = loader.check(generated["built"], source(OLDEST))
    assert report.loads is False, describe(report)
    assert [f.rule for f in report.errors] == ["INV003"], describe(report)
    assert "1.0.0" in report.errors[0].message
    assert report.plugin["inventree"]["version"] == "0.18.0 dev"


def test_published_plugin_loads_on_the_oldest_tree(oldest_env) -> None:
    """inventree-apprise 1.3.4 (NotificationMixin, SettingsMixin) loads on 1.0 as on 1.5-dev."""
    report = loader.check(fetch_release("inventree-apprise", "1.3.4", "wheel"), source(OLDEST))
    assert report.loads is True, describe(report)
    assert {"settings"} <= set(report.plugin["mixins"])


def test_generated_plugin_loads_when_the_tree_stands_for_1_0(oldest_env, generated) -> None:
    """`stands_for="1.0.0"` (`--inventree-as 1.0.0`): InvenTree compares MIN_VERSION with 1.0.0."""
    report = loader.check(generated["built"], source(OLDEST), stands_for="1.0.0")
    assert report.loads is True, describe(report)
    assert not report.errors, describe(report)
    assert report.plugin["inventree"]["version"] == "1.0.0"
    assert report.plugin["inventree"]["version_py"] == "0.18.0 dev"


def test_a_day_after_set_up_a_refused_plugin_is_still_refused(
    oldest_env, generated, monkeypatch: pytest.MonkeyPatch
) -> None:
    """1.0-1.2 fetch exchange rates at start-up on a day's first start: that is not the plugin.

    The set-up records today's update in the database, so a probe on the day of set-up never
    sees the fetch. Dated back two days (as a cached set-up is on any later day), the fetch
    would run and fail without a network, and its error would make a refused plugin look
    refused for want of a network: "undecided" and INV008 instead of INV003 alone.
    """
    copy = loader._database_copy

    def set_up_two_days_ago(env, data: Path) -> Path:
        done = copy(env, data)
        then = (datetime.datetime.now() - datetime.timedelta(days=2)).isoformat()
        with contextlib.closing(sqlite3.connect(done / "db.sqlite3")) as db, db:
            dated = db.execute(
                "UPDATE common_inventreesetting SET value = ? WHERE key IN (?, ?)",
                (then, "_UPDATE_EXCHANGE_RATES_ATTEMPT", "_UPDATE_EXCHANGE_RATES_SUCCESS"),
            )
            assert dated.rowcount == 2, "the set-up no longer records the daily update"
        return done

    monkeypatch.setattr(loader, "_database_copy", set_up_two_days_ago)
    report = loader.check(generated["built"], source(OLDEST))
    assert report.loads is False, describe(report)
    assert [f.rule for f in report.findings if f.severity != "info"] == ["INV003"], describe(report)
