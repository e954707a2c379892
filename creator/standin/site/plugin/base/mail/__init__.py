"""Stand-in for ``plugin.base.mail``."""
