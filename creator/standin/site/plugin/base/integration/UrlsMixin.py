"""Stand-in for ``plugin.base.integration.UrlsMixin``.

Mirrors: ``src/backend/InvenTree/plugin/base/integration/UrlsMixin.py`` (docs/design/mixins.md).
``URLS`` is read in ``__init__`` (``setup_urls``), so a broken URL list is a constructor error.
Activation mounts the patterns under ``plugin/<slug>/`` with namespace ``plugin:<slug>:`` in the
stand-in's root URLconf (always, as with ``PLUGIN_TESTING_SETUP``).
"""

from __future__ import annotations

from typing import Any

from plugin.plugin import PluginMixinEnum

PLUGIN_BASE = "plugin"


class UrlsMixin:
    """Django URL patterns contributed by the plugin."""

    URLS: list[Any] | None = None

    class MixinMeta:
        MIXIN_NAME = "URLs"

    def __init__(self) -> None:
        super().__init__()
        self.add_mixin(PluginMixinEnum.URLS.value, "has_urls", __class__)  # type: ignore[attr-defined]
        self.urls = self.setup_urls()

    def setup_urls(self) -> list[Any]:
        """Override to build the patterns dynamically; default ``URLS``."""
        return getattr(self, "URLS", None) or []

    @property
    def base_url(self) -> str:
        return f"{PLUGIN_BASE}/{self.slug}/"  # type: ignore[attr-defined]

    @property
    def internal_name(self) -> str:
        return f"{PLUGIN_BASE}:{self.slug}:"  # type: ignore[attr-defined]

    @property
    def urlpatterns(self) -> list[Any] | None:
        """The raw pattern list (1.x), or None without URLs."""
        return self.urls if self.has_urls else None

    @property
    def has_urls(self) -> bool:
        return bool(self.urls)
