"""PKG: packaging metadata and the entry point InvenTree discovers pip-installed plugins by.

The metadata is read once, by creator.check.distribution (through the Project); these rules
only judge it.
"""

from __future__ import annotations

import ast
import difflib
import re
from collections.abc import Iterator
from pathlib import Path

from creator import facts
from creator.check import pyproject_validation, versions
from creator.check.analysis.hierarchy import Hierarchy, ProjectClass
from creator.check.analysis.sources import Sources, literal
from creator.check.distribution import GROUP, distribution_version
from creator.check.model import Finding, Rule
from creator.check.project import Project
from creator.check.slugs import slugify


class PKG001(Rule):
    """The distribution declares an `inventree_plugins` entry point.

    InvenTree discovers pip-installed plugins only through entry points in the group
    `inventree_plugins` (exact spelling). Without one, the installed package is never loaded.

    Fix: in pyproject.toml add `[project.entry-points.inventree_plugins]` with
    `MyPlugin = "my_package.core:MyPlugin"`. (A plugin folder dropped into InvenTree's plugin
    directory needs none and is not checked for it.)
    """

    id = "PKG001"
    severity = "error"

    def check(self, project: Project) -> Iterator[Finding]:
        if project.kind == "plugin-dir" or project.entry_points:
            return
        yield self.finding(
            "no entry point in the group 'inventree_plugins': InvenTree will not find the plugin",
            file=project.metadata_file,
            hint='add [project.entry-points.inventree_plugins] MyPlugin = "pkg.core:MyPlugin"',
        )


class PKG002(Rule):
    """Each `inventree_plugins` entry point names a plugin class in the distribution's files.

    The loader calls `entry_point.load()`, which imports the module and follows the dotted
    attribute path after ':'. A module that is not shipped, a misspelt class, or an object that
    is not an InvenTreePlugin subclass is a discovery error.

    Fix: point the entry point at `<package>.<module>:<PluginClass>` of a module in the package.
    """

    id = "PKG002"
    severity = "error"

    def check(self, project: Project, classes: Hierarchy) -> Iterator[Finding]:
        for entry in project.entry_points:
            if not entry.attr:
                yield self.finding(
                    f"entry point {entry.name} = {entry.value!r} names a module, not a class",
                    file=project.metadata_file,
                    hint="use the form 'package.module:ClassName'",
                )
                continue
            file = project.module_file(entry.module)
            if file is None:
                yield self.finding(
                    f"entry point {entry.name}: module {entry.module!r} is not in the distribution",
                    file=project.metadata_file,
                    hint="check the module path and that the package is included in the build",
                )
                continue
            if classes.entry_point_class(entry.value) is not None:
                continue
            if "." in entry.attr:
                yield self.finding(
                    f"entry point {entry.name}: {entry.module} has no attribute "
                    f"{entry.attr.split('.')[0]!r} when imported (entry-point loading follows "
                    f"{entry.attr!r} attribute by attribute), or it names no plugin class",
                    file=project.rel(file),
                    hint=f"write {entry.module}.{entry.attr.rsplit('.', 1)[0]}:"
                    f"{entry.attr.rsplit('.', 1)[1]}, or import the submodule in the package",
                )
            else:
                yield self.finding(
                    f"entry point {entry.name}: {entry.attr!r} is not a plugin class "
                    f"(an InvenTreePlugin subclass) in {entry.module}",
                    file=project.rel(file),
                    hint="name the class that subclasses InvenTreePlugin",
                )


class PKG003(Rule):
    """The packaging metadata is valid and names the distribution and its version.

    pip refuses to build or install a distribution whose pyproject.toml is not valid TOML or
    breaks PEP 621 (checked with validate-pyproject when it is installed), and a distribution
    needs a name and a version (set, or declared `dynamic`). InvenTree installs plugins with
    pip, so such a plugin never reaches the loader.

    Fix: correct pyproject.toml as the message says (`validate-pyproject pyproject.toml`
    gives the full report).
    """

    id = "PKG003"
    severity = "error"

    def check(self, project: Project) -> Iterator[Finding]:
        if project.kind == "plugin-dir":
            return
        pyproject = project.pyproject
        if pyproject is not None and "__error__" in pyproject:
            yield self.finding(
                f"pyproject.toml is not valid TOML: {pyproject['__error__']}",
                file="pyproject.toml", hint="fix the TOML syntax",
            )  # fmt: skip
            return
        if project.kind == "wheel":
            for field_, value in (("Name", project.name), ("Version", project.version)):
                if not value:
                    yield self.finding(
                        f"the wheel's METADATA has no {field_}",
                        file=project.metadata_file, hint="rebuild the wheel",
                    )  # fmt: skip
            return
        table = (pyproject or {}).get("project")
        if not isinstance(table, dict):
            return  # metadata from setup.cfg / setup.py / another backend's table
        if not table.get("name"):
            yield self.finding(
                "[project] has no name", file="pyproject.toml",
                hint='add name = "inventree-my-plugin"',
            )  # fmt: skip
        if not table.get("version") and "version" not in (table.get("dynamic") or []):
            yield self.finding(
                "[project] has no version and does not declare it dynamic",
                file="pyproject.toml", hint='add version = "0.1.0"',
            )  # fmt: skip
        errors = pyproject_validation.errors(project.root / "pyproject.toml", pyproject or {})
        for message in errors or []:
            yield self.finding(
                f"pyproject.toml is not valid: {message}", file="pyproject.toml",
                hint="run validate-pyproject pyproject.toml for the full report",
            )  # fmt: skip


def _near_miss(group: str) -> bool:
    """Whether an entry-point group looks like a misspelt `inventree_plugins`."""
    if group == GROUP:
        return False
    letters = re.sub(r"[^a-z]", "", group.lower())
    if letters in ("inventreeplugins", "inventreeplugin"):
        return True
    # about two edits away (difflib's ratio for two edits in 17 letters is 0.88 or more)
    return difflib.SequenceMatcher(None, group.lower(), GROUP).ratio() >= 0.85


class PKG004(Rule):
    """No entry-point group is a misspelling of `inventree_plugins`.

    InvenTree reads only the group spelled exactly `inventree_plugins`; an entry point in
    `inventree_plugin`, `inventree-plugins` or `InvenTree_plugins` is never seen, so the
    installed plugin silently does not appear.

    Fix: rename the group to `inventree_plugins`.
    """

    id = "PKG004"
    severity = "warning"

    def check(self, project: Project) -> Iterator[Finding]:
        for group, file in dict.fromkeys(project.declared_groups):
            if not _near_miss(group):
                continue
            yield self.finding(
                f"entry-point group {group!r} looks like a misspelling of {GROUP!r}: "
                "InvenTree does not read it",
                file=file, hint=f"rename the group to {GROUP}",
            )  # fmt: skip


class PKG005(Rule):
    """The plugin does not require Django or Django REST framework.

    InvenTree provides Django and DRF. Listing them in the plugin's dependencies lets pip
    upgrade, downgrade or reinstall the server's copy when the plugin is installed (pinned
    versions make that certain), which can break InvenTree itself.

    Fix: remove them from `dependencies` (put them in a test extra if your tests need them).
    """

    id = "PKG005"
    severity = "warning"

    def check(self, project: Project) -> Iterator[Finding]:
        for text in project.requires:
            if not any(name in str(text).lower() for name in versions.SERVER_DISTRIBUTIONS):
                continue  # cheap filter before packaging's parser
            # lazy: packaging's requirement parser is slow to import, and rarely needed
            from packaging.requirements import InvalidRequirement, Requirement

            try:
                requirement = Requirement(str(text))
            except InvalidRequirement:
                continue
            name = re.sub(r"[-_.]+", "-", requirement.name).lower()
            if name not in versions.SERVER_DISTRIBUTIONS:
                continue
            if requirement.marker is not None and "extra" in str(requirement.marker):
                continue
            pinned = any(
                s.operator in ("==", "===", "<", "<=", "~=") for s in requirement.specifier
            )
            yield self.finding(
                f"the plugin requires {text!r}"
                + (": pip will install that version over InvenTree's"
                   if pinned else ": pip may replace InvenTree's copy"),
                file=project.metadata_file, hint=f"remove {requirement.name} from the dependencies",
            )  # fmt: skip


def _same_version(a: str, b: str) -> bool:
    from packaging.version import InvalidVersion, Version  # lazy: slow to import, rarely needed

    try:
        return Version(a) == Version(b)
    except InvalidVersion:
        return a.strip() == b.strip()


class PKG006(Rule):
    """The plugin class's VERSION equals the distribution's version.

    InvenTree shows VERSION in the admin center and uses it in the registry hash, while pip
    and `plugins.txt` know the distribution version: when they differ, users and support see
    two versions for one install, and an upgrade looks like it did not happen.

    Fix: keep one source: `VERSION = __version__` with the distribution reading the same
    `__version__` (dynamic version), as generated projects do.
    """

    id = "PKG006"
    severity = "warning"

    def check(
        self, project: Project, sources: Sources, classes: Hierarchy, targets: list[ProjectClass]
    ) -> Iterator[Finding]:
        if project.kind == "plugin-dir":
            return
        dist_version, _where = distribution_version(
            project.root, project.metadata, sources.module_literal
        )
        if not dist_version:
            return
        for cls in targets:
            found = classes.lookup(cls, "VERSION")
            if found is None:
                continue
            ok, value = literal(found.node)
            if not ok and isinstance(found.node, ast.Name):
                value = sources.module_literal(found.owner.module.name, found.node.id)
            if not isinstance(value, str) or _same_version(value, str(dist_version)):
                continue
            yield self.finding(
                f"{cls.name}.VERSION is {value!r} but the distribution is version "
                f"{dist_version!r}",
                file=project.rel(found.owner.module.file), line=found.line,
                hint="set VERSION = __version__ and let the build read the same __version__",
            )  # fmt: skip


class PKG007(Rule):
    """No two plugin classes of the distribution share a slug.

    InvenTree keys plugins by `slugify(SLUG or NAME)` and does not detect duplicates: each
    class is registered under its key, so the class registered last replaces the other
    (which one depends on the import order), and both share one configuration row (active
    flag, settings). The plugin still loads. Two classes with the same NAME but their own
    SLUGs are two plugins, shown under one name. A slug equal to a built-in plugin's
    (`inventreebarcode`, `bom-exporter`, ... per release) loads too, but replaces that
    built-in plugin and shares its configuration.

    Fix: give every plugin class its own NAME and SLUG.
    """

    id = "PKG007"
    severity = "warning"

    def check(
        self, project: Project, classes: Hierarchy, targets: list[ProjectClass],
        release: facts.Release, inventree_version: str,
    ) -> Iterator[Finding]:  # fmt: skip
        builtin = release.builtin_slugs()
        names: dict[str, str] = {}
        slugs: dict[str, str] = {}
        for cls in targets:
            name_ok, name = classes.lookup_literal(cls, "NAME")
            slug_ok, slug = classes.lookup_literal(cls, "SLUG")
            if not (name_ok and slug_ok):
                continue  # computed: the dynamic layer sees the values
            key = slugify(str(slug or name or "").lower())
            file = project.rel(cls.module.file)
            if key in builtin:
                yield self.finding(
                    f"{cls.name}'s slug {key!r} is a built-in plugin's in InvenTree "
                    f"{inventree_version}: it loads, but replaces that plugin and shares "
                    "its configuration",
                    file=file, line=cls.line, hint="choose a slug of your own",
                )  # fmt: skip
            if key and key in slugs:
                yield self.finding(
                    f"{cls.qualname} has the same slug {key!r} as {slugs[key]}: InvenTree "
                    "registers only one of them (which one depends on the import order)",
                    file=file, line=cls.line, hint=f"give {cls.name} its own SLUG",
                )  # fmt: skip
            elif name and name in names:
                yield self.finding(
                    f"{cls.qualname} has the same NAME {name!r} as {names[name]}: both load, "
                    "under one name in the admin center",
                    file=file, line=cls.line, hint=f"give {cls.name} its own NAME",
                    severity="info",
                )  # fmt: skip
            if key:
                slugs.setdefault(key, cls.qualname)
            if name:
                names.setdefault(str(name), cls.qualname)


def _is_model(node: ast.ClassDef, bases: list[str], local_models: set[str]) -> bool:
    """Whether a class is a concrete Django model (a Model base, not `abstract = True`)."""
    for item in node.body:
        if isinstance(item, ast.ClassDef) and item.name == "Meta":
            for statement in item.body:
                if (
                    isinstance(statement, ast.Assign)
                    and any(getattr(t, "id", "") == "abstract" for t in statement.targets)
                    and isinstance(statement.value, ast.Constant)
                    and statement.value.value is True
                ):
                    return False
    return any(b.endswith("Model") or b in local_models for b in bases if b)


class PKG008(Rule):
    """An AppMixin plugin that defines models ships a migrations package with its migrations.

    InvenTree adds the plugin's app to INSTALLED_APPS and runs the migrations the plugin
    ships; it never creates them. Models without a `migrations/` package (with `__init__.py`)
    and an initial migration leave their tables missing: the plugin loads and activates, but
    every query fails. (A models module imported at the top of the plugin's entry module is
    another matter: its model classes exist before the app is installed, so discovery fails
    and the plugin is not loaded, as DYN001 reports.)

    Fix: run `python manage.py makemigrations <app>` (or the plugin's test setup) and include
    `migrations/__init__.py` and `migrations/0001_initial.py` in the package.
    """

    id = "PKG008"
    severity = "feature"

    def check(
        self, project: Project, sources: Sources, classes: Hierarchy, targets: list[ProjectClass]
    ) -> Iterator[Finding]:
        done = set()
        for cls in targets:
            if "AppMixin" not in classes.mixins(cls):
                continue
            # the directory InvenTree installs as the plugin's Django app
            if project.kind == "plugin-dir":
                app = cls.module.file.parent
            else:
                app = project.import_root / cls.module.name.split(".")[0]
            if app in done:
                continue
            done.add(app)
            models = self._models(sources, app)
            if not models:
                continue
            migrations = app / "migrations"
            has_init = (migrations / "__init__.py").is_file()
            has_migration = any(
                re.match(r"^\d{4}_\w+\.py$", p.name) for p in migrations.glob("*.py")
            )
            if has_init and has_migration:
                continue
            missing = "migrations package" if not has_init else "initial migration"
            yield self.finding(
                f"the app {app.name!r} defines models ({', '.join(models[:3])}) but has no "
                f"{missing}: the plugin loads, but InvenTree creates no tables for them",
                file=project.rel(migrations if has_init else app),
                hint=f"run makemigrations for {app.name} and ship migrations/ in the package",
            )  # fmt: skip

    @staticmethod
    def _models(sources: Sources, app: Path) -> list[str]:
        found: list[str] = []
        local: set[str] = set()
        for file in [app / "models.py", *sorted((app / "models").glob("*.py"))]:
            module = sources.by_file.get(file)
            if module is None:
                continue
            for node in module.tree.body:
                if isinstance(node, ast.ClassDef):
                    bases = [module.resolve(b) for b in node.bases]
                    if _is_model(node, bases, local):
                        local.add(f"{module.name}.{node.name}")
                        found.append(node.name)
        return found
