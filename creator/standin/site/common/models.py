"""Stand-in for ``common.models``: global settings and the settings-definition type.

Mirrors: ``src/backend/InvenTree/common/models.py`` and the ``SettingsKeyType`` TypedDict.
``InvenTreeSetting`` stores global settings (e.g. the ``ENABLE_PLUGINS_*`` switches) as text.
Left out: the built-in settings table with its defaults and validators, per-user settings,
notifications, attachments, parameters, currency and project codes, and email models.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, TypedDict

from django.db import models


class SettingsKeyType(TypedDict, total=False):
    """Shape of one entry in ``SETTINGS``/``USER_SETTINGS`` (every key optional)."""

    name: str
    description: str
    units: str
    validator: Callable[..., Any] | type | list[Any] | tuple[Any, ...]
    default: Any
    choices: list[tuple[str, str]] | Callable[..., Any]
    hidden: bool
    before_save: Callable[..., Any]
    after_save: Callable[..., Any]
    protected: bool
    required: bool
    model: str
    model_filters: dict[str, Any]


class InvenTreeSetting(models.Model):
    """A global setting stored as text (no built-in definitions in the stand-in)."""

    key = models.CharField(max_length=50, unique=True)
    value = models.CharField(max_length=2000, blank=True)

    class Meta:
        app_label = "common"

    @classmethod
    def get_setting(cls, key: str, backup_value: Any = None) -> Any:
        """Stored text for ``key``, else ``backup_value``."""
        row = cls.objects.filter(key=key).first()
        return backup_value if row is None else row.value

    @classmethod
    def set_setting(cls, key: str, value: Any, change_user: Any = None) -> None:
        """Store ``value`` (as text) under ``key``."""
        if isinstance(value, bool):
            value = str(value)
        cls.objects.update_or_create(key=key, defaults={"value": str(value)})
