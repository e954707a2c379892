"""What `check PATH` is looking at: a project directory, a wheel, an sdist, or a plugin folder.

Everything is read without importing plugin code: archives are unpacked into a temporary
directory, packaging metadata is read by creator.check.distribution, and modules are mapped to
files the way Python's import system would find them from `import_root`.
"""

from __future__ import annotations

import os
import shutil
import tarfile
import zipfile
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from creator.check import distribution
from creator.check.distribution import GROUP, MAX_METADATA_BYTES, EntryPoint, Metadata
from creator.check.errors import CheckError
from creator.sandbox import scratch_dir

__all__ = ["GROUP", "MAX_METADATA_BYTES", "CheckError", "EntryPoint", "Project", "load"]

#: Input limits (a 437 KB wheel can unpack to 200 MB): above them the check refuses the input
#: in one line instead of filling disk or memory.
MAX_MEMBERS = 20_000
MAX_UNPACKED_BYTES = 200 * 2**20


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
    #: setup(...)'s literal keywords, and every entry-point group declared, with its file.
    setup_literals: dict[str, Any] = field(default_factory=dict)
    declared_groups: list[tuple[str, str]] = field(default_factory=list)

    def take(self, meta: Metadata) -> None:
        """Adopt what the packaging metadata says."""
        self.name, self.version, self.requires = meta.name, meta.version, meta.requires
        self.entry_points, self.metadata_file = meta.entry_points, meta.metadata_file
        self.pyproject, self.setup_literals = meta.pyproject, meta.setup_literals
        self.declared_groups = meta.declared_groups

    @property
    def metadata(self) -> Metadata:
        """The packaging metadata as read (for distribution.distribution_version)."""
        return Metadata(
            self.name, self.version, self.requires, self.entry_points, self.metadata_file,
            self.pyproject, self.setup_literals, self.declared_groups,
        )  # fmt: skip

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
    project.take(distribution.read_tree(root, project.rel))
    project.import_root = _import_root(project)
    return project


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
    project.take(distribution.read_dist_info(dist_info, project.rel))
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
    pkg_info = distribution.read_pkg_info(root)
    if pkg_info is not None:
        project.name = project.name or pkg_info.name
        project.version = project.version or pkg_info.version
        project.requires = project.requires or pkg_info.requires
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
