"""Stand-in for InvenTree's ``machine`` app package: only what plugins import.

The machine types and driver bases plugins use are under ``plugin.machine`` in the stand-in
(the plugin package re-exports them as InvenTree does).
"""
