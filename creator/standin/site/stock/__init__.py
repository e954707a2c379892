"""Stand-in for InvenTree's ``stock`` app (StockItem and StockLocation only)."""
