"""PKG: packaging metadata and the entry point InvenTree discovers pip-installed plugins by."""

from __future__ import annotations

import ast
import configparser
import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from creator.check import versions
from creator.check.classes import parse_source
from creator.check.model import Context, Finding, Rule
from creator.check.project import GROUP, Project
from creator.check.rules._helpers import inventory


class EntryPointDeclared(Rule):
    """The distribution declares an `inventree_plugins` entry point.

    InvenTree discovers pip-installed plugins only through entry points in the group
    `inventree_plugins` (exact spelling). Without one, the installed package is never loaded.

    Fix: in pyproject.toml add `[project.entry-points.inventree_plugins]` with
    `MyPlugin = "my_package.core:MyPlugin"`. (A plugin folder dropped into InvenTree's plugin
    directory needs none and is not checked for it.)
    """

    id = "PKG001"
    severity = "error"

    def check(self, ctx: Context) -> Iterator[Finding]:
        project = ctx.project
        if project.kind == "plugin-dir" or project.entry_points:
            return
        yield self.finding(
            "no entry point in the group 'inventree_plugins': InvenTree will not find the plugin",
            file=project.metadata_file,
            hint='add [project.entry-points.inventree_plugins] MyPlugin = "pkg.core:MyPlugin"',
        )


class EntryPointResolves(Rule):
    """Each `inventree_plugins` entry point names a plugin class in the distribution's files.

    The loader calls `entry_point.load()`, which imports the module and follows the dotted
    attribute path after ':'. A module that is not shipped, a misspelt class, or an object that
    is not an InvenTreePlugin subclass is a discovery error.

    Fix: point the entry point at `<package>.<module>:<PluginClass>` of a module in the package.
    """

    id = "PKG002"
    severity = "error"

    def check(self, ctx: Context) -> Iterator[Finding]:
        project = ctx.project
        inv = inventory(ctx)
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
            if inv.find(entry.value) is None and "." in entry.attr:
                yield self.finding(
                    f"entry point {entry.name}: {entry.module} has no attribute "
                    f"{entry.attr.split('.')[0]!r} when imported (entry-point loading follows "
                    f"{entry.attr!r} attribute by attribute), or it names no plugin class",
                    file=project.rel(file),
                    hint=f"write {entry.module}.{entry.attr.rsplit('.', 1)[0]}:"
                    f"{entry.attr.rsplit('.', 1)[1]}, or import the submodule in the package",
                )
            elif inv.find(entry.value) is None:
                yield self.finding(
                    f"entry point {entry.name}: {entry.attr!r} is not a plugin class "
                    f"(an InvenTreePlugin subclass) in {entry.module}",
                    file=project.rel(file),
                    hint="name the class that subclasses InvenTreePlugin",
                )


# ------------------------------------------------------------------------------ helpers


def _pyproject_errors(path: Path, data: dict[str, Any]) -> list[str] | None:
    """validate-pyproject's verdict on a pyproject.toml (None when it is not installed).

    Only the PEP 517/621 tables are validated (no tool plugins). Compiling the schema costs
    more than the whole rest of the static layer, so the compiled validator (validate-pyproject's
    own pre-compilation) and each file's verdict are cached on disk, keyed by the
    validate-pyproject installation and the file's bytes.
    """
    import hashlib
    import importlib.util
    import json

    spec = importlib.util.find_spec("validate_pyproject")
    if spec is None or not spec.origin:
        return None
    source = Path(spec.origin).parent
    stamp = hashlib.sha1(f"{source}:{source.stat().st_mtime_ns}".encode()).hexdigest()[:12]
    cache = _cache_dir()
    verdict = None
    if cache is not None:
        digest = hashlib.sha1(stamp.encode() + path.read_bytes()).hexdigest()
        verdict = cache / "verdicts" / f"{digest}.json"
        try:
            return list(json.loads(verdict.read_text(encoding="utf-8")))
        except (OSError, ValueError):
            pass
    validate = _validator(cache, f"cip_pyproject_{stamp}")
    try:
        validate(data)
        errors: list[str] = []
    except ValueError as error:  # validate-pyproject's ValidationError is a ValueError
        errors = [str(getattr(error, "message", "") or error).strip()]
    if verdict is not None:
        try:
            verdict.parent.mkdir(parents=True, exist_ok=True)
            verdict.write_text(json.dumps(errors), encoding="utf-8")
        except OSError:
            pass
    return errors


def _cache_dir() -> Path | None:
    try:
        from platformdirs import user_cache_dir

        return Path(user_cache_dir("create-inventree-plugin")) / "validate-pyproject"
    except Exception:  # no usable cache location: validate every time
        return None


def _validator(cache: Path | None, name: str) -> Any:
    import importlib
    import sys

    if cache is not None:
        try:
            if not (cache / name / "__init__.py").is_file():
                _precompile(cache, name)
            sys.path.insert(0, str(cache))
            try:
                return importlib.import_module(name).validate
            finally:
                sys.path.remove(str(cache))
        except Exception:  # any trouble with the cache: validate without it (slower)
            pass
    from validate_pyproject import api

    return api.Validator(plugins=[])


def _precompile(cache: Path, name: str) -> None:
    import contextlib
    import shutil
    import tempfile

    from validate_pyproject import pre_compile

    cache.mkdir(parents=True, exist_ok=True)
    scratch = Path(tempfile.mkdtemp(dir=cache))
    try:
        pre_compile.pre_compile(scratch / name, plugins=[])
        with contextlib.suppress(OSError):  # another process was faster
            (scratch / name).replace(cache / name)
    finally:
        shutil.rmtree(scratch, ignore_errors=True)


def _distance(a: str, b: str) -> int:
    """Levenshtein distance (short strings only)."""
    previous = list(range(len(b) + 1))
    for i, ca in enumerate(a, 1):
        current = [i]
        for j, cb in enumerate(b, 1):
            current.append(min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (ca != cb)))
        previous = current
    return previous[-1]


def _declared_groups(project: Project) -> list[tuple[str, str]]:
    """(group, file) for every entry-point group the distribution declares."""
    groups: list[tuple[str, str]] = []
    pyproject = project.pyproject or {}
    table = pyproject.get("project") if isinstance(pyproject.get("project"), dict) else {}
    for group in (table or {}).get("entry-points") or {}:
        groups.append((str(group), "pyproject.toml"))
    poetry = (pyproject.get("tool") or {}).get("poetry") or {}
    if isinstance(poetry, dict):
        for group in poetry.get("plugins") or {}:
            groups.append((str(group), "pyproject.toml"))
    setup_cfg = project.root / "setup.cfg"
    if setup_cfg.is_file():
        parser = configparser.ConfigParser(interpolation=None)
        try:
            parser.read(setup_cfg, encoding="utf-8")
            if parser.has_section("options.entry_points"):
                groups += [(g, "setup.cfg") for g in parser.options("options.entry_points")]
        except configparser.Error:
            pass
    setup_py = project.root / "setup.py"
    if setup_py.is_file():
        groups += [(g, "setup.py") for g in _setup_py_groups(setup_py)]
    for entry_points in project.root.glob("*.dist-info/entry_points.txt"):
        text = entry_points.read_text(encoding="utf-8", errors="replace")
        rel = project.rel(entry_points)
        groups += [(m[1].strip(), rel) for m in re.finditer(r"^\[([^\]]+)\]", text, re.M)]
    return groups


def _setup_py_groups(path: Path) -> list[str]:
    try:
        tree = parse_source(path)
    except (SyntaxError, UnicodeDecodeError, ValueError):
        return []
    found = []
    for node in ast.walk(tree):
        if (
            isinstance(node, ast.keyword)
            and node.arg == "entry_points"
            and isinstance(node.value, ast.Dict)
        ):
            found += [k.value for k in node.value.keys if isinstance(k, ast.Constant)]
    return found


def _near_miss(group: str) -> bool:
    if group == GROUP:
        return False
    letters = re.sub(r"[^a-z]", "", group.lower())
    if letters in ("inventreeplugins", "inventreeplugin"):
        return True
    return _distance(group.lower(), GROUP) <= 2


def _module_literal(ctx: Context, module_name: str, name: str) -> Any:
    """A module-level literal `name = ...` of a project module (None when not found)."""
    from creator.check.rules.classes import literal

    module = inventory(ctx).modules.get(module_name)
    if module is None:
        return None
    for node in module.tree.body:
        if isinstance(node, ast.Assign | ast.AnnAssign) and node.value is not None:
            targets = node.targets if isinstance(node, ast.Assign) else [node.target]
            if any(isinstance(t, ast.Name) and t.id == name for t in targets):
                ok, value = literal(node.value)
                return value if ok else None
    origin = module.imports.get(name)
    if origin and origin != f"{module_name}.{name}":
        parent, _, attr = origin.rpartition(".")
        return _module_literal(ctx, parent, attr) if parent != module_name else None
    return None


def _distribution_version(ctx: Context) -> tuple[str | None, str | None]:
    """(version, where) of the distribution, following the common dynamic-version setups."""
    project = ctx.project
    if project.version:
        return str(project.version), project.metadata_file
    pyproject = project.pyproject or {}
    table = pyproject.get("project") or {}
    if not isinstance(table, dict) or "version" not in (table.get("dynamic") or []):
        return None, None
    tool = pyproject.get("tool") or {}
    flit = (tool.get("flit") or {}).get("module") or {}
    setuptools_attr = ((tool.get("setuptools") or {}).get("dynamic") or {}).get("version") or {}
    if "build-system" in pyproject and "flit" in str(pyproject["build-system"]):
        module = flit.get("name") or str(table.get("name", "")).replace("-", "_")
        return _module_literal(ctx, module, "__version__"), "pyproject.toml"
    if isinstance(setuptools_attr, dict) and setuptools_attr.get("attr"):
        module, _, attr = str(setuptools_attr["attr"]).rpartition(".")
        return _module_literal(ctx, module, attr), "pyproject.toml"
    hatch_path = ((tool.get("hatch") or {}).get("version") or {}).get("path")
    if hatch_path and (project.root / hatch_path).is_file():
        text = (project.root / hatch_path).read_text(encoding="utf-8", errors="replace")
        match = re.search(r"^__version__\s*[:=][^=]*?[\"']([^\"']+)[\"']", text, re.M)
        return (match[1] if match else None), "pyproject.toml"
    return None, None


def _same_version(a: str, b: str) -> bool:
    from packaging.version import InvalidVersion, Version

    try:
        return Version(a) == Version(b)
    except InvalidVersion:
        return a.strip() == b.strip()


# -------------------------------------------------------------------------------- rules


class MetadataValid(Rule):
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

    def check(self, ctx: Context) -> Iterator[Finding]:
        project = ctx.project
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
        errors = _pyproject_errors(project.root / "pyproject.toml", pyproject or {})
        for message in errors or []:
            yield self.finding(
                f"pyproject.toml is not valid: {message}", file="pyproject.toml",
                hint="run validate-pyproject pyproject.toml for the full report",
            )  # fmt: skip


class EntryPointGroupSpelling(Rule):
    """No entry-point group is a misspelling of `inventree_plugins`.

    InvenTree reads only the group spelled exactly `inventree_plugins`; an entry point in
    `inventree_plugin`, `inventree-plugins` or `InvenTree_plugins` is never seen, so the
    installed plugin silently does not appear.

    Fix: rename the group to `inventree_plugins`.
    """

    id = "PKG004"
    severity = "warning"

    def check(self, ctx: Context) -> Iterator[Finding]:
        seen = set()
        for group, file in _declared_groups(ctx.project):
            if (group, file) in seen or not _near_miss(group):
                continue
            seen.add((group, file))
            yield self.finding(
                f"entry-point group {group!r} looks like a misspelling of {GROUP!r}: "
                "InvenTree does not read it",
                file=file, hint=f"rename the group to {GROUP}",
            )  # fmt: skip


class ServerPackagesRequired(Rule):
    """The plugin does not require Django or Django REST framework.

    InvenTree provides Django and DRF. Listing them in the plugin's dependencies lets pip
    upgrade, downgrade or reinstall the server's copy when the plugin is installed (pinned
    versions make that certain), which can break InvenTree itself.

    Fix: remove them from `dependencies` (put them in a test extra if your tests need them).
    """

    id = "PKG005"
    severity = "warning"

    def check(self, ctx: Context) -> Iterator[Finding]:
        project = ctx.project
        for text in project.requires:
            if not any(name in str(text).lower() for name in versions.SERVER_DISTRIBUTIONS):
                continue  # cheap filter: packaging's parser is slow to import
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


class VersionMatchesDistribution(Rule):
    """The plugin class's VERSION equals the distribution's version.

    InvenTree shows VERSION in the admin center and uses it in the registry hash, while pip
    and `plugins.txt` know the distribution version: when they differ, users and support see
    two versions for one install, and an upgrade looks like it did not happen.

    Fix: keep one source: `VERSION = __version__` with the distribution reading the same
    `__version__` (dynamic version), as generated projects do.
    """

    id = "PKG006"
    severity = "warning"

    def check(self, ctx: Context) -> Iterator[Finding]:
        from creator.check.rules.classes import hierarchy, literal, target_infos

        if ctx.project.kind == "plugin-dir":
            return
        dist_version, _where = _distribution_version(ctx)
        if not dist_version:
            return
        h = hierarchy(ctx)
        for info in target_infos(ctx):
            found = h.lookup(info, "VERSION")
            if found is None:
                continue
            owner, line, _kind, node = found
            ok, value = literal(node)
            if not ok and isinstance(node, ast.Name):
                value = _module_literal(ctx, owner.module.name, node.id)
            if not isinstance(value, str) or _same_version(value, str(dist_version)):
                continue
            yield self.finding(
                f"{info.name}.VERSION is {value!r} but the distribution is version "
                f"{dist_version!r}",
                file=ctx.project.rel(owner.module.file), line=line,
                hint="set VERSION = __version__ and let the build read the same __version__",
            )  # fmt: skip


class UniqueIdentity(Rule):
    """No two plugin classes of the distribution share a NAME or a slug.

    InvenTree keys plugins by `slugify(SLUG or NAME)` and does not detect duplicates: the
    class collected last replaces the other, both share one configuration row (active flag,
    settings), and which one wins depends on the import order. A slug equal to a built-in
    plugin's (`inventreebarcode`, `bom-exporter`, ... per release) loads, but replaces that
    built-in plugin and shares its configuration: a warning.

    Fix: give every plugin class its own NAME and SLUG.
    """

    id = "PKG007"
    severity = "error"

    def check(self, ctx: Context) -> Iterator[Finding]:
        from creator.check import versions
        from creator.check.rules.classes import django_slugify, hierarchy, literal, target_infos

        h = hierarchy(ctx)
        builtin = versions.release(ctx.inventree_version).builtin_slugs()
        names: dict[str, str] = {}
        slugs: dict[str, str] = {}
        for info in target_infos(ctx):
            values = {}
            for attribute in ("NAME", "SLUG"):
                found = h.lookup(info, attribute)
                ok, value = literal(found[3]) if found else (True, None)
                values[attribute] = value if ok else ...
            name, slug = values["NAME"], values["SLUG"]
            if name is ... or slug is ...:
                continue
            key = django_slugify(str(slug or name or "").lower())
            file = ctx.project.rel(info.module.file)
            if key in builtin:
                yield self.finding(
                    f"{info.name}'s slug {key!r} is a built-in plugin's in InvenTree "
                    f"{ctx.inventree_version}: it loads, but replaces that plugin and shares "
                    "its configuration",
                    file=file, line=info.node.lineno, hint="choose a slug of your own",
                    severity="warning",
                )  # fmt: skip
            for label, value, table in (("NAME", name, names), ("slug", key, slugs)):
                if not value:
                    continue
                if value in table:
                    yield self.finding(
                        f"{info.name} has the same {label} {value!r} as {table[value]}: "
                        "InvenTree keeps only one of them",
                        file=file, line=info.node.lineno, hint=f"give {info.name} its own {label}",
                    )  # fmt: skip
                    break
                table[value] = info.name


def _app_dir(ctx: Context, module_name: str, file: Path) -> Path:
    """The directory InvenTree installs as the Django app of an AppMixin plugin (spec 2.3)."""
    project = ctx.project
    if project.kind == "plugin-dir":
        return file.parent
    return project.import_root / module_name.split(".")[0]


def _is_model(node: ast.ClassDef, bases: list[str], local_models: set[str]) -> bool:
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


class AppMigrations(Rule):
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

    def check(self, ctx: Context) -> Iterator[Finding]:
        from creator.check.rules.classes import hierarchy, target_infos

        h = hierarchy(ctx)
        done = set()
        for info in target_infos(ctx):
            if "AppMixin" not in h.lineage(info)[1]:
                continue
            app = _app_dir(ctx, info.module.name, info.module.file)
            if app in done:
                continue
            done.add(app)
            models = self._models(ctx, app)
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
                file=ctx.project.rel(migrations if has_init else app),
                hint=f"run makemigrations for {app.name} and ship migrations/ in the package",
            )  # fmt: skip

    @staticmethod
    def _models(ctx: Context, app: Path) -> list[str]:
        found: list[str] = []
        files = [app / "models.py", *sorted((app / "models").glob("*.py"))]
        modules = {m.file: m for m in inventory(ctx).modules.values()}
        local: set[str] = set()
        for file in files:
            module = modules.get(file)
            if module is None:
                continue
            for node in module.tree.body:
                if isinstance(node, ast.ClassDef):
                    bases = [module.resolve(b) for b in node.bases]
                    if _is_model(node, bases, local):
                        local.add(f"{module.name}.{node.name}")
                        found.append(node.name)
        return found
