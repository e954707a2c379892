"""Stand-in for ``order.serializers``: serializers of orders and their lines.

Mirrors: ``src/backend/InvenTree/order/serializers.py``. The purchase, sales and return order
serializers (orders, line items, sales order allocations) serialize every field of the
stand-in models and accept InvenTree's ``*_detail`` options (nested details are left out).
Left out: the receive, ship, allocate and complete serializers.
"""

from __future__ import annotations

from InvenTree.serializers import _model_serializer

from order import models as order_models

PurchaseOrderSerializer = _model_serializer(
    order_models.PurchaseOrder, "PurchaseOrderSerializer", "A purchase order."
)
PurchaseOrderLineItemSerializer = _model_serializer(
    order_models.PurchaseOrderLineItem, "PurchaseOrderLineItemSerializer", "A purchase order line."
)
SalesOrderSerializer = _model_serializer(
    order_models.SalesOrder, "SalesOrderSerializer", "A sales order."
)
SalesOrderLineItemSerializer = _model_serializer(
    order_models.SalesOrderLineItem, "SalesOrderLineItemSerializer", "A sales order line."
)
SalesOrderAllocationSerializer = _model_serializer(
    order_models.SalesOrderAllocation,
    "SalesOrderAllocationSerializer",
    "Stock allocated.",
)
ReturnOrderSerializer = _model_serializer(
    order_models.ReturnOrder, "ReturnOrderSerializer", "A return order."
)
ReturnOrderLineItemSerializer = _model_serializer(
    order_models.ReturnOrderLineItem, "ReturnOrderLineItemSerializer", "A return order line."
)
