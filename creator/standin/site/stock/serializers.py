"""Stand-in for ``stock.serializers``: serializers of stock locations, items and test results.

Mirrors: ``src/backend/InvenTree/stock/serializers.py``. ``LocationSerializer``,
``StockItemSerializer`` and ``StockItemTestResultSerializer`` serialize every field of the
stand-in models and accept InvenTree's ``*_detail`` options (nested details are left out).
Left out: the stock adjustment serializers (add, remove, transfer, count, install).
"""

from __future__ import annotations

from InvenTree.serializers import _model_serializer

from stock import models as stock_models

LocationSerializer = _model_serializer(
    stock_models.StockLocation, "LocationSerializer", "A stock location."
)
StockItemSerializer = _model_serializer(
    stock_models.StockItem, "StockItemSerializer", "A stock item."
)
StockItemTestResultSerializer = _model_serializer(
    stock_models.StockItemTestResult,
    "StockItemTestResultSerializer",
    "A test result of a stock item.",
)
