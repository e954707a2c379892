"""Stand-in for ``plugin.base.barcodes``."""
