"""The fidelity corpus: every InvenTree server plugin published on PyPI, pinned, as data.

`tests/fidelity/corpus.yml` lists each candidate distribution whose name mentions InvenTree,
the release pinned (the newest when the corpus was last discovered), the archive kind used
(wheel when the release has one, else the sdist) and whether it is a plugin: included when
the archive declares an `inventree_plugins` entry point, excluded otherwise, with the reason.
Archives are fetched through tests/check/real_plugins.py's cached downloader.

Re-discover (asks PyPI once per candidate; names one per line, or a TSV whose first column is
the name):  `python -m tests.fidelity.corpus NAMES_FILE > tests/fidelity/corpus.yml`
"""

from __future__ import annotations

import configparser
import io
import re
import sys
import tarfile
import zipfile
from dataclasses import dataclass
from functools import cache
from pathlib import Path

import yaml

from tests.check.real_plugins import DownloadError, archive_kind, fetch_newest, fetch_release

CORPUS_FILE = Path(__file__).resolve().parent / "corpus.yml"
GROUP = "inventree_plugins"


@dataclass(frozen=True)
class Entry:
    """One candidate distribution and the verdict on whether it belongs to the corpus."""

    name: str
    version: str
    kind: str  # "wheel" | "sdist"
    included: bool
    why: str
    entry_points: tuple[str, ...] = ()

    @property
    def id(self) -> str:
        """`name-version`, the pytest id."""
        return f"{self.name}-{self.version}"

    def archive(self) -> Path:
        """The cached archive (downloaded on first use)."""
        return fetch_release(self.name, self.version, self.kind)


@cache
def load() -> tuple[Entry, ...]:
    """Every candidate of corpus.yml, in file order."""
    data = yaml.safe_load(CORPUS_FILE.read_text(encoding="utf-8"))
    return tuple(
        Entry(
            name=item["name"],
            version=str(item["version"]),
            kind=item["kind"],
            included=bool(item["included"]),
            why=item["why"],
            entry_points=tuple(item.get("entry_points") or ()),
        )
        for item in data["candidates"]
    )


def plugins() -> tuple[Entry, ...]:
    """The included candidates: the published plugins the fidelity suite judges."""
    return tuple(entry for entry in load() if entry.included)


# ------------------------------------------------------------------------------ discovery


def _members(archive: Path) -> dict[str, bytes]:
    """Small text members of a wheel or sdist that can declare entry points."""
    wanted = re.compile(r"(entry_points\.txt|setup\.cfg|setup\.py|pyproject\.toml)$")
    out: dict[str, bytes] = {}
    if archive.name.endswith((".whl", ".zip")):
        with zipfile.ZipFile(archive) as zf:
            for info in zf.infolist():
                if wanted.search(info.filename) and info.file_size < 1_000_000:
                    out[info.filename] = zf.read(info)
    else:
        with tarfile.open(archive) as tf:
            for member in tf.getmembers():
                if member.isfile() and wanted.search(member.name) and member.size < 1_000_000:
                    handle = tf.extractfile(member)
                    if handle is not None:
                        out[member.name] = handle.read()
    return out


def declared_entry_points(archive: Path) -> list[str]:
    """`name = value` of every `inventree_plugins` entry point the archive declares."""
    found: list[str] = []
    for member, data in sorted(_members(archive).items()):
        text = data.decode("utf-8", "replace")
        if member.endswith("entry_points.txt") and ".dist-info/" in member:
            parser = configparser.ConfigParser(delimiters=("=",), interpolation=None)
            parser.optionxform = str  # type: ignore[assignment,method-assign]
            parser.read_file(io.StringIO(text))
            if parser.has_section(GROUP):
                found += [f"{k} = {v}" for k, v in parser.items(GROUP)]
        elif GROUP in text and not any(".dist-info/" in m for m in _members(archive)):
            # An sdist: the declaration in pyproject.toml / setup.cfg / setup.py.
            for line in text.splitlines():
                match = re.search(r"""["']?([\w.-]+)\s*=\s*([\w.]+:[\w.]+)""", line)
                if match and ":" in match[2]:
                    found.append(f"{match[1]} = {match[2]}")
    return sorted(set(found))


def release_version(name: str, archive: Path) -> str:
    """The version in an archive's file name (`name-1.0.0.tar.gz`, `name-1.0-py3-none-any.whl`).

    The name part may be spelled with `-`, `_` or `.`, but has the distribution name's length.
    """
    rest = archive.name[len(name) + 1 :]
    return re.split(r"-|\.tar\.gz$|\.zip$", rest)[0]


def discover(name: str) -> dict[str, object]:
    """The corpus.yml record of candidate `name` (downloads its newest release)."""
    try:
        archive = fetch_newest(name)
    except DownloadError:
        try:
            archive = fetch_newest(name, pre=True)  # only pre-releases published
        except DownloadError as error:
            return {"name": name, "version": "", "kind": "", "included": False,
                    "why": f"no release pip can download for Python 3.12: {error}"}  # fmt: skip
    version = release_version(name, archive)
    points = declared_entry_points(archive)
    record: dict[str, object] = {
        "name": name,
        "version": version,
        "kind": archive_kind(archive),
        "included": bool(points),
        "why": "declares an inventree_plugins entry point"
        if points
        else "no inventree_plugins entry point: not a server plugin",
    }
    if points:
        record["entry_points"] = points
    return record


def main(argv: list[str]) -> int:
    """Print corpus.yml for the names in argv[0] (one a line or TSV, header skipped)."""
    lines = Path(argv[0]).read_text(encoding="utf-8").splitlines()
    names = [line.split("\t")[0] for line in lines if line and not line.startswith("name\t")]
    records = []
    for name in names:
        record = discover(name)
        print(f"{name}: {record['version']} {record['kind']} {record['why']}", file=sys.stderr)
        records.append(record)
    print(yaml.safe_dump({"candidates": records}, sort_keys=False, width=100))
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
