"""Stand-in for ``plugin.models``: ``PluginConfig`` and the plugin setting stores.

Mirrors: ``src/backend/InvenTree/plugin/models.py`` and the settings logic of
``common.models.BaseInvenTreeSetting`` as far as plugin settings use it:

* values are stored as text; reading converts by the definition's validator
  (``bool`` -> ``str2bool``, ``int`` -> ``int``, ``float`` -> ``float``), otherwise the text
  is returned as stored;
* a key without a stored row reads as its ``default`` (callable defaults are called), converted
  the same way, else ``backup_value``;
* writing checks ``choices`` ("Chosen value is not a valid option") and runs the validators
  (type validators first, then callables on the converted value), raising ValidationError.

Keys are upper-cased on every read and write (InvenTree's settings do the same).
Left out: caching, ``before_save``/``after_save``, ``model``-typed settings and protection.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from InvenTree.helpers import is_bool, str2bool
from InvenTree.models import MetadataMixin


class PluginConfig(MetadataMixin, models.Model):
    """One row per discovered plugin, keyed by the plugin slug (with metadata, as InvenTree's)."""

    key = models.CharField(max_length=255, unique=True)
    name = models.CharField(max_length=255, blank=True, null=True)
    active = models.BooleanField(default=False)

    class Meta:
        app_label = "plugin"

    def __str__(self) -> str:
        return self.name or self.key

    def is_mandatory(self) -> bool:
        from plugin.plugin import MANDATORY_PLUGINS

        extra = list(getattr(settings, "PLUGINS_MANDATORY", []) or [])
        return self.key in MANDATORY_PLUGINS or self.key in extra

    def is_active(self) -> bool:
        return self.is_mandatory() or self.active


def _validators(definition: dict[str, Any]) -> list[Any]:
    validator = definition.get("validator")
    if validator is None:
        return []
    if isinstance(validator, (list, tuple)):
        return list(validator)
    return [validator]


def to_native(value: Any, definition: dict[str, Any]) -> Any:
    """Convert stored text to the type the definition's validator declares."""
    validators = _validators(definition)
    if value is None:
        return None
    if bool in validators:
        return str2bool(value)
    if int in validators:
        try:
            return int(value)
        except (TypeError, ValueError):
            return value
    if float in validators:
        try:
            return float(value)
        except (TypeError, ValueError):
            return value
    return value


def validate_value(value: Any, definition: dict[str, Any]) -> Any:
    """Check choices and validators; return the converted value or raise ValidationError."""
    choices = definition.get("choices")
    if callable(choices):
        choices = choices()
    if choices:
        allowed = [str(choice[0]) for choice in choices]
        if str(value) not in allowed:
            raise ValidationError("Chosen value is not a valid option")
    native = value
    for validator in _validators(definition):
        if validator is bool:
            if not is_bool(value):
                raise ValidationError("Value must be a boolean")
            native = str2bool(value)
        elif validator is int:
            try:
                native = int(value)
            except (TypeError, ValueError) as exc:
                raise ValidationError("Value must be an integer value") from exc
        elif validator is float:
            try:
                native = float(value)
            except (TypeError, ValueError) as exc:
                raise ValidationError("Value must be a valid number") from exc
        elif callable(validator):
            validator(native)
    return native


def _default(definition: dict[str, Any]) -> Any:
    default: Any | Callable[[], Any] = definition.get("default")
    return default() if callable(default) else default


def _key(key: Any) -> str:
    """Setting keys are stored and looked up upper-cased, as InvenTree does."""
    return str(key).strip().upper()


class _SettingBase(models.Model):
    key = models.CharField(max_length=50)
    value = models.CharField(max_length=2000, blank=True, null=True)
    plugin = models.ForeignKey(PluginConfig, on_delete=models.CASCADE, related_name="+")

    class Meta:
        abstract = True

    #: Name of the plugin attribute holding the definitions (``settings``/``user_settings``).
    definitions_attr = "settings"

    @classmethod
    def _definition(cls, plugin: Any, key: str) -> dict[str, Any]:
        """The definition InvenTree finds for `key`.

        It looks the upper-cased key up in the plugin's dict as declared, so a definition
        declared under a lower-case key is not found.
        """
        return dict(getattr(plugin, cls.definitions_attr, {}).get(_key(key), {}))

    @classmethod
    def _config(cls, plugin: Any) -> PluginConfig:
        config = plugin.plugin_config()
        if config is None:
            raise RuntimeError("plugin settings need the database: call setup_database() first")
        return config

    @classmethod
    def get_value(cls, plugin: Any, key: str, backup_value: Any = None, **filters: Any) -> Any:
        key = _key(key)
        definition = cls._definition(plugin, key)
        row = cls.objects.filter(plugin=cls._config(plugin), key=key, **filters).first()
        if row is not None:
            return to_native(row.value, definition)
        if "default" in definition:
            return to_native(_default(definition), definition)
        return backup_value

    @classmethod
    def set_value(cls, plugin: Any, key: str, value: Any, **filters: Any) -> None:
        key = _key(key)
        definition = cls._definition(plugin, key)
        validate_value(value, definition)
        cls.objects.update_or_create(
            plugin=cls._config(plugin), key=key, **filters, defaults={"value": str(value)}
        )


class PluginSetting(_SettingBase):
    """Global setting of one plugin."""

    class Meta:
        app_label = "plugin"
        unique_together = [("plugin", "key")]


class PluginUserSetting(_SettingBase):
    """Per-user setting of one plugin."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    definitions_attr = "user_settings"

    class Meta:
        app_label = "plugin"
        unique_together = [("plugin", "user", "key")]
