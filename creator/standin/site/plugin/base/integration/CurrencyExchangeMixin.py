"""Stand-in for ``plugin.base.integration.CurrencyExchangeMixin``.

Mirrors: ``src/backend/InvenTree/plugin/base/integration/CurrencyExchangeMixin.py``
(docs/design/mixins.md). ``update_exchange_rates`` must be overridden. Left out: the
``CURRENCY_UPDATE_PLUGIN`` selection and the djmoney backend that stores the rates.
"""

from __future__ import annotations

from plugin.helpers import MixinNotImplementedError
from plugin.plugin import PluginMixinEnum


class CurrencyExchangeMixin:
    """Provide currency exchange rates."""

    class MixinMeta:
        MIXIN_NAME = "CurrentExchange"  # sic, as in InvenTree

    def __init__(self) -> None:
        super().__init__()
        self.add_mixin(PluginMixinEnum.CURRENCY_EXCHANGE.value, True, __class__)  # type: ignore[attr-defined]

    def update_exchange_rates(self, base_currency: str, symbols: list[str]) -> dict[str, float]:
        """Return ``{symbol: rate}`` relative to ``base_currency``."""
        raise MixinNotImplementedError("update_exchange_rates must be implemented")
