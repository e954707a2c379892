"""Stand-in for InvenTree's ``users`` app (permission helpers only; no models)."""
