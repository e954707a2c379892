"""Stand-in for ``plugin.base.ui``."""
