"""The registry's load_plugin_class: instantiation, version gate and error stages."""

from __future__ import annotations

from .helpers import run_in_standin


def test_loaded_plugin_is_active_and_found_by_slug() -> None:
    result = run_in_standin(
        """
from plugin import InvenTreePlugin, registry
from plugin.models import PluginConfig
class P(InvenTreePlugin):
    NAME = "Loaded"
    SLUG = "loaded"
p = registry.load_plugin_class(P)
emit([registry.get_plugin("loaded") is p, p.is_active(),
      list(PluginConfig.objects.values_list("key", "active")), registry.get_plugin("other")])
"""
    )
    assert result == [True, True, [["loaded", True]], None]


def test_constructor_failure_is_recorded_by_stage() -> None:
    result = run_in_standin(
        """
from plugin import InvenTreePlugin, registry
class Broken(InvenTreePlugin):
    NAME = "Test"
    def __init__(self):
        super().__init__()
        raise ValueError("This is a dummy error")
assert registry.load_plugin_class(Broken) is None
emit([registry.errors, "test" in registry.plugins, registry.plugins_full["test"] is Broken])
"""
    )
    errors, loaded, full_is_class = result
    assert errors == {
        "Test:init_plugin": [{"__main__": "This is a dummy error"}],
        "init_plugins": [{"__main__": "This is a dummy error"}],
    }
    assert loaded is False
    assert full_is_class is True


def test_version_incompatible_plugin_is_instantiated_but_not_registered() -> None:
    result = run_in_standin(
        """
from plugin import InvenTreePlugin, registry
class Future(InvenTreePlugin):
    NAME = "Future"
    MIN_VERSION = "1.5.0"
plugin = registry.load_plugin_class(Future)
emit([plugin is not None, "future" in registry.plugins, "future" in registry.plugins_full,
      registry.flat_errors()])
""",
        version="1.1.0",
    )
    instantiated, registered, in_full, errors = result
    assert (instantiated, registered, in_full) is not None
    assert [instantiated, registered, in_full] == [True, False, True]
    assert errors == [
        {
            "stage": "Future:init_plugin",
            "name": "__main__",
            "message": "Plugin 'Future' is not compatible with the current InvenTree version "
            "1.1.0\nPlugin requires at least version 1.5.0",
        }
    ]


def test_with_mixin_and_call_plugin_function() -> None:
    result = run_in_standin(
        """
from plugin import InvenTreePlugin, registry
from plugin.mixins import EventMixin, SettingsMixin
from plugin.registry import call_plugin_function
class A(EventMixin, InvenTreePlugin):
    NAME = "A"
    def process_event(self, event, *args, **kwargs):
        pass
    def ping(self, value):
        return f"pong {value}"
class B(SettingsMixin, InvenTreePlugin):
    NAME = "B"
registry.load_plugin_classes([A, B])
emit([[p.slug for p in registry.with_mixin("events")],
      [p.slug for p in registry.with_mixin("settings")],
      call_plugin_function("a", "ping", 1)])
"""
    )
    assert result == [["a"], [], "pong 1"]


def test_discovery_filter_collects_subclasses_with_a_name() -> None:
    result = run_in_standin(
        """
import types
from plugin import InvenTreePlugin, registry
from plugin.mixins import SettingsMixin
module = types.ModuleType("fake")
class Base(InvenTreePlugin):
    pass
class Named(Base):
    NAME = "Named"
class _Private(InvenTreePlugin):
    NAME = "Private"
module.Base, module.Named, module._Private = Base, Named, _Private
module.SettingsMixin, module.InvenTreePlugin = SettingsMixin, InvenTreePlugin
emit([c.__name__ for c in registry.collect_plugin_classes(module)])
""",
        db=False,
    )
    assert result == ["Named"]


def test_app_mixin_requires_the_app_to_be_installed() -> None:
    result = run_in_standin(
        """
from plugin import InvenTreePlugin, registry
from plugin.mixins import AppMixin
class NotInstalled(AppMixin, InvenTreePlugin):
    NAME = "NotInstalled"
NotInstalled.__module__ = "somewhere.core"
registry.load_plugin_class(NotInstalled)
emit(registry.flat_errors())
"""
    )
    assert [e["stage"] for e in result] == ["activate_plugins"]
    assert "AppMixin plugin app 'somewhere' is not installed" in result[0]["message"]
