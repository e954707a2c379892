"""Check plugins against a real InvenTree: its own registry loads and activates them.

`environment.prepare(src)` sets up (once, cached) a venv from the source tree's own
requirements and a migrated SQLite database; `loader.check(path, src)` installs a plugin into
a throwaway layer over that environment, runs `probe.py` in a fresh, sandboxed process, and
turns what InvenTree reported into a `creator.check.runner.Report` with INV findings.
"""
