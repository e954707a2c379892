"""Stand-in for InvenTree's ``users`` app: ``permissions`` and ``ruleset`` (no models)."""
