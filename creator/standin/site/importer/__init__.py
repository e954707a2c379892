"""Stand-in for InvenTree's ``importer`` app (data import sessions): only what plugins import."""
