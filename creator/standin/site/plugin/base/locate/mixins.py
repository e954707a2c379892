"""Stand-in for ``plugin.base.locate.mixins`` (``LocateMixin``).

Mirrors: ``src/backend/InvenTree/plugin/base/locate/mixins.py`` (docs/design/mixins.md).
``locate_stock_item`` locates the item's location when the item is in stock (stand-in
``stock.models.StockItem``); ``locate_stock_location`` must be overridden.
"""

from __future__ import annotations

import logging

from plugin.helpers import MixinNotImplementedError
from plugin.plugin import PluginMixinEnum

logger = logging.getLogger("inventree")


class LocateMixin:
    """Physically locate stock items / locations (e.g. light up a bin)."""

    class MixinMeta:
        MIXIN_NAME = "Locate"

    def __init__(self) -> None:
        super().__init__()
        self.add_mixin(PluginMixinEnum.LOCATE.value, True, __class__)  # type: ignore[attr-defined]

    def locate_stock_item(self, item_pk: int) -> None:
        from stock.models import StockItem

        try:
            item = StockItem.objects.get(pk=item_pk)
        except StockItem.DoesNotExist:
            logger.warning("LocateMixin: StockItem pk=%s not found", item_pk)
            return
        if item.in_stock and item.location is not None:
            self.locate_stock_location(item.location.pk)

    def locate_stock_location(self, location_pk: int) -> None:
        raise MixinNotImplementedError("locate_stock_location must be implemented")
