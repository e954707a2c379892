"""Stand-in for InvenTree's ``common`` app (global settings and shared types)."""
