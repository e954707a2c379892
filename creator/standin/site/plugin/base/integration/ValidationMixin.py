"""Stand-in for ``plugin.base.integration.ValidationMixin``.

Mirrors: ``src/backend/InvenTree/plugin/base/integration/ValidationMixin.py``
(docs/design/mixins.md). Every hook returns None (pass to the next plugin). The parameter hook is
``validate_part_parameter(parameter, data)`` up to 1.1 and ``validate_parameter(parameter, data)``
from 1.2 on (parameters moved to ``common.models.Parameter``): the class has the one the played
release has (creator.standin.hooks). ``raise_error`` raises Django's ValidationError.
Left out: the calls from InvenTree's models into these hooks (the stand-in models never call
them).
"""

from __future__ import annotations

from typing import Any

from django.core.exceptions import ValidationError

from creator.standin import hooks
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

    def validate_parameter(self, parameter: Any, data: Any) -> Any:
        return None


for _hook in ("validate_part_parameter", "validate_parameter"):
    if not hooks.has("ValidationMixin", _hook):
        delattr(ValidationMixin, _hook)  # renamed in 1.2: only the played release's name
