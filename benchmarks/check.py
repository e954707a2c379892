"""Time the loader check on a generated plugin: static layer and full (static + dynamic).

Run: `.venv/bin/python benchmarks/check.py [--runs N] [--json FILE]`

Generates the default plugin and the all-mixins plugin (no frontend) once, then runs the
check in-process, reporting the wall-clock median and the median CPU time of each layer
(CPU time includes the dynamic layer's subprocess). Targets (issue 10): static <= 0.3 s,
full <= 3 s on a generated plugin. On a busy machine wall time wanders; CPU time much less.
"""

from __future__ import annotations

import argparse
import json
import resource
import statistics
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))


def _cpu() -> float:
    own = resource.getrusage(resource.RUSAGE_SELF)
    children = resource.getrusage(resource.RUSAGE_CHILDREN)
    return own.ru_utime + own.ru_stime + children.ru_utime + children.ru_stime


def _time(path: Path, static_only: bool, runs: int) -> dict[str, float]:
    from creator.check import run

    run(path, static_only=static_only)  # warm caches (validate-pyproject, facts)
    walls, cpus = [], []
    for _ in range(runs):
        wall, cpu = time.perf_counter(), _cpu()
        report = run(path, static_only=static_only)
        walls.append(time.perf_counter() - wall)
        cpus.append(_cpu() - cpu)
    assert static_only or report.loads is True, report.as_dict()
    return {"wall": statistics.median(walls), "cpu": statistics.median(cpus)}


def main(argv: list[str] | None = None) -> int:
    """Print a table of timings; optionally write them as JSON."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--json", type=Path)
    args = parser.parse_args(argv)
    from creator import catalog
    from tests.helpers import render

    results: dict[str, dict[str, float]] = {}
    with tempfile.TemporaryDirectory() as tmp:
        projects = {
            "default": render(REPO, Path(tmp) / "default"),
            "all mixins": render(
                REPO, Path(tmp) / "all", mixins=[m.name for m in catalog.load()], frontend=False
            ),
        }
        print(f"{'plugin':<12} {'layer':<7} {'wall s':>8} {'cpu s':>8}  target")
        for name, path in projects.items():
            for layer, static_only, target in (("static", True, 0.3), ("full", False, 3.0)):
                timing = _time(path, static_only, args.runs)
                results[f"{name}/{layer}"] = timing
                print(
                    f"{name:<12} {layer:<7} {timing['wall']:>8.3f} {timing['cpu']:>8.3f}  "
                    f"<= {target}"
                )
    if args.json:
        args.json.write_text(json.dumps(results, indent=2), encoding="utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
