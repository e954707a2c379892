"""Which modules InvenTree's own Python environment gives a plugin, per release, as data.

A plugin may import a package without declaring it when InvenTree's environment has it
(`requests`, `PIL`, `yaml`, ...). Whether a module is there is a fact of each release: the
distributions its `src/backend/requirements.txt` pins (hash-pinned, the complete set pip
installs: nothing else is in InvenTree's venv but pip), and the top-level modules each of
those distributions installs (its `top_level.txt`, else its RECORD). The first comes from the
source tree; the second from an installed venv of the same distribution (any release's: a
distribution's top-level names do not change between the pins these releases use; the test
re-derives a sample). A module neither declared by the plugin nor provided here does not
import in InvenTree: the real loader refuses such a plugin (INV002).

Recorded in data/provided.json; `python -m creator.facts.provided SOURCES SITE_PACKAGES...`
re-derives it from the release folders under SOURCES and the given venvs' site-packages.
Standard library only: the check's harness may read it inside the sandbox.
"""

from __future__ import annotations

import json
import re
import sys
from functools import cache
from importlib.metadata import Distribution
from pathlib import Path
from typing import Any

DATA = Path(__file__).resolve().parent / "data" / "provided.json"
_PIN = re.compile(r"^([A-Za-z0-9][A-Za-z0-9._-]*)(?:\[[^\]]*\])?==", re.MULTILINE)


def normalise(name: str) -> str:
    """A distribution name as packaging compares it (PEP 503)."""
    return re.sub(r"[-_.]+", "-", name).lower()


def pinned(requirements: Path) -> list[str]:
    """The distributions a hash-pinned requirements.txt installs (normalised, sorted)."""
    text = requirements.read_text(encoding="utf-8")
    return sorted({normalise(match[1]) for match in _PIN.finditer(text)})


def top_levels(site_packages: Path) -> dict[str, list[str]]:
    """Distribution -> the top-level modules it installs, for every dist-info in a venv."""
    out: dict[str, list[str]] = {}
    for info in sorted(site_packages.glob("*.dist-info")):
        dist = Distribution.at(info)
        names: set[str] = set()
        listed = dist.read_text("top_level.txt")
        if listed:
            names = {line.strip() for line in listed.splitlines() if line.strip()}
        else:
            for file in dist.files or []:
                first = file.parts[0]
                if first.endswith((".dist-info", ".data")) or first in ("..", "__pycache__"):
                    continue
                if first.endswith(".py"):
                    names.add(first[:-3])
                elif len(file.parts) > 1:
                    names.add(first)
        names = {n for n in names if n.isidentifier() and not n.startswith("_")}
        out[normalise(dist.metadata["Name"])] = sorted(names)
    return out


def derive(sources: Path, venvs: list[Path]) -> dict[str, Any]:
    """The data file's content: per release its pinned distributions, and their modules."""
    modules: dict[str, list[str]] = {}
    for site in venvs:
        for name, tops in top_levels(site).items():
            modules.setdefault(name, tops)
    releases = {}
    for folder in sorted(p for p in sources.iterdir() if p.is_dir()):
        requirements = folder / "src" / "backend" / "requirements.txt"
        if requirements.is_file():
            releases[folder.name.split("-")[0]] = pinned(requirements)
    wanted = sorted({name for names in releases.values() for name in names})
    return {
        "source": "each release's src/backend/requirements.txt; modules from installed venvs",
        "releases": releases,
        "modules": {name: modules[name] for name in wanted if name in modules},
        "unmapped": [name for name in wanted if name not in modules],
    }


@cache
def _data() -> dict[str, Any]:
    return dict(json.loads(DATA.read_text(encoding="utf-8")))


def provided(release: str) -> dict[str, str]:
    """Top-level module -> distribution, for what InvenTree `release` ("1.0" .. "1.5") pins.

    Raises KeyError for a release not recorded. Distributions whose modules are not known
    (`unmapped`) are left out: `complete(release)` says whether there are any.
    """
    data = _data()
    out: dict[str, str] = {}
    for name in data["releases"][release]:
        for module in data["modules"].get(name, []):
            out.setdefault(module, name)
    return out


def complete(release: str) -> bool:
    """Whether every distribution `release` pins has its modules recorded."""
    data = _data()
    return not set(data["releases"][release]) & set(data["unmapped"])


def main(argv: list[str]) -> int:
    """Write data/provided.json from SOURCES (release folders) and venvs' site-packages."""
    data = derive(Path(argv[0]), [Path(p) for p in argv[1:]])
    DATA.write_text(json.dumps(data, indent=1, sort_keys=True) + "\n", encoding="utf-8")
    print(f"{DATA}: {len(data['modules'])} distributions, unmapped: {data['unmapped']}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
