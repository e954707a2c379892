"""Stand-in for ``plugin.base.locate``."""
