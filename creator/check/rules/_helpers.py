"""Small helpers the rules share (parsed sources, the plugin classes to check)."""

from __future__ import annotations

from creator.check.classes import Inventory, PluginClass
from creator.check.model import Context


def inventory(ctx: Context) -> Inventory:
    """The project's parsed modules and plugin classes, parsed once per check."""
    return ctx.notes.setdefault("inventory", Inventory(ctx.project))


def targets(ctx: Context) -> list[PluginClass]:
    """The plugin classes to check.

    The entry points' classes; for a plugin folder (or no resolvable entry point), every class
    the directory loader would collect (non-empty NAME).
    """
    inv = inventory(ctx)
    found = [cls for e in ctx.project.entry_points if (cls := inv.find(e.value)) is not None]
    if found:
        return list({id(c): c for c in found}.values())
    return [cls for cls in inv.plugin_classes if cls.literal("NAME", True)]
