"""Stand-in for InvenTree's ``build`` app (build orders and lines only)."""
