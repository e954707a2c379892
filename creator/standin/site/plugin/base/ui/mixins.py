"""Stand-in for ``plugin.base.ui.mixins`` (``UserInterfaceMixin`` and the feature types).

Mirrors: ``src/backend/InvenTree/plugin/base/ui/mixins.py`` (docs/design/mixins.md).
``get_ui_features`` dispatches on the feature type with the newest table (incl. ``primary_action``
and ``route``); unknown types log a warning and return ``[]``. Left out: the API view that filters
and serializes features (see ``plugin.base.ui.serializers`` for the required-key check).
"""

from __future__ import annotations

import logging
from typing import Any, Literal, TypedDict

from plugin.plugin import PluginMixinEnum

logger = logging.getLogger("inventree")

FeatureType = Literal[
    "dashboard",
    "navigation",
    "panel",
    "primary_action",
    "route",
    "spotlight_action",
    "template_editor",
    "template_preview",
]


class UIFeature(TypedDict, total=False):
    """One UI feature: ``key`` and ``source`` are required by the API serializer."""

    feature_type: FeatureType
    key: str
    title: str
    description: str
    icon: str
    options: dict[str, Any]
    context: dict[str, Any]
    source: str


class CustomPanelOptions(TypedDict, total=False):
    """Panel options (none in 1.x; the icon lives at the top level)."""


class CustomDashboardItemOptions(TypedDict, total=False):
    width: int
    height: int


#: feature type -> method name (docs/design/mixins.md, UserInterfaceMixin).
FEATURE_METHODS: dict[str, str] = {
    "spotlight_action": "get_ui_spotlight_actions",
    "dashboard": "get_ui_dashboard_items",
    "navigation": "get_ui_navigation_items",
    "panel": "get_ui_panels",
    "template_editor": "get_ui_template_editors",
    "template_preview": "get_ui_template_previews",
    "primary_action": "get_ui_primary_actions",
    "route": "get_ui_routes",
}


class UserInterfaceMixin:
    """Contribute panels, dashboard items and other features to the React UI."""

    class MixinMeta:
        MIXIN_NAME = "ui"

    def __init__(self) -> None:
        super().__init__()
        self.add_mixin(PluginMixinEnum.USER_INTERFACE.value, True, __class__)  # type: ignore[attr-defined]

    def get_ui_features(
        self, feature_type: str, context: dict[str, Any], request: Any, **kwargs: Any
    ) -> list[UIFeature]:
        method = FEATURE_METHODS.get(feature_type)
        if method is None:
            logger.warning("Invalid UI feature type: %s", feature_type)
            return []
        return getattr(self, method)(request, context, **kwargs)

    def get_ui_spotlight_actions(
        self, request: Any, context: dict[str, Any], **kwargs: Any
    ) -> list[UIFeature]:
        return []

    def get_ui_dashboard_items(
        self, request: Any, context: dict[str, Any], **kwargs: Any
    ) -> list[UIFeature]:
        return []

    def get_ui_navigation_items(
        self, request: Any, context: dict[str, Any], **kwargs: Any
    ) -> list[UIFeature]:
        return []

    def get_ui_panels(
        self, request: Any, context: dict[str, Any], **kwargs: Any
    ) -> list[UIFeature]:
        return []

    def get_ui_template_editors(
        self, request: Any, context: dict[str, Any], **kwargs: Any
    ) -> list[UIFeature]:
        return []

    def get_ui_template_previews(
        self, request: Any, context: dict[str, Any], **kwargs: Any
    ) -> list[UIFeature]:
        return []

    def get_ui_primary_actions(
        self, request: Any, context: dict[str, Any], **kwargs: Any
    ) -> list[UIFeature]:
        return []

    def get_ui_routes(
        self, request: Any, context: dict[str, Any], **kwargs: Any
    ) -> list[UIFeature]:
        return []
