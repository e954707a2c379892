"""The mixin catalog (includes/catalog.yml) as Python objects, for the CLI, docs and tests.

The YAML file is the single source; the template reads the same data through copier.yml.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path


@dataclass(frozen=True)
class Mixin:
    """One mixin InvenTree's `plugin.mixins` exports, with what the template adds for it."""

    name: str
    key: str
    summary: str
    doc: str
    requires: tuple[str, ...] = ()
    imports: tuple[str, ...] = ()
    settings: dict = field(default_factory=dict)
    files: tuple[str, ...] = ()
    static: tuple[str, ...] = ()
    since: str = ""  # first InvenTree release that has it ("": every 1.x release)
    legacy: str = ""  # why it is no longer offered ("": offered)
    changes: str = ""  # what changed across releases for the example, and how it copes

    @property
    def import_line(self) -> str:
        """How a plugin imports it (the stable path InvenTree documents)."""
        return f"from plugin.mixins import {self.name}"

    @property
    def snippet(self) -> str:
        """Path (template-root relative) of its part of the plugin class."""
        return f"includes/mixins/{self.name}.py.jinja"


def load(root: Path | None = None) -> list[Mixin]:
    """All mixins, in catalog (= base class) order."""
    from creator import questions

    data = questions.load(root).data["catalog"]
    return [
        Mixin(
            name=name,
            key=spec["key"],
            summary=spec["summary"],
            doc=spec["doc"],
            requires=tuple(spec.get("requires", ())),
            imports=tuple(spec.get("imports", ())),
            settings=dict(spec.get("settings", {})),
            files=tuple(spec.get("files", ())),
            static=tuple(spec.get("static", ())),
            since=spec.get("since", ""),
            legacy=spec.get("legacy", ""),
            changes=spec.get("changes", ""),
        )
        for name, spec in data.items()
    ]
