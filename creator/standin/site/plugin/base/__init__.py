"""Stand-in for ``plugin.base``: the mixin implementations, grouped as in InvenTree."""
