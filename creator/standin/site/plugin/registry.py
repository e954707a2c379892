"""Stand-in for ``plugin.registry``: the plugin registry, minus discovery.

Mirrors: ``src/backend/InvenTree/plugin/registry.py`` (1.x; docs/design/loader.md). The stand-in
behaves like InvenTree with ``PLUGIN_TESTING`` and ``PLUGIN_TESTING_SETUP`` on and every
``ENABLE_PLUGINS_*`` switch on: a loaded plugin's ``PluginConfig`` is marked active, URLs are
mounted, schedules are registered.

``load_plugin_class(cls)`` does for one class what ``_init_plugin`` + ``_activate_plugins`` do:

1. key = ``slugify(SLUG or NAME)`` (class attributes only; no plugin code runs);
2. the ``PluginConfig`` row is created/marked active (skipped without a database);
3. ``cls()`` -- a failure is recorded under ``"<NAME>:init_plugin"`` and ``"init_plugins"``
   and the class lands in ``plugins_full`` only (InvenTree would also stop loading the
   remaining plugins; the stand-in loads one class per call);
4. the version check (only when MIN/MAX is set); a failure is recorded under
   ``"<NAME>:init_plugin"`` with InvenTree's message, the instance goes to ``plugins_full``;
5. activation in ``DEFAULT_MIXIN_ORDER`` (settings, schedule, app, urls), then any other mixin
   class that defines ``_activate_mixin``. InvenTree records no stage for errors here (they
   escape to "Unexpected error during plugin reload"); the stand-in records them under
   ``"activate_plugins"`` (its own name).

Left out: discovery (directory walking, entry points), ``plugins.txt`` installation, reload
hashing, static-file copying, retries.
"""

from __future__ import annotations

import logging
from collections.abc import Iterable
from types import ModuleType
from typing import Any

from django.utils.text import slugify

from plugin.helpers import (
    IntegrationPluginError,
    MixinNotImplementedError,
    error_source_name,
    get_plugin_classes,
)

logger = logging.getLogger("inventree")

#: Mixin keys activated first, in this order (InvenTree's ``DEFAULT_MIXIN_ORDER``).
DEFAULT_MIXIN_ORDER = ("settings", "schedule", "app", "urls")


class PluginsRegistry:
    """Holds loaded plugins, their errors and what activation produced."""

    def __init__(self) -> None:
        self.plugins: dict[str, Any] = {}
        self.plugins_inactive: dict[str, Any] = {}
        self.plugins_full: dict[str, Any] = {}
        self.errors: dict[str, list[dict[str, str]]] = {}
        self.mixins_settings: dict[str, dict[str, Any]] = {}
        self.mixins_user_settings: dict[str, dict[str, Any]] = {}
        self.scheduled_tasks: dict[str, dict[str, Any]] = {}
        self.icon_packs: dict[str, list[Any]] = {}
        self.installed_apps: list[str] = []

    # -- queries ---------------------------------------------------------------------------

    def get_plugin(self, slug: str, active: bool | None = None) -> Any:
        """The loaded, version-compatible instance for ``slug`` (None if absent)."""
        plugin = self.plugins.get(slug)
        if plugin is not None and active is not None and plugin.is_active() != active:
            return None
        return plugin

    def with_mixin(
        self, mixin: str, active: bool | None = True, builtin: bool | None = None
    ) -> list[Any]:
        """Loaded plugins whose mixin ``mixin`` is enabled (``has_xxx`` raising is skipped)."""
        result = []
        for plugin in self.plugins.values():
            try:
                enabled = plugin.mixin_enabled(str(mixin))
            except MixinNotImplementedError:
                continue
            if not enabled:
                continue
            if active is not None and plugin.is_active() != active:
                continue
            if builtin is not None and plugin.is_builtin != builtin:
                continue
            result.append(plugin)
        return result

    def call_plugin_function(self, slug: str, func: str, *args: Any, **kwargs: Any) -> Any:
        """Call member ``func`` of plugin ``slug`` (used for member-function schedules)."""
        plugin = self.get_plugin(slug)
        if plugin is None:
            raise KeyError(f"Plugin '{slug}' is not loaded")
        return getattr(plugin, func)(*args, **kwargs)

    # -- errors ----------------------------------------------------------------------------

    def log_error(self, stage: str, name: str, message: str) -> None:
        """Append ``{name: message}`` to ``errors[stage]``."""
        self.errors.setdefault(stage, []).append({name: message})

    def flat_errors(self) -> list[dict[str, str]]:
        """Errors as ``[{stage, name, message}]``, the shape of ``/api/plugins/status/``."""
        return [
            {"stage": stage, "name": name, "message": message}
            for stage, entries in self.errors.items()
            for entry in entries
            for name, message in entry.items()
        ]

    # -- loading ---------------------------------------------------------------------------

    @staticmethod
    def plugin_key(cls: type) -> str:
        """Registry key from class attributes only: ``slugify(SLUG or NAME)``."""
        return slugify(getattr(cls, "SLUG", None) or getattr(cls, "NAME", "") or "")

    @staticmethod
    def collect_plugin_classes(module: ModuleType) -> list[type]:
        """Classes discovery would collect from ``module`` (subclass + truthy NAME)."""
        from plugin.plugin import InvenTreePlugin

        return get_plugin_classes(module, InvenTreePlugin)

    def _config(self, key: str, name: str) -> Any:
        from django.db import DatabaseError

        try:
            from plugin.models import PluginConfig

            config, _ = PluginConfig.objects.get_or_create(key=key, defaults={"name": name})
            if not config.active:
                config.active = True
                config.save()
        except DatabaseError:
            return None
        return config

    def load_plugin_class(
        self, cls: type, *, package_name: str | None = None, raise_errors: bool = False
    ) -> Any:
        """Instantiate and activate ``cls``; return the instance, or None if ``cls()`` failed.

        ``package_name`` marks the class as installed from a distribution (as entry-point
        loading does). With ``raise_errors`` failures are re-raised (as
        ``IntegrationPluginError`` for the constructor) after being recorded.
        """
        from InvenTree.version import inventreeVersion

        key = self.plugin_key(cls)
        name = getattr(cls, "NAME", "") or cls.__name__
        if package_name:
            cls.is_package = True  # type: ignore[attr-defined]
            cls.package_name = package_name  # type: ignore[attr-defined]
        config = self._config(key, name)

        try:
            plugin = cls()
        except Exception as exc:
            source = error_source_name(exc, cls.__module__)
            self.log_error(f"{name}:init_plugin", source, str(exc))
            self.log_error("init_plugins", source, str(exc))
            self.plugins_full[key] = cls
            if config is not None:
                self.plugins_inactive[key] = config
            if raise_errors:
                raise IntegrationPluginError(source, str(exc)) from exc
            return None

        if (getattr(cls, "MIN_VERSION", None) or getattr(cls, "MAX_VERSION", None)) and (
            not plugin.check_version()
        ):
            lines = [
                f"Plugin '{name}' is not compatible with the current InvenTree version "
                f"{inventreeVersion()}"
            ]
            if cls.MIN_VERSION:  # type: ignore[attr-defined]
                lines.append(f"Plugin requires at least version {cls.MIN_VERSION}")  # type: ignore[attr-defined]
            if cls.MAX_VERSION:  # type: ignore[attr-defined]
                lines.append(f"Plugin requires at most version {cls.MAX_VERSION}")  # type: ignore[attr-defined]
            self.log_error(f"{name}:init_plugin", cls.__module__, "\n".join(lines))
            self.plugins_full[key] = plugin
            if config is not None:
                self.plugins_inactive[key] = config
            return plugin

        self.plugins[key] = plugin
        self.plugins_full[key] = plugin
        try:
            self.activate_plugin(key, plugin)
        except Exception as exc:
            self.log_error("activate_plugins", error_source_name(exc, cls.__module__), str(exc))
            if raise_errors:
                raise
        return plugin

    def load_plugin_classes(self, classes: Iterable[type], **kwargs: Any) -> list[Any]:
        """:meth:`load_plugin_class` for each class, in order."""
        return [self.load_plugin_class(cls, **kwargs) for cls in classes]

    def activate_plugin(self, key: str, plugin: Any) -> None:
        """Run the mixin activation steps for one loaded plugin."""
        if plugin.mixin_enabled("settings"):
            self.mixins_settings[key] = plugin.settings
            self.mixins_user_settings[key] = plugin.user_settings
        if plugin.mixin_enabled("schedule") and plugin.is_active():
            plugin.register_tasks()
        if plugin.mixin("app"):
            self._check_app(plugin)
        if plugin.mixin_enabled("urls"):
            self.update_urls()
        done = {"settings", "schedule", "app", "urls"}
        for entry in plugin.get_registered_mixins():
            mixin_cls = entry.get("cls")
            if entry["key"] in done or mixin_cls is None:
                continue
            activator = getattr(mixin_cls, "_activate_mixin", None)
            if activator is not None:
                activator(self, [(key, plugin)])

    def _check_app(self, plugin: Any) -> None:
        from django.apps import apps

        app_path = plugin._get_plugin_path()
        if not apps.is_installed(app_path):
            raise RuntimeError(
                f"AppMixin plugin app '{app_path}' is not installed: pass it to "
                "creator.standin.configure(apps=[...]) / the inventree_apps ini option"
            )
        if app_path not in self.installed_apps:
            self.installed_apps.append(app_path)

    def update_urls(self) -> None:
        """Re-mount plugin URLs in the stand-in root URLconf."""
        from InvenTree import urls

        urls.rebuild()

    def unload_plugin(self, key: str) -> None:
        """Forget a loaded plugin (and its URLs, settings and schedules)."""
        plugin = self.plugins.pop(key, None)
        self.plugins_full.pop(key, None)
        self.plugins_inactive.pop(key, None)
        self.mixins_settings.pop(key, None)
        self.mixins_user_settings.pop(key, None)
        self.icon_packs.pop(key, None)
        if plugin is not None and plugin.mixin("schedule"):
            plugin.unregister_tasks()
        if plugin is not None and plugin.mixin("urls"):
            self.update_urls()

    def clear(self) -> None:
        """Unload everything and forget recorded errors."""
        for key in list(self.plugins):
            self.unload_plugin(key)
        self.__init__()  # type: ignore[misc]


registry = PluginsRegistry()


def call_plugin_function(slug: str, func: str, *args: Any, **kwargs: Any) -> Any:
    """Module-level entry point used by member-function schedules."""
    return registry.call_plugin_function(slug, func, *args, **kwargs)
