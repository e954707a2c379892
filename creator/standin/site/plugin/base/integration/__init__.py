"""Stand-in for ``plugin.base.integration``."""
