"""The plugin's UI as its Python source states it: what the UI rules read.

InvenTree serves a plugin's `static/` folder (next to the module defining the plugin class) at
/static/plugins/<slug>/, imports the file a feature's `source` names as a native ES module
(no import map), and calls the function named after ':' or the feature's default. The
references are found in the source (AST): `plugin_static_file(...)` calls with literal
arguments, `ADMIN_SOURCE`, and hard-coded `/static/plugins/<slug>/...` strings, with the
feature dicts the get_ui_* methods return as literals. The JavaScript is read by
creator.check.jsmodule.
"""

from __future__ import annotations

import ast
import fnmatch
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import unquote

from creator.check.analysis.hierarchy import ProjectClass
from creator.check.analysis.sources import Module
from creator.check.project import Project

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
# The function the frontend calls when `source` names none (docs/design/frontend.md, Default
# function names).
DEFAULT_FUNCTIONS = {
    "panel": "renderPanel",
    "dashboard": "renderDashboardItem",
    "settings": "renderPluginSettings",
    "spotlight_action": "executeAction",
    "template_editor": "getFeature",
    "template_preview": "getFeature",
    "route": "getFeature",
}
# Features whose function renders into a DOM node it is given (docs/design/frontend.md, Template
# editor and preview), not into InvenTree's React tree.
DOM_STYLE = ("template_editor", "template_preview")
FEATURE_KEYS = {"key", "title", "description", "icon", "options", "context", "source"}
STATIC_PREFIX = "/static/plugins/"
_URL_IN_TEXT = re.compile(r"/static/plugins/([^/\s\"'?#:]+)/([^\s\"'<>]*)")
_PLACEHOLDER = "\x00"


# ---------------------------------------------------------------------------------- model


@dataclass
class StaticRef:
    """One reference from Python to a file under a plugin class's static/ folder."""

    cls: ProjectClass
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


def _scope(cls: ProjectClass) -> str:
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


def _collect(modules: dict[str, Module], classes: list[ProjectClass]) -> dict[int, _Found]:
    """References and feature dicts per target plugin class (by id)."""
    found: dict[int, _Found] = {id(cls): _Found() for cls in classes}
    for module in modules.values():
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
    return found


def _owners(
    owners: list[ProjectClass], module: Module, class_name: str | None
) -> list[ProjectClass]:
    """The plugin class a method belongs to, or every plugin class of the package."""
    own = [c for c in owners if c.module is module and c.name == class_name]
    return own or owners


def _from_call(
    cls: ProjectClass, module: Module, function: str | None, call: ast.Call
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
    cls: ProjectClass,
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


class UiModel:
    """The plugin's UI as its Python source states it: static-file references, feature dicts.

    Built once per check (the Context's `ui` input) from the parsed modules and the plugin
    classes InvenTree's loader collects.
    """

    def __init__(
        self, project: Project, modules: dict[str, Module], classes: list[ProjectClass]
    ) -> None:
        self.project = project
        self._found = _collect(modules, classes)

    def refs(self) -> Iterator[StaticRef]:
        """Every reference to a file under a plugin class's static/ folder."""
        for found in self._found.values():
            yield from found.refs

    def features(self) -> Iterator[FeatureDict]:
        """Every feature dict written as a literal in a get_ui_* method."""
        for found in self._found.values():
            yield from found.features

    def js_files(self) -> list[tuple[list[StaticRef], Path]]:
        """Each existing JS module the references name, with the references naming it."""
        seen: dict[Path, list[StaticRef]] = {}
        for ref in self.refs():
            if ref.absolute_part or not ref.needs_js or not ref.path.endswith((".js", ".mjs")):
                continue
            target = ref.target
            if target.is_file():
                seen.setdefault(target.resolve(), []).append(ref)
        return [(refs, path) for path, refs in seen.items()]

    def rel(self, path: Path) -> str:
        """A path as findings show it (relative to the project when it is inside)."""
        shown = self.project.rel(path)
        if Path(shown).is_absolute():
            for base in (self.project.root, self.project.import_root):
                try:
                    return path.resolve().relative_to(base.resolve()).as_posix()
                except ValueError:
                    continue
        return shown


def awaiting_build(project: Project, static: Path) -> bool:
    """True when `static` is a frontend's build output that is not built yet.

    A project directory with a package.json whose static/ is missing or git-ignored: a missing
    file there means "run the build", which UI001 reports once as a warning. Other rules that
    find the same missing file (DYN007) defer to it.
    """
    if project.kind != "project" or frontend_build(project.root) is None:
        return False
    return not static.is_dir() or _gitignored(project.root, static)


def frontend_build(root: Path) -> Path | None:
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


def similar_files(ref: StaticRef) -> list[str]:
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
