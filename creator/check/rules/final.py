"""CLS: names InvenTreePlugin marks final, redefined by the plugin class (INVE-E11)."""

from __future__ import annotations

from collections.abc import Iterator

from creator import facts
from creator.check.analysis.hierarchy import Hierarchy
from creator.check.analysis.sources import within
from creator.check.model import Finding, Rule
from creator.check.project import Project

#: Attributes InvenTree reads in upper case: the hint for a lower-case final name.
_META_NAMES = frozenset({"VERSION", "DESCRIPTION", "AUTHOR", "WEBSITE", "LICENSE", "SLUG", "NAME"})

#: Properties InvenTreePlugin marks final that its INVE-E11 check does not collect.
_FINAL_PROPERTIES = frozenset(
    {"name", "slug", "human_name", "description", "author", "pub_date", "version", "website",
     "license", "is_sample", "package_path", "settings_url", "registered_mixins"}
)  # fmt: skip


class CLS003(Rule):
    """No final method of InvenTreePlugin is redefined as a method or property (INVE-E11).

    InvenTree refuses, when the class is created, any plugin class whose body defines one of
    its final names as a function, property, classmethod or staticmethod: the import of the
    module fails with "INVE-E11: Plugin '<Cls>' cannot override final method '<name>'". The
    final names are those InvenTree's check collects: plain methods marked final, also under a
    classmethod (23 in 1.0 to 1.5: `plugin_slug`, `is_active`, `plugin_static_file`,
    `check_is_package`, ...); the marked properties (`slug`, `name`, `version`, ...) are not
    collected, so redefining those is not refused (CLS004 warns).

    Fix: rename the method, or set the matching upper-case attribute instead (`VERSION`,
    `DESCRIPTION`, `SLUG`, ...).
    """

    id = "CLS003"
    severity = "error"

    def check(
        self, project: Project, classes: Hierarchy, package_tops: set[str], release: facts.Release
    ) -> Iterator[Finding]:
        for cls in classes.plugin_classes:
            if not within(cls.module.name, package_tops):
                continue
            for name, (line, kind, _node) in cls.names.items():
                if name not in release.final_methods or kind == "attribute":
                    continue
                yield self.finding(
                    f"INVE-E11: Plugin '{cls.name}' cannot override final method '{name}' "
                    "from InvenTreePlugin",
                    file=project.rel(cls.module.file), line=line,
                    hint=f"rename {name}() (InvenTree provides it; set the upper-case "
                    "attribute for metadata)",
                )  # fmt: skip


class CLS004(Rule):
    """No name InvenTreePlugin provides as final is replaced in the plugin class.

    InvenTree's INVE-E11 check only refuses methods it collects as final, so
    `version = "1.0"`, `description = "..."` or a `slug` property in the class body passes it,
    but silently replaces InvenTree's property: the admin page and the API then show the raw
    value, and code that calls the method (`self.slug`, `self.is_active()`) breaks.

    Fix: use the upper-case attribute (`VERSION`, `DESCRIPTION`, `SLUG`, ...).
    """

    id = "CLS004"
    severity = "warning"

    def check(
        self, project: Project, classes: Hierarchy, package_tops: set[str], release: facts.Release
    ) -> Iterator[Finding]:
        final = release.final_methods
        for cls in classes.plugin_classes:
            if not within(cls.module.name, package_tops):
                continue
            for name, (line, kind, _node) in cls.names.items():
                refused = name in final and kind != "attribute"  # CLS003's finding
                if (name in final or name in _FINAL_PROPERTIES) and not refused:
                    upper = name.upper() if name.upper() in _META_NAMES else None
                    yield self.finding(
                        f"{cls.name}.{name} shadows InvenTree's final '{name}'",
                        file=project.rel(cls.module.file), line=line,
                        hint=f"use {upper} instead" if upper else f"rename {name}",
                    )  # fmt: skip
