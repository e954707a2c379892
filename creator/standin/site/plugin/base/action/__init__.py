"""Stand-in for ``plugin.base.action``."""
