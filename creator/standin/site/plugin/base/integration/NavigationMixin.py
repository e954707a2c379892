"""Stand-in for ``plugin.base.integration.NavigationMixin``.

Mirrors: ``src/backend/InvenTree/plugin/base/integration/NavigationMixin.py``
(docs/design/mixins.md). ``NAVIGATION`` is validated in ``__init__``: every entry needs ``name`` and
``link``, else MixinNotImplementedError (a constructor failure). The legacy template UI that
rendered the links is not modelled.
"""

from __future__ import annotations

from typing import Any

from plugin.helpers import MixinNotImplementedError
from plugin.plugin import PluginMixinEnum


class NavigationMixin:
    """Links for the (legacy) navigation bar."""

    NAVIGATION: list[dict[str, Any]] = []
    NAVIGATION_TAB_NAME: str | None = None
    NAVIGATION_TAB_ICON = "fas fa-question"

    class MixinMeta:
        MIXIN_NAME = "Navigation Links"

    def __init__(self) -> None:
        super().__init__()
        self.add_mixin(PluginMixinEnum.NAVIGATION.value, "has_navigation", __class__)  # type: ignore[attr-defined]
        self.navigation = self.setup_navigation()

    def setup_navigation(self) -> list[dict[str, Any]]:
        """Check each link has ``name`` and ``link``."""
        links = getattr(self, "NAVIGATION", None) or []
        for link in links:
            if not isinstance(link, dict) or "name" not in link or "link" not in link:
                raise MixinNotImplementedError(
                    f"Navigation link needs 'name' and 'link' entries: {link!r}"
                )
        return links

    @property
    def has_navigation(self) -> bool:
        return bool(self.navigation)

    @property
    def navigation_name(self) -> str:
        return self.NAVIGATION_TAB_NAME or self.human_name  # type: ignore[attr-defined]

    @property
    def navigation_icon(self) -> str:
        return self.NAVIGATION_TAB_ICON
