"""The check's rules, one small class each; importing this package registers them all.

Families (id prefixes): PKG packaging metadata and entry point, CLS the plugin class (AST),
UI user-interface features and static files, DYN what the dynamic layer observed.
"""

from creator.check.rules import classes, dynamic, packaging, ui  # noqa: F401
