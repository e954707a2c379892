"""UI: user-interface features, static files and the JavaScript InvenTree imports.

InvenTree serves a plugin's `static/` folder (next to the module defining the plugin class) at
/static/plugins/<slug>/, imports the file a feature's `source` names as a native ES module
(no import map), and calls the function named after ':' or the feature's default (loader-spec
§3). The references are found in the source (AST): `plugin_static_file(...)` calls with literal
arguments, `ADMIN_SOURCE`, and hard-coded `/static/plugins/<slug>/...` strings; the JavaScript
is read by creator.check.jsmodule.
"""

from __future__ import annotations

import ast
import fnmatch
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import unquote

from creator.check import jsmodule
from creator.check.classes import Module, PluginClass
from creator.check.model import Context, Finding, Rule
from creator.check.rules._helpers import inventory, targets
from creator.check.rules.classes import django_slugify

# UserInterfaceMixin methods → feature type (base/ui/mixins.py), plus the admin page.
FEATURE_METHODS = {
    "get_ui_panels": "panel",
    "get_ui_dashboard_items": "dashboard",
    "get_ui_spotlight_actions": "spotlight_action",
    "get_ui_template_editors": "template_editor",
    "get_ui_template_previews": "template_preview",
    "get_ui_navigation_items": "navigation",
    "get_ui_primary_actions": "primary_action",
    "get_ui_routes": "route",
    "get_admin_source": "settings",
}
# The function the frontend calls when `source` names none (loader-spec §3.3).
DEFAULT_FUNCTIONS = {
    "panel": "renderPanel",
    "dashboard": "renderDashboardItem",
    "settings": "renderPluginSettings",
    "spotlight_action": "executeAction",
    "template_editor": "getFeature",
    "template_preview": "getFeature",
    "route": "getFeature",
}
# Features whose function renders into a DOM node it is given (loader-spec §3.6), not into
# InvenTree's React tree.
DOM_STYLE = ("template_editor", "template_preview")
FEATURE_KEYS = {"key", "title", "description", "icon", "options", "context", "source"}
STATIC_PREFIX = "/static/plugins/"
_URL_IN_TEXT = re.compile(r"/static/plugins/([^/\s\"'?#:]+)/([^\s\"'<>]*)")
_ICON = re.compile(r"^[A-Za-z0-9_-]+:[A-Za-z0-9_.-]+:[A-Za-z0-9_-]+$")
_PLACEHOLDER = "\x00"


# ---------------------------------------------------------------------------------- model


@dataclass
class StaticRef:
    """One reference from Python to a file under a plugin class's static/ folder."""

    cls: PluginClass
    written: str  # the argument / string as written
    origin: str  # "plugin_static_file", "ADMIN_SOURCE" or "URL"
    module_file: Path
    line: int
    feature: str | None  # panel, dashboard, settings, ... (None: not known)
    path: str = ""  # below static/, '/'-separated
    function: str | None = None  # after ':' in the URL path
    query_function: str | None = None  # after ':' in the query string (`X.js?v=2:fn`)
    url_slug: str | None = None  # the <slug> of a hard-coded /static/plugins/<slug>/ URL
    absolute_part: bool = False  # plugin_static_file('/x.js'): os.path.join drops the prefix

    @property
    def static_dir(self) -> Path:
        """`<dir of the plugin class's module>/static` (plugin.path() / 'static')."""
        return self.cls.module.file.parent / "static"

    @property
    def target(self) -> Path:
        """The file the reference names."""
        return self.static_dir.joinpath(*[p for p in self.path.split("/") if p])

    @property
    def default_function(self) -> str | None:
        """The feature's default function name (None when the feature is not known)."""
        return DEFAULT_FUNCTIONS.get(self.feature or "")

    @property
    def needs_js(self) -> bool:
        """Navigation items and primary actions carry a URL, not a JS module."""
        return self.feature not in ("navigation", "primary_action")


@dataclass
class FeatureDict:
    """A feature dict written as a literal in a get_ui_* method."""

    node: ast.Dict | ast.Call
    module_file: Path
    feature: str
    items: dict[str, ast.expr] = field(default_factory=dict)
    open_ended: bool = False  # `**base` or updated later: missing keys may be added elsewhere


@dataclass
class _Found:
    """What the source walk found for one plugin class."""

    refs: list[StaticRef] = field(default_factory=list)
    features: list[FeatureDict] = field(default_factory=list)


def split_source(spec: str) -> tuple[str, str | None, str | None]:
    """(path, function after ':' in the path, function after ':' in the query string).

    InvenTree (PluginSource.tsx) splits the URL *pathname* at ':'; the query string is kept in
    the imported URL. Older 1.x split the whole string, so `X.js?v=2:fn` also named `fn`.
    """
    cut = min((i for i in (spec.find("?"), spec.find("#")) if i >= 0), default=len(spec))
    path, query = spec[:cut], spec[cut:]
    function = None
    if ":" in path:
        path, _, function = path.partition(":")
        function = function.split(":")[0] or None
    query_function = query.split(":")[1] or None if ":" in query else None
    return unquote(path), function, query_function


# ---------------------------------------------------------------------------------- source walk


def _scope(cls: PluginClass) -> str:
    """The package whose modules belong to the plugin class (its module's package)."""
    module = cls.module
    if module.file.name == "__init__.py":
        return module.name
    return module.name.rpartition(".")[0] or module.name


def _in_scope(name: str, scope: str) -> bool:
    return name == scope or name.startswith(scope + ".")


def _docstrings(tree: ast.Module) -> set[int]:
    found = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Module | ast.ClassDef | ast.FunctionDef | ast.AsyncFunctionDef):
            body = node.body
            if body and isinstance(body[0], ast.Expr) and isinstance(body[0].value, ast.Constant):
                found.add(id(body[0].value))
    return found


def _fstring(node: ast.JoinedStr) -> tuple[str, list[ast.expr]]:
    """An f-string's text with a placeholder per `{...}`, and the placeholders' expressions."""
    text, values = [], []
    for part in node.values:
        if isinstance(part, ast.Constant) and isinstance(part.value, str):
            text.append(part.value)
        elif isinstance(part, ast.FormattedValue):
            text.append(_PLACEHOLDER)
            values.append(part.value)
    return "".join(text), values


def _is_slug_expr(expr: ast.expr) -> bool:
    """`self.SLUG`, `cls.SLUG`, `self.slug`, `SLUG`: the plugin's own slug."""
    if isinstance(expr, ast.Attribute):
        return expr.attr in ("SLUG", "slug", "plugin_slug")
    return isinstance(expr, ast.Name) and expr.id == "SLUG"


class _Walker(ast.NodeVisitor):
    """Collects static references and feature dicts of one module."""

    def __init__(self, module: Module) -> None:
        self.module = module
        self.docstrings = _docstrings(module.tree)
        self.classes: list[str] = []
        self.functions: list[str] = []
        self.calls: list[tuple[str | None, str | None, ast.Call]] = []
        self.strings: list[tuple[str | None, str | None, int, str, list[ast.expr]]] = []
        self.features: list[tuple[str | None, str, ast.FunctionDef | ast.AsyncFunctionDef]] = []

    def _where(self) -> tuple[str | None, str | None]:
        return (self.classes[-1] if self.classes else None), (
            self.functions[-1] if self.functions else None
        )

    def visit_ClassDef(self, node: ast.ClassDef) -> None:
        self.classes.append(node.name)
        self.generic_visit(node)
        self.classes.pop()

    def _function(self, node: ast.FunctionDef | ast.AsyncFunctionDef) -> None:
        if node.name in FEATURE_METHODS and node.name != "get_admin_source":
            self.features.append((self.classes[-1] if self.classes else None, node.name, node))
        self.functions.append(node.name)
        self.generic_visit(node)
        self.functions.pop()

    visit_FunctionDef = _function
    visit_AsyncFunctionDef = _function

    def visit_Call(self, node: ast.Call) -> None:
        func = node.func
        name = func.attr if isinstance(func, ast.Attribute) else getattr(func, "id", "")
        if name == "plugin_static_file":
            cls, function = self._where()
            self.calls.append((cls, function, node))
        self.generic_visit(node)

    def visit_Constant(self, node: ast.Constant) -> None:
        if (
            isinstance(node.value, str)
            and STATIC_PREFIX in node.value
            and id(node) not in self.docstrings
        ):
            cls, function = self._where()
            self.strings.append((cls, function, node.lineno, node.value, []))

    def visit_JoinedStr(self, node: ast.JoinedStr) -> None:
        text, values = _fstring(node)
        if STATIC_PREFIX in text:
            cls, function = self._where()
            self.strings.append((cls, function, node.lineno, text, values))
        for value in values:
            self.visit(value)


def _collect(ctx: Context) -> dict[int, _Found]:
    """References and feature dicts per target plugin class (by id), found once per check."""
    cached = ctx.notes.get("ui")
    if cached is not None:
        return cached
    classes = targets(ctx)
    found: dict[int, _Found] = {id(cls): _Found() for cls in classes}
    inv = inventory(ctx)
    for module in inv.modules.values():
        owners = [cls for cls in classes if _in_scope(module.name, _scope(cls))]
        if not owners:
            continue
        walker = _Walker(module)
        walker.visit(module.tree)

        for class_name, function, call in walker.calls:
            for cls in _owners(owners, module, class_name):
                ref = _from_call(cls, module, function, call)
                if ref is not None:
                    found[id(cls)].refs.append(ref)
        for class_name, function, line, text, values in walker.strings:
            for cls in _owners(owners, module, class_name):
                found[id(cls)].refs.extend(_from_string(cls, module, function, line, text, values))
        for class_name, method, node in walker.features:
            for cls in _owners(owners, module, class_name):
                found[id(cls)].features.extend(_feature_dicts(module, method, node))
    for cls in classes:
        attribute = cls.attributes.get("ADMIN_SOURCE")
        if attribute is not None and attribute.literal and isinstance(attribute.value, str):
            ref = StaticRef(
                cls, attribute.value, "ADMIN_SOURCE", cls.module.file, attribute.line, "settings"
            )
            ref.path, ref.function, ref.query_function = split_source(attribute.value)
            found[id(cls)].refs.append(ref)
    ctx.notes["ui"] = found
    return found


def _owners(owners: list[PluginClass], module: Module, class_name: str | None) -> list:
    """The plugin class a method belongs to, or every plugin class of the package."""
    own = [c for c in owners if c.module is module and c.name == class_name]
    return own or owners


def _from_call(
    cls: PluginClass, module: Module, function: str | None, call: ast.Call
) -> StaticRef | None:
    parts = []
    for arg in call.args:
        if not (isinstance(arg, ast.Constant) and isinstance(arg.value, str)) or call.keywords:
            return None  # computed: the dynamic layer sees the value
        parts.append(arg.value)
    if not parts:
        return None
    feature = FEATURE_METHODS.get(function or "")
    written = "/".join(parts)
    ref = StaticRef(cls, written, "plugin_static_file", module.file, call.lineno, feature)
    ref.absolute_part = any(part.startswith("/") for part in parts)
    ref.path, ref.function, ref.query_function = split_source(written)
    return ref


def _from_string(
    cls: PluginClass,
    module: Module,
    function: str | None,
    line: int,
    text: str,
    values: list[ast.expr],
) -> Iterator[StaticRef]:
    feature = FEATURE_METHODS.get(function or "")
    for match in _URL_IN_TEXT.finditer(text):
        slug, rest = match.group(1), match.group(2)
        if slug == _PLACEHOLDER:
            expr = values[text[: match.start(1)].count(_PLACEHOLDER)]
            slug = None if _is_slug_expr(expr) else _PLACEHOLDER
        if slug == _PLACEHOLDER or _PLACEHOLDER in rest:
            continue  # computed
        written = match.group(0)
        ref = StaticRef(cls, written, "URL", module.file, line, feature, url_slug=slug)
        ref.path, ref.function, ref.query_function = split_source(rest)
        yield ref


def _feature_dicts(
    module: Module, method: str, node: ast.FunctionDef | ast.AsyncFunctionDef
) -> Iterator[FeatureDict]:
    feature = FEATURE_METHODS[method]
    updated: set[str] = set()  # names whose dict gets keys added after the literal
    assigned: dict[int, str] = {}
    for item in ast.walk(node):
        if isinstance(item, ast.Assign | ast.AugAssign):
            item_targets = item.targets if isinstance(item, ast.Assign) else [item.target]
            for target in item_targets:
                if isinstance(target, ast.Subscript) and isinstance(target.value, ast.Name):
                    updated.add(target.value.id)
                elif isinstance(target, ast.Name) and isinstance(item.value, ast.Dict | ast.Call):
                    assigned[id(item.value)] = target.id
        elif (
            isinstance(item, ast.Call)
            and isinstance(item.func, ast.Attribute)
            and item.func.attr in ("update", "setdefault", "__setitem__")
            and isinstance(item.func.value, ast.Name)
        ):
            updated.add(item.func.value.id)
    nested: set[int] = set()
    for item in ast.walk(node):
        if id(item) in nested:
            continue
        entry = _as_feature(item)
        if entry is None:
            continue
        items, open_ended = entry
        for value in items.values():
            nested.update(id(sub) for sub in ast.walk(value))
        open_ended = open_ended or assigned.get(id(item)) in updated
        assert isinstance(item, ast.Dict | ast.Call)
        yield FeatureDict(item, module.file, feature, items, open_ended)


def _as_feature(node: ast.AST) -> tuple[dict[str, ast.expr], bool] | None:
    """(items, open-ended) when `node` is a dict literal / dict(...) shaped like a feature."""
    items: dict[str, ast.expr] = {}
    open_ended = False
    if isinstance(node, ast.Dict):
        for key, value in zip(node.keys, node.values, strict=True):
            if key is None:
                open_ended = True
            elif isinstance(key, ast.Constant) and isinstance(key.value, str):
                items[key.value] = value
            else:
                return None
    elif isinstance(node, ast.Call) and getattr(node.func, "id", "") == "dict":
        if node.args:
            open_ended = True
        for keyword in node.keywords:
            if keyword.arg is None:
                open_ended = True
            else:
                items[keyword.arg] = keyword.value
    else:
        return None
    if len(FEATURE_KEYS & items.keys()) < 2:
        return None
    return items, open_ended


# ---------------------------------------------------------------------------------- helpers


def _rel(ctx: Context, path: Path) -> str:
    shown = ctx.project.rel(path)
    if Path(shown).is_absolute():
        for base in (ctx.project.root, ctx.project.import_root):
            try:
                return path.resolve().relative_to(base.resolve()).as_posix()
            except ValueError:
                continue
    return shown


def _refs(ctx: Context) -> Iterator[StaticRef]:
    for found in _collect(ctx).values():
        yield from found.refs


def _features(ctx: Context) -> Iterator[FeatureDict]:
    for found in _collect(ctx).values():
        yield from found.features


def _js_files(ctx: Context) -> list[tuple[list[StaticRef], Path]]:
    """Each existing JS module the references name, with the references naming it."""
    seen: dict[Path, list[StaticRef]] = {}
    for ref in _refs(ctx):
        if ref.absolute_part or not ref.needs_js or not ref.path.endswith((".js", ".mjs")):
            continue
        target = ref.target
        if target.is_file():
            seen.setdefault(target.resolve(), []).append(ref)
    return [(refs, path) for path, refs in seen.items()]


def _modules(ctx: Context) -> jsmodule.ModuleCache:
    return ctx.notes.setdefault("js_modules", jsmodule.ModuleCache())


def awaiting_build(ctx: Context, static: Path) -> bool:
    """True when `static` is a frontend's build output that is not built yet.

    A project directory with a package.json whose static/ is missing or git-ignored: a missing
    file there means "run the build", which UI001 reports once as a warning. Other rules that
    find the same missing file (DYN007) defer to it.
    """
    project = ctx.project
    if project.kind != "project" or _frontend_build(project.root) is None:
        return False
    return not static.is_dir() or _gitignored(project.root, static)


def _frontend_build(root: Path) -> Path | None:
    """The directory with the project's package.json (root or one level down), if any."""
    if (root / "package.json").is_file():
        return root
    for candidate in sorted(root.glob("*/package.json")):
        if candidate.parent.name not in ("node_modules", ".git"):
            return candidate.parent
    return None


def _gitignored(root: Path, path: Path) -> bool:
    """Whether a .gitignore between `root` and `path` ignores `path` (common patterns)."""
    try:
        relative = path.relative_to(root)
    except ValueError:
        return False
    ignored = False
    directory = root
    for depth in range(len(relative.parts)):
        gitignore = directory / ".gitignore"
        if gitignore.is_file():
            rest = relative.parts[depth:]
            for raw in gitignore.read_text(encoding="utf-8", errors="replace").splitlines():
                pattern = raw.strip()
                if not pattern or pattern.startswith("#"):
                    continue
                negate = pattern.startswith("!")
                pattern = pattern.lstrip("!").rstrip("/")
                if pattern.startswith("**/"):
                    pattern = pattern[3:]
                if "/" in pattern.lstrip("/"):
                    anchored = pattern.lstrip("/")
                    hit = any(
                        fnmatch.fnmatch("/".join(rest[: n + 1]), anchored) for n in range(len(rest))
                    )
                else:
                    hit = any(fnmatch.fnmatch(part, pattern.lstrip("/")) for part in rest)
                if hit:
                    ignored = not negate
        directory = directory / relative.parts[depth]
    return ignored


def _similar(ref: StaticRef) -> list[str]:
    """Files next to the missing one with the same stem plus a hash (`Panel-1a2b3c.js`)."""
    target = ref.target
    if not target.parent.is_dir():
        return []
    stem, suffix = target.stem, target.suffix
    return sorted(
        p.name
        for p in target.parent.iterdir()
        if p.suffix == suffix and re.fullmatch(rf"{re.escape(stem)}[-.][\w-]{{6,}}", p.stem)
    )


# ---------------------------------------------------------------------------------- rules


class StaticFilePresent(Rule):
    """Every static file the plugin references exists under `static/` next to its class.

    InvenTree copies `<directory of the plugin class's module>/static/` to
    /static/plugins/<slug>/ and the browser imports the file a feature's `source` names from
    there. Checked: `self.plugin_static_file("X.js:fn")` calls with literal arguments in the
    plugin's package, `ADMIN_SOURCE`, and hard-coded `/static/plugins/<slug>/...` strings; the
    `:function` suffix and query strings are not part of the file name. A missing file is a 404
    and the panel shows "Error Loading Content". In a project directory whose `static/` is a
    frontend build output (a package.json, and `static/` missing or git-ignored) a missing file
    only means "not built yet" (warning); in a wheel, sdist or plugin folder it is an error.

    Fix: build the frontend (`npm run build`), fix the file name (a build that emits hashed
    names, `Panel-1a2b3c.js`, must be referenced by that name or configured to emit stable
    names), and build the frontend before the wheel: projects made by create-inventree-plugin do it
    in `python -m build` (their `build_ui.py` runs `npm ci && npm run build`); elsewhere make sure
    the build backend includes `<package>/static/` in the wheel.
    """

    id = "UI001"
    severity = "feature"

    def check(self, ctx: Context) -> Iterator[Finding]:
        project = ctx.project
        build = _frontend_build(project.root) if project.kind == "project" else None
        reported: set[tuple[Path, str]] = set()
        unbuilt: dict[Path, list[StaticRef]] = {}
        for ref in _refs(ctx):
            file, where = _rel(ctx, ref.module_file), f"{ref.origin} {ref.written!r}"
            if ref.absolute_part:
                yield self.finding(
                    f"{where}: a part starting with '/' makes os.path.join drop "
                    f"/static/plugins/<slug>/, so the URL is {ref.written.split(':')[0]!r}",
                    file=file, line=ref.line,
                    hint=f"write plugin_static_file({ref.written.lstrip('/')!r})",
                )  # fmt: skip
                continue
            if not ref.path or ref.path.endswith("/"):
                yield self.finding(
                    f"{where} names no file",
                    file=file, line=ref.line, hint="name the JS file, e.g. 'Panel.js:renderPanel'",
                )  # fmt: skip
                continue
            target = ref.target
            if target.is_file() or (target, file) in reported:
                continue
            reported.add((target, file))
            static = ref.static_dir
            if build is not None and (not static.is_dir() or _gitignored(project.root, static)):
                unbuilt.setdefault(static, []).append(ref)
                continue
            shown = _rel(ctx, target)
            similar = _similar(ref)
            if similar:
                hint = f"the folder has {', '.join(similar)}: reference the file by its real name"
            elif project.kind in ("wheel", "sdist"):
                hint = (
                    "build the frontend before the wheel (cd frontend && npm ci && npm run build), "
                    "and make sure the wheel includes <package>/static/"
                )
            else:
                hint = f"create {shown}, or fix the name in {ref.origin}"
            yield self.finding(
                f"{where}: {shown} is not in the {project.kind} (the browser gets a 404)",
                file=file, line=ref.line, hint=hint,
            )  # fmt: skip
        for static, refs in unbuilt.items():
            assert build is not None
            frontend = _rel(ctx, build) if build != project.root else "."
            install = "npm ci" if (build / "package-lock.json").is_file() else "npm install"
            names = ", ".join(dict.fromkeys(ref.path for ref in refs))
            if static.is_dir():
                state = f"{names} missing from {_rel(ctx, static)}/"
            else:
                state = f"{_rel(ctx, static)}/ does not exist; referenced: {names}"
            yield self.finding(
                f"frontend not built yet ({state}): run npm run build",
                file=_rel(ctx, refs[0].module_file), line=refs[0].line, severity="warning",
                hint=f"cd {frontend} && {install} && npm run build (if a file is still missing, "
                "add it to the build's inputs)",
            )  # fmt: skip


class ExportPresent(Rule):
    """The function a `source` names is a named export of its JS module.

    InvenTree imports the module and calls `module[name]`, where the name is the part after ':'
    in the source (`Panel.js:renderMyPanel`) or the feature's default: `renderPanel` for panels,
    `renderDashboardItem` for dashboard items, `renderPluginSettings` for ADMIN_SOURCE,
    `executeAction` for spotlight actions, `getFeature` for template editors and previews.
    A `default` export is ignored. A missing or renamed export shows "Error Loading Content".
    InvenTree reads the name from the URL path only, so in `Panel.js?v=2:fn` newer releases
    call the default function (older ones split the whole string and call `fn`).

    Fix: `export function renderMyPanel(context) {...}` in the module (keep
    `preserveEntrySignatures: "exports-only"` in the bundler), or correct the name after ':'.
    """

    id = "UI002"
    severity = "feature"

    def check(self, ctx: Context) -> Iterator[Finding]:
        cache = _modules(ctx)
        done: set[tuple[Path, str | None, str | None]] = set()
        for ref in _refs(ctx):
            if ref.absolute_part or not ref.needs_js or not ref.path.endswith((".js", ".mjs")):
                continue
            target = ref.target
            wanted = ref.function or ref.query_function or ref.default_function
            key = (target, wanted, ref.default_function)
            if wanted is None or key in done or not target.is_file():
                continue
            done.add(key)
            names, complete = cache.exported_names(target)
            file, shown = _rel(ctx, ref.module_file), _rel(ctx, target)
            exported = ", ".join(sorted(names)) or "nothing"
            if wanted not in names:
                if not complete:
                    continue  # a star re-export we cannot follow may provide it
                hint = f"export function {wanted}(context) {{ ... }} in the module"
                if wanted == ref.default_function and not ref.function:
                    hint += f", or name the export after ':' ({ref.path}:<function>)"
                if names == {"default"}:
                    hint = "InvenTree ignores the default export: " + hint
                yield self.finding(
                    f"{ref.origin} {ref.written!r}: {shown} does not export {wanted!r} "
                    f"(it exports {exported})",
                    file=file, line=ref.line, hint=hint,
                )  # fmt: skip
            elif (
                ref.query_function
                and not ref.function
                and ref.default_function
                and ref.default_function not in names
            ):
                yield self.finding(
                    f"{ref.origin} {ref.written!r}: ':' after the query string; newer InvenTree "
                    f"reads the function name from the URL path only and calls "
                    f"{ref.default_function!r}, which {shown} does not export",
                    file=file, line=ref.line, severity="warning",
                    hint=f"write '{ref.path}:{ref.query_function}' (drop the query string), or "
                    f"also export {ref.default_function}",
                )  # fmt: skip


class NoBareImports(Rule):
    """The JS InvenTree imports loads in a browser: no bare specifiers, no missing chunks.

    InvenTree loads plugin code with a native `import()` and no import map, so a specifier
    such as `import React from 'react'` or `import { Button } from '@mantine/core'` left in the
    built file (or a chunk it imports) fails to resolve and the whole module fails to load. A
    relative import of a file that is not shipped is a 404 with the same effect. Files reached
    only through `import("...")` or `require("...")` fail when that code runs (warning).

    Fix: bundle the frontend, and map the libraries InvenTree provides to its window globals
    (`window.React`, `window.ReactDOM`, `window.ReactDOMClient`, `window.MantineCore`,
    `window.MantineNotifications`, `window.LinguiCore`, `window.LinguiReact`) instead of
    marking them `external`; bundle every other dependency; ship every emitted chunk.
    """

    id = "UI003"
    severity = "feature"

    def check(self, ctx: Context) -> Iterator[Finding]:
        cache = _modules(ctx)
        reported: set[tuple[Path, str, str]] = set()
        for _, entry in _js_files(ctx):
            for module, path, static, via in cache.closure(entry):
                if module is None:
                    if via is not None and (path, "", "") not in reported:
                        reported.add((path, "", ""))
                        yield self.finding(
                            f"{via.specifier!r} is imported but {_rel(ctx, path)} is not shipped",
                            file=_importer(ctx, cache, entry, path), line=via.line,
                            severity=None if static and via.kind == "static" else "warning",
                            hint="ship every file the build emits (e.g. the chunks/ folder)",
                        )  # fmt: skip
                    continue
                shown = _rel(ctx, path)
                for item in module.imports:
                    key = (path, item.specifier, item.kind)
                    if not item.bare or key in reported:
                        continue
                    reported.add(key)
                    fatal = static and item.kind == "static"
                    what = {"static": "import", "dynamic": "import()", "require": "require()"}
                    yield self.finding(
                        f"bare {what[item.kind]} of {item.specifier!r}: the browser cannot "
                        f"resolve it without an import map"
                        + ("" if fatal else " (fails when that code runs)"),
                        file=shown, line=item.line, severity=None if fatal else "warning",
                        hint=_bare_hint(item.specifier),
                    )  # fmt: skip
                if module.require_shim and (path, "", "shim") not in reported:
                    reported.add((path, "", "shim"))
                    yield self.finding(
                        "the bundle carries a `require` shim: CommonJS code requires a module "
                        "the bundle left out, which throws in the browser when it runs",
                        file=shown, severity="warning",
                        hint="do not mark CommonJS dependencies' imports external; bundle them "
                        "or map them to InvenTree's globals",
                    )  # fmt: skip


_GLOBALS = {
    "react": "React",
    "react-dom": "ReactDOM",
    "react-dom/client": "ReactDOMClient",
    "@mantine/core": "MantineCore",
    "@mantine/notifications": "MantineNotifications",
    "@lingui/core": "LinguiCore",
    "@lingui/react": "LinguiReact",
}


def _bare_hint(specifier: str) -> str:
    if specifier in _GLOBALS:
        return f"read it from window.{_GLOBALS[specifier]} (InvenTree provides it) at build time"
    if specifier.startswith("react/jsx"):
        return "compile JSX to React.createElement (classic runtime) so the React global is used"
    return f"bundle {specifier!r} into the plugin's JS (do not mark it external)"


def _importer(ctx: Context, cache: jsmodule.ModuleCache, entry: Path, missing: Path) -> str:
    for module, path, _static, _via in cache.closure(entry):
        if module is not None and any(
            i.specifier.startswith(("./", "../")) and jsmodule.resolve(path, i.specifier) == missing
            for i in module.imports
        ):
            return _rel(ctx, path)
    return _rel(ctx, entry)


class NoBundledHostLibraries(Rule):
    """The JS does not bundle its own React, ReactDOM or Mantine.

    InvenTree gives plugins its own copies as window globals (React, ReactDOM, ReactDOMClient,
    MantineCore, MantineNotifications, LinguiCore, LinguiReact). A second React breaks hooks
    ("Invalid hook call") as soon as the plugin's components render inside InvenTree's tree; a
    second Mantine has no theme (MantineProvider not found) and a second notifications store
    shows nothing. Detected from the libraries' own code (their internals objects, DOM keys,
    component display names) in the referenced modules and every chunk they import.

    Fix: map `react`, `react-dom`, `react-dom/client`, `@mantine/core`, `@mantine/notifications`
    and `@lingui/*` to the globals at build time (the template's inventree-globals Vite plugin
    does this), and compile JSX with the classic runtime.
    """

    id = "UI004"
    severity = "warning"

    def check(self, ctx: Context) -> Iterator[Finding]:
        cache = _modules(ctx)
        reported: set[tuple[Path, str]] = set()
        for refs, entry in _js_files(ctx):
            found: dict[str, Path] = {}
            for module, path, _static, _via in cache.closure(entry):
                if module is None:
                    continue
                for library in jsmodule.embedded_libraries(module.text):
                    if (path, library) not in reported:
                        found.setdefault(library, path)
                        reported.add((path, library))
            if not found:
                continue
            where = sorted({_rel(ctx, p) for p in found.values()})
            # Template editors/previews render into their own DOM node: a private copy works
            # there (it only doubles the download).
            own_dom = all(ref.feature in DOM_STYLE for ref in refs)
            yield self.finding(
                f"{_rel(ctx, entry)} bundles its own {', '.join(found)} "
                f"(in {', '.join(where)}): InvenTree already provides "
                + ", ".join(_provided(name) for name in found)
                + (
                    " (it renders into its own DOM node, so this only costs size)"
                    if own_dom
                    else ""
                ),
                file=_rel(ctx, entry),
                severity="info" if own_dom else None,
                hint="map these packages to InvenTree's window globals instead of bundling them",
            )


def _provided(library: str) -> str:
    return {
        "React": "window.React",
        "ReactDOM": "window.ReactDOM / window.ReactDOMClient",
        "@mantine/core": "window.MantineCore",
        "@mantine/notifications": "window.MantineNotifications",
    }.get(library, library)


class FeatureRequiredKeys(Rule):
    """UI feature dicts have a non-blank `key` and `source`, and dict `options`/`context`.

    InvenTree's UI API serializes each dict a get_ui_* method returns, without validating it:
    a dict without `key`, or with `options`/`context` that are not dicts (or None), cannot be
    serialized and is logged and dropped, so the panel never appears. Without a `source` the
    frontend has nothing to render. A blank `key` passes (a warning: the frontend tells
    features apart by key). A relative `source` ('Panel.js') resolves against the server root,
    not the plugin's static folder. Checked for dicts written as literals in get_ui_* methods.
    The plugin loads in every case: the feature is what fails.

    Fix: give every feature `"key": "my-panel"` and
    `"source": self.plugin_static_file("Panel.js:renderPanel")`.
    """

    id = "UI005"
    severity = "feature"

    def check(self, ctx: Context) -> Iterator[Finding]:
        for feature in _features(ctx):
            file, line = _rel(ctx, feature.module_file), feature.node.lineno
            for key in ("key", "source"):
                value = feature.items.get(key)
                if value is None:
                    if not feature.open_ended and feature.feature not in ("navigation",):
                        yield self.finding(
                            f"{feature.feature} feature without {key!r}: InvenTree drops it",
                            file=file, line=line, hint=_required_hint(key),
                        )  # fmt: skip
                elif _blank(value) and key == "source":
                    yield self.finding(
                        f"{feature.feature} feature with a blank 'source': the frontend has "
                        "nothing to render",
                        file=file, line=value.lineno, hint=_required_hint(key),
                    )  # fmt: skip
                elif _blank(value):
                    yield self.finding(
                        f"{feature.feature} feature with a blank 'key': InvenTree's API passes "
                        "it, but the frontend tells features apart by key",
                        file=file, line=value.lineno, hint=_required_hint(key),
                        severity="warning",
                    )  # fmt: skip
            source = feature.items.get("source")
            if isinstance(source, ast.Constant) and isinstance(source.value, str):
                text = source.value.strip()
                if text and not text.startswith("/") and "://" not in text:
                    yield self.finding(
                        f"source {text!r} is relative: the browser loads it from the server "
                        "root, not from the plugin's static folder",
                        file=file, line=source.lineno,
                        hint=f"use self.plugin_static_file({text!r})",
                    )  # fmt: skip
            for key in ("options", "context"):
                value = feature.items.get(key)
                if isinstance(value, ast.List | ast.Tuple | ast.Set | ast.JoinedStr) or (
                    isinstance(value, ast.Constant) and value.value is not None
                ):
                    yield self.finding(
                        f"{feature.feature} feature {key!r} is not a dict: InvenTree drops it",
                        file=file, line=value.lineno, hint=f'"{key}": {{...}} (or leave it out)',
                    )  # fmt: skip


def _blank(value: ast.expr) -> bool:
    return (
        isinstance(value, ast.Constant) and isinstance(value.value, str) and not value.value.strip()
    )


def _required_hint(key: str) -> str:
    if key == "key":
        return 'add "key": "<unique-dom-safe-id>"'
    return 'add "source": self.plugin_static_file("Panel.js:renderPanel")'


class FeatureTitle(Rule):
    """UI feature dicts have a `title`.

    The serializer accepts a feature without a title, but InvenTree shows the title as the
    panel's tab label and the dashboard item's name in the "add widget" list; without it the
    user sees an empty label. Checked for dicts written as literals in get_ui_* methods.

    Fix: add `"title": "My panel"` (a human-readable, translatable text).
    """

    id = "UI006"
    severity = "warning"

    def check(self, ctx: Context) -> Iterator[Finding]:
        for feature in _features(ctx):
            value = feature.items.get("title")
            if value is None and feature.open_ended:
                continue
            if value is None or _blank(value):
                yield self.finding(
                    f"{feature.feature} feature without a title: the UI shows an empty label",
                    file=_rel(ctx, feature.module_file),
                    line=(value or feature.node).lineno,
                    hint='add "title": "<label users see>"',
                )


class FeatureIcon(Rule):
    """UI feature icons are written `pack:name:variant`, e.g. `ti:puzzle:outline`.

    The frontend's ApiIcon splits the icon at ':' into icon pack (`ti` is Tabler), name and
    variant; any other form ('puzzle', 'ti-puzzle', 'fa-solid fa-plug') renders no icon.
    Checked for literal `icon` values in get_ui_* feature dicts (blank means no icon).

    Fix: `"icon": "ti:<tabler-icon-name>:outline"` (see tabler.io/icons for names).
    """

    id = "UI007"
    severity = "warning"

    def check(self, ctx: Context) -> Iterator[Finding]:
        for feature in _features(ctx):
            value = feature.items.get("icon")
            if not (isinstance(value, ast.Constant) and isinstance(value.value, str)):
                continue
            icon = value.value.strip()
            if icon and not _ICON.match(icon):
                name = icon.split(":")[-1].removeprefix("ti-").removeprefix("ti ") or "puzzle"
                yield self.finding(
                    f"icon {icon!r} is not in 'pack:name:variant' form: no icon is shown",
                    file=_rel(ctx, feature.module_file), line=value.lineno,
                    hint=f'"icon": "ti:{name}:outline"',
                )  # fmt: skip


class StaticUrlSlug(Rule):
    """Hard-coded `/static/plugins/<slug>/` URLs use the plugin's own slug.

    InvenTree copies the plugin's static files to /static/plugins/<key>/, where the key is
    `slugify(SLUG or NAME)`. A URL written by hand with another slug (an old SLUG, the package
    name, the NAME) is a 404.

    Fix: build the URL with `self.plugin_static_file("Panel.js:fn")`, or correct the slug.
    """

    id = "UI008"
    severity = "feature"

    def check(self, ctx: Context) -> Iterator[Finding]:
        for ref in _refs(ctx):
            if ref.origin != "URL" or ref.url_slug is None:
                continue
            slug = ref.cls.literal("SLUG") or ref.cls.literal("NAME")
            if not isinstance(slug, str) or not slug:
                continue
            key = django_slugify(slug)
            if ref.url_slug != key:
                yield self.finding(
                    f"{ref.written!r} uses slug {ref.url_slug!r}, but {ref.cls.name}'s static "
                    f"files are served from /static/plugins/{key}/",
                    file=_rel(ctx, ref.module_file), line=ref.line,
                    hint=f"use self.plugin_static_file({ref.written.split('/', 4)[-1]!r})",
                )  # fmt: skip
