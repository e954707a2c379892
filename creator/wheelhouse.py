"""A local wheelhouse of our unpublished test dependency, so generated projects install today.

Generated plugins' test extra asks for `inventree-plugin-standin` (the stand-in and its
pytest plugin, see standin/pyproject.toml). Until it is on PyPI, `pip install -e ".[test]"`
cannot find it; `create` therefore writes the stand-in's wheel into a directory under the
user cache dir and puts `--find-links <that directory>` into the project's install lines.

The wheel is written directly (it is pure Python: a zip of creator/standin and
creator/testing plus metadata read from standin/pyproject.toml), from the sources of the
running CLI: no build backend, no network, a few milliseconds. It is rewritten only when the
sources change, atomically, so a concurrent `pip install` never sees half a file.
"""

from __future__ import annotations

import base64
import csv
import hashlib
import os
import tempfile
import tomllib
import zipfile
from pathlib import Path
from typing import Any

from creator import __version__
from creator.paths import PACKAGE_DIR

#: The distribution generated projects' tests depend on.
STANDIN = "inventree-plugin-standin"

#: Flip to True once STANDIN is on PyPI: install lines then need no --find-links.
PUBLISHED = False

#: The import packages the stand-in distribution ships (relative to site-packages); the
#: stand-in reads its per-release InvenTree model from creator/facts.
PACKAGES = ("creator/standin", "creator/testing", "creator/facts")

_ZIP_DATE = (2020, 2, 2, 0, 0, 0)


def metadata_dir() -> Path:
    """Where standin/pyproject.toml lives: the checkout's standin/, or its copy in the wheel."""
    checkout = PACKAGE_DIR.parent / "standin"
    if (checkout / "pyproject.toml").is_file():
        return checkout
    return PACKAGE_DIR / "_standin"


def default_location() -> Path:
    """The shared wheelhouse directory (CREATE_INVENTREE_PLUGIN_WHEELHOUSE overrides it)."""
    override = os.environ.get("CREATE_INVENTREE_PLUGIN_WHEELHOUSE")
    if override:
        return Path(override)
    # lazy: unused when the environment variable overrides the cache
    from platformdirs import user_cache_dir

    return Path(user_cache_dir("create-inventree-plugin", appauthor=False)) / "wheelhouse"


def project_metadata() -> dict[str, Any]:
    """The `[project]` table of standin/pyproject.toml (name, dependencies, Python floor)."""
    data = tomllib.loads((metadata_dir() / "pyproject.toml").read_text(encoding="utf-8"))
    project: dict[str, Any] = data["project"]
    return project


def version() -> str:
    """The stand-in's version: the CLI's (one source tree, one version)."""
    return __version__


def _source_files() -> list[tuple[str, Path]]:
    """(archive name, file) for every file the wheel ships, sorted."""
    files = []
    for package in PACKAGES:
        root = PACKAGE_DIR.parent / package
        for path in root.rglob("*"):
            if path.is_file() and "__pycache__" not in path.parts and path.suffix != ".pyc":
                files.append((path.relative_to(PACKAGE_DIR.parent).as_posix(), path))
    return sorted(files)


def _metadata_text(project: dict[str, Any]) -> str:
    """Core metadata 2.4 for the wheel's METADATA file."""
    lines = [
        "Metadata-Version: 2.4",
        f"Name: {project['name']}",
        f"Version: {version()}",
        f"Summary: {project['description']}",
        f"License-Expression: {project['license']}",
        f"Requires-Python: {project['requires-python']}",
    ]
    lines += [f"Classifier: {c}" for c in project.get("classifiers", [])]
    # lazy: only building the stand-in wheel needs it
    from packaging.requirements import Requirement

    # Normalised as build backends write them (e.g. "django<6,>=4.2").
    lines += [f"Requires-Dist: {Requirement(d)}" for d in project.get("dependencies", [])]
    readme = metadata_dir() / project.get("readme", "README.md")
    body = readme.read_text(encoding="utf-8") if readme.is_file() else ""
    lines.append("Description-Content-Type: text/markdown")
    return "\n".join(lines) + "\n\n" + body


def wheel_name() -> str:
    """The wheel's file name (PEP 427, normalised distribution name)."""
    return f"{STANDIN.replace('-', '_')}-{version()}-py3-none-any.whl"


def _digest(data: bytes) -> str:
    return "sha256=" + base64.urlsafe_b64encode(hashlib.sha256(data).digest()).rstrip(b"=").decode()


def write_wheel(directory: Path) -> Path:
    """Write the stand-in wheel into `directory` (atomically) unless an identical one is there.

    Whether it is identical is decided from the inputs alone (sources, metadata files,
    version): an unchanged wheel costs reading ~100 small files, nothing else.
    """
    entries: list[tuple[str, bytes]] = [(name, path.read_bytes()) for name, path in _source_files()]
    digest = hashlib.sha256(version().encode())
    for name, data in entries:
        digest.update(name.encode() + b"\0" + data)
    for name in ("pyproject.toml", "README.md"):
        meta = metadata_dir() / name
        digest.update(meta.read_bytes() if meta.is_file() else b"")
    target = directory / wheel_name()
    stamp = directory / f".{wheel_name()}.inputs"
    if target.is_file() and stamp.is_file() and stamp.read_text() == digest.hexdigest():
        return target
    info = f"{STANDIN.replace('-', '_')}-{version()}.dist-info"
    entries.append((f"{info}/METADATA", _metadata_text(project_metadata()).encode()))
    wheel = _write_zip(directory, wheel_name(), info, entries)
    stamp.write_text(digest.hexdigest())
    return wheel


def _write_zip(directory: Path, filename: str, info: str, entries: list[tuple[str, bytes]]) -> Path:
    """Write a wheel (entries plus WHEEL and RECORD) atomically."""
    if not any(name == f"{info}/WHEEL" for name, _ in entries):
        entries.append(
            (
                f"{info}/WHEEL",
                b"Wheel-Version: 1.0\nGenerator: create-inventree-plugin\n"
                b"Root-Is-Purelib: true\nTag: py3-none-any\n",
            )
        )
    record = "".join(f"{name},{_digest(data)},{len(data)}\n" for name, data in entries)
    record += f"{info}/RECORD,,\n"
    entries = [*entries, (f"{info}/RECORD", record.encode())]

    directory.mkdir(parents=True, exist_ok=True)
    target = directory / filename
    handle, temporary = tempfile.mkstemp(prefix=".wheel-", dir=directory)
    os.close(handle)
    try:
        with zipfile.ZipFile(temporary, "w", zipfile.ZIP_DEFLATED) as archive:
            for name, data in entries:
                member = zipfile.ZipInfo(name, _ZIP_DATE)
                member.external_attr = 0o644 << 16
                member.compress_type = zipfile.ZIP_DEFLATED
                archive.writestr(member, data)
        Path(temporary).chmod(0o644)
        Path(temporary).replace(target)
    finally:
        Path(temporary).unlink(missing_ok=True)
    return target


def write_cli_wheel(directory: Path) -> Path | None:
    """Repack the running CLI, when installed from a wheel, as a wheel into `directory`.

    Generated CI installs `create-inventree-plugin` (for `check dist/*.whl`); until it is
    published, the wheelhouse offers the installed one. The files are those the installed
    distribution's RECORD lists (compiled files, scripts and installer markers left out: pip
    recreates them). A development checkout (editable install) has no such files: None.
    Read straight from the .dist-info next to the package (importlib.metadata costs more).
    """
    infos = sorted(PACKAGE_DIR.parent.glob("create_inventree_plugin-*.dist-info"))
    record_file = infos[-1] / "RECORD" if infos else None
    if record_file is None or not record_file.is_file():
        return None
    record = record_file.read_text(encoding="utf-8")
    rows = [row[0] for row in csv.reader(record.splitlines()) if row]
    if "creator/cli.py" not in rows:
        return None  # an editable install: the sources are a checkout, not installed files
    info = infos[-1].name
    filename = info.removesuffix(".dist-info") + "-py3-none-any.whl"
    # The installed RECORD changes with every reinstall: unchanged, the wheel is up to date.
    installed = hashlib.sha256(record.encode()).hexdigest()
    seen = directory / f".{filename}.installed"
    if (directory / filename).is_file() and seen.is_file() and seen.read_text() == installed:
        return directory / filename
    skipped = {"RECORD", "INSTALLER", "REQUESTED", "direct_url.json"}
    entries: list[tuple[str, bytes]] = []
    for name in rows:
        if name.startswith(("..", "/")) or name.endswith(".pyc") or name.endswith(".pth"):
            continue
        if name.startswith(f"{info}/") and name.split("/", 1)[1] in skipped:
            continue
        entries.append((name, (PACKAGE_DIR.parent / name).read_bytes()))
    wheel = _write_zip(directory, filename, info, entries)
    seen.write_text(installed)
    return wheel


def find_links() -> str:
    """The `--find-links` directory generated projects install from ("" once published).

    Writes (or refreshes) the stand-in wheel there first. A failure to write is not fatal:
    the project is still created, with the PyPI install line and a warning.
    """
    if PUBLISHED:
        return ""
    location = default_location()
    write_wheel(location)
    write_cli_wheel(location)
    return str(location)
