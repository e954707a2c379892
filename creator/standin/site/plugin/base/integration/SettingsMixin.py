"""Stand-in for ``plugin.base.integration.SettingsMixin``.

Mirrors: ``src/backend/InvenTree/plugin/base/integration/SettingsMixin.py`` (docs/design/mixins.md).
Values live in the in-memory DB (``plugin.models.PluginSetting``/``PluginUserSetting``) as text,
with the definition's ``default``, ``choices`` and ``validator`` applied the way InvenTree's
settings do: a ``bool``/``int``/``float`` validator converts the stored text on read; an
undeclared type returns the stored text. Left out: caching, ``before_save``/``after_save``
hooks, ``model`` lookups and the ``protected`` masking (an API concern).
"""

from __future__ import annotations

from typing import Any

from plugin.plugin import PluginMixinEnum


class SettingsMixin:
    """Plugin settings declared in ``SETTINGS`` (global) and ``USER_SETTINGS`` (per user)."""

    SETTINGS: dict[str, dict[str, Any]] = {}
    USER_SETTINGS: dict[str, dict[str, Any]] = {}

    class MixinMeta:
        MIXIN_NAME = "Settings"

    def __init__(self) -> None:
        super().__init__()
        self.add_mixin(PluginMixinEnum.SETTINGS.value, "has_settings", __class__)  # type: ignore[attr-defined]
        self.settings = getattr(self, "SETTINGS", {})
        self.user_settings = getattr(self, "USER_SETTINGS", {})

    @property
    def has_settings(self) -> bool:
        return bool(self.settings) or bool(self.user_settings)

    def get_setting(self, key: str, cache: bool = False, backup_value: Any = None) -> Any:
        """Stored value (converted by its validator), else the definition default."""
        from plugin.models import PluginSetting

        return PluginSetting.get_value(self, key, backup_value=backup_value)

    def set_setting(self, key: str, value: Any, user: Any = None) -> None:
        """Validate ``value`` against the definition and store it (ValidationError if bad)."""
        from plugin.models import PluginSetting

        PluginSetting.set_value(self, key, value)

    def get_user_setting(self, key: str, user: Any, backup_value: Any = None) -> Any:
        from plugin.models import PluginUserSetting

        return PluginUserSetting.get_value(self, key, user=user, backup_value=backup_value)

    def set_user_setting(self, key: str, value: Any, user: Any) -> None:
        from plugin.models import PluginUserSetting

        PluginUserSetting.set_value(self, key, value, user=user)

    def check_settings(self) -> tuple[bool, list[str]]:
        """``(all required settings have a value, [missing keys])``."""
        missing = [
            key
            for key, definition in self.settings.items()
            if definition.get("required") and self.get_setting(key) in (None, "")
        ]
        return (not missing, missing)

    def get_settings_dict(self) -> dict[str, Any]:
        """Every declared global setting with its current value."""
        return {key: self.get_setting(key) for key in self.settings}
