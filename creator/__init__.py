"""create-inventree-plugin: start, check and update InvenTree plugins.

Kept import-free on purpose: the console script imports this package before parsing
arguments, and `--help` / `--version` must not pay for Copier, Jinja or questionary.
"""

__version__ = "0.1.0"
