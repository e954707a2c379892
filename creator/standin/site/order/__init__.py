"""Stand-in for InvenTree's ``order`` app (order headers and line items only)."""
