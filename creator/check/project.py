"""What `check PATH` is looking at: a project directory, a wheel, an sdist, or a plugin folder.

Everything is read without importing plugin code: archives are unpacked into a temporary
directory, metadata comes from pyproject.toml / setup.cfg / METADATA / PKG-INFO, and modules are
mapped to files the way Python's import system would find them from `import_root`.
"""

from __future__ import annotations

import configparser
import shutil
import tarfile
import tomllib
import zipfile
from dataclasses import dataclass, field
from email.parser import HeaderParser
from pathlib import Path
from typing import Any

from creator.errors import CreatorError
from creator.sandbox import scratch_dir

GROUP = "inventree_plugins"

#: Input limits (a 437 KB wheel can unpack to 200 MB; a METADATA file can be 150 MB): above
#: them the check refuses the input in one line instead of filling disk or memory.
MAX_MEMBERS = 20_000
MAX_UNPACKED_BYTES = 200 * 2**20
MAX_METADATA_BYTES = 2 * 2**20


class CheckError(CreatorError):
    """The check itself could not run (bad path, unreadable archive): exit code 2."""

    def __init__(self, message: str) -> None:
        super().__init__(message, exit_code=2)


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
class Project:
    """A plugin as found on disk, ready for static rules and for the dynamic layer."""

    kind: str  # "project" | "wheel" | "sdist" | "plugin-dir"
    path: Path  # what the user named
    root: Path  # where the files are (the unpacked archive for wheels and sdists)
    import_root: Path  # the sys.path entry under which the plugin's modules import
    module_prefix: str = ""  # "plugins." for a plugin folder: the loader imports it so
    name: str | None = None  # distribution name
    version: str | None = None
    requires: list[str] = field(default_factory=list)
    entry_points: list[EntryPoint] = field(default_factory=list)
    metadata_file: str | None = None  # where name/version/entry points were read
    pyproject: dict[str, Any] | None = None
    scratch: Path | None = None  # temporary directory to delete afterwards

    def rel(self, path: Path) -> str:
        """A path as findings show it: relative to what the user named, when possible."""
        for base in (self.root, self.import_root):
            try:
                return path.relative_to(base).as_posix()
            except ValueError:
                continue
        return str(path)

    def module_file(self, module: str) -> Path | None:
        """The file `import module` would load from `import_root` (package or module)."""
        parts = module.split(".")
        base = self.import_root.joinpath(*parts)
        for candidate in (base / "__init__.py", base.with_suffix(".py")):
            if candidate.is_file():
                return candidate
        return None

    def python_files(self) -> list[tuple[str, Path]]:
        """(module name, file) for every module below `import_root` that could be imported."""
        found = []
        for path in sorted(self.import_root.rglob("*.py")):
            rel = path.relative_to(self.import_root)
            if any(
                part.startswith(".") or part in {"node_modules", "build", "dist", "tests"}
                for part in rel.parts[:-1]
            ):
                continue
            parts = list(rel.with_suffix("").parts)
            if parts[-1] == "__init__":
                parts.pop()
            if not parts or not all(p.isidentifier() for p in parts):
                continue
            found.append((".".join(parts), path))
        return found

    def close(self) -> None:
        """Delete unpacked archives."""
        if self.scratch is not None:
            shutil.rmtree(self.scratch, ignore_errors=True)
            self.scratch = None


def load(path: Path) -> Project:
    """Recognise what `path` is and read its metadata. Raises CheckError when it cannot."""
    path = Path(path)
    if not path.exists():
        raise CheckError(f"{path} does not exist")
    if path.is_file():
        name = path.name.lower()
        if name.endswith(".whl"):
            return _wheel(path)
        if name.endswith((".tar.gz", ".tgz", ".zip")):
            return _sdist(path)
        raise CheckError(f"{path} is not a wheel (.whl), an sdist (.tar.gz/.zip) or a directory")
    if any((path / f).is_file() for f in ("pyproject.toml", "setup.cfg", "setup.py")):
        return _project(path, path, "project")
    if any(path.glob("*.py")):
        return _plugin_dir(path)
    raise CheckError(f"{path} has no pyproject.toml, setup.cfg, setup.py or Python files")


# ---------------------------------------------------------------------------------- kinds


def _project(path: Path, root: Path, kind: str, scratch: Path | None = None) -> Project:
    project = Project(kind=kind, path=path, root=root, import_root=root, scratch=scratch)
    pyproject_file = root / "pyproject.toml"
    if pyproject_file.is_file():
        try:
            project.pyproject = tomllib.loads(_metadata_text(pyproject_file))
        except (tomllib.TOMLDecodeError, UnicodeDecodeError) as error:
            project.pyproject = {"__error__": str(error)}
    table = (project.pyproject or {}).get("project") or {}
    if isinstance(table, dict) and table:
        project.metadata_file = "pyproject.toml"
        project.name = table.get("name")
        project.version = table.get("version")
        project.requires = list(table.get("dependencies") or [])
        groups = table.get("entry-points") or {}
        for name, value in (groups.get(GROUP) or {}).items():
            project.entry_points.append(EntryPoint(name, str(value)))
    setup_cfg = root / "setup.cfg"
    if not project.entry_points and setup_cfg.is_file():
        _read_setup_cfg(project, setup_cfg)
    if not project.entry_points and (root / "setup.py").is_file():
        _read_setup_py(project, root / "setup.py")
    if not project.entry_points:
        # An sdist built by setuptools carries the computed entry points in *.egg-info/.
        for entry_points in sorted(root.glob("*.egg-info/entry_points.txt")) + sorted(
            root.glob("src/*.egg-info/entry_points.txt")
        ):
            _read_entry_points(project, entry_points)
            project.metadata_file = project.metadata_file or project.rel(entry_points)
    project.import_root = _import_root(project)
    return project


def _read_entry_points(project: Project, path: Path) -> None:
    """The `inventree_plugins` section of an entry_points.txt (wheel or egg-info)."""
    parser = configparser.ConfigParser(interpolation=None, delimiters=("=",))
    parser.optionxform = str  # type: ignore[assignment,method-assign]
    try:
        parser.read_string(_metadata_text(path))
    except (configparser.Error, UnicodeDecodeError):
        return
    if parser.has_section(GROUP):
        for name, value in parser.items(GROUP):
            project.entry_points.append(EntryPoint(name, value))


def _import_root(project: Project) -> Path:
    """The project root, or `src/` when the entry point's package lives there."""
    for entry in project.entry_points:
        top = entry.module.split(".")[0]
        for base in (project.root, project.root / "src"):
            if (base / top).is_dir() or (base / f"{top}.py").is_file():
                return base
    src = project.root / "src"
    if src.is_dir() and not any(project.root.glob("*/__init__.py")):
        return src
    return project.root


def _read_setup_cfg(project: Project, path: Path) -> None:
    parser = configparser.ConfigParser(interpolation=None)
    try:
        parser.read_string(_metadata_text(path))
    except (configparser.Error, UnicodeDecodeError):
        return
    project.metadata_file = project.metadata_file or "setup.cfg"
    if parser.has_section("metadata"):
        project.name = project.name or parser.get("metadata", "name", fallback=None)
        project.version = project.version or parser.get("metadata", "version", fallback=None)
    if parser.has_option("options.entry_points", GROUP):
        for line in parser.get("options.entry_points", GROUP).splitlines():
            name, sep, value = line.partition("=")
            if sep:
                project.entry_points.append(EntryPoint(name.strip(), value.strip()))
    if parser.has_option("options", "install_requires"):
        raw = parser.get("options", "install_requires")
        project.requires += [r.strip() for r in raw.splitlines() if r.strip()]


def _read_setup_py(project: Project, path: Path) -> None:
    """Entry points written as literals in setup(entry_points={...}); best effort, no execution."""
    import ast

    from creator.check.classes import parse_source

    try:
        tree = parse_source(path)
    except (SyntaxError, UnicodeDecodeError, ValueError):
        return
    for node in ast.walk(tree):
        # setup(...) or setuptools.setup(...)
        func = node.func if isinstance(node, ast.Call) else None
        name = getattr(func, "id", None) or getattr(func, "attr", None)
        if name != "setup":
            continue
        for keyword in node.keywords:
            try:
                value = ast.literal_eval(keyword.value)
            except ValueError:
                continue
            if keyword.arg == "name":
                project.name = project.name or value
            elif keyword.arg == "version":
                project.version = project.version or value
            elif keyword.arg == "install_requires":
                project.requires += list(value)
            elif keyword.arg == "entry_points" and isinstance(value, dict):
                items = value.get(GROUP) or []
                for line in [items] if isinstance(items, str) else items:
                    name, sep, target = str(line).partition("=")
                    if sep:
                        project.entry_points.append(EntryPoint(name.strip(), target.strip()))
        project.metadata_file = project.metadata_file or "setup.py"


def _wheel(path: Path) -> Project:
    scratch = scratch_dir("cip-check-")
    try:
        with zipfile.ZipFile(path) as archive:
            _safe_extract_zip(archive, scratch)
    except (zipfile.BadZipFile, OSError) as error:
        shutil.rmtree(scratch, ignore_errors=True)
        raise CheckError(f"cannot read wheel {path.name}: {error}") from None
    except BaseException:  # refused (CheckError) or interrupted: leave no cip-check-* behind
        shutil.rmtree(scratch, ignore_errors=True)
        raise
    try:
        return _wheel_project(path, scratch)
    except BaseException:
        shutil.rmtree(scratch, ignore_errors=True)
        raise


def _wheel_project(path: Path, scratch: Path) -> Project:
    project = Project(kind="wheel", path=path, root=scratch, import_root=scratch, scratch=scratch)
    dist_info = next(iter(scratch.glob("*.dist-info")), None)
    if dist_info is None:
        project.close()
        raise CheckError(f"{path.name} has no .dist-info directory: not a wheel")
    metadata = dist_info / "METADATA"
    if metadata.is_file():
        headers = HeaderParser().parsestr(_metadata_text(metadata))
        project.name = headers.get("Name")
        project.version = headers.get("Version")
        project.requires = [r for r in headers.get_all("Requires-Dist") or [] if r]
        project.metadata_file = metadata.relative_to(scratch).as_posix()
    entry_points = dist_info / "entry_points.txt"
    if entry_points.is_file():
        _read_entry_points(project, entry_points)
    return project


def _sdist(path: Path) -> Project:
    scratch = scratch_dir("cip-check-")
    try:
        if path.name.lower().endswith(".zip"):
            with zipfile.ZipFile(path) as archive:
                _safe_extract_zip(archive, scratch)
        else:
            with tarfile.open(path) as archive:
                members = archive.getmembers()
                _within_limits(path.name, len(members), sum(m.size for m in members))
                archive.extractall(scratch, filter="data")
    except (tarfile.TarError, zipfile.BadZipFile, OSError, EOFError) as error:
        shutil.rmtree(scratch, ignore_errors=True)
        raise CheckError(f"cannot read sdist {path.name}: {error}") from None
    except BaseException:
        shutil.rmtree(scratch, ignore_errors=True)
        raise
    try:
        return _sdist_project(path, scratch)
    except BaseException:
        shutil.rmtree(scratch, ignore_errors=True)
        raise


def _sdist_project(path: Path, scratch: Path) -> Project:
    tops = [p for p in scratch.iterdir() if p.is_dir()]
    root = tops[0] if len(tops) == 1 else scratch
    project = _project(path, root, "sdist", scratch)
    pkg_info = root / "PKG-INFO"
    if pkg_info.is_file():
        headers = HeaderParser().parsestr(_metadata_text(pkg_info))
        project.name = project.name or headers.get("Name")
        project.version = project.version or headers.get("Version")
        if not project.requires:
            project.requires = [r for r in headers.get_all("Requires-Dist") or [] if r]
    return project


def _plugin_dir(path: Path) -> Project:
    """A folder dropped into InvenTree's plugin directory: imported as `plugins.<folder>.*`."""
    _plugin_dir_within_limits(path)
    scratch = scratch_dir("cip-check-")
    plugins = scratch / "plugins"
    try:
        plugins.mkdir()
        (plugins / "__init__.py").write_text("# InvenTree plugin directory\n")
        shutil.copytree(path, plugins / path.name, ignore=shutil.ignore_patterns("__pycache__"))
    except BaseException as error:
        shutil.rmtree(scratch, ignore_errors=True)
        if isinstance(error, OSError):
            raise CheckError(f"cannot copy {path}: {error}") from None
        raise
    return Project(
        kind="plugin-dir",
        path=path,
        root=plugins / path.name,
        import_root=scratch,
        module_prefix=f"plugins.{path.name}",
        scratch=scratch,
    )


def _safe_extract_zip(archive: zipfile.ZipFile, target: Path) -> None:
    """Extract without letting a member escape `target` (absolute paths, '..')."""
    root = target.resolve()
    members = archive.infolist()
    _within_limits(
        Path(str(archive.filename)).name, len(members), sum(m.file_size for m in members)
    )
    for member in members:
        destination = (target / member.filename).resolve()
        if not destination.is_relative_to(root):
            raise CheckError(f"archive member {member.filename!r} escapes the archive")
    archive.extractall(target)


# --------------------------------------------------------------------------------- limits


def _metadata_text(path: Path) -> str:
    """A metadata file's text, refused in one line when it is larger than any real one."""
    size = path.stat().st_size
    if size > MAX_METADATA_BYTES:
        raise CheckError(
            f"{path.name} is {size / 2**20:.0f} MB, more than the {MAX_METADATA_BYTES // 2**20} "
            "MB a metadata file may have: refused"
        )
    return path.read_text(encoding="utf-8", errors="replace")


def _within_limits(name: str, members: int, unpacked: int) -> None:
    """Refuse an archive with too many members or too many bytes once unpacked."""
    if members > MAX_MEMBERS:
        raise CheckError(f"{name} has {members} members, more than {MAX_MEMBERS}: refused")
    if unpacked > MAX_UNPACKED_BYTES:
        raise CheckError(
            f"{name} unpacks to {unpacked / 2**20:.0f} MB, more than "
            f"{MAX_UNPACKED_BYTES // 2**20} MB: refused"
        )


def _plugin_dir_within_limits(path: Path) -> None:
    """A plugin folder is copied: no symlink out of it, and no more than the archive limits."""
    import os

    root = path.resolve()
    count = total = 0
    for directory, dirs, files in os.walk(path):
        dirs[:] = [d for d in dirs if d != "__pycache__"]
        for name in [*dirs, *files]:
            entry = Path(directory, name)
            if entry.is_symlink():
                target = entry.resolve()
                if not target.is_relative_to(root):
                    raise CheckError(
                        f"{entry} is a symlink to {target}, outside the plugin folder: refused"
                    )
        for name in files:
            count += 1
            try:
                total += Path(directory, name).stat().st_size
            except OSError:
                continue
        _within_limits(path.name, count, total)
