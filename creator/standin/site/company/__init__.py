"""Stand-in for InvenTree's ``company`` app (Company and SupplierPart only)."""
