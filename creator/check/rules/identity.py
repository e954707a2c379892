"""CLS: the plugin class's identity and metadata (NAME, SLUG, version bounds, publish date).

Read from source: values that are not literals (computed at runtime) are skipped, the dynamic
layer sees those. A base class from outside the project and InvenTree makes "is X set
somewhere?" undecidable, so those rules stay silent for such classes.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from datetime import datetime
from typing import Any

from creator import facts
from creator.check import versions
from creator.check.analysis.hierarchy import Hierarchy, ProjectClass
from creator.check.analysis.sources import literal
from creator.check.model import Finding, Rule
from creator.check.project import Project
from creator.check.slugs import slugify


class CLS001(Rule):
    """SLUG is set, in slug form (`slugify(SLUG) == SLUG`) and at most 255 characters.

    InvenTree keys the plugin by `slugify(SLUG or NAME)` and loads it whatever SLUG says.
    Up to 1.2 it builds static-file URLs from the raw SLUG (`/static/plugins/<SLUG>/...`)
    while copying the files to the slugified folder, so any other SLUG makes the plugin's
    JavaScript 404 there (a feature fails), and a missing SLUG breaks `plugin_static_file`.
    From 1.3 on the URLs use the slugified key: nothing fails, the finding is a note. The
    registry key is a 255-character database field.

    Fix: set `SLUG = "my-plugin"` (lower-case ASCII letters, digits, '-' and '_').
    """

    id = "CLS001"
    severity = "feature"

    def check(
        self, project: Project, targets: list[ProjectClass], release: facts.Release,
        inventree_version: str,
    ) -> Iterator[Finding]:  # fmt: skip
        raw_urls = release.static_slug_attribute == "SLUG"
        for cls in targets:
            attribute = cls.attributes.get("SLUG")
            file = project.rel(cls.module.file)
            if attribute is None:
                if raw_urls:
                    yield self.finding(
                        f"{cls.name} sets no SLUG: static URLs of InvenTree "
                        f"{inventree_version} need one",
                        file=file, line=cls.line,
                        hint=f"add SLUG = {slugify(str(cls.literal('NAME', cls.name)))!r}",
                        severity="warning",
                    )  # fmt: skip
                continue
            if not attribute.literal or not isinstance(attribute.value, str):
                continue  # computed: the dynamic layer checks the value
            slug = attribute.value
            if slugify(slug) != slug or not slug:
                consequence = "its static-file URLs 404" if raw_urls else "it loads under that key"
                yield self.finding(
                    f"SLUG {slug!r} is not in slug form: InvenTree {inventree_version} "
                    f"keys the plugin as {slugify(slug)!r}, and {consequence}",
                    file=file, line=attribute.line,
                    hint=f"set SLUG = {slugify(slug) or 'my-plugin'!r}",
                    severity=None if raw_urls else "info",
                )  # fmt: skip
            elif len(slug) > 255:
                yield self.finding(
                    f"SLUG is {len(slug)} characters; InvenTree stores at most 255",
                    file=file, line=attribute.line, hint="use a shorter SLUG",
                )  # fmt: skip


class CLS002(Rule):
    """NAME is set to a non-empty string.

    The directory loader collects only classes with a truthy NAME (an empty NAME makes it skip
    the class silently), and NAME is the fallback for the slug, the title and the description.
    A pip plugin (entry point) without NAME loads keyed by its SLUG; without either it is keyed
    by an empty slug.

    Fix: set `NAME = "MyPlugin"` in the plugin class.
    """

    id = "CLS002"
    severity = "error"

    def check(
        self, project: Project, classes: Hierarchy, targets: list[ProjectClass]
    ) -> Iterator[Finding]:
        for cls in targets:
            found = classes.lookup(cls, "NAME")
            if project.entry_points and _has_slug(classes, cls):
                continue  # entry-point plugins are keyed by SLUG when NAME is empty
            if found is None:
                if classes.lineage(cls).unknown:
                    continue  # an unknown base class may set it
                message = f"{cls.name} sets no NAME"
            else:
                ok, value = literal(found.node)
                if not ok or (isinstance(value, str) and value.strip()):
                    continue
                message = f"{cls.name} has an empty NAME ({value!r})"
            yield self.finding(
                message + ": InvenTree skips or mis-keys the plugin",
                file=project.rel(cls.module.file), line=found.line if found else cls.line,
                hint=f"set NAME = {cls.name!r}",
            )  # fmt: skip


def _has_slug(classes: Hierarchy, cls: ProjectClass) -> bool:
    """Whether the lineage sets a non-empty (or computed) SLUG."""
    found = classes.lookup(cls, "SLUG")
    if found is None:
        return False
    ok, value = literal(found.node)
    return not ok or bool(isinstance(value, str) and value.strip())


def _version_bounds(
    classes: Hierarchy, targets: list[ProjectClass]
) -> Iterator[tuple[str, Any, ProjectClass, int]]:
    """(MIN_/MAX_VERSION, literal value, defining class, line) for each target's bounds."""
    for cls in targets:
        for name in ("MIN_VERSION", "MAX_VERSION"):
            found = classes.lookup(cls, name)
            if found is None:
                continue
            ok, value = literal(found.node)
            if ok and value is not None and value != "":
                yield name, value, found.owner, found.line


class CLS005(Rule):
    r"""MIN_VERSION and MAX_VERSION are written as X.Y.Z with a single-digit major.

    InvenTree parses them with the regex `^.*(\d+)\.(\d+)\.(\d+).*$`: a two-part value
    ('1.2') gives an empty tuple, so a two-part MAX_VERSION makes every InvenTree version
    "incompatible" (the plugin is disabled forever) and a two-part MIN_VERSION is ignored; a
    two-digit major ('10.0.0') loses its first digit; a non-string raises.

    Fix: write all three parts, e.g. `MIN_VERSION = "1.0.0"`.
    """

    id = "CLS005"
    severity = "error"

    def check(
        self, project: Project, classes: Hierarchy, targets: list[ProjectClass]
    ) -> Iterator[Finding]:
        for name, value, owner, line in _version_bounds(classes, targets):
            file = project.rel(owner.module.file)
            if not isinstance(value, str):
                yield self.finding(
                    f"{name} = {value!r} is not a string: InvenTree's version check raises",
                    file=file, line=line, hint=f'write {name} = "1.0.0"',
                )  # fmt: skip
            elif re.match(r"^\d\.\d+\.\d+", value):
                continue
            elif not versions.inventree_tuple(value):
                if name == "MAX_VERSION":
                    yield self.finding(
                        f"MAX_VERSION {value!r} has no X.Y.Z part: InvenTree treats every "
                        "version as too new and disables the plugin forever",
                        file=file, line=line, hint=f"write all three parts, e.g. {value}.0",
                    )  # fmt: skip
                else:
                    yield self.finding(
                        f"MIN_VERSION {value!r} has no X.Y.Z part: InvenTree ignores it",
                        file=file, line=line, hint=f"write all three parts, e.g. {value}.0",
                        severity="warning",
                    )  # fmt: skip
            else:
                parsed = versions.inventree_tuple(value)
                yield self.finding(
                    f"{name} {value!r} is read by InvenTree as "
                    f"{'.'.join(map(str, parsed))} (its regex keeps one major digit)",
                    file=file, line=line, hint="write the version as X.Y.Z, e.g. 1.0.0",
                    severity="warning",
                )  # fmt: skip


class CLS006(Rule):
    """MIN_VERSION / MAX_VERSION admit the InvenTree version checked against.

    After instantiating a plugin, InvenTree compares its version with the bounds; outside
    them it logs "Plugin '<NAME>' is not compatible with the current InvenTree version",
    saves the plugin as inactive and deactivates it, even if a user had enabled it.

    Fix: adjust the bounds, or check with `--inventree-version` for the release you target.
    """

    id = "CLS006"
    severity = "error"

    def check(
        self, project: Project, classes: Hierarchy, targets: list[ProjectClass],
        release: facts.Release, inventree_version: str,
    ) -> Iterator[Finding]:  # fmt: skip
        current = list(release.tuple)
        for name, value, owner, line in _version_bounds(classes, targets):
            if not isinstance(value, str):
                continue
            bound = versions.inventree_tuple(value)
            if len(bound) != 3:
                continue  # CLS005 reports it
            too_old = name == "MIN_VERSION" and current < bound
            too_new = name == "MAX_VERSION" and current > bound
            file = project.rel(owner.module.file)
            if too_old and facts.is_newer_than_model((bound[0], bound[1], bound[2])):
                yield self.finding(
                    f"our model is older than this plugin: MIN_VERSION {value} is above every "
                    f"InvenTree release we model (newest {facts.NEWEST}); checked against "
                    f"{inventree_version} as if it were compatible",
                    file=file, line=line,
                    hint="nothing to fix in the plugin; on older InvenTree it is deactivated",
                    severity="warning",
                )  # fmt: skip
                continue
            if too_old or too_new:
                word = "at least" if too_old else "at most"
                yield self.finding(
                    f"not compatible: {name} requires {word} {value}, checked against "
                    f"InvenTree {inventree_version}; InvenTree deactivates the plugin",
                    file=file, line=line,
                    hint=f"change {name}, or check with --inventree-version X.Y.Z",
                )  # fmt: skip


#: What `datetime.fromisoformat` accepts before Python 3.11 (the basic ISO forms).
_ISO_39 = re.compile(
    r"^\d{4}-\d{2}-\d{2}([T ]\d{2}(:\d{2}(:\d{2}(\.\d{3}(\d{3})?)?)?)?([+-]\d{2}:\d{2})?)?$"
)


class CLS007(Rule):
    """PUBLISH_DATE, when set, parses with `datetime.fromisoformat`.

    InvenTree reads it with `datetime.fromisoformat(str(PUBLISH_DATE))` whenever the plugin's
    metadata is shown (admin page, API): a value like "31/01/2024" raises there, and the
    real 1.5 loader logs the error during the plugin reload. The plugin still loads; its
    metadata pages fail. Python before 3.11 accepts only the basic form (YYYY-MM-DD with an
    optional time).

    Fix: `PUBLISH_DATE = "2024-01-31"`.
    """

    id = "CLS007"
    severity = "feature"

    def check(
        self, project: Project, classes: Hierarchy, targets: list[ProjectClass]
    ) -> Iterator[Finding]:
        for cls in targets:
            found = classes.lookup(cls, "PUBLISH_DATE")
            if found is None:
                continue
            ok, value = literal(found.node)
            if not ok or not value:
                continue
            file, line = project.rel(found.owner.module.file), found.line
            text = str(value)
            try:
                datetime.fromisoformat(text)
            except ValueError:
                yield self.finding(
                    f"PUBLISH_DATE {value!r} is not an ISO date: InvenTree raises when it "
                    "shows the plugin",
                    file=file, line=line, hint='write PUBLISH_DATE = "YYYY-MM-DD"',
                )  # fmt: skip
                continue
            if not _ISO_39.match(text):
                yield self.finding(
                    f"PUBLISH_DATE {value!r} parses only on Python 3.11+ servers",
                    file=file, line=line, hint='write PUBLISH_DATE = "YYYY-MM-DD"',
                    severity="warning",
                )  # fmt: skip


def _normalise(name: str) -> str:
    return re.sub(r"[-_.]+", "-", name).lower()


class CLS008(Rule):
    """VERSION, AUTHOR, DESCRIPTION and LICENSE are set on the plugin class.

    When they are missing InvenTree falls back to package metadata, but it looks the package
    up by the class name and then by the top-level module name, never by the distribution
    name: `inventree-my-plugin` with package `my_plugin` gets no version, author or licence
    in the admin center. Directory plugins fall back to git metadata only.

    A missing VERSION that the fallback cannot find is a warning (the admin center and the
    registry hash then have no version); the other cases are informational.

    Fix: set the four attributes in the class (VERSION = __version__ keeps one source).
    """

    id = "CLS008"
    severity = "warning"

    def check(
        self, project: Project, classes: Hierarchy, targets: list[ProjectClass]
    ) -> Iterator[Finding]:
        for cls in targets:
            if classes.lineage(cls).unknown:
                continue  # an unknown base class may set them
            missing = [a for a in versions.METADATA_ATTRIBUTES if classes.lookup(cls, a) is None]
            if not missing:
                continue
            top = cls.module.name.split(".")[0]
            lookups = {_normalise(cls.name), _normalise(top)}
            found = project.kind != "plugin-dir" and project.name is not None
            found = found and _normalise(str(project.name)) in lookups
            yield self.finding(
                f"{cls.name} does not set {', '.join(missing)}: "
                + ("InvenTree falls back to the package metadata" if found else
                   "InvenTree's fallback (package metadata looked up by class or module name) "
                   "finds nothing"),
                file=project.rel(cls.module.file), line=cls.line,
                hint="set " + ", ".join(f"{a} = ..." for a in missing) + " in the class",
                severity=None if "VERSION" in missing and not found else "info",
            )  # fmt: skip
