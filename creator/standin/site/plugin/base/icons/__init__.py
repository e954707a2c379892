"""Stand-in for ``plugin.base.icons``."""
