"""The mixin catalog (includes/catalog.yml) as Python objects, for the CLI, docs and tests.

The YAML file is the single source; the template reads the same data through copier.yml.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from creator import questions


@dataclass(frozen=True)
class Mixin:
    """One mixin InvenTree's `plugin.mixins` exports, with what the template adds for it."""

    name: str
    key: str
    summary: str
    doc: str
    requires: tuple[str, ...] = ()
    imports: tuple[str, ...] = ()
    settings: dict[str, Any] = field(default_factory=dict)
    files: tuple[str, ...] = ()
    static: tuple[str, ...] = ()
    since: str = ""  # first InvenTree release that has it ("": every 1.x release)
    legacy: str = ""  # why it is no longer offered ("": offered)
    changes: str = ""  # what changed across releases for the example, and how it copes

    @property
    def import_line(self) -> str:
        """How a plugin imports it (the stable path InvenTree documents)."""
        return f"from plugin.mixins import {self.name}"


def load(root: Path | None = None) -> list[Mixin]:
    """All mixins, in catalog (= base class) order."""
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
