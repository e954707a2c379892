"""Stand-in for ``InvenTree.status_codes``: the status enumerations under their old import path.

Mirrors: ``src/backend/InvenTree/InvenTree/status_codes.py`` (1.x), which re-exports the status
classes that now live in each app's ``status_codes`` module. Re-exported here: build, purchase,
sales and return order (and return line), stock status and stock history codes. Not modelled:
the data-import session status.
"""

from __future__ import annotations

from build.status_codes import BuildStatus, BuildStatusGroups
from order.status_codes import (
    PurchaseOrderStatus,
    PurchaseOrderStatusGroups,
    ReturnOrderLineStatus,
    ReturnOrderStatus,
    ReturnOrderStatusGroups,
    SalesOrderStatus,
    SalesOrderStatusGroups,
)
from stock.status_codes import StockHistoryCode, StockStatus, StockStatusGroups

__all__ = [
    "BuildStatus",
    "BuildStatusGroups",
    "PurchaseOrderStatus",
    "PurchaseOrderStatusGroups",
    "ReturnOrderLineStatus",
    "ReturnOrderStatus",
    "ReturnOrderStatusGroups",
    "SalesOrderStatus",
    "SalesOrderStatusGroups",
    "StockHistoryCode",
    "StockStatus",
    "StockStatusGroups",
]
