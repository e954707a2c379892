"""The check's rules, one small class each; importing this package registers them all.

Families (id prefixes): PKG packaging metadata and entry point, CLS the plugin class (AST),
UI user-interface features and static files, HOOK mixin hooks against the target release's
signatures, DYN what the dynamic layer observed,
INV what a real InvenTree did with the plugin (`check --inventree SRC`).
"""

from creator.check.rules import classes, dynamic, hooks, inventree, packaging, ui  # noqa: F401
