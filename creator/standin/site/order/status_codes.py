"""Stand-in for ``order.status_codes``: status enums of purchase, sales and return orders.

Mirrors: ``src/backend/InvenTree/order/status_codes.py`` (1.x): ``PurchaseOrderStatus``,
``SalesOrderStatus``, ``ReturnOrderStatus``, ``ReturnOrderLineStatus`` and the ``*StatusGroups``
code lists (``OPEN``, ``FAILED``, ``COMPLETE``). Codes, labels and colours are InvenTree's;
labels are plain strings (no translation). Left out: ``TransferOrderStatus``, which only a
newer development version defines.
"""

from __future__ import annotations

from generic.states import ColorEnum, StatusCode


class PurchaseOrderStatus(StatusCode):
    """Status of a purchase order."""

    PENDING = 10, "Pending", ColorEnum.secondary
    PLACED = 20, "Placed", ColorEnum.primary
    ON_HOLD = 25, "On Hold", ColorEnum.warning
    COMPLETE = 30, "Complete", ColorEnum.success
    CANCELLED = 40, "Cancelled", ColorEnum.danger
    LOST = 50, "Lost", ColorEnum.warning
    RETURNED = 60, "Returned", ColorEnum.warning


class PurchaseOrderStatusGroups:
    """Purchase order codes grouped by meaning."""

    OPEN = [
        PurchaseOrderStatus.PENDING.value,
        PurchaseOrderStatus.ON_HOLD.value,
        PurchaseOrderStatus.PLACED.value,
    ]
    FAILED = [
        PurchaseOrderStatus.CANCELLED.value,
        PurchaseOrderStatus.LOST.value,
        PurchaseOrderStatus.RETURNED.value,
    ]
    COMPLETE = [PurchaseOrderStatus.COMPLETE.value]


class SalesOrderStatus(StatusCode):
    """Status of a sales order."""

    PENDING = 10, "Pending", ColorEnum.secondary
    IN_PROGRESS = 15, "In Progress", ColorEnum.primary
    SHIPPED = 20, "Shipped", ColorEnum.success
    ON_HOLD = 25, "On Hold", ColorEnum.warning
    COMPLETE = 30, "Complete", ColorEnum.success
    CANCELLED = 40, "Cancelled", ColorEnum.danger
    LOST = 50, "Lost", ColorEnum.warning
    RETURNED = 60, "Returned", ColorEnum.warning


class SalesOrderStatusGroups:
    """Sales order codes grouped by meaning."""

    OPEN = [
        SalesOrderStatus.PENDING.value,
        SalesOrderStatus.ON_HOLD.value,
        SalesOrderStatus.IN_PROGRESS.value,
    ]
    COMPLETE = [SalesOrderStatus.SHIPPED.value, SalesOrderStatus.COMPLETE.value]


class ReturnOrderStatus(StatusCode):
    """Status of a return order."""

    PENDING = 10, "Pending", ColorEnum.secondary
    IN_PROGRESS = 20, "In Progress", ColorEnum.primary
    ON_HOLD = 25, "On Hold", ColorEnum.warning
    COMPLETE = 30, "Complete", ColorEnum.success
    CANCELLED = 40, "Cancelled", ColorEnum.danger


class ReturnOrderStatusGroups:
    """Return order codes grouped by meaning."""

    OPEN = [
        ReturnOrderStatus.PENDING.value,
        ReturnOrderStatus.ON_HOLD.value,
        ReturnOrderStatus.IN_PROGRESS.value,
    ]
    COMPLETE = [ReturnOrderStatus.COMPLETE.value]


class ReturnOrderLineStatus(StatusCode):
    """Outcome chosen for one returned line."""

    PENDING = 10, "Pending", ColorEnum.secondary
    RETURN = 20, "Return", ColorEnum.success
    REPAIR = 30, "Repair", ColorEnum.primary
    REPLACE = 40, "Replace", ColorEnum.warning
    REFUND = 50, "Refund", ColorEnum.info
    REJECT = 60, "Reject", ColorEnum.danger


__all__ = [
    "PurchaseOrderStatus",
    "PurchaseOrderStatusGroups",
    "ReturnOrderLineStatus",
    "ReturnOrderStatus",
    "ReturnOrderStatusGroups",
    "SalesOrderStatus",
    "SalesOrderStatusGroups",
]
