"""Run the rules over a plugin and decide the verdict (`loads`)."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from creator.check.model import Context, Finding, select_rules

# The newest InvenTree release our model of the loader and the `plugin` API describes.
DEFAULT_INVENTREE_VERSION = "1.1.0"


@dataclass
class Report:
    """What `check` prints: the verdict, the plugin as understood, and the findings."""

    loads: bool | None
    plugin: dict[str, Any] = field(default_factory=dict)
    findings: list[Finding] = field(default_factory=list)

    @property
    def errors(self) -> list[Finding]:
        """Error-level findings (each makes the exit code 1)."""
        return [f for f in self.findings if f.severity == "error"]

    def as_dict(self) -> dict[str, Any]:
        """The `--json` object."""
        return {
            "loads": self.loads,
            "plugin": self.plugin,
            "findings": [f.as_dict() for f in self.findings],
        }


def run(
    path: Path,
    *,
    inventree_version: str = DEFAULT_INVENTREE_VERSION,
    static_only: bool = False,
    select: Iterable[str] = (),
    ignore: Iterable[str] = (),
) -> Report:
    """Check the plugin at `path` (project dir, wheel, sdist or plugin folder)."""
    from creator.check import project as project_module

    project = project_module.load(path)
    try:
        ctx = Context(project=project, inventree_version=inventree_version)
        rules = list(select_rules(select, ignore))
        findings: list[Finding] = []
        for rule in rules:
            if rule.layer == "static":
                findings.extend(rule().check(ctx))
        undecided = False
        if not static_only and any(rule.layer == "dynamic" for rule in rules):
            from creator.check import dynamic

            ctx.dynamic = dynamic.run(ctx)
            for rule in rules:
                if rule.layer == "dynamic":
                    findings.extend(rule().check(ctx))
            undecided = ctx.dynamic.get("status") not in ("ok", "failed")
        plugin = describe(ctx)
    finally:
        project.close()
    decides = any(rule.id == "DYN010" for rule in rules)  # the rule that explains a null
    if static_only and decides and not any(f.severity == "error" for f in findings):
        findings.append(
            Finding(
                "DYN010",
                "info",
                "the dynamic layer was skipped (--static-only): no static problem, but whether "
                "the plugin imports and activates is not decided",
                hint="run the check without --static-only",
            )
        )
    findings.sort(key=lambda f: ("error", "warning", "info").index(f.severity))
    if any(f.severity == "error" for f in findings):
        loads: bool | None = False
    elif undecided or static_only:
        loads = None
    else:
        loads = True
    return Report(loads=loads, plugin=plugin, findings=findings)


def describe(ctx: Context) -> dict[str, Any]:
    """The plugin as the check understood it (`--json` "plugin")."""
    from creator.check.classes import Inventory

    project = ctx.project
    inventory = ctx.notes.setdefault("inventory", Inventory(project))
    entry = project.entry_points[0] if project.entry_points else None
    cls = inventory.find(entry.value) if entry else None
    if cls is None and inventory.plugin_classes:
        cls = inventory.plugin_classes[0]
    info: dict[str, Any] = {
        "kind": project.kind,
        "distribution": project.name,
        "version": project.version,
        "entry_point": entry.value if entry else None,
    }
    if cls is not None:
        info.update(
            {
                "class": cls.qualname,
                "name": cls.literal("NAME"),
                "slug": cls.literal("SLUG"),
                "mixins": cls.mixins(),
            }
        )
    dynamic = (ctx.dynamic or {}).get("plugin")
    if dynamic:
        info.update({k: v for k, v in dynamic.items() if v is not None})
    return info
