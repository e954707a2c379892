"""Stand-in for ``plugin.base.event``."""
