"""A distribution's packaging metadata, read once for every reader (PKG rules, `adopt`).

From a source tree: pyproject.toml, setup.cfg, the literal keywords of setup.py and a built
sdist's *.egg-info; from a wheel's .dist-info (and an sdist's PKG-INFO): `importlib.metadata`,
which is what InvenTree's loader reads entry points with. Every entry-point group is kept
(`declared_groups`), not only `inventree_plugins`. Nothing is executed.
"""

from __future__ import annotations

import ast
import configparser
import re
import tomllib
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from creator.check.analysis.sources import parse_source
from creator.check.errors import CheckError

if TYPE_CHECKING:
    import importlib.metadata

GROUP = "inventree_plugins"

#: A METADATA file can be 150 MB: above this, the check refuses it in one line.
MAX_METADATA_BYTES = 2 * 2**20


@dataclass(frozen=True)
class EntryPoint:
    """An entry point, as `importlib.metadata.EntryPoint` would read it."""

    name: str
    value: str
    group: str = GROUP

    @property
    def module(self) -> str:
        """The module part of `module:attr.path`."""
        return self.value.partition(":")[0].strip()

    @property
    def attr(self) -> str:
        """The (possibly dotted) attribute path after ':' (empty when there is none)."""
        return self.value.partition(":")[2].strip()


@dataclass
class Metadata:
    """What the packaging files say: identity, dependencies and entry points."""

    name: str | None = None
    version: str | None = None
    requires: list[str] = field(default_factory=list)
    entry_points: list[EntryPoint] = field(default_factory=list)  # the inventree_plugins group
    metadata_file: str | None = None  # where name/version/entry points were read
    pyproject: dict[str, Any] | None = None  # {"__error__": ...} when it is not valid TOML
    setup_literals: dict[str, Any] = field(default_factory=dict)  # setup(...) literal keywords
    declared_groups: list[tuple[str, str]] = field(default_factory=list)  # (group, file)


def metadata_text(path: Path) -> str:
    """A metadata file's text, refused in one line when it is larger than any real one."""
    size = path.stat().st_size
    if size > MAX_METADATA_BYTES:
        raise CheckError(
            f"{path.name} is {size / 2**20:.0f} MB, more than the {MAX_METADATA_BYTES // 2**20} "
            "MB a metadata file may have: refused"
        )
    return path.read_text(encoding="utf-8", errors="replace")


def read_tree(root: Path, rel: Callable[[Path], str]) -> Metadata:
    """The metadata of a source tree (a project directory or an unpacked sdist).

    The `inventree_plugins` entry points come from the first file that declares some, in the
    order pyproject.toml, setup.cfg, setup.py, *.egg-info; each file consulted on the way adds
    the name, version and dependencies it has. Groups and setup literals come from all files.
    """
    meta = Metadata()
    _pyproject(meta, root / "pyproject.toml")
    setup_cfg = _setup_cfg(root / "setup.cfg")
    setup_py = _setup_py(root / "setup.py")
    if setup_cfg is not None and setup_cfg.has_section("options.entry_points"):
        meta.declared_groups += [
            (g, "setup.cfg") for g in setup_cfg.options("options.entry_points")
        ]
    if setup_py is not None:
        literals, groups = setup_py
        meta.setup_literals = literals or {}
        meta.declared_groups += [(g, "setup.py") for g in groups]
    if not meta.entry_points and setup_cfg is not None:
        _from_setup_cfg(meta, setup_cfg)
    if not meta.entry_points and setup_py is not None and setup_py[0] is not None:
        _from_setup_literals(meta)
    if not meta.entry_points:
        # An sdist built by setuptools carries the computed entry points in *.egg-info/.
        for egg_info in sorted(root.glob("*.egg-info")) + sorted(root.glob("src/*.egg-info")):
            if (egg_info / "entry_points.txt").is_file():
                meta.entry_points += _group(_distribution(egg_info))
                meta.metadata_file = meta.metadata_file or rel(egg_info / "entry_points.txt")
    return meta


def read_dist_info(dist_info: Path, rel: Callable[[Path], str]) -> Metadata:
    """The metadata of a wheel's .dist-info directory, read with importlib.metadata."""
    meta = Metadata()
    dist = _distribution(dist_info)
    try:
        if (dist_info / "METADATA").is_file():
            meta.name = dist.metadata["Name"]
            meta.version = dist.metadata["Version"]
            meta.requires = [r for r in dist.requires or [] if r]
            meta.metadata_file = rel(dist_info / "METADATA")
        if (dist_info / "entry_points.txt").is_file():
            meta.entry_points = _group(dist)
            file = rel(dist_info / "entry_points.txt")
            groups = dict.fromkeys(e.group for e in dist.entry_points)
            meta.declared_groups += [(group, file) for group in groups]
    except UnicodeDecodeError as error:
        raise CheckError(f"{dist_info.name}: metadata is not UTF-8 ({error.reason})") from None
    return meta


def read_pkg_info(root: Path) -> Metadata | None:
    """Name, version and dependencies from an sdist's PKG-INFO (None when there is none)."""
    if not (root / "PKG-INFO").is_file():
        return None
    dist = _distribution(root)  # reads PKG-INFO when there is no METADATA
    try:
        names, versions = dist.metadata.get_all("Name"), dist.metadata.get_all("Version")
        requires = [r for r in dist.requires or [] if r]
    except UnicodeDecodeError as error:
        raise CheckError(f"PKG-INFO is not UTF-8 ({error.reason})") from None
    return Metadata(names[0] if names else None, versions[0] if versions else None, requires)


def _distribution(path: Path) -> importlib.metadata.Distribution:
    """An importlib.metadata view of a .dist-info / .egg-info directory, sizes checked first."""
    # lazy: importlib.metadata (with email and zipfile) costs tens of milliseconds, and only
    # wheels and sdists need it, not the common check of a project directory
    import importlib.metadata

    for name in ("METADATA", "PKG-INFO", "entry_points.txt"):
        if (path / name).is_file():
            metadata_text(path / name)
    return importlib.metadata.Distribution.at(path)


def _group(dist: importlib.metadata.Distribution) -> list[EntryPoint]:
    return [EntryPoint(e.name, e.value) for e in dist.entry_points if e.group == GROUP]


def _pyproject(meta: Metadata, file: Path) -> None:
    if not file.is_file():
        return
    try:
        meta.pyproject = tomllib.loads(metadata_text(file))
    except (tomllib.TOMLDecodeError, UnicodeDecodeError) as error:
        meta.pyproject = {"__error__": str(error)}
        return
    table = meta.pyproject.get("project") or {}
    if isinstance(table, dict):
        groups = table.get("entry-points") or {}
        meta.declared_groups += [(str(g), "pyproject.toml") for g in groups]
        if table:
            meta.metadata_file = "pyproject.toml"
            meta.name = table.get("name")
            meta.version = table.get("version")
            meta.requires = list(table.get("dependencies") or [])
            for name, value in (groups.get(GROUP) or {}).items():
                meta.entry_points.append(EntryPoint(name, str(value)))
    poetry = (meta.pyproject.get("tool") or {}).get("poetry") or {}
    if isinstance(poetry, dict):
        meta.declared_groups += [(str(g), "pyproject.toml") for g in poetry.get("plugins") or {}]


def _setup_cfg(file: Path) -> configparser.ConfigParser | None:
    if not file.is_file():
        return None
    parser = configparser.ConfigParser(interpolation=None)
    try:
        parser.read_string(metadata_text(file))
    except (configparser.Error, UnicodeDecodeError):
        return None
    return parser


def _from_setup_cfg(meta: Metadata, parser: configparser.ConfigParser) -> None:
    meta.metadata_file = meta.metadata_file or "setup.cfg"
    if parser.has_section("metadata"):
        meta.name = meta.name or parser.get("metadata", "name", fallback=None)
        meta.version = meta.version or parser.get("metadata", "version", fallback=None)
    if parser.has_option("options.entry_points", GROUP):
        for line in parser.get("options.entry_points", GROUP).splitlines():
            name, sep, value = line.partition("=")
            if sep:
                meta.entry_points.append(EntryPoint(name.strip(), value.strip()))
    if parser.has_option("options", "install_requires"):
        raw = parser.get("options", "install_requires")
        meta.requires += [r.strip() for r in raw.splitlines() if r.strip()]


def _setup_py(file: Path) -> tuple[dict[str, Any] | None, list[str]] | None:
    """(literal keywords of setup(...) or None without a call, entry-point groups)."""
    if not file.is_file():
        return None
    metadata_text(file)  # refuse an oversized one before parsing it
    try:
        tree = parse_source(file)
    except (SyntaxError, UnicodeDecodeError, ValueError):
        return None
    literals: dict[str, Any] | None = None
    groups: list[str] = []
    for node in ast.walk(tree):
        if (
            isinstance(node, ast.keyword)
            and node.arg == "entry_points"
            and isinstance(node.value, ast.Dict)
        ):
            groups += [
                k.value
                for k in node.value.keys
                if isinstance(k, ast.Constant) and isinstance(k.value, str)
            ]
        func = node.func if isinstance(node, ast.Call) else None
        if (
            not isinstance(node, ast.Call)
            or (getattr(func, "id", None) or getattr(func, "attr", None)) != "setup"
        ):
            continue
        literals = literals or {}
        for keyword in node.keywords:
            try:
                value = ast.literal_eval(keyword.value)
            except (ValueError, TypeError, SyntaxError, MemoryError, RecursionError):
                continue
            if keyword.arg:
                literals.setdefault(keyword.arg, value)
    return literals, groups


def _from_setup_literals(meta: Metadata) -> None:
    literals = meta.setup_literals
    meta.name = meta.name or literals.get("name")
    meta.version = meta.version or literals.get("version")
    meta.requires += list(literals.get("install_requires") or [])
    points = literals.get("entry_points")
    if isinstance(points, dict):
        items = points.get(GROUP) or []
        for line in [items] if isinstance(items, str) else items:
            name, sep, target = str(line).partition("=")
            if sep:
                meta.entry_points.append(EntryPoint(name.strip(), target.strip()))
    meta.metadata_file = meta.metadata_file or "setup.py"


def distribution_version(
    project_root: Path, meta: Metadata, module_literal: Callable[[str, str], Any]
) -> tuple[str | None, str | None]:
    """(version, where) of the distribution, following the common dynamic-version setups.

    `module_literal(module, name)` reads a module-level literal (the source analysis's).
    """
    if meta.version:
        return str(meta.version), meta.metadata_file
    pyproject = meta.pyproject or {}
    table = pyproject.get("project") or {}
    if not isinstance(table, dict) or "version" not in (table.get("dynamic") or []):
        return None, None
    tool = pyproject.get("tool") or {}
    flit = (tool.get("flit") or {}).get("module") or {}
    setuptools_attr = ((tool.get("setuptools") or {}).get("dynamic") or {}).get("version") or {}
    if "build-system" in pyproject and "flit" in str(pyproject["build-system"]):
        module = flit.get("name") or str(table.get("name", "")).replace("-", "_")
        return module_literal(module, "__version__"), "pyproject.toml"
    if isinstance(setuptools_attr, dict) and setuptools_attr.get("attr"):
        module, _, attr = str(setuptools_attr["attr"]).rpartition(".")
        return module_literal(module, attr), "pyproject.toml"
    hatch_path = ((tool.get("hatch") or {}).get("version") or {}).get("path")
    if hatch_path and (project_root / hatch_path).is_file():
        text = (project_root / hatch_path).read_text(encoding="utf-8", errors="replace")
        match = re.search(r"^__version__\s*[:=][^=]*?[\"']([^\"']+)[\"']", text, re.M)
        return (match[1] if match else None), "pyproject.toml"
    return None, None
