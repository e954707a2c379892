"""Stand-in for ``plugin.urls``: mounting of UrlsMixin plugins under ``plugin/<slug>/``.

Mirrors: ``src/backend/InvenTree/plugin/urls.py``. Every active plugin with URLs is mounted as
``path('<slug>/', include((plugin.urlpatterns, '<slug>')))`` inside the ``plugin`` namespace,
so ``reverse('plugin:<slug>:<name>')`` works. Mounting is unconditional (like
``PLUGIN_TESTING_SETUP``); the ``ENABLE_PLUGINS_URL`` switch is not modelled.
"""

from __future__ import annotations

from typing import Any

from django.urls import include, path

PLUGIN_BASE = "plugin"


def get_plugin_urls() -> list[Any]:
    """Patterns for every loaded plugin whose ``urls`` mixin is enabled."""
    from plugin.registry import registry

    patterns = []
    for plugin in registry.with_mixin("urls"):
        patterns.append(path(f"{plugin.slug}/", include((plugin.urlpatterns, plugin.slug))))
    return patterns
