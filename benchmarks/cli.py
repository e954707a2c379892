"""Side-by-side timings: our CLI against the incumbent `inventree-plugin-creator` 1.20.1.

Run: `.venv/bin/python benchmarks/cli.py [--runs N] [--json FILE]`

Measures, in one run on this machine, wall-clock medians of:
* `--help` (and the floor, `python -c pass`);
* generating a plugin with the default answers, without git (the incumbent's git/pip steps are
  neutralised with no-op `git`/`pip` on PATH, so both sides time generation only), ours with
  and without the loader check it runs after creating (the incumbent has none);
* `python -m build` of each tool's freshly generated default plugin.
The incumbent is installed into a throwaway venv from PyPI. Targets (issue 3): `--help` within
25 ms of `python -c pass`; create no slower than the incumbent; build <= 0.3x the incumbent's.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
import venv
from pathlib import Path

INCUMBENT = "inventree-plugin-creator==1.20.1"


def timed(cmd: list[str], runs: int, cwd: Path, env: dict[str, str] | None = None,
          before=None) -> tuple[float, list[float]]:  # fmt: skip
    """Median wall-clock seconds of `cmd` over `runs` runs (after one warm-up)."""
    samples = []
    for index in range(runs + 1):
        if before:
            before()
        start = time.perf_counter()
        result = subprocess.run(cmd, cwd=cwd, env=env, capture_output=True, text=True, check=False)
        elapsed = time.perf_counter() - start
        if result.returncode != 0:
            raise SystemExit(
                f"failed: {' '.join(cmd)}\n{result.stdout[-2000:]}{result.stderr[-2000:]}"
            )
        if index:
            samples.append(elapsed)
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
    env = {**os.environ, "CREATE_INVENTREE_PLUGIN_CONFIG": str(work / "ours-config.json")}
    theirs_env = {
        **os.environ,
        "PATH": f"{noop_tools(work / 'noop')}:{theirs / 'bin'}:{os.environ['PATH']}",
        "HOME": str(work / "home"),  # keeps its remembered answers out of the real home
    }
    (work / "home").mkdir()
    results: dict[str, dict[str, float]] = {}

    floor, _ = timed([str(ours_venv / "bin" / "python"), "-c", "pass"], args.runs, work)
    results["python -c pass"] = {"ours": floor, "incumbent": floor}
    ours, _ = timed([ours_cli, "--help"], args.runs, work, env)
    theirs_time, _ = timed([theirs_cli, "--help"], args.runs, work, theirs_env)
    results["--help"] = {"ours": ours, "incumbent": theirs_time}

    def clean(path: Path):
        return lambda: shutil.rmtree(path, ignore_errors=True)

    ours_out, theirs_out = work / "ours", work / "theirs"
    ours, _ = timed([ours_cli, "create", str(ours_out), "--defaults", "--no-git", "--no-check"],
                    args.runs, work, env, before=clean(ours_out))  # fmt: skip
    checked, _ = timed([ours_cli, "create", str(ours_out), "--defaults", "--no-git"],
                       args.runs, work, env, before=clean(ours_out))  # fmt: skip
    theirs_time, _ = timed([theirs_cli, "--default", "--output", str(theirs_out)], args.runs, work,
                           theirs_env, before=clean(theirs_out))  # fmt: skip
    results["create (defaults, no git)"] = {"ours": ours, "incumbent": theirs_time}
    # The incumbent has no loader check: the same incumbent time, for the ratio.
    results["create + loader check"] = {"ours": checked, "incumbent": theirs_time}

    theirs_project = next(p for p in theirs_out.iterdir() if p.is_dir())
    build = [sys.executable, "-m", "build", "--outdir", "dist", "."]
    ours, _ = timed(build, args.build_runs, ours_out, before=clean(ours_out / "dist"))
    theirs_time, _ = timed(build, args.build_runs, theirs_project,
                           before=clean(theirs_project / "dist"))  # fmt: skip
    results["python -m build (generated plugin)"] = {"ours": ours, "incumbent": theirs_time}

    print(f"\n{'measure':<36}{'ours':>10}{'incumbent':>12}{'ratio':>9}")
    for name, row in results.items():
        ratio = row["ours"] / row["incumbent"] if row["incumbent"] else float("nan")
        print(f"{name:<36}{row['ours']:>9.3f}s{row['incumbent']:>11.3f}s{ratio:>8.2f}x")
    help_over_floor = results["--help"]["ours"] - floor
    print(f"\n--help over `python -c pass`: {help_over_floor * 1000:.0f} ms (target <= 25 ms)")
    if args.json:
        args.json.write_text(json.dumps(results, indent=2) + "\n")
    shutil.rmtree(work, ignore_errors=True)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
