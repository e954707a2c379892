"""CLS: the plugin class itself, read from source (identity, final methods, versions).

Everything here reads the AST (creator.check.classes); nothing imports plugin code. Values that
are not literals (computed at runtime) are skipped: the dynamic layer sees those. Lookups
follow the class hierarchy across the project's modules; a base class from outside the project
and outside InvenTree's `plugin` package makes "is X defined somewhere?" undecidable, so those
rules stay silent for such classes.
"""

from __future__ import annotations

import ast
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field, replace
from datetime import datetime
from pathlib import Path
from typing import Any

from creator import facts
from creator.check import versions
from creator.check.classes import Module, parse_source
from creator.check.model import Context, Finding, Rule
from creator.check.rules._helpers import inventory, targets


def django_slugify(value: str) -> str:
    """django.utils.text.slugify, which InvenTree keys plugins with (no Django import)."""
    import unicodedata

    value = unicodedata.normalize("NFKD", value).encode("ascii", "ignore").decode("ascii")
    value = re.sub(r"[^\w\s-]", "", value.lower())
    return re.sub(r"[-\s]+", "-", value).strip("-_")


class SlugForm(Rule):
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

    def check(self, ctx: Context) -> Iterator[Finding]:
        raw_urls = versions.release(ctx.inventree_version).static_slug_attribute == "SLUG"
        for cls in targets(ctx):
            attribute = cls.attributes.get("SLUG")
            file = ctx.project.rel(cls.module.file)
            if attribute is None:
                if raw_urls:
                    yield self.finding(
                        f"{cls.name} sets no SLUG: static URLs of InvenTree "
                        f"{ctx.inventree_version} need one",
                        file=file, line=cls.line,
                        hint=f"add SLUG = {django_slugify(str(cls.literal('NAME', cls.name)))!r}",
                        severity="warning",
                    )  # fmt: skip
                continue
            if not attribute.literal or not isinstance(attribute.value, str):
                continue  # computed: the dynamic layer checks the value
            slug = attribute.value
            if django_slugify(slug) != slug or not slug:
                consequence = "its static-file URLs 404" if raw_urls else "it loads under that key"
                yield self.finding(
                    f"SLUG {slug!r} is not in slug form: InvenTree {ctx.inventree_version} "
                    f"keys the plugin as {django_slugify(slug)!r}, and {consequence}",
                    file=file, line=attribute.line,
                    hint=f"set SLUG = {django_slugify(slug) or 'my-plugin'!r}",
                    severity=None if raw_urls else "info",
                )  # fmt: skip
            elif len(slug) > 255:
                yield self.finding(
                    f"SLUG is {len(slug)} characters; InvenTree stores at most 255",
                    file=file, line=attribute.line, hint="use a shorter SLUG",
                )  # fmt: skip


# ------------------------------------------------------------------------------ helpers

_NEUTRAL_BASES = {"object", "typing.Generic", "abc.ABC", "typing.Protocol"}
_IMPORT_ERRORS = {"ImportError", "ModuleNotFoundError", "Exception", "BaseException"}


@dataclass
class ClassInfo:
    """Any top-level class of the project (plugin class or not), with its resolved bases."""

    qualname: str
    module: Module
    node: ast.ClassDef
    bases: list[str]
    _names: dict[str, tuple[int, str, ast.AST]] | None = field(default=None, repr=False)

    @property
    def name(self) -> str:
        """The class name."""
        return self.node.name

    @property
    def names(self) -> dict[str, tuple[int, str, ast.AST]]:
        """Names the class body binds: name -> (line, kind, node).

        kind: "method", "property", "classmethod", "staticmethod", "callable" (an assignment of
        a lambda or of property()/classmethod()/staticmethod()) or "attribute".
        """
        if self._names is None:
            self._names = {}
            for item in _class_statements(self.node.body):
                for name, kind, node in _bindings(item):
                    self._names.setdefault(name, (item.lineno, kind, node))
        return self._names


def _class_statements(body: list[ast.stmt]) -> Iterator[ast.stmt]:
    """Statements of a class body, including those inside if/try/with blocks."""
    for item in body:
        if isinstance(item, ast.If | ast.With):
            yield from _class_statements(item.body)
            yield from _class_statements(getattr(item, "orelse", []))
        elif isinstance(item, ast.Try):
            for block in (item.body, item.orelse, item.finalbody):
                yield from _class_statements(block)
            for handler in item.handlers:
                yield from _class_statements(handler.body)
        else:
            yield item


def _bindings(item: ast.stmt) -> Iterator[tuple[str, str, ast.AST]]:
    if isinstance(item, ast.FunctionDef | ast.AsyncFunctionDef):
        kind = "method"
        for decorator in item.decorator_list:
            label = _dotted(decorator.func if isinstance(decorator, ast.Call) else decorator)
            last = label.rsplit(".", 1)[-1]
            if last in ("property", "classmethod", "staticmethod"):
                kind = last
            elif last in ("setter", "getter", "deleter"):
                kind = "property"
        yield item.name, kind, item
    elif isinstance(item, ast.Assign | ast.AnnAssign):
        if item.value is None:
            return
        value = item.value
        kind = "attribute"
        if isinstance(value, ast.Lambda) or (
            isinstance(value, ast.Call)
            and _dotted(value.func).rsplit(".", 1)[-1]
            in ("property", "classmethod", "staticmethod")
        ):
            kind = "callable"
        targets_ = item.targets if isinstance(item, ast.Assign) else [item.target]
        for target in targets_:
            for node in ast.walk(target):
                if isinstance(node, ast.Name):
                    yield node.id, kind, value
    elif isinstance(item, ast.ClassDef):
        yield item.name, "attribute", item


def _dotted(expr: ast.AST) -> str:
    parts: list[str] = []
    while isinstance(expr, ast.Attribute):
        parts.insert(0, expr.attr)
        expr = expr.value
    if isinstance(expr, ast.Name):
        parts.insert(0, expr.id)
        return ".".join(parts)
    return ""


class Hierarchy:
    """All project classes, and their ancestry through project and InvenTree classes."""

    def __init__(self, ctx: Context) -> None:
        self.ctx = ctx
        self.inventory = inventory(ctx)
        self.classes: dict[str, ClassInfo] = {}
        for module in self.inventory.modules.values():
            for node in module.tree.body:
                if isinstance(node, ast.ClassDef):
                    bases = [module.resolve(base) for base in node.bases]
                    info = ClassInfo(f"{module.name}.{node.name}", module, node, bases)
                    self.classes[info.qualname] = info

    def find(self, dotted: str) -> ClassInfo | None:
        """The project class a dotted origin names, following re-exports."""
        seen = set()
        while dotted and dotted not in seen:
            seen.add(dotted)
            if dotted in self.classes:
                return self.classes[dotted]
            module_name, _, attr = dotted.rpartition(".")
            module = self.inventory.modules.get(module_name)
            if module is None or attr not in module.imports:
                return None
            dotted = module.imports[attr]
        return None

    def lineage(self, info: ClassInfo) -> tuple[list[ClassInfo], list[str], bool]:
        """(project classes in MRO-like order, InvenTree class names, has unknown bases).

        InvenTree names are the last component of bases imported from the `plugin` package
        (`EventMixin`, `InvenTreePlugin`, ...), with their own InvenTree parents added.
        """
        order: list[ClassInfo] = []
        external: list[str] = []
        unknown = False
        stack, seen = [info], set()
        while stack:
            current = stack.pop(0)
            if current.qualname in seen:
                continue
            seen.add(current.qualname)
            order.append(current)
            for base in current.bases:
                project = self.find(base)
                if project is not None:
                    stack.append(project)
                elif base.startswith("plugin."):
                    for name in _with_parents(base.rsplit(".", 1)[-1]):
                        if name not in external:
                            external.append(name)
                elif base not in _NEUTRAL_BASES:
                    unknown = True
        return order, external, unknown

    def lookup(self, info: ClassInfo, name: str) -> tuple[ClassInfo, int, str, ast.AST] | None:
        """The first project class in the lineage binding `name`: (class, line, kind, node)."""
        for current in self.lineage(info)[0]:
            if name in current.names:
                line, kind, node = current.names[name]
                return current, line, kind, node
        return None

    def info(self, qualname: str) -> ClassInfo:
        """The ClassInfo of a plugin class found by the inventory."""
        return self.classes[qualname]


def _with_parents(name: str) -> list[str]:
    names = [name]
    for parent in versions.known_parents().get(name, ()):
        names += _with_parents(parent)
    return names


def hierarchy(ctx: Context) -> Hierarchy:
    """The project's class hierarchy, built once per check."""
    return ctx.notes.setdefault("hierarchy", Hierarchy(ctx))


def target_infos(ctx: Context) -> list[ClassInfo]:
    """The plugin classes the loader would collect, as ClassInfo."""
    h = hierarchy(ctx)
    return [h.info(cls.qualname) for cls in targets(ctx) if cls.qualname in h.classes]


def literal(node: ast.AST) -> tuple[bool, Any]:
    """(True, value) for a literal expression, (False, None) otherwise."""
    try:
        return True, ast.literal_eval(node)  # type: ignore[arg-type]
    except (ValueError, TypeError, SyntaxError, MemoryError, RecursionError):
        return False, None


def target_version(ctx: Context) -> versions.Version:
    """The InvenTree version checked against, as a tuple."""
    return versions.release(ctx.inventree_version).tuple


def package_modules(ctx: Context) -> list[Module]:
    """The parsed modules of the plugin's own package(s) (not tests, docs or setup.py)."""
    tops = package_tops(ctx)
    modules = inventory(ctx).modules.values()
    return [m for m in modules if not tops or _in_tops(m.name, tops)]


def package_tops(ctx: Context) -> set[str]:
    """Top-level package names the plugin lives in ('plugins.<folder>' for a plugin folder)."""
    project = ctx.project
    if project.module_prefix:
        return {project.module_prefix}
    tops = {e.module.split(".")[0] for e in project.entry_points if e.module}
    tops |= {cls.module.name.split(".")[0] for cls in targets(ctx)}
    return {t for t in tops if t}


def _in_tops(name: str, tops: set[str]) -> bool:
    return any(name == top or name.startswith(top + ".") for top in tops)


def module_exists(ctx: Context, dotted: str) -> bool:
    """Whether `import dotted` finds a module or package among the project's files."""
    base = ctx.project.import_root.joinpath(*dotted.split("."))
    if base.is_dir() or base.with_suffix(".py").is_file():
        return True
    return any(base.parent.glob(f"{base.name}.*.so")) or any(base.parent.glob(f"{base.name}.*pyd"))


def parents(module: Module) -> dict[ast.AST, ast.AST]:
    """Child -> parent map of a module's tree (built on demand, cached on the module)."""
    cached = getattr(module, "_parents", None)
    if cached is None:
        cached = {}
        for node in ast.walk(module.tree):
            for child in ast.iter_child_nodes(node):
                cached[child] = node
        module._parents = cached  # type: ignore[attr-defined]
    return cached


def guard(module: Module, node: ast.AST) -> str | None:
    """How an import runs, judged from the statements around it.

    None: at import time, unguarded; "guarded": in a try that catches ImportError; "function":
    only when a function runs; "type-checking": never (under `if TYPE_CHECKING:`).
    """
    tree_parents = parents(module)
    child, current = node, tree_parents.get(node)
    found = None
    while current is not None:
        if isinstance(current, ast.FunctionDef | ast.AsyncFunctionDef | ast.Lambda):
            found = found or "function"
        elif isinstance(current, ast.If) and _dotted(current.test).endswith("TYPE_CHECKING"):
            if child in current.body:
                return "type-checking"
        elif (
            isinstance(current, ast.Try)
            and child in current.body
            and any(_catches_import_error(h) for h in current.handlers)
        ):
            found = "guarded"
        child, current = current, tree_parents.get(current)
    return found


def _catches_import_error(handler: ast.ExceptHandler) -> bool:
    if handler.type is None:
        return True
    types = handler.type.elts if isinstance(handler.type, ast.Tuple) else [handler.type]
    return any(_dotted(t).rsplit(".", 1)[-1] in _IMPORT_ERRORS for t in types)


_IMPORTS: dict[int, tuple[Module, list[tuple[ast.Import | ast.ImportFrom, str, str | None]]]] = {}


def imports(module: Module) -> list[tuple[ast.Import | ast.ImportFrom, str, str | None]]:
    """(node, absolute module, imported name or None) for every import statement.

    Several rules ask for the same module's imports: walked once per parsed module.
    """
    cached = _IMPORTS.get(id(module))
    if cached is None or cached[0] is not module:
        if len(_IMPORTS) > 512:
            _IMPORTS.clear()
        cached = _IMPORTS[id(module)] = (module, list(_walk_imports(module)))
    return cached[1]


def _walk_imports(module: Module) -> Iterator[tuple[ast.Import | ast.ImportFrom, str, str | None]]:
    package = module.name if module.file.name == "__init__.py" else module.name.rpartition(".")[0]
    for node in ast.walk(module.tree):
        if isinstance(node, ast.Import):
            for alias in node.names:
                yield node, alias.name, None
        elif isinstance(node, ast.ImportFrom):
            origin = node.module or ""
            if node.level:
                base = package.split(".") if package else []
                base = base[: len(base) - (node.level - 1)] if node.level > 1 else base
                origin = ".".join([*base, origin] if origin else base)
            for alias in node.names:
                yield node, origin, alias.name


def where(ctx: Context, module: Module) -> str:
    """A module's file as findings show it."""
    return ctx.project.rel(module.file)


def is_plugin_base(name: str) -> bool:
    """Whether a resolved base is InvenTree's plugin base class."""
    return name in ("plugin.InvenTreePlugin", "plugin.plugin.InvenTreePlugin")


# -------------------------------------------------------------------------------- rules


class NameSet(Rule):
    """NAME is set to a non-empty string.

    The directory loader collects only classes with a truthy NAME (an empty NAME makes it skip
    the class silently), and NAME is the fallback for the slug, the title and the description.
    A pip plugin (entry point) without NAME loads keyed by its SLUG; without either it is keyed
    by an empty slug.

    Fix: set `NAME = "MyPlugin"` in the plugin class.
    """

    id = "CLS002"
    severity = "error"

    def check(self, ctx: Context) -> Iterator[Finding]:
        h = hierarchy(ctx)
        for cls in targets(ctx):
            info = h.classes.get(cls.qualname)
            if info is None:
                continue
            found = h.lookup(info, "NAME")
            if ctx.project.entry_points and _has_literal_slug(h, info):
                continue  # entry-point plugins are keyed by SLUG when NAME is empty
            if found is None:
                if h.lineage(info)[2]:
                    continue  # an unknown base class may set it
                message = f"{cls.name} sets no NAME"
            else:
                ok, value = literal(found[3])
                if not ok or (isinstance(value, str) and value.strip()):
                    continue
                message = f"{cls.name} has an empty NAME ({value!r})"
            yield self.finding(
                message + ": InvenTree skips or mis-keys the plugin",
                file=where(ctx, info.module), line=found[1] if found else info.node.lineno,
                hint=f"set NAME = {cls.name!r}",
            )  # fmt: skip


def _has_literal_slug(h: Hierarchy, info: ClassInfo) -> bool:
    found = h.lookup(info, "SLUG")
    if found is None:
        return False
    ok, value = literal(found[3])
    return not ok or bool(isinstance(value, str) and value.strip())


class FinalOverride(Rule):
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

    def check(self, ctx: Context) -> Iterator[Finding]:
        final = versions.final_methods(ctx.inventree_version)
        h = hierarchy(ctx)
        tops = package_tops(ctx)
        for cls in inventory(ctx).plugin_classes:
            if tops and not _in_tops(cls.module.name, tops):
                continue
            info = h.classes.get(cls.qualname)
            for name, (line, kind, _node) in (info.names if info else {}).items():
                if name not in final or kind == "attribute":
                    continue
                yield self.finding(
                    f"INVE-E11: Plugin '{cls.name}' cannot override final method '{name}' "
                    "from InvenTreePlugin",
                    file=where(ctx, cls.module), line=line,
                    hint=f"rename {name}() (InvenTree provides it; set the upper-case "
                    "attribute for metadata)",
                )  # fmt: skip


class FinalShadowed(Rule):
    """No name InvenTreePlugin provides as final is replaced in the plugin class.

    InvenTree's INVE-E11 check only refuses methods it collects as final, so
    `version = "1.0"`, `description = "..."` or a `slug` property in the class body passes it,
    but silently replaces InvenTree's property: the admin page and the API then show the raw
    value, and code that calls the method (`self.slug`, `self.is_active()`) breaks.

    Fix: use the upper-case attribute (`VERSION`, `DESCRIPTION`, `SLUG`, ...).
    """

    id = "CLS004"
    severity = "warning"

    def check(self, ctx: Context) -> Iterator[Finding]:
        final = versions.final_methods(ctx.inventree_version)
        h = hierarchy(ctx)
        tops = package_tops(ctx)
        for cls in inventory(ctx).plugin_classes:
            if tops and not _in_tops(cls.module.name, tops):
                continue
            info = h.classes.get(cls.qualname)
            for name, (line, kind, _node) in (info.names if info else {}).items():
                refused = name in final and kind != "attribute"  # CLS003's finding
                if (name in final or name in _FINAL_PROPERTIES) and not refused:
                    upper = name.upper() if name.upper() in _META_NAMES else None
                    yield self.finding(
                        f"{cls.name}.{name} shadows InvenTree's final '{name}'",
                        file=where(ctx, cls.module), line=line,
                        hint=f"use {upper} instead" if upper else f"rename {name}",
                    )  # fmt: skip


_META_NAMES = {"VERSION", "DESCRIPTION", "AUTHOR", "WEBSITE", "LICENSE", "SLUG", "NAME"}

#: Properties InvenTreePlugin marks final that its INVE-E11 check does not collect.
_FINAL_PROPERTIES = frozenset(
    {"name", "slug", "human_name", "description", "author", "pub_date", "version", "website",
     "license", "is_sample", "package_path", "settings_url", "registered_mixins"}
)  # fmt: skip


def _version_attributes(ctx: Context) -> Iterator[tuple[ClassInfo, str, Any, ClassInfo, int]]:
    """(class, MIN_/MAX_VERSION, literal value, defining class, line) for each target."""
    h = hierarchy(ctx)
    for info in target_infos(ctx):
        for name in ("MIN_VERSION", "MAX_VERSION"):
            found = h.lookup(info, name)
            if found is None:
                continue
            ok, value = literal(found[3])
            if ok and value is not None and value != "":
                yield info, name, value, found[0], found[1]


class VersionBoundForm(Rule):
    r"""MIN_VERSION and MAX_VERSION are written as X.Y.Z with a single-digit major.

    InvenTree parses them with the regex `^.*(\d+)\.(\d+)\.(\d+).*$`: a two-part value
    ('1.2') gives an empty tuple, so a two-part MAX_VERSION makes every InvenTree version
    "incompatible" (the plugin is disabled forever) and a two-part MIN_VERSION is ignored; a
    two-digit major ('10.0.0') loses its first digit; a non-string raises.

    Fix: write all three parts, e.g. `MIN_VERSION = "1.0.0"`.
    """

    id = "CLS005"
    severity = "error"

    def check(self, ctx: Context) -> Iterator[Finding]:
        for _info, name, value, owner, line in _version_attributes(ctx):
            file = where(ctx, owner.module)
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


class VersionCompatible(Rule):
    """MIN_VERSION / MAX_VERSION admit the InvenTree version checked against.

    After instantiating a plugin, InvenTree compares its version with the bounds; outside
    them it logs "Plugin '<NAME>' is not compatible with the current InvenTree version",
    saves the plugin as inactive and deactivates it, even if a user had enabled it.

    Fix: adjust the bounds, or check with `--inventree-version` for the release you target.
    """

    id = "CLS006"
    severity = "error"

    def check(self, ctx: Context) -> Iterator[Finding]:
        current = list(target_version(ctx))
        for _info, name, value, owner, line in _version_attributes(ctx):
            if not isinstance(value, str):
                continue
            bound = versions.inventree_tuple(value)
            if len(bound) != 3:
                continue  # CLS005 reports it
            too_old = name == "MIN_VERSION" and current < bound
            too_new = name == "MAX_VERSION" and current > bound
            if too_old and facts.is_newer_than_model((bound[0], bound[1], bound[2])):
                yield self.finding(
                    f"our model is older than this plugin: MIN_VERSION {value} is above every "
                    f"InvenTree release we model (newest {facts.NEWEST}); checked against "
                    f"{ctx.inventree_version} as if it were compatible",
                    file=where(ctx, owner.module), line=line,
                    hint="nothing to fix in the plugin; on older InvenTree it is deactivated",
                    severity="warning",
                )  # fmt: skip
                continue
            if too_old or too_new:
                word = "at least" if too_old else "at most"
                yield self.finding(
                    f"not compatible: {name} requires {word} {value}, checked against "
                    f"InvenTree {ctx.inventree_version}; InvenTree deactivates the plugin",
                    file=where(ctx, owner.module), line=line,
                    hint=f"change {name}, or check with --inventree-version X.Y.Z",
                )  # fmt: skip


_ISO_39 = re.compile(
    r"^\d{4}-\d{2}-\d{2}([T ]\d{2}(:\d{2}(:\d{2}(\.\d{3}(\d{3})?)?)?)?([+-]\d{2}:\d{2})?)?$"
)


class PublishDate(Rule):
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

    def check(self, ctx: Context) -> Iterator[Finding]:
        h = hierarchy(ctx)
        for info in target_infos(ctx):
            found = h.lookup(info, "PUBLISH_DATE")
            if found is None:
                continue
            ok, value = literal(found[3])
            if not ok or not value:
                continue
            file, line = where(ctx, found[0].module), found[1]
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


class MetadataExplicit(Rule):
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

    def check(self, ctx: Context) -> Iterator[Finding]:
        h = hierarchy(ctx)
        project = ctx.project
        for info in target_infos(ctx):
            if h.lineage(info)[2]:
                continue  # an unknown base class may set them
            missing = [a for a in versions.METADATA_ATTRIBUTES if h.lookup(info, a) is None]
            if not missing:
                continue
            top = info.module.name.split(".")[0]
            lookups = {_normalise(info.name), _normalise(top)}
            found = project.kind != "plugin-dir" and project.name is not None
            found = found and _normalise(str(project.name)) in lookups
            yield self.finding(
                f"{info.name} does not set {', '.join(missing)}: "
                + ("InvenTree falls back to the package metadata" if found else
                   "InvenTree's fallback (package metadata looked up by class or module name) "
                   "finds nothing"),
                file=where(ctx, info.module), line=info.node.lineno,
                hint="set " + ", ".join(f"{a} = ..." for a in missing) + " in the class",
                severity=None if "VERSION" in missing and not found else "info",
            )  # fmt: skip


def _absent_imports(
    ctx: Context, mixins: bool
) -> Iterator[tuple[Module, ast.AST, str | None, versions.Missing]]:
    """(module, import node, guard, Missing) for imports of InvenTree names the target lacks.

    `mixins`: only `from plugin.mixins import X` (CLS009), else every other import (CLS010).
    Imports of the plugin's own modules and under `if TYPE_CHECKING:` are left out.
    """
    loaded = loaded_modules(ctx)
    for module in package_modules(ctx):
        for node, origin, name in imports(module):
            if (origin == "plugin.mixins" and name not in (None, "*")) != mixins:
                continue
            if not origin or module_exists(ctx, origin):
                continue
            absent = versions.missing(origin, name, ctx.inventree_version)
            if absent is None:
                continue
            how = guard(module, node)
            if how is None and module.name not in loaded:
                how = "not-loaded"
            if how != "type-checking":
                yield module, node, how, absent


def loaded_modules(ctx: Context) -> set[str]:
    """The project modules InvenTree imports while loading the plugin.

    For a plugin folder, every module (the directory loader imports them all); otherwise the
    entry points' modules, their packages, and what those import at module level, followed
    through the project's own modules.
    """
    modules = inventory(ctx).modules
    if ctx.project.kind == "plugin-dir" or not ctx.project.entry_points:
        return set(modules)
    todo = [e.module for e in ctx.project.entry_points if e.module]
    seen: set[str] = set()
    while todo:
        name = todo.pop()
        parts = name.split(".")
        for end in range(1, len(parts) + 1):  # importing a.b.c runs a, a.b and a.b.c
            dotted = ".".join(parts[:end])
            module = modules.get(dotted)
            if module is None or dotted in seen:
                continue
            seen.add(dotted)
            for node, origin, imported in imports(module):
                if guard(module, node) is not None:
                    continue
                todo.append(origin)
                if imported and f"{origin}.{imported}" in modules:
                    todo.append(f"{origin}.{imported}")  # `from pkg import submodule`
    return seen


def _absent_finding(rule: Rule, ctx: Context, found: tuple) -> Finding:
    """The finding for an import the target lacks, by where the import is.

    At module level the plugin module fails to import (error: not loaded); inside a function
    only that code fails (feature); guarded by except ImportError, a warning.
    """
    module, node, how, absent = found
    message = absent.message()
    severity = None
    if how == "guarded":
        message += " (guarded by except ImportError)"
        severity = "warning"
    elif how == "function":
        message += " (imported inside a function: fails when it runs)"
        severity = "feature"
    elif how == "not-loaded":
        message += f" ({module.name} is not imported while the plugin loads: fails when it is)"
        severity = "feature"
    else:
        message += ": the plugin module fails to import"
    return rule.finding(
        message, file=where(ctx, module), line=node.lineno, hint=absent.hint(),
        severity=severity,
    )  # fmt: skip


class MixinExported(Rule):
    """Every name imported from `plugin.mixins` exists in the target InvenTree.

    `plugin.mixins` is the stable import path, but its contents change between releases
    (see the "InvenTree releases" page): PanelMixin, SettingsContentMixin and the
    notification-method classes are gone in 1.0, SupplierMixin arrives in 1.1, and no release
    up to 1.5 has WellKnownMixin. A missing name makes the plugin module fail to import, so
    the plugin is not loaded. Inside a function only that code fails; inside
    `try: ... except ImportError:` it is a warning.

    Fix: use the mixin the target release provides, raise MIN_VERSION, or check with
    `--inventree-version` for the release you target.
    """

    id = "CLS009"
    severity = "error"

    def check(self, ctx: Context) -> Iterator[Finding]:
        for found in _absent_imports(ctx, mixins=True):
            yield _absent_finding(self, ctx, found)


class RemovedImports(Rule):
    """The plugin imports only InvenTree modules and names the target release has.

    Our model lists, per release, every module of InvenTree's backend apps and the names it
    binds. InvenTree removes and moves names between releases: the `label` app went in 0.16,
    `part.models.PartParameter` in 1.2 (parameters moved to `common.models.Parameter`),
    `report.models.LabelOutput` and `plugin.helpers.render_template` exist in no 1.x release.
    An import that fails at module level makes the plugin fail to load; inside a function it
    fails when that function runs (a feature fails). A `try: ... except ImportError:` guard is
    reported as a warning. `plugin.mixins` names are checked by CLS009. A module our model
    cannot list completely (it star-imports) is left to the dynamic layer.

    Fix: import from the new location, or drop the code that needs the removed name.
    """

    id = "CLS010"
    severity = "error"

    def check(self, ctx: Context) -> Iterator[Finding]:
        for found in _absent_imports(ctx, mixins=False):
            yield _absent_finding(self, ctx, found)


class PluginDirSelfImport(Rule):
    """A plugin folder does not import itself by its own name.

    InvenTree imports a folder dropped into its plugin directory as `plugins.<folder>`, so
    `import <folder>.x` or `from <folder> import x` only works if the same code is also
    pip-installed; otherwise the module fails to import and the plugin is not loaded.

    Fix: use relative imports (`from . import x`, `from .x import y`).
    """

    id = "CLS011"
    severity = "error"

    def check(self, ctx: Context) -> Iterator[Finding]:
        project = ctx.project
        if project.kind != "plugin-dir":
            return
        folder = project.path.name
        for module in package_modules(ctx):
            for node, origin, _name in imports(module):
                if isinstance(node, ast.ImportFrom) and node.level:
                    continue
                if origin != folder and not origin.startswith(folder + "."):
                    continue
                how = guard(module, node)
                if how in ("guarded", "type-checking"):
                    continue
                yield self.finding(
                    f"absolute import of {origin!r}: InvenTree imports this folder as "
                    f"'plugins.{folder}', so the import fails"
                    + (" when the function runs" if how == "function" else ""),
                    file=where(ctx, module), line=node.lineno,
                    hint="use a relative import (from . import ..., from .module import ...)",
                    severity="warning" if how == "function" else None,
                )  # fmt: skip
                break  # one finding per statement


def _top_level_names(module: Module) -> set[str] | None:
    """Names a module binds at top level; None when it may bind any (star import, __getattr__)."""
    names: set[str] = set()
    for item in _class_statements(module.tree.body):
        if isinstance(item, ast.Import | ast.ImportFrom):
            for alias in item.names:
                if alias.name == "*":
                    return None
                names.add(alias.asname or alias.name.split(".")[0])
        elif isinstance(item, ast.FunctionDef | ast.AsyncFunctionDef | ast.ClassDef):
            names.add(item.name)
        else:
            for node in ast.walk(item):
                if isinstance(node, ast.Name) and isinstance(node.ctx, ast.Store):
                    names.add(node.id)
    return None if "__getattr__" in names or "globals" in ast.dump(module.tree) else names


class RelativeImports(Rule):
    """Relative imports stay inside the package and name modules and names that exist.

    A relative import that climbs above the top-level package, appears in a module that is not
    in a package, or names a module (or a name) the package does not have, raises ImportError
    when the plugin is imported: InvenTree then does not load it.

    Fix: correct the number of dots and the module or name.
    """

    id = "CLS012"
    severity = "error"

    def check(self, ctx: Context) -> Iterator[Finding]:
        modules = inventory(ctx).modules
        for module in package_modules(ctx):
            is_package = module.file.name == "__init__.py"
            package = module.name if is_package else module.name.rpartition(".")[0]
            depth = len(package.split(".")) if package else 0
            for node in ast.walk(module.tree):
                if not (isinstance(node, ast.ImportFrom) and node.level):
                    continue
                how = guard(module, node)
                if how in ("guarded", "type-checking"):
                    continue
                problem = self._problem(ctx, modules, node, package, depth)
                if problem:
                    yield self.finding(
                        problem, file=where(ctx, module), line=node.lineno,
                        hint="fix the dots or the name", severity="warning" if how else None,
                    )  # fmt: skip

    @staticmethod
    def _problem(
        ctx: Context, modules: dict[str, Module], node: ast.ImportFrom, package: str, depth: int
    ) -> str | None:
        dots = "." * node.level
        shown = f"from {dots}{node.module or ''} import ..."
        if not package:
            return f"{shown} in a module that is not part of a package"
        if node.level > depth:
            return f"{shown} climbs above the top-level package"
        base = ".".join(package.split(".")[: depth - node.level + 1])
        if node.module:
            target = f"{base}.{node.module}"
            if not module_exists(ctx, target):
                return f"{shown}: there is no module {target}"
        else:
            target = base
        container = modules.get(target)
        if container is None:
            return None
        names = _top_level_names(container)
        if names is None:
            return None
        for alias in node.names:
            if alias.name == "*" or alias.name in names:
                continue
            if module_exists(ctx, f"{target}.{alias.name}"):
                continue
            return f"{shown}: {target} has no {alias.name!r}"
        return None


def _mixins(h: Hierarchy, info: ClassInfo) -> list[str]:
    return h.lineage(info)[1]


class ScheduledTasks(Rule):
    """SCHEDULED_TASKS entries each have `func` and a valid `schedule` (and `minutes` for I).

    When a ScheduleMixin plugin is activated, InvenTree validates every task: a missing `func`
    or `schedule`, a schedule other than I H D W M Q Y, or `I` without `minutes` raises
    MixinImplementationError inside plugin activation; the real 1.5 loader logs it during the
    reload ("Schedule 'X' is not a valid option") and the plugin still loads: its scheduled
    tasks are the feature that fails. Lower-case letters are fine (InvenTree upper-cases them).

    Fix: `SCHEDULED_TASKS = {"key": {"func": "method_name", "schedule": "I", "minutes": 30}}`.
    """

    id = "CLS013"
    severity = "feature"

    def check(self, ctx: Context) -> Iterator[Finding]:
        h = hierarchy(ctx)
        for info in target_infos(ctx):
            if "ScheduleMixin" not in _mixins(h, info):
                continue
            if h.lookup(info, "get_scheduled_tasks") is not None:
                continue  # computed at runtime: the dynamic layer validates it
            found = h.lookup(info, "SCHEDULED_TASKS")
            if found is None:
                continue
            owner, line, _kind, node = found
            file = where(ctx, owner.module)
            for problem in self._problems(node):
                yield self.finding(
                    f"SCHEDULED_TASKS: {problem}: InvenTree stops plugin activation",
                    file=file, line=line,
                    hint='each task: {"func": ..., "schedule": "I|H|D|W|M|Q|Y"} '
                    '(+ "minutes" for I)',
                )  # fmt: skip

    @staticmethod
    def _problems(node: ast.AST) -> Iterator[str]:
        if isinstance(node, ast.List | ast.Tuple | ast.Set | ast.Constant):
            if not (isinstance(node, ast.Constant) and node.value is None):
                yield "is not a dict of tasks"
            return
        if not isinstance(node, ast.Dict):
            return
        for key_node, value in zip(node.keys, node.values, strict=True):
            if key_node is None or not isinstance(value, ast.Dict):
                if isinstance(value, ast.List | ast.Tuple | ast.Constant):
                    yield f"task {_label(key_node)} is not a dict"
                continue
            if any(k is None for k in value.keys):
                continue  # **spread: unknown keys
            keys = {k.value: v for k, v in zip(value.keys, value.values, strict=True)
                    if isinstance(k, ast.Constant)}  # fmt: skip
            label = _label(key_node)
            for required in ("func", "schedule"):
                if required not in keys:
                    yield f"task {label} has no {required!r}"
            schedule = keys.get("schedule")
            if isinstance(schedule, ast.Constant) and isinstance(schedule.value, str):
                kind = schedule.value.upper().strip()
                if kind not in _SCHEDULE_TYPES:
                    yield f"task {label} has schedule {schedule.value!r} (not I H D W M Q Y)"
                elif kind == "I" and "minutes" not in keys:
                    yield f"task {label} has schedule 'I' but no 'minutes'"


#: The letters ScheduleMixin accepts (after upper-casing): the same in every modelled release.
_SCHEDULE_TYPES = frozenset(t for r in facts.releases() for t in r.schedule_types)


def _label(node: ast.AST | None) -> str:
    if isinstance(node, ast.Constant):
        return repr(node.value)
    return "?"


class NavigationEntries(Rule):
    """Each NAVIGATION entry has a `name` and a `link`.

    NavigationMixin checks the entries in its constructor and raises MixinNotImplementedError
    for one without `name` or `link`; a constructor that raises aborts loading of this plugin
    and of every plugin InvenTree would have loaded after it.

    Fix: `NAVIGATION = [{"name": "Page", "link": "plugin:<slug>:view", "icon": "fas fa-box"}]`.
    """

    id = "CLS014"
    severity = "error"

    def check(self, ctx: Context) -> Iterator[Finding]:
        h = hierarchy(ctx)
        for info in target_infos(ctx):
            if "NavigationMixin" not in _mixins(h, info):
                continue
            found = h.lookup(info, "NAVIGATION")
            if found is None or not isinstance(found[3], ast.List | ast.Tuple):
                continue
            for index, entry in enumerate(found[3].elts):
                if not isinstance(entry, ast.Dict) or any(k is None for k in entry.keys):
                    continue
                keys = {k.value for k in entry.keys if isinstance(k, ast.Constant)}
                missing = [k for k in ("name", "link") if k not in keys]
                if missing:
                    yield self.finding(
                        f"NAVIGATION[{index}] has no {' or '.join(map(repr, missing))}: the "
                        "plugin's constructor raises",
                        file=where(ctx, found[0].module), line=entry.lineno,
                        hint='give each entry "name" and "link"',
                    )  # fmt: skip


class APICallSettings(Rule):
    """APICallMixin plugins set API_URL_SETTING and API_TOKEN_SETTING to SETTINGS keys.

    APICallMixin reads the API host and token from the plugin settings those two attributes
    name; when either is unset, `has_api_call` raises MixinNotImplementedError and the mixin
    never works. A name that is not a key of SETTINGS reads nothing.

    Fix: `API_URL_SETTING = "API_URL"`, `API_TOKEN_SETTING = "API_TOKEN"`, both keys in SETTINGS.
    """

    id = "CLS015"
    severity = "feature"

    def check(self, ctx: Context) -> Iterator[Finding]:
        h = hierarchy(ctx)
        for info in target_infos(ctx):
            _order, mixins, unknown = h.lineage(info)
            if "APICallMixin" not in mixins or unknown:
                continue
            settings = h.lookup(info, "SETTINGS")
            keys: set[Any] | None = None
            if (
                settings is not None
                and isinstance(settings[3], ast.Dict)
                and all(k is not None for k in settings[3].keys)
            ):
                keys = {k.value for k in settings[3].keys if isinstance(k, ast.Constant)}
            for name in ("API_URL_SETTING", "API_TOKEN_SETTING"):
                found = h.lookup(info, name)
                ok, value = literal(found[3]) if found else (True, None)
                file = where(ctx, (found[0] if found else info).module)
                line = found[1] if found else info.node.lineno
                if ok and not value:
                    yield self.finding(
                        f"{info.name} uses APICallMixin but sets no {name}: has_api_call "
                        "raises and the mixin never works",
                        file=file, line=line, hint=f'set {name} = "<a SETTINGS key>"',
                    )  # fmt: skip
                elif ok and keys is not None and value not in keys:
                    yield self.finding(
                        f"{name} = {value!r} is not a key of SETTINGS",
                        file=file, line=line, hint=f"add {value!r} to SETTINGS",
                        severity="warning",
                    )  # fmt: skip


class TransitionHandlers(Rule):
    """TRANSITION_HANDLERS is a list.

    TransitionMixin raises TypeError for anything but a list, and `has_transition_handlers`
    swallows it: the plugin's handlers are silently never called. In a list, each entry must
    be a TransitionMethod instance: a class is logged (INVE-E9) and skipped. The plugin loads;
    the handlers are the feature that fails.

    Fix: `TRANSITION_HANDLERS = [MyTransition()]` (a list of TransitionMethod instances).
    """

    id = "CLS016"
    severity = "feature"

    def check(self, ctx: Context) -> Iterator[Finding]:
        h = hierarchy(ctx)
        for info in target_infos(ctx):
            if "TransitionMixin" not in _mixins(h, info):
                continue
            found = h.lookup(info, "TRANSITION_HANDLERS")
            if found is None:
                continue
            node = found[3]
            if isinstance(node, ast.List):
                classes = {c.name for c in h.classes.values()}
                for element in node.elts:
                    if isinstance(element, ast.Name) and element.id in classes:
                        yield self.finding(
                            f"TRANSITION_HANDLERS holds the class {element.id}, not an "
                            "instance: InvenTree skips it (INVE-E9) and never calls it",
                            file=where(ctx, found[0].module), line=found[1],
                            hint=f"list an instance: {element.id}()",
                        )  # fmt: skip
            if isinstance(node, ast.Tuple | ast.Set | ast.Dict | ast.Constant | ast.SetComp):
                kind = type(node).__name__.lower()
                if isinstance(node, ast.Constant):
                    kind = type(node.value).__name__
                yield self.finding(
                    f"TRANSITION_HANDLERS is a {kind}, not a list: the handlers are ignored",
                    file=where(ctx, found[0].module), line=found[1],
                    hint="make it a list: [Handler(), ...]",
                )  # fmt: skip


# InvenTreePlugin's own attributes: a mixin listed after it cannot override these.
_PLUGIN_BASE_NAMES = frozenset(
    {
        "NAME", "SLUG", "TITLE", "AUTHOR", "DESCRIPTION", "PUBLISH_DATE", "VERSION", "WEBSITE",
        "LICENSE", "ADMIN_SOURCE", "MIN_VERSION", "MAX_VERSION", "get_admin_source",
        "get_admin_context", "define_package", "_get_value",
    }
)  # fmt: skip


def c3(
    name: str, graph: dict[str, list[str]], memo: dict[str, list[str] | None]
) -> list[str] | None:
    """C3 linearisation of `name` in `graph` (name -> bases); None when inconsistent."""
    if name in memo:
        return memo[name]
    memo[name] = None  # cycles count as inconsistent
    sequences = []
    for base in graph.get(name, []):
        linear = c3(base, graph, memo)
        if linear is None:
            return None
        sequences.append(list(linear))
    sequences.append(list(graph.get(name, [])))
    result = [name]
    while any(sequences):
        for sequence in sequences:
            if not sequence:
                continue
            head = sequence[0]
            if not any(head in s[1:] for s in sequences):
                break
        else:
            return None
        result.append(head)
        for sequence in sequences:
            if sequence and sequence[0] == head:
                sequence.pop(0)
    memo[name] = result
    return result


class MixinOrder(Rule):
    """Mixins come before InvenTreePlugin in the bases, in an order Python accepts.

    The convention is `class MyPlugin(MixinA, MixinB, InvenTreePlugin)`. Listing a mixin after
    InvenTreePlugin still works in InvenTree 1.x (MixinBase forwards `__init__`), but older
    releases never ran that mixin's `__init__`, so it was not registered, and InvenTreePlugin's
    own attributes (ADMIN_SOURCE, get_admin_context, ...) win over a mixin's. A base listed
    before its own subclass (BarcodeMixin before SupplierBarcodeMixin) makes the class
    statement raise "Cannot create a consistent method resolution order".

    Fix: list the mixins first (subclasses before their bases) and InvenTreePlugin last.
    """

    id = "CLS017"
    severity = "warning"

    def check(self, ctx: Context) -> Iterator[Finding]:
        h = hierarchy(ctx)
        tops = package_tops(ctx)
        memo: dict[str, list[str] | None] = {}
        graph = self._graph(h)
        forwards = True  # MixinBase.__init__ forwards to super() in every modelled release
        for cls in inventory(ctx).plugin_classes:
            if tops and not _in_tops(cls.module.name, tops):
                continue
            info = h.classes.get(cls.qualname)
            if info is None:
                continue
            file = where(ctx, info.module)
            if c3(info.qualname, graph, memo) is None:
                yield self.finding(
                    f"the bases of {info.name} have no consistent method resolution order: "
                    "the class statement raises TypeError",
                    file=file, line=info.node.lineno,
                    hint="list subclasses before their bases (SupplierBarcodeMixin before "
                    "BarcodeMixin) and InvenTreePlugin last",
                    severity="error",
                )  # fmt: skip
                continue
            late = self._late_mixins(h, info)
            for base, shadowed in late:
                if not forwards:
                    yield self.finding(
                        f"{base} is listed after InvenTreePlugin: InvenTree "
                        f"{ctx.inventree_version} never runs its __init__, so it is not "
                        "registered",
                        file=file, line=info.node.lineno,
                        hint=f"move {base} before InvenTreePlugin",
                    )  # fmt: skip
                elif shadowed:
                    yield self.finding(
                        f"{base} is listed after InvenTreePlugin, whose "
                        f"{', '.join(sorted(shadowed))} therefore win over {base}'s",
                        file=file, line=info.node.lineno,
                        hint=f"move {base} before InvenTreePlugin",
                    )  # fmt: skip

    @staticmethod
    def _graph(h: Hierarchy) -> dict[str, list[str]]:
        graph: dict[str, list[str]] = {}
        for name, parents_ in versions.known_parents().items():
            graph[f"plugin:{name}"] = [f"plugin:{p}" for p in parents_]
        for info in h.classes.values():
            nodes = []
            for base in info.bases:
                project = h.find(base)
                if project is not None:
                    nodes.append(project.qualname)
                elif base.startswith("plugin."):
                    nodes.append(f"plugin:{base.rsplit('.', 1)[-1]}")
                else:
                    nodes.append(base or f"?{id(base)}")
            graph[info.qualname] = nodes
        return graph

    @staticmethod
    def _late_mixins(h: Hierarchy, info: ClassInfo) -> list[tuple[str, set[str]]]:
        late: list[tuple[str, set[str]]] = []
        seen_plugin = False
        for base in info.bases:
            project = h.find(base)
            if is_plugin_base(base):
                seen_plugin = True
                continue
            if not seen_plugin:
                continue
            if project is not None:
                if h.lineage(project)[1][:1] == ["InvenTreePlugin"] or any(
                    is_plugin_base(b) for b in project.bases
                ):
                    continue  # another plugin class, not a mixin
                late.append((project.name, set(project.names) & _PLUGIN_BASE_NAMES))
            elif base.startswith("plugin.") and base.endswith("Mixin"):
                late.append((base.rsplit(".", 1)[-1], set()))
        return late


class RequiredHooks(Rule):
    """Mixins whose hook has no default implementation have it implemented.

    Some hooks' defaults only raise "not implemented" (read per release from InvenTree's
    sources): EventMixin.process_event, LocateMixin.locate_stock_location,
    CurrencyExchangeMixin.update_exchange_rates, LabelPrintingMixin.print_label,
    SupplierBarcodeMixin.extract_barcode_fields, IconPackMixin.icon_packs, MailMixin's mail
    hooks and SupplierMixin's import hooks (1.1 on). The plugin loads, but every event, print,
    locate or mail request that reaches the hook fails. Defining a hook whose default is the
    only caller of the missing one (LabelPrintingMixin.print_labels, SupplierBarcodeMixin.scan)
    is enough.

    Fix: define the method in the plugin class.
    """

    id = "CLS018"
    severity = "feature"

    def check(self, ctx: Context) -> Iterator[Finding]:
        h = hierarchy(ctx)
        for info in target_infos(ctx):
            _order, mixins, unknown = h.lineage(info)
            if unknown:
                continue  # a base class from elsewhere may implement the hooks
            for mixin, hooks in versions.required_hooks(ctx.inventree_version).items():
                if mixin not in mixins:
                    continue
                for hook, callers in hooks.items():
                    if any(h.lookup(info, name) is not None for name in (hook, *callers)):
                        continue
                    yield self.finding(
                        f"{info.name} uses {mixin} but does not implement {hook}(): "
                        "InvenTree's default raises 'not implemented' when it is called",
                        file=where(ctx, info.module), line=info.node.lineno,
                        hint=f"define {hook}() in {info.name}",
                    )  # fmt: skip


class SettingKeys(Rule):
    """SETTINGS / USER_SETTINGS entries use only the keys InvenTree knows.

    Each setting is a dict with keys from InvenTree's settings key type (name, description,
    units, validator, default, choices, hidden, before_save, after_save, protected, required,
    model; confirm and confirm_text from 1.2, model_filters from 1.3). Other keys are ignored
    silently, which usually means a typo (`descripton`, `defaults`, `choice`). Setting names
    are upper-cased by InvenTree when it looks a definition up, so a lower-case name loads
    but loses its default, choices and validator.

    Fix: correct the key.
    """

    id = "CLS019"
    severity = "warning"

    def check(self, ctx: Context) -> Iterator[Finding]:
        h = hierarchy(ctx)
        known = versions.setting_entry_keys(ctx.inventree_version)
        for info in target_infos(ctx):
            for attribute in ("SETTINGS", "USER_SETTINGS"):
                found = h.lookup(info, attribute)
                if found is None or not isinstance(found[3], ast.Dict):
                    continue
                for key_node, value in zip(found[3].keys, found[3].values, strict=True):
                    name = key_node.value if isinstance(key_node, ast.Constant) else None
                    if isinstance(name, str) and name != name.strip().upper():
                        yield self.finding(
                            f"{attribute} key {name!r} is not upper-case: InvenTree looks "
                            f"definitions up by {name.strip().upper()!r}, so its default, "
                            "choices and validator are not applied",
                            file=where(ctx, found[0].module), line=key_node.lineno,  # type: ignore[union-attr]
                            hint=f"name it {name.strip().upper()!r}",
                        )  # fmt: skip
                    if not isinstance(value, ast.Dict):
                        continue
                    for k in value.keys:
                        if not isinstance(k, ast.Constant) or k.value in known:
                            continue
                        yield self.finding(
                            f"{attribute}[{_label(key_node)}] has unknown key {k.value!r}: "
                            f"InvenTree {ctx.inventree_version} ignores it",
                            file=where(ctx, found[0].module), line=k.lineno,
                            hint="known keys: " + ", ".join(sorted(known)),
                        )  # fmt: skip


class ValidPython(Rule):
    """Every module of the plugin package is valid Python.

    InvenTree imports the plugin's modules; a syntax error in a module imported while the
    plugin loads fails the import (the plugin is not loaded); in a module imported later only
    the feature that imports it breaks (the real 1.5 loader loads such a plugin).

    Fix: correct the syntax error (`python -m py_compile <file>` shows it).
    """

    id = "CLS020"
    severity = "error"

    def check(self, ctx: Context) -> Iterator[Finding]:
        inv = inventory(ctx)
        tops = package_tops(ctx)
        loaded = loaded_modules(ctx) if ctx.project.entry_points else None
        for name, file in ctx.project.python_files():
            if name in inv.modules or (tops and not _in_tops(name, tops)):
                continue
            for finding in self._report(ctx, file):
                if loaded is not None and not self._imported_at_load(name, loaded, inv):
                    finding = replace(
                        finding,
                        severity="feature",
                        message=finding.message + f" ({name} is not imported while the plugin "
                        "loads: fails when it is)",
                    )
                yield finding

    @staticmethod
    def _imported_at_load(name: str, loaded: set[str], inv: Any) -> bool:
        """Whether a loaded module imports `name` (unparsable modules are not in the graph)."""
        for module_name in loaded:
            module = inv.modules.get(module_name)
            for node, origin, imported in imports(module) if module else ():
                if guard(module, node) is None and name in (origin, f"{origin}.{imported}"):
                    return True
        return False

    def _report(self, ctx: Context, file: Path) -> Iterable[Finding]:
        try:
            parse_source(file)
        except SyntaxError as error:
            return [
                self.finding(
                    f"not valid Python: {error.msg}", file=ctx.project.rel(file),
                    line=error.lineno, hint="fix the syntax error",
                )
            ]  # fmt: skip
        except (UnicodeDecodeError, ValueError) as error:
            return [self.finding(f"cannot be read as Python: {error}", file=ctx.project.rel(file))]
        return []
