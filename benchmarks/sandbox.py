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


def _cpu() -> float:
    """CPU seconds of this process and its waited-for descendants (the sandbox included)."""
    import resource

    own = resource.getrusage(resource.RUSAGE_SELF)
    children = resource.getrusage(resource.RUSAGE_CHILDREN)
    return own.ru_utime + own.ru_stime + children.ru_utime + children.ru_stime


def _time(path: Path, runs: int) -> tuple[float, float]:
    """Median wall and CPU seconds of a full check of `path`."""
    from creator.check import run

    run(path)
    walls, cpus = [], []
    for _ in range(runs):
        started, cpu = time.perf_counter(), _cpu()
        report = run(path)
        walls.append(time.perf_counter() - started)
        cpus.append(_cpu() - cpu)
        assert report.loads is True, report.as_dict()
    return statistics.median(walls), statistics.median(cpus)


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

    results: dict[str, dict[str, float]] = {"python -c pass, wall": _bare(args.runs * 2)}
    with tempfile.TemporaryDirectory() as tmp:
        projects = {
            "default": render(REPO, Path(tmp) / "default"),
            "all mixins": render(
                REPO, Path(tmp) / "all", mixins=[m.name for m in catalog.load()], frontend=False
            ),
        }
        for name, path in projects.items():
            wall: dict[str, float] = {}
            cpu: dict[str, float] = {}
            for way in ("none", "bwrap", "fallback"):
                with mode(way):
                    wall[way], cpu[way] = _time(path, args.runs)
            results[f"{name} full, wall"] = wall
            results[f"{name} full, cpu"] = cpu
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
