"""Extract the facts our check needs from InvenTree's backend sources, one JSON file per release.

Reads the sources with `ast` only (nothing is imported or executed) and records facts and
names, never InvenTree's code or text: the mixins `plugin.mixins` exports and their hooks'
signatures, the final methods, the settings keys, the UI feature types, the modules and the
names they bind, the built-in plugins' slugs, and the Python and Django versions.

Usage: python scripts/extract_facts.py [SOURCES] [--out creator/facts/data]
(SOURCES defaults to ../shared/inventree, with one folder per release: 1.0 ... 1.5-dev).
`creator.facts.extract` is the same code; tests/facts re-derive a sample with it.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from creator.facts import extract  # noqa: E402


def main(argv: list[str] | None = None) -> int:
    """Write creator/facts/data/<release>.json for every release folder found."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("sources", nargs="?", default=str(ROOT.parent / "shared/inventree"))
    parser.add_argument("--out", default=str(ROOT / "creator/facts/data"))
    args = parser.parse_args(argv)
    out = Path(args.out)
    out.mkdir(parents=True, exist_ok=True)
    for release, folder in extract.release_folders(Path(args.sources)).items():
        path = out / f"{release}.json"
        path.write_text(extract.to_json(extract.release_facts(folder)), encoding="utf-8")
        print(f"{release}: {path}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
