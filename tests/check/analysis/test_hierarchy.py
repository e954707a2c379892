"""One model of the project's classes: plugin classes, entry points, lineage and lookups."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from creator.check import project as project_module
from creator.check.analysis.hierarchy import Hierarchy
from creator.check.analysis.sources import Sources
from tests.check.plugin_factory import make_plugin

BASE = """\
from plugin import InvenTreePlugin
from plugin.mixins import EventMixin, SettingsMixin


class Base(SettingsMixin, InvenTreePlugin):
    NAME = "Base"
    if True:
        SETTINGS = {}
"""

CORE = """\
from external import Unknown

from .base import Base
from plugin.mixins import EventMixin


class MyPlugin(EventMixin, Base):
    SLUG = "mine"

    def process_event(self, event, *args, **kwargs):
        pass


class Foreign(Unknown, Base):
    pass


class NotAPlugin:
    pass
"""


@pytest.fixture
def classes(tmp_path: Path) -> Iterator[Hierarchy]:
    files = {
        "pyproject.toml": '[project]\nname = "p"\nversion = "1"\n'
        '[project.entry-points.inventree_plugins]\nP = "pkg:core.MyPlugin"\n',
        "pkg/__init__.py": "from . import core\nfrom .core import MyPlugin as Exported\n",
        "pkg/base.py": BASE,
        "pkg/core.py": CORE,
    }
    project = project_module.load(make_plugin(tmp_path, files))
    yield Hierarchy(Sources(project))
    project.close()


def test_plugin_classes_derive_from_inventreeplugin_through_project_classes(
    classes: Hierarchy,
) -> None:
    assert {c.qualname for c in classes.plugin_classes} == {
        "pkg.base.Base",
        "pkg.core.MyPlugin",
        "pkg.core.Foreign",
    }
    assert "pkg.core.NotAPlugin" in classes.classes


def test_entry_points_follow_submodule_attributes_and_reexports(classes: Hierarchy) -> None:
    found = classes.entry_point_class("pkg:core.MyPlugin")
    assert found is not None and found.qualname == "pkg.core.MyPlugin"
    assert classes.entry_point_class("pkg:Exported") is found
    assert classes.entry_point_class("pkg:core.Missing") is None


def test_lineage_reaches_inventree_mixins_and_flags_unknown_bases(classes: Hierarchy) -> None:
    mine = classes.classes["pkg.core.MyPlugin"]
    lineage = classes.lineage(mine)
    assert [c.name for c in lineage.classes] == ["MyPlugin", "Base"]
    assert {"EventMixin", "SettingsMixin", "InvenTreePlugin"} <= set(lineage.inventree)
    assert not lineage.unknown
    assert classes.lineage(classes.classes["pkg.core.Foreign"]).unknown


def test_lookup_finds_the_first_binding_in_the_lineage(classes: Hierarchy) -> None:
    mine = classes.classes["pkg.core.MyPlugin"]
    name = classes.lookup(mine, "NAME")
    assert name is not None and name.owner.name == "Base" and name.kind == "attribute"
    assert classes.lookup_literal(mine, "NAME") == (True, "Base")
    settings = classes.lookup(mine, "SETTINGS")  # bound inside an `if` block
    assert settings is not None and settings.owner.name == "Base"
    hook = classes.lookup(mine, "process_event")
    assert hook is not None and hook.owner is mine and hook.kind == "method"
    assert classes.lookup(mine, "nothing") is None
    assert mine.literal("SLUG") == "mine" and mine.mixins() == ["EventMixin"]
