"""Stand-in for InvenTree's ``part`` app (Part and PartCategory only)."""
