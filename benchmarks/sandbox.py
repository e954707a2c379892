"""The sandbox's cost: a full check of a generated plugin with and without it.

Run: `.venv/bin/python benchmarks/sandbox.py [--runs N] [--json FILE]`

Times the full check (static + dynamic, in-process like benchmarks/check.py) of the default
plugin and the all-mixins plugin three ways: with bubblewrap (what users get on Linux), in the
weaker mode without it (rlimits and a shim parent), and with no sandbox at all (the harness
started by a plain subprocess with the same pipes: the baseline the sandbox adds to). Also the
bare per-run overhead of `sandbox.run` on `python -c pass`. Target (issue 11): the full check
stays <= 3 s with the sandbox on.
"""

from __future__ import annotations

import argparse
import contextlib
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))


@contextlib.contextmanager
def mode(name: str) -> Iterator[None]:
    """'bwrap', 'fallback' or 'none' (sandbox.run replaced by a plain subprocess)."""
    from creator import sandbox

    saved_run, saved_env = sandbox.run, os.environ.get(sandbox.NO_BWRAP_ENV)
    if name == "fallback":
        os.environ[sandbox.NO_BWRAP_ENV] = "1"
    if name == "none":
        sandbox.run = _plain_run  # type: ignore[assignment]
    try:
        yield
    finally:
        sandbox.run = saved_run  # type: ignore[assignment]
        if saved_env is None:
            os.environ.pop(sandbox.NO_BWRAP_ENV, None)


def _plain_run(argv, *, scratch, env=None, cwd=None, limits=None, stdin=None, pass_fds=(), **_):
    from creator import sandbox

    proc = subprocess.run(
        list(argv), input=stdin or b"", capture_output=True, env=env, cwd=cwd or scratch,
        pass_fds=tuple(pass_fds), timeout=limits.wall_seconds if limits else None, check=False,
    )  # fmt: skip
    return sandbox.Result(proc.returncode, proc.stdout, proc.stderr, False, False, False)


def _time(path: Path, runs: int) -> dict[str, float]:
    """Median wall seconds of a full check of `path` per mode, the modes interleaved.

    Interleaving (none, bwrap, fallback, none, ...) spreads a busy machine's drift over all
    three alike. CPU time is not comparable: processes in bwrap's PID namespace are reaped
    inside it, so their CPU time never reaches this process's RUSAGE_CHILDREN.
    """
    from creator.check import run

    walls: dict[str, list[float]] = {"none": [], "bwrap": [], "fallback": []}
    for index in range(runs + 1):
        for way in walls:
            with mode(way):
                started = time.perf_counter()
                report = run(path)
                if index:  # the first round warms caches
                    walls[way].append(time.perf_counter() - started)
            assert report.loads is True, report.as_dict()
    return {way: statistics.median(values) for way, values in walls.items()}


def _bare(runs: int) -> dict[str, float]:
    from creator import sandbox

    python = str(Path(sys.base_prefix) / "bin" / "python3")
    out = {}
    with tempfile.TemporaryDirectory() as scratch:
        for name in ("none", "bwrap", "fallback"):
            with mode(name):
                sandbox.run([python, "-c", "pass"], scratch=Path(scratch))
                walls = []
                for _ in range(runs):
                    started = time.perf_counter()
                    sandbox.run([python, "-c", "pass"], scratch=Path(scratch))
                    walls.append(time.perf_counter() - started)
            out[name] = statistics.median(walls)
    return out


def main(argv: list[str] | None = None) -> int:
    """Print the table; optionally write it as JSON."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--json", type=Path)
    args = parser.parse_args(argv)
    from creator import catalog
    from tests.helpers import render

    results: dict[str, dict[str, float]] = {"python -c pass": _bare(args.runs * 2)}
    with tempfile.TemporaryDirectory() as tmp:
        projects = {
            "default": render(REPO, Path(tmp) / "default"),
            "all mixins": render(
                REPO, Path(tmp) / "all", mixins=[m.name for m in catalog.load()], frontend=False
            ),
        }
        for name, path in projects.items():
            results[f"{name} full check"] = _time(path, args.runs)
    print(f"{'median, s':<26} {'none':>7} {'bwrap':>7} {'fallback':>9} {'bwrap cost':>11}")
    for row, timing in results.items():
        cost = timing["bwrap"] - timing["none"]
        print(
            f"{row:<26} {timing['none']:>7.3f} {timing['bwrap']:>7.3f} "
            f"{timing['fallback']:>9.3f} {cost:>+11.3f}"
        )
    if args.json:
        args.json.write_text(json.dumps(results, indent=2), encoding="utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
