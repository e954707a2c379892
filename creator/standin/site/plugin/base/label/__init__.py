"""Stand-in for ``plugin.base.label``."""
