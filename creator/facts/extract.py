"""Read the facts of one InvenTree release from its backend sources, with `ast` only.

Nothing here imports or runs InvenTree: a release's tree is parsed, and facts and names are
recorded (hook signatures as signature text, setting keys, module names), never code or prose.
Used by scripts/extract_facts.py to write creator/facts/data/<release>.json, and by
tests/facts to re-derive a sample so that drift between the data and the sources shows.
"""

from __future__ import annotations

import ast
import json
import re
from collections.abc import Iterator
from functools import cache
from pathlib import Path
from typing import Any

#: Folder names under the sources root: "1.4" or "1.5-dev" (a development snapshot of 1.5).
_RELEASE_FOLDER = re.compile(r"^(\d+\.\d+)(?:-dev)?$")

#: Path parts that never hold modules a plugin imports at run time.
_SKIPPED_PARTS = frozenset({"migrations", "tests", "fixtures", "locale", "templates", "test"})


def release_folders(sources: Path) -> dict[str, Path]:
    """Release name -> its backend tree (`<folder>/src/backend/InvenTree`), oldest first."""
    found: dict[str, Path] = {}
    for folder in sources.iterdir() if sources.is_dir() else ():
        match = _RELEASE_FOLDER.match(folder.name)
        backend = folder / "src/backend/InvenTree"
        if match and backend.is_dir():
            found[match[1]] = backend
    return dict(sorted(found.items(), key=lambda item: tuple(map(int, item[0].split(".")))))


@cache
def _parse(path: Path) -> ast.Module:
    return ast.parse(path.read_text(encoding="utf-8"), filename=str(path))


def _module_file(backend: Path, dotted: str) -> Path | None:
    base = backend.joinpath(*dotted.split("."))
    for candidate in (base.with_suffix(".py"), base / "__init__.py"):
        if candidate.is_file():
            return candidate
    return None


def _statements(body: list[ast.stmt]) -> Iterator[ast.stmt]:
    """Top-level statements, including those inside if/try/with blocks (not functions/classes)."""
    for node in body:
        yield node
        if isinstance(node, ast.If | ast.With | ast.AsyncWith):
            yield from _statements(node.body)
            yield from _statements(getattr(node, "orelse", []))
        elif isinstance(node, ast.Try | ast.TryStar):
            for block in (node.body, node.orelse, node.finalbody):
                yield from _statements(block)
            for handler in node.handlers:
                yield from _statements(handler.body)


def _targets(target: ast.expr) -> Iterator[str]:
    if isinstance(target, ast.Name):
        yield target.id
    elif isinstance(target, ast.Tuple | ast.List):
        for element in target.elts:
            yield from _targets(element)


def bound_names(tree: ast.Module) -> set[str]:
    """The names a module binds at top level: what `from module import name` can find."""
    names: set[str] = set()
    for node in _statements(tree.body):
        if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef | ast.ClassDef):
            names.add(node.name)
        elif isinstance(node, ast.Assign):
            for target in node.targets:
                names.update(_targets(target))
        elif isinstance(node, ast.AnnAssign | ast.AugAssign) and node.target:
            names.update(_targets(node.target))
        elif isinstance(node, ast.Import):
            names.update(a.asname or a.name.split(".")[0] for a in node.names)
        elif isinstance(node, ast.ImportFrom):
            # "*" marks a module whose names we cannot list (a star import): an open module
            names.update(a.asname or a.name for a in node.names)
        elif type(node).__name__ == "TypeAlias":  # `type X = ...` (Python 3.12+ syntax)
            alias = getattr(node, "name", None)  # ast.TypeAlias is not in Python 3.11's ast
            if isinstance(alias, ast.Name):
                names.add(alias.id)
    return names


def modules(backend: Path) -> dict[str, list[str]]:
    """Every importable module of the backend apps -> the names it binds (submodules included)."""
    found: dict[str, set[str]] = {}
    for path in sorted(backend.rglob("*.py")):
        parts = path.relative_to(backend).with_suffix("").parts
        if any(p in _SKIPPED_PARTS or p.startswith("test_") for p in parts):
            continue
        if parts[-1] == "__init__":
            parts = parts[:-1]
        if not parts or "." in parts[-1]:
            continue  # not an importable module name (gunicorn.conf.py)
        if len(parts) == 1 and not (backend / parts[0] / "__init__.py").is_file():
            continue  # a loose script next to the apps (manage.py)
        # a directory without __init__.py is a namespace package: still importable
        try:
            names = bound_names(_parse(path))
        except SyntaxError:
            continue
        found.setdefault(".".join(parts), set()).update(names)
    for dotted in list(found):
        if "." in dotted:
            parent, child = dotted.rsplit(".", 1)
            found.setdefault(parent, set()).add(child)
    return {key: sorted(found[key]) for key in sorted(found)}


def _signature(node: ast.FunctionDef | ast.AsyncFunctionDef) -> str:
    return f"({ast.unparse(node.args)})"


#: Exceptions a mixin's default hook raises to say "the plugin must implement this".
_NOT_IMPLEMENTED = frozenset({"MixinNotImplementedError", "NotImplementedError"})


def _self_calls(node: ast.FunctionDef | ast.AsyncFunctionDef) -> set[str]:
    """Attributes the function reads from `self` (the hooks it calls)."""
    return {
        child.attr
        for child in ast.walk(node)
        if isinstance(child, ast.Attribute)
        and isinstance(child.value, ast.Name)
        and child.value.id == "self"
    }


def _raises_not_implemented(node: ast.FunctionDef | ast.AsyncFunctionDef) -> bool:
    """True when the default does nothing but raise MixinNotImplementedError (unconditionally)."""
    body = [
        s for s in node.body if not (isinstance(s, ast.Expr) and isinstance(s.value, ast.Constant))
    ]
    if len(body) != 1 or not isinstance(body[0], ast.Raise) or body[0].exc is None:
        return False
    exc = body[0].exc
    target = exc.func if isinstance(exc, ast.Call) else exc
    return isinstance(target, ast.Name) and target.id in _NOT_IMPLEMENTED


def _class(tree: ast.Module, name: str) -> ast.ClassDef | None:
    for node in _statements(tree.body):
        if isinstance(node, ast.ClassDef) and node.name == name:
            return node
    return None


def _import_origins(tree: ast.Module) -> dict[str, tuple[str, str]]:
    """Name bound by `from module import original as name` -> (module, original)."""
    origins: dict[str, tuple[str, str]] = {}
    for node in _statements(tree.body):
        if isinstance(node, ast.ImportFrom) and node.module and not node.level:
            for alias in node.names:
                origins[alias.asname or alias.name] = (node.module, alias.name)
    return origins


def _mixin(backend: Path, module: str, name: str) -> dict[str, Any] | None:
    """Hooks (own and inherited from InvenTree mixin bases), required hooks, bases, mixin name."""
    file = _module_file(backend, module)
    if file is None:
        return None
    tree = _parse(file)
    node = _class(tree, name)
    if node is None:
        origin = _import_origins(tree).get(name)
        return _mixin(backend, *origin) if origin else None
    origins = _import_origins(tree)
    hooks: dict[str, str] = {}
    required: set[str] = set()
    uses: dict[str, list[str]] = {}  # hook -> self attributes its default reads
    bases = [ast.unparse(base) for base in node.bases]
    for base in node.bases:
        if not isinstance(base, ast.Name):
            continue
        where = origins.get(base.id, (module, base.id))
        parent = _mixin(backend, *where) if where != (module, name) else None
        if parent:
            hooks.update(parent["hooks"])
            required.update(parent["required"])
            uses.update(parent["_uses"])
    mixin_name = None
    for item in node.body:
        if isinstance(item, ast.FunctionDef | ast.AsyncFunctionDef):
            hooks[item.name] = _signature(item)
            uses[item.name] = sorted(_self_calls(item))
            required.discard(item.name)
            if _raises_not_implemented(item):
                required.add(item.name)
        elif isinstance(item, ast.ClassDef) and item.name == "MixinMeta":
            for meta in item.body:
                if (
                    isinstance(meta, ast.Assign)
                    and any(isinstance(t, ast.Name) and t.id == "MIXIN_NAME" for t in meta.targets)
                    and isinstance(meta.value, ast.Constant)
                ):
                    mixin_name = meta.value.value
    # a default that InvenTree probes first (has_barcode_generation) is optional, not required
    required -= {hook for h, read in uses.items() if h.startswith("has_") for hook in read}
    return {
        "module": module,
        "bases": bases,
        "mixin_name": mixin_name,
        "hooks": dict(sorted(hooks.items())),
        "required": sorted(required),
        # for each required hook, the hooks whose default calls it: a plugin overriding one
        # of those (print_labels instead of print_label) may never need the required one
        "callers": {
            hook: sorted(h for h, read in uses.items() if hook in read and h != hook)
            for hook in sorted(required)
        },
        "_uses": uses,
    }


def _all_list(tree: ast.Module) -> list[str] | None:
    for node in _statements(tree.body):
        if (
            isinstance(node, ast.Assign)
            and any(isinstance(t, ast.Name) and t.id == "__all__" for t in node.targets)
            and isinstance(node.value, ast.List | ast.Tuple)
        ):
            return _strings(node.value.elts)
    return None


def _strings(elements: list[ast.expr]) -> list[str]:
    """The string literals among `elements` (an `__all__` list, a Literal[...] subscript)."""
    return [e.value for e in elements if isinstance(e, ast.Constant) and isinstance(e.value, str)]


def mixins(backend: Path) -> dict[str, dict[str, Any]]:
    """What `plugin.mixins` exports: name -> facts (a module export such as `supplier` too)."""
    tree = _parse(backend / "plugin/mixins/__init__.py")
    origins = _import_origins(tree)
    exported = _all_list(tree) or sorted(origins)
    result: dict[str, dict[str, Any]] = {}
    for name in sorted(exported):
        module, original = origins.get(name, ("plugin.mixins", name))
        facts = _mixin(backend, module, original)
        if facts is not None:
            del facts["_uses"]
        else:  # a module re-exported under a name (`supplier`)
            facts = {"module": f"{module}.{original}", "kind": "module"}
        result[name] = facts
    return result


def _decorator_names(node: ast.FunctionDef | ast.AsyncFunctionDef) -> list[str]:
    return [ast.unparse(d) for d in node.decorator_list]


#: Decorators whose result, looked up on the class, is (or forwards to) the function inside.
_EXPOSING_WRAPPERS = frozenset({"classmethod", "staticmethod"})


def final_methods(backend: Path) -> list[str]:
    """The names InvenTree's final-method check counts on InvenTreePlugin.

    InvenTree marks a method by setting an attribute on the object its marker decorates and
    later collects the class members (attribute lookups on the class) that carry it. A member
    carries it only when the marker decorates a plain function directly and what wraps the
    result hands that function back on lookup: nothing, a classmethod (the bound method
    forwards attributes to the function) or a staticmethod. A property hides it, and the
    marker applied over a classmethod marks the wrapper, which lookup never returns. Counted
    along InvenTreePlugin's bases as Python's member lookup sees them (a subclass wins).
    """
    tree = _parse(backend / "plugin/plugin.py")
    classes = {n.name: n for n in tree.body if isinstance(n, ast.ClassDef)}

    def linear(name: str) -> list[str]:  # depth-first bases within the file: enough here
        node = classes.get(name)
        if node is None:
            return []
        order = [name]
        for base in node.bases:
            if isinstance(base, ast.Name):
                order += [b for b in linear(base.id) if b not in order]
        return order

    final: dict[str, bool] = {}
    for name in reversed(linear("InvenTreePlugin")):
        for item in classes[name].body:
            if isinstance(item, ast.FunctionDef | ast.AsyncFunctionDef):
                decorators = _decorator_names(item)
                final[item.name] = (
                    bool(decorators)
                    and decorators[-1] == "mark_final"
                    and set(decorators[:-1]) <= _EXPOSING_WRAPPERS
                )
            elif isinstance(item, ast.Assign):
                for target in item.targets:
                    for bound in _targets(target):
                        final[bound] = False
    return sorted(name for name, marked in final.items() if marked)


def _dict_keys(tree: ast.Module, name: str) -> list[str]:
    for node in _statements(tree.body):
        target: ast.expr
        if isinstance(node, ast.AnnAssign):
            target, value = node.target, node.value
        elif isinstance(node, ast.Assign) and len(node.targets) == 1:
            target, value = node.targets[0], node.value
        else:
            continue
        if isinstance(target, ast.Name) and target.id == name and isinstance(value, ast.Dict):
            return sorted(_strings([k for k in value.keys if k is not None]))
    return []


def settings_keys(backend: Path) -> dict[str, list[str]]:
    """Global (system) and user setting keys, which plugins read with get_global_setting etc."""
    system = backend / "common/setting/system.py"
    user = backend / "common/setting/user.py"
    return {
        "global": _dict_keys(_parse(system), "SYSTEM_SETTINGS") if system.is_file() else [],
        "user": _dict_keys(_parse(user), "USER_SETTINGS") if user.is_file() else [],
    }


def _typed_dict_fields(tree: ast.Module, name: str) -> list[str]:
    node = _class(tree, name)
    if node is None:
        return []
    return [
        item.target.id
        for item in node.body
        if isinstance(item, ast.AnnAssign) and isinstance(item.target, ast.Name)
    ]


def ui(backend: Path) -> dict[str, list[str]]:
    """UI feature types (the FeatureType literal) and the keys of a feature dict."""
    tree = _parse(backend / "plugin/base/ui/mixins.py")
    types: list[str] = []
    for node in _statements(tree.body):
        if (
            isinstance(node, ast.Assign)
            and any(isinstance(t, ast.Name) and t.id == "FeatureType" for t in node.targets)
            and isinstance(node.value, ast.Subscript)
        ):
            elements = node.value.slice
            items = elements.elts if isinstance(elements, ast.Tuple) else [elements]
            types = _strings(items)
    mixin = _class(tree, "UserInterfaceMixin")
    methods = sorted(
        item.name
        for item in (mixin.body if mixin else [])
        if isinstance(item, ast.FunctionDef) and item.name.startswith("get_ui_")
    )
    return {
        "feature_types": types,
        "feature_keys": _typed_dict_fields(tree, "UIFeature"),
        "feature_methods": methods,
    }


def setting_entry_keys(backend: Path) -> list[str]:
    """Keys a SETTINGS entry may have (the settings key TypedDict)."""
    return _typed_dict_fields(_parse(backend / "common/setting/type.py"), "SettingsKeyType")


def schedule_types(backend: Path) -> list[str]:
    """The schedule letters ScheduleMixin accepts (after upper-casing the plugin's value)."""
    tree = _parse(backend / "plugin/base/integration/ScheduleMixin.py")
    node = _class(tree, "ScheduleMixin")
    for item in node.body if node else []:
        if (
            isinstance(item, ast.Assign)
            and any(
                isinstance(t, ast.Name) and t.id == "ALLOWABLE_SCHEDULE_TYPES" for t in item.targets
            )
            and isinstance(item.value, ast.List | ast.Tuple)
        ):
            return _strings(item.value.elts)
    return []


def _literal_attr(node: ast.ClassDef, name: str) -> Any:
    for item in node.body:
        if (
            isinstance(item, ast.Assign)
            and any(isinstance(t, ast.Name) and t.id == name for t in item.targets)
            and isinstance(item.value, ast.Constant)
        ):
            return item.value.value
    return None


def builtin_plugins(backend: Path) -> dict[str, str]:
    """Built-in plugins: the key InvenTree registers each under (SLUG, else NAME; unslugified)."""
    found: dict[str, str] = {}
    for path in sorted((backend / "plugin/builtin").rglob("*.py")):
        if path.name.startswith("test_"):
            continue
        for node in _parse(path).body:
            if isinstance(node, ast.ClassDef):
                key = _literal_attr(node, "SLUG") or _literal_attr(node, "NAME")
                if isinstance(key, str) and key:
                    found[key] = node.name
    return dict(sorted(found.items()))


def versions(backend: Path) -> dict[str, str]:
    """InvenTree's own version string, its minimum Python and its Django pin."""
    tree = _parse(backend / "InvenTree/version.py")
    version = ""
    python = ""
    for node in ast.walk(tree):
        if isinstance(node, ast.Assign) and isinstance(node.targets[0], ast.Name):
            name = node.targets[0].id
            if name == "INVENTREE_SW_VERSION" and isinstance(node.value, ast.Constant):
                version = str(node.value.value)
            elif name == "MIN_PYTHON_VERSION" and isinstance(node.value, ast.Tuple):
                numbers = [e.value for e in node.value.elts if isinstance(e, ast.Constant)]
                python = ".".join(str(number) for number in numbers)
        elif (  # older releases: `sys.version_info.minor < 9` in checkMinPythonVersion
            not python
            and isinstance(node, ast.Compare)
            and ast.unparse(node.left) == "sys.version_info.minor"
            and isinstance(node.ops[0], ast.Lt)
            and isinstance(node.comparators[0], ast.Constant)
        ):
            python = f"3.{node.comparators[0].value!s}"
    requirements = (backend.parent / "requirements.txt").read_text(encoding="utf-8")
    pin = re.search(r"^django==(\d+\.\d+)(\.\d+)?", requirements, re.MULTILINE | re.IGNORECASE)
    return {
        "version": version,
        "python": python,
        "django": pin[1] if pin else "",
        "django_pin": (pin[1] + (pin[2] or "")) if pin else "",
    }


def api_version(backend: Path) -> int | None:
    """INVENTREE_API_VERSION (plugins compare against it)."""
    for node in _parse(backend / "InvenTree/api_version.py").body:
        if (
            isinstance(node, ast.Assign)
            and isinstance(node.targets[0], ast.Name)
            and node.targets[0].id == "INVENTREE_API_VERSION"
            and isinstance(node.value, ast.Constant)
            and isinstance(node.value.value, int)
        ):
            return node.value.value
    return None


def static_slug_attribute(backend: Path) -> str | None:
    """Which plugin attribute static-file URLs are built from: "SLUG" (raw) or "slug" (slugified).

    Read from the call or list that joins the constant 'plugins' with `self.<attribute>` in
    InvenTreePlugin's static-file helpers.
    """
    tree = _parse(backend / "plugin/plugin.py")
    for node in ast.walk(tree):
        parts = (
            node.args
            if isinstance(node, ast.Call)
            else node.elts
            if isinstance(node, ast.List)
            else []
        )
        if not any(isinstance(p, ast.Constant) and p.value == "plugins" for p in parts):
            continue
        for part in parts:
            if (
                isinstance(part, ast.Attribute)
                and isinstance(part.value, ast.Name)
                and part.value.id == "self"
            ):
                return part.attr
    return None


def release_facts(backend: Path) -> dict[str, Any]:
    """Every fact of one release, as JSON-ready data."""
    return {
        **versions(backend),
        "api_version": api_version(backend),
        "mixins": mixins(backend),
        "final_methods": final_methods(backend),
        "settings_keys": settings_keys(backend),
        "setting_entry_keys": setting_entry_keys(backend),
        "schedule_types": schedule_types(backend),
        "ui": ui(backend),
        "builtin_plugins": builtin_plugins(backend),
        "static_slug_attribute": static_slug_attribute(backend),
        "modules": modules(backend),
    }


def to_json(data: dict[str, Any]) -> str:
    """Stable, diffable JSON (one name per line in the lists that change between releases)."""
    return json.dumps(data, indent=1, sort_keys=False, ensure_ascii=False) + "\n"
