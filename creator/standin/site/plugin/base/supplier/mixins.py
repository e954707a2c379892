"""Stand-in for ``plugin.base.supplier.mixins`` (``SupplierMixin``).

Mirrors: ``src/backend/InvenTree/plugin/base/supplier/mixins.py`` (docs/design/mixins.md).
``__init__`` inserts the required ``SUPPLIER`` model setting into ``self.SETTINGS`` -- into the
SHARED ``SettingsMixin.SETTINGS`` dict when the plugin declares none, exactly the leak InvenTree
has. All supplier hooks must be overridden. Left out: the ``supplier/*`` API views.
"""

from __future__ import annotations

from typing import Any

from plugin.base.integration.SettingsMixin import SettingsMixin
from plugin.helpers import MixinNotImplementedError
from plugin.plugin import PluginMixinEnum

from . import helpers as supplier


class SupplierMixin(SettingsMixin):
    """Search and import parts from a supplier."""

    class MixinMeta:
        MIXIN_NAME = "Supplier"

    def __init__(self) -> None:
        super().__init__()
        self.SETTINGS["SUPPLIER"] = {
            "name": "Supplier",
            "description": "The supplier company this plugin imports parts for",
            "model": "company.company",
            "model_filters": {"is_supplier": True},
            "required": True,
        }
        self.settings = self.SETTINGS
        self.add_mixin(PluginMixinEnum.SUPPLIER.value, True, __class__)  # type: ignore[attr-defined]

    def get_suppliers(self) -> list[supplier.Supplier]:
        raise MixinNotImplementedError("get_suppliers must be implemented")

    def get_search_results(self, supplier_slug: str, term: str) -> list[supplier.SearchResult]:
        raise MixinNotImplementedError("get_search_results must be implemented")

    def get_import_data(self, supplier_slug: str, part_id: str) -> Any:
        raise MixinNotImplementedError("get_import_data must be implemented")

    def get_pricing_data(self, data: Any) -> dict[int, tuple[float, str]]:
        raise MixinNotImplementedError("get_pricing_data must be implemented")

    def get_parameters(self, data: Any) -> list[supplier.ImportParameter]:
        raise MixinNotImplementedError("get_parameters must be implemented")

    def import_part(self, data: Any, **kwargs: Any) -> Any:
        raise MixinNotImplementedError("import_part must be implemented")

    def import_manufacturer_part(self, data: Any, **kwargs: Any) -> Any:
        raise MixinNotImplementedError("import_manufacturer_part must be implemented")

    def import_supplier_part(self, data: Any, **kwargs: Any) -> Any:
        raise MixinNotImplementedError("import_supplier_part must be implemented")
