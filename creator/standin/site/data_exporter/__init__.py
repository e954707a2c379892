"""Stand-in for InvenTree's ``data_exporter`` package: only what plugins import."""
