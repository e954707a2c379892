"""Stand-in for ``plugin.base.barcodes.mixins`` (``BarcodeMixin``, ``SupplierBarcodeMixin``).

Mirrors: ``src/backend/InvenTree/plugin/base/barcodes/mixins.py`` (docs/design/mixins.md). ``scan``
defaults to None (not handled); it takes the scanning ``user`` (and more keywords) from 1.4 on, only
the barcode before (the played release's signature, creator.standin.hooks).
``has_barcode_generation`` is True when ``generate`` is overridden.
``SupplierBarcodeMixin`` requires ``extract_barcode_fields`` and provides the standard field
names; its ``scan`` matches the extracted SKU against stand-in ``SupplierPart`` rows and raises
NotImplementedError for the parts it does not model (order receiving, ``scan_receive_item``).
"""

from __future__ import annotations

from typing import Any

from creator.standin.hooks import versioned
from plugin.helpers import MixinNotImplementedError
from plugin.plugin import PluginMixinEnum


class BarcodeMixin:
    """Decode barcodes scanned in InvenTree."""

    class MixinMeta:
        MIXIN_NAME = "Barcode"

    def __init__(self) -> None:
        super().__init__()
        self.add_mixin(PluginMixinEnum.BARCODE.value, "has_barcode", __class__)  # type: ignore[attr-defined]

    @property
    def has_barcode(self) -> bool:
        return True

    @versioned("BarcodeMixin")
    def scan(self, barcode_data: str, user: Any = None, **kwargs: Any) -> dict[str, Any] | None:
        """Return a result dict if this plugin recognises the barcode, else None."""
        return None

    def generate(self, model_instance: Any) -> str:
        raise NotImplementedError("Barcode generation not implemented")

    @property
    def has_barcode_generation(self) -> bool:
        return type(self).generate is not BarcodeMixin.generate


class SupplierBarcodeMixin(BarcodeMixin):
    """Barcodes printed by suppliers (order numbers, SKUs, quantities...)."""

    CUSTOMER_ORDER_NUMBER = "customer_order_number"
    SUPPLIER_ORDER_NUMBER = "supplier_order_number"
    PACKING_LIST_NUMBER = "packing_list_number"
    SHIP_DATE = "ship_date"
    CUSTOMER_PART_NUMBER = "customer_part_number"
    SUPPLIER_PART_NUMBER = "supplier_part_number"
    PURCHASE_ORDER_LINE = "purchase_order_line"
    QUANTITY = "quantity"
    DATE_CODE = "date_code"
    LOT_CODE = "lot_code"
    COUNTRY_OF_ORIGIN = "country_of_origin"
    MANUFACTURER = "manufacturer"
    MANUFACTURER_PART_NUMBER = "manufacturer_part_number"

    class MixinMeta:
        MIXIN_NAME = "Supplier Barcode"

    def __init__(self) -> None:
        super().__init__()
        self.add_mixin(PluginMixinEnum.SUPPLIER_BARCODE.value, True, __class__)  # type: ignore[attr-defined]

    def extract_barcode_fields(self, barcode_data: str) -> dict[str, Any]:
        raise MixinNotImplementedError("extract_barcode_fields must be implemented")

    @versioned("SupplierBarcodeMixin")
    def scan(self, barcode_data: str, user: Any = None, **kwargs: Any) -> dict[str, Any] | None:
        """Extract fields and look the supplier part up by SKU."""
        fields = self.extract_barcode_fields(barcode_data)
        if not fields:
            return None
        sku = fields.get(self.SUPPLIER_PART_NUMBER)
        if not sku:
            raise NotImplementedError("stand-in: matching without a supplier SKU is not modelled")
        from company.models import SupplierPart

        parts = list(SupplierPart.objects.filter(SKU=sku))
        if len(parts) != 1:
            return {"error": f"Supplier part not found: {sku}"} if not parts else None
        return {"supplierpart": {"pk": parts[0].pk}}

    def scan_receive_item(self, *args: Any, **kwargs: Any) -> Any:
        raise NotImplementedError("stand-in: receiving purchase order items is not modelled")
