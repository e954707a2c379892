"""Stand-in for ``plugin.base.supplier``."""
