"""The loader check: would InvenTree's plugin loader accept this plugin, and if not, why?

`run()` reads the plugin (creator.check.project), runs the static rules (no import), then,
unless `static_only`, the dynamic layer: an isolated subprocess that imports, instantiates and
activates the plugin against our InvenTree stand-in (creator.check.dynamic), whose results
the dynamic rules turn into findings. The rules live in creator/check/rules/, one class each.
"""

from creator.check.runner import DEFAULT_INVENTREE_VERSION, Report, run

__all__ = ["DEFAULT_INVENTREE_VERSION", "Report", "run"]
