"""PluginConfig and plugin settings behave as InvenTree's (metadata; upper-cased keys)."""

from __future__ import annotations

from .helpers import run_in_standin


def test_plugin_config_has_metadata_helpers() -> None:
    """InvenTree's PluginConfig is a metadata model: plugins call get_metadata/set_metadata."""
    out = run_in_standin(
        """
from plugin.models import PluginConfig
config = PluginConfig.objects.create(key="demo")
config.set_metadata("demo", {"a": 1})
config.refresh_from_db()
emit([config.get_metadata("demo"), config.get_metadata("other", "fallback")])
"""
    )
    assert out == [{"a": 1}, "fallback"]


def test_setting_keys_are_upper_cased_and_lower_case_definitions_are_not_found() -> None:
    out = run_in_standin(
        """
from plugin import InvenTreePlugin, registry
from plugin.mixins import SettingsMixin

class P(SettingsMixin, InvenTreePlugin):
    NAME = "P"
    SLUG = "p"
    SETTINGS = {"UPPER": {"name": "u", "default": "d1"}, "lower": {"name": "l", "default": "d2"}}

plugin = registry.load_plugin_class(P)
plugin.set_setting("upper", "stored")
emit([plugin.get_setting("UPPER"), plugin.get_setting("lower"), plugin.get_setting("LOWER")])
"""
    )
    assert out == ["stored", None, None]
