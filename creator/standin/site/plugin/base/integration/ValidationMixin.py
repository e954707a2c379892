"""Stand-in for ``plugin.base.integration.ValidationMixin``.

Mirrors: ``src/backend/InvenTree/plugin/base/integration/ValidationMixin.py`` (spec 2.3). Every
hook returns None (pass to the next plugin). ``raise_error`` raises Django's ValidationError.
Left out: the calls from InvenTree's models into these hooks (the stand-in models never call
them).
"""

from __future__ import annotations

from typing import Any

from django.core.exceptions import ValidationError

from plugin.plugin import PluginMixinEnum


class ValidationMixin:
    """Custom validation hooks for model data."""

    class MixinMeta:
        MIXIN_NAME = "Validation"

    def __init__(self) -> None:
        super().__init__()
        self.add_mixin(PluginMixinEnum.VALIDATION.value, True, __class__)  # type: ignore[attr-defined]

    def raise_error(self, message: Any) -> None:
        raise ValidationError(message)

    def validate_model_deletion(self, instance: Any) -> Any:
        return None

    def validate_model_instance(self, instance: Any, deltas: dict[str, Any] | None = None) -> Any:
        return None

    def validate_part_name(self, name: str, part: Any) -> Any:
        return None

    def validate_part_ipn(self, ipn: str, part: Any) -> Any:
        return None

    def validate_batch_code(self, batch_code: str, item: Any) -> Any:
        return None

    def generate_batch_code(self, **kwargs: Any) -> Any:
        return None

    def validate_serial_number(self, serial: str, part: Any, stock_item: Any = None) -> Any:
        return None

    def convert_serial_to_int(self, serial: str) -> Any:
        return None

    def increment_serial_number(self, serial: str, part: Any = None, **kwargs: Any) -> Any:
        return None

    def get_latest_serial_number(self, part: Any, **kwargs: Any) -> Any:
        return None

    def validate_part_parameter(self, parameter: Any, data: Any) -> Any:
        return None
