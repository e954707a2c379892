"""Side-by-side timings: our CLI against the incumbent `inventree-plugin-creator` 1.20.1.

Run: `.venv/bin/python benchmarks/cli.py [--runs N] [--json FILE]`

Measures, in one run on this machine, wall-clock medians of:
* `--help` (and the floor, `python -c pass`);
* generating a plugin with the default answers, without git (the incumbent's git/pip steps are
  neutralised with no-op `git`/`pip` on PATH, so both sides time generation only), ours with
  and without the loader check it runs after creating (the incumbent has none);
* `python -m build` of each tool's freshly generated default plugin.
The incumbent is installed into a throwaway venv from PyPI. Targets (issues 3 and 12): `--help`
within 25 ms of `python -c pass`; create (defaults, no git, no check) <= 1.0x the incumbent's
generation; create with the loader check <= 1.5x; build <= 0.3x the incumbent's.
Each row shows the wall-clock median and the median CPU time (user + system of the command
and its children): on a busy machine wall time wanders, CPU time much less.
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
import venv
from pathlib import Path

INCUMBENT = "inventree-plugin-creator==1.20.1"


CPU: dict[tuple[str, ...], float] = {}  # command -> median CPU seconds of the last timed()


def _children_cpu() -> float:
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def timed(cmd: list[str], runs: int, cwd: Path, env: dict[str, str] | None = None,
          before=None, warmup: bool = True) -> tuple[float, list[float]]:  # fmt: skip
    """Median wall-clock seconds of `cmd` over `runs` runs (after one warm-up); CPU in CPU."""
    samples = []
    cpu_samples = []
    for index in range(0 if warmup else 1, runs + 1):
        if before:
            before()
        start, cpu_start = time.perf_counter(), _children_cpu()
        result = subprocess.run(cmd, cwd=cwd, env=env, capture_output=True, text=True, check=False)
        elapsed = time.perf_counter() - start
        if index:
            cpu_samples.append(_children_cpu() - cpu_start)
        if result.returncode != 0:
            raise SystemExit(
                f"failed: {' '.join(cmd)}\n{result.stdout[-2000:]}{result.stderr[-2000:]}"
            )
        if index:
            samples.append(elapsed)
    CPU[tuple(cmd)] = statistics.median(cpu_samples)
    return statistics.median(samples), samples


def incumbent_venv(root: Path) -> Path:
    """A throwaway venv with the incumbent installed."""
    venv.create(root, with_pip=True)
    subprocess.run(
        [str(root / "bin" / "python"), "-m", "pip", "install", "-q",
         "--disable-pip-version-check", INCUMBENT],
        check=True,
    )  # fmt: skip
    return root


def noop_tools(directory: Path) -> Path:
    """`git`, `pip` and `pre-commit` that do nothing, so the incumbent only generates."""
    directory.mkdir(parents=True, exist_ok=True)
    for name in ("git", "pip", "pre-commit"):
        tool = directory / name
        tool.write_text("#!/bin/sh\nexit 0\n")
        tool.chmod(0o755)
    return directory


def main() -> int:
    """Run the comparison and print the table."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=7)
    parser.add_argument("--build-runs", type=int, default=3)
    parser.add_argument("--json", type=Path, help="also write the numbers here")
    args = parser.parse_args()

    work = Path(tempfile.mkdtemp(prefix="cip-bench-"))
    print("building our wheel and installing it into a throwaway venv ...", flush=True)
    repo = Path(__file__).resolve().parent.parent
    subprocess.run(
        [sys.executable, "-m", "build", "--wheel", "--outdir", str(work / "dist"), str(repo)],
        check=True, capture_output=True,
    )  # fmt: skip
    ours_venv = work / "ours-venv"
    venv.create(ours_venv, with_pip=True)
    wheel = next((work / "dist").glob("*.whl"))
    subprocess.run(
        [str(ours_venv / "bin" / "python"), "-m", "pip", "install", "-q",
         "--disable-pip-version-check", str(wheel)],
        check=True,
    )  # fmt: skip
    ours_cli = str(ours_venv / "bin" / "create-inventree-plugin")
    print(f"installing {INCUMBENT} into a throwaway venv ...", flush=True)
    theirs = incumbent_venv(work / "incumbent")
    theirs_cli = str(theirs / "bin" / "create-inventree-plugin")
    env = {
        **os.environ,
        "CREATE_INVENTREE_PLUGIN_CONFIG": str(work / "ours-config.json"),
        "CREATE_INVENTREE_PLUGIN_WHEELHOUSE": str(work / "wheelhouse"),
    }
    theirs_env = {
        **os.environ,
        "PATH": f"{noop_tools(work / 'noop')}:{theirs / 'bin'}:{os.environ['PATH']}",
        "HOME": str(work / "home"),  # keeps its remembered answers out of the real home
    }
    (work / "home").mkdir()
    results: dict[str, dict[str, float]] = {}

    def clean(path: Path):
        return lambda: shutil.rmtree(path, ignore_errors=True)

    def compare(name: str, ours_cmd: list[str], theirs_cmd: list[str], runs: int,
                ours_cwd: Path = work, theirs_cwd: Path = work,
                ours_before=None, theirs_before=None) -> None:  # fmt: skip
        """Alternate single runs of both sides (load changes hit both alike); store medians."""
        walls: dict[str, list[float]] = {"ours": [], "incumbent": []}
        cpus: dict[str, list[float]] = {"ours": [], "incumbent": []}
        sides = [("ours", ours_cmd, ours_cwd, env, ours_before),
                 ("incumbent", theirs_cmd, theirs_cwd, theirs_env, theirs_before)]  # fmt: skip
        for run in range(runs):
            for side, cmd, cwd, side_env, before in sides:
                _, samples = timed(cmd, 1, cwd, side_env, before=before, warmup=run == 0)
                walls[side] += samples
                cpus[side].append(CPU[tuple(cmd)])
        results[name] = {side: statistics.median(values) for side, values in walls.items()}
        results[name + " [CPU]"] = {side: statistics.median(v) for side, v in cpus.items()}

    floor, _ = timed([str(ours_venv / "bin" / "python"), "-c", "pass"], args.runs, work)
    results["python -c pass"] = {"ours": floor, "incumbent": floor}
    compare("--help", [ours_cli, "--help"], [theirs_cli, "--help"], args.runs)

    ours_out, theirs_out = work / "ours", work / "theirs"
    theirs_create = [theirs_cli, "--default", "--output", str(theirs_out)]
    compare("create (defaults, no git, no check)",
            [ours_cli, "create", str(ours_out), "--defaults", "--no-git", "--no-check"],
            theirs_create, args.runs,
            ours_before=clean(ours_out), theirs_before=clean(theirs_out))  # fmt: skip
    # The incumbent has no loader check: its plain generation is the yardstick (target 1.5x).
    compare("create + loader check",
            [ours_cli, "create", str(ours_out), "--defaults", "--no-git"],
            theirs_create, args.runs,
            ours_before=clean(ours_out), theirs_before=clean(theirs_out))  # fmt: skip

    # The README's order: the frontend is built before `python -m build`.
    if (ours_out / "frontend").is_dir():
        subprocess.run("npm ci --no-audit --no-fund && npm run build", shell=True,
                       cwd=ours_out / "frontend", check=True, capture_output=True)  # fmt: skip
    theirs_project = next(p for p in theirs_out.iterdir() if p.is_dir())
    build = [sys.executable, "-m", "build", "--outdir", "dist", "."]
    compare("python -m build (generated plugin)", build, build, args.build_runs,
            ours_cwd=ours_out, theirs_cwd=theirs_project,
            ours_before=clean(ours_out / "dist"),
            theirs_before=clean(theirs_project / "dist"))  # fmt: skip

    print(f"\n{'measure':<44}{'ours':>10}{'incumbent':>12}{'ratio':>9}")
    for name, row in results.items():
        ratio = row["ours"] / row["incumbent"] if row["incumbent"] else float("nan")
        print(f"{name:<44}{row['ours']:>9.3f}s{row['incumbent']:>11.3f}s{ratio:>8.2f}x")
    help_over_floor = results["--help"]["ours"] - floor
    print(f"\n--help over `python -c pass`: {help_over_floor * 1000:.0f} ms (target <= 25 ms)")
    if args.json:
        args.json.write_text(json.dumps(results, indent=2) + "\n")
    shutil.rmtree(work, ignore_errors=True)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
