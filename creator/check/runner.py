"""Run the rules over a plugin and decide the verdict (`loads`)."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from creator.check import project as project_module
from creator.check.context import Context, Options
from creator.check.model import SEVERITIES, Finding
from creator.check.rules import select_rules
from creator.check.versions import DEFAULT_VERSION

if TYPE_CHECKING:
    from creator.check.harness_process import Prestarted

#: The release checked against by default: the newest our model of InvenTree describes.
DEFAULT_INVENTREE_VERSION = DEFAULT_VERSION

#: Exit codes of `check` (contract D): loads / does not load / could not run / undecided.
EXIT_LOADS, EXIT_FAILS, EXIT_CANNOT_RUN, EXIT_UNDECIDED = 0, 1, 2, 3


@dataclass
class Report:
    """What `check` prints: the verdict, the plugin as understood, and the findings."""

    loads: bool | None
    plugin: dict[str, Any] = field(default_factory=dict)
    findings: list[Finding] = field(default_factory=list)

    @property
    def errors(self) -> list[Finding]:
        """Error-level findings: InvenTree would not load the plugin (each makes `loads` False)."""
        return [f for f in self.findings if f.severity == "error"]

    @property
    def features(self) -> list[Finding]:
        """Feature-level findings: the plugin loads, but these features will fail."""
        return [f for f in self.findings if f.severity == "feature"]

    def summary(self) -> str:
        """'loads; 2 features will fail', 'does not load (1 error)', 'undecided' and the like."""
        failing = len(self.features)
        features = f"{failing} feature{'s' if failing != 1 else ''} will fail" if failing else ""
        if self.loads is True:
            return "loads" + (f"; {features}" if features else "")
        if self.loads is False:
            count = len(self.errors)
            text = f"does not load ({count} error{'s' if count != 1 else ''})"
            return text + (f"; {features}" if features else "")
        return "undecided" + (f"; {features}" if features else "")

    def exit_code(self, *, strict: bool = False) -> int:
        """0 loads; 1 does not load (`strict`: also loads with failing features); 3 undecided."""
        if self.loads is False or (strict and self.features):
            return EXIT_FAILS
        if self.loads is None:
            return EXIT_UNDECIDED
        return EXIT_LOADS

    def as_dict(self) -> dict[str, Any]:
        """The `--json` object."""
        return {
            "loads": self.loads,
            "summary": self.summary(),
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
    options: Options | None = None,
    prestarted: Prestarted | None = None,
) -> Report:
    """Check the plugin at `path` (project dir, wheel, sdist or plugin folder).

    `loads` is False only when InvenTree would not discover, register or activate the plugin
    (an "error" finding); "feature" findings leave it True; None when undecided (the dynamic
    layer could not decide, e.g. our model lacks a name the plugin uses, or --static-only).
    `prestarted`: a harness from `creator.check.dynamic.prestart` (used or cancelled).
    """
    # absolute: the dynamic layer runs elsewhere (its own working directory)
    project = project_module.load(Path(path).absolute())
    try:
        ctx = Context(project, inventree_version, options)
        rules = list(select_rules(select, ignore))
        if not static_only and any(rule.layer == "dynamic" for rule in rules):
            from creator.check import dynamic  # the dynamic layer: only when it runs

            # started now, so that the stand-in's set-up overlaps the static rules
            prestarted = prestarted or dynamic.prestart(
                [project.import_root], inventree_version, dynamic.timeout_for(ctx)
            )
        findings: list[Finding] = []
        for rule in rules:
            if rule.layer == "static":
                findings.extend(rule().run(ctx))
        undecided = False
        if not static_only and any(rule.layer == "dynamic" for rule in rules):
            from creator.check import dynamic  # the dynamic layer: only when it runs

            ctx.dynamic = dynamic.run(ctx, prestarted)
            for rule in rules:
                if rule.layer == "dynamic":
                    findings.extend(rule().run(ctx))
            undecided = not ctx.dynamic.decided
        plugin = describe(ctx)
    finally:
        if prestarted is not None:
            prestarted.cancel()  # nothing when the dynamic layer used it
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
    findings.sort(key=lambda f: SEVERITIES.index(f.severity))
    if any(f.severity == "error" for f in findings):
        loads: bool | None = False
    elif undecided or static_only or any(f.rule == "DYN013" for f in findings):
        # DYN013: loading needed the network the check lacks; a server may have it
        loads = None
    else:
        loads = True
    return Report(loads=loads, plugin=plugin, findings=findings)


def describe(ctx: Context) -> dict[str, Any]:
    """The plugin as the check understood it (`--json` "plugin")."""
    project = ctx.project
    entry = project.entry_points[0] if project.entry_points else None
    cls = ctx.plugin_class
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
    dynamic = ctx.dynamic.plugin if ctx.dynamic is not None else None
    if dynamic:
        info.update({k: v for k, v in dynamic.items() if v is not None})
    return info
