"""Root URLconf of the stand-in (``ROOT_URLCONF``).

Mirrors the part of ``src/backend/InvenTree/InvenTree/urls.py`` plugins rely on: plugin URLs at
``/plugin/<slug>/`` (namespace ``plugin``) and Django admin at ``/admin/``. ``rebuild()`` is
called by the registry after loading a UrlsMixin plugin. Left out: InvenTree's whole API and
web UI routes.
"""

from __future__ import annotations

from typing import Any

from django.contrib import admin
from django.urls import clear_url_caches, include, path

urlpatterns: list[Any] = []


def rebuild() -> None:
    """Recompute ``urlpatterns`` from the registry and drop Django's resolver caches."""
    from plugin.urls import PLUGIN_BASE, get_plugin_urls

    urlpatterns[:] = [
        path("admin/", admin.site.urls),
        path(f"{PLUGIN_BASE}/", include((get_plugin_urls(), PLUGIN_BASE))),
    ]
    clear_url_caches()


rebuild()
