"""Stand-in for ``stock.status_codes``: ``StockStatus`` and ``StockHistoryCode``.

Mirrors: ``src/backend/InvenTree/stock/status_codes.py`` (1.x). Codes, labels and colours are
InvenTree's; labels are plain strings (no translation). ``StockStatusGroups.AVAILABLE_CODES``
lists the codes that count as in stock.
"""

from __future__ import annotations

from generic.states import ColorEnum, StatusCode


class StockStatus(StatusCode):
    """Condition of a stock item."""

    OK = 10, "OK", ColorEnum.success
    ATTENTION = 50, "Attention needed", ColorEnum.warning
    DAMAGED = 55, "Damaged", ColorEnum.warning
    DESTROYED = 60, "Destroyed", ColorEnum.danger
    REJECTED = 65, "Rejected", ColorEnum.danger
    LOST = 70, "Lost", ColorEnum.dark
    QUARANTINED = 75, "Quarantined", ColorEnum.info
    RETURNED = 85, "Returned", ColorEnum.warning


class StockStatusGroups:
    """Stock status codes grouped by meaning."""

    AVAILABLE_CODES = [
        StockStatus.OK.value,
        StockStatus.ATTENTION.value,
        StockStatus.DAMAGED.value,
        StockStatus.RETURNED.value,
    ]


class StockHistoryCode(StatusCode):
    """Kinds of stock tracking entries."""

    LEGACY = 0, "Legacy stock tracking entry"
    CREATED = 1, "Stock item created"
    EDITED = 5, "Edited stock item"
    ASSIGNED_SERIAL = 6, "Assigned serial number"
    STOCK_COUNT = 10, "Stock counted"
    STOCK_ADD = 11, "Stock manually added"
    STOCK_REMOVE = 12, "Stock manually removed"
    STOCK_SERIZALIZED = 13, "Serialized stock items"
    RETURNED_TO_STOCK = 15, "Returned to stock"
    STOCK_MOVE = 20, "Location changed"
    STOCK_UPDATE = 25, "Stock updated"
    INSTALLED_INTO_ASSEMBLY = 30, "Installed into assembly"
    REMOVED_FROM_ASSEMBLY = 31, "Removed from assembly"
    INSTALLED_CHILD_ITEM = 35, "Installed component item"
    REMOVED_CHILD_ITEM = 36, "Removed component item"
    SPLIT_FROM_PARENT = 40, "Split from parent item"
    SPLIT_CHILD_ITEM = 42, "Split child item"
    MERGED_STOCK_ITEMS = 45, "Merged stock items"
    CONVERTED_TO_VARIANT = 48, "Converted to variant"
    BUILD_OUTPUT_CREATED = 50, "Build order output created"
    BUILD_OUTPUT_COMPLETED = 55, "Build order output completed"
    BUILD_OUTPUT_REJECTED = 56, "Build order output rejected"
    BUILD_CONSUMED = 57, "Consumed by build order"
    SHIPPED_AGAINST_SALES_ORDER = 60, "Shipped against Sales Order"
    RECEIVED_AGAINST_PURCHASE_ORDER = 70, "Received against Purchase Order"
    RETURNED_AGAINST_RETURN_ORDER = 80, "Returned against Return Order"
    SENT_TO_CUSTOMER = 100, "Sent to customer"
    RETURNED_FROM_CUSTOMER = 105, "Returned from customer"


__all__ = ["StockHistoryCode", "StockStatus", "StockStatusGroups"]
