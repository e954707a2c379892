"""What an existing plugin's files say about it, read without importing its code.

`adopt` infers the answers of a plugin made by inventree-plugin-creator from these, and the
migration (creator.migrate) rebuilds that tool's context from the same reading: the packaging
metadata (pyproject.toml, or setup.py's literal keywords in older releases), the
`inventree_plugins` entry point, and the plugin class's bases and string constants.
"""

from __future__ import annotations

import ast
import tomllib
from collections.abc import Mapping
from pathlib import Path
from typing import Any

ENTRY_GROUP = "inventree_plugins"


def read_pyproject(path: Path, notes: list[str]) -> dict[str, Any]:
    """pyproject.toml as a mapping ({} when absent; a note when unreadable)."""
    file = path / "pyproject.toml"
    if not file.is_file():
        return {}
    try:
        return tomllib.loads(file.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError) as error:
        notes.append(f"pyproject.toml could not be read ({error}); skipped")
        return {}


def literal(node: ast.AST) -> Any:
    """The value of a literal expression, or None when it is not one."""
    try:
        return ast.literal_eval(node)
    except (ValueError, TypeError, SyntaxError, MemoryError, RecursionError):
        return None


def read_setup_py(path: Path, notes: list[str]) -> dict[str, Any]:
    """The literal keyword arguments of setup(...) in setup.py (older releases of the tool)."""
    file = path / "setup.py"
    if not file.is_file():
        return {}
    try:
        tree = ast.parse(file.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, SyntaxError) as error:
        notes.append(f"setup.py could not be parsed ({error}); skipped")
        return {}
    for node in ast.walk(tree):
        if isinstance(node, ast.Call):
            func = node.func
            name = func.attr if isinstance(func, ast.Attribute) else getattr(func, "id", "")
            if name == "setup":
                return {
                    kw.arg: value
                    for kw in node.keywords
                    if kw.arg and (value := literal(kw.value)) is not None
                }
    return {}


def entry_point(pyproject: Mapping[str, Any], setup: Mapping[str, Any]) -> tuple[str, str]:
    """(module, class) of the first `inventree_plugins` entry point, or ("", "")."""
    targets: list[str] = []
    group = pyproject.get("project", {}).get("entry-points", {}).get(ENTRY_GROUP, {})
    if isinstance(group, Mapping):
        targets += [str(v) for v in group.values()]
    points = setup.get("entry_points", {})
    if isinstance(points, Mapping):
        items = points.get(ENTRY_GROUP, [])
        if isinstance(items, str):
            items = items.splitlines()
        targets += [str(item).partition("=")[2].strip() for item in items if "=" in str(item)]
    for target in targets:
        module, _, attr = target.partition(":")
        if module.strip() and attr.strip():
            return module.strip(), attr.strip()
    return "", ""


def find_plugin_class(path: Path) -> tuple[str, str]:
    """Fallback without an entry point: a class deriving from InvenTreePlugin in <pkg>/core.py."""
    for core in sorted(path.glob("*/core.py")):
        try:
            tree = ast.parse(core.read_text(encoding="utf-8"))
        except (OSError, UnicodeDecodeError, SyntaxError):
            continue
        for node in tree.body:
            if isinstance(node, ast.ClassDef) and "InvenTreePlugin" in base_names(node):
                return f"{core.parent.name}.core", node.name
    return "", ""


def base_names(node: ast.ClassDef) -> list[str]:
    """The names of a class's bases as written (`Mixin` or `mixins.Mixin` -> "Mixin")."""
    names = []
    for base in node.bases:
        if isinstance(base, ast.Name):
            names.append(base.id)
        elif isinstance(base, ast.Attribute):
            names.append(base.attr)
    return names


def read_class(path: Path, module: str, name: str) -> tuple[list[str], dict[str, str]]:
    """(base class names, string constants of the class body) of the plugin class."""
    parts = module.split(".")
    candidates = [path.joinpath(*parts).with_suffix(".py"), path.joinpath(*parts, "__init__.py")]
    for file in candidates:
        if not file.is_file():
            continue
        try:
            tree = ast.parse(file.read_text(encoding="utf-8"))
        except (OSError, UnicodeDecodeError, SyntaxError):
            return [], {}
        for node in tree.body:
            if isinstance(node, ast.ClassDef) and node.name == name:
                constants = {}
                for item in node.body:
                    if (
                        isinstance(item, ast.Assign)
                        and len(item.targets) == 1
                        and isinstance(item.targets[0], ast.Name)
                        and isinstance(item.value, ast.Constant)
                        and isinstance(item.value.value, str)
                    ):
                        constants[item.targets[0].id] = item.value.value
                return base_names(node), constants
    return [], {}
