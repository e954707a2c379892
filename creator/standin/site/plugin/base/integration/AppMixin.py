"""Stand-in for ``plugin.base.integration.AppMixin``.

Mirrors: ``src/backend/InvenTree/plugin/base/integration/AppMixin.py`` (docs/design/mixins.md). The
stand-in cannot add apps to a running Django, so the plugin's app must be passed to
``creator.standin.configure(apps=[...])`` up front; activation checks that it is installed and
records an error otherwise. ``_get_plugin_path`` mirrors the pip-install rule (top-level
package) and the directory rule (package containing the class file).
"""

from __future__ import annotations

from plugin.plugin import PluginMixinEnum


class AppMixin:
    """The plugin package is a Django app with models, migrations and admin."""

    class MixinMeta:
        MIXIN_NAME = "App registration"

    def __init__(self) -> None:
        super().__init__()
        self.add_mixin(PluginMixinEnum.APP.value, "has_app", __class__)  # type: ignore[attr-defined]

    @property
    def has_app(self) -> bool:
        return True

    @classmethod
    def _get_plugin_path(cls) -> str:
        """Dotted app path: the module's package (directory rule) or top package (pip)."""
        if getattr(cls, "is_package", False):
            return cls.__module__.split(".")[0]
        return cls.__module__.rsplit(".", 1)[0] if "." in cls.__module__ else cls.__module__
