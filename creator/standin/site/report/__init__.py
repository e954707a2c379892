"""Stand-in for InvenTree's ``report`` app (template models only)."""
