"""Benchmark the generated React frontend against the incumbent creator's figures.

Renders the default project (SettingsMixin + UserInterfaceMixin, frontend) with Copier, then
measures `npm ci` (cold: an empty npm cache, so everything is downloaded; warm: npm's cache
filled), `npm run build`, the size and package count of node_modules and the built bundles.

    python benchmarks/frontend.py [--runs N] [--json FILE]

The incumbent (inventree-plugin-creator 1.20.1, forced to install with --legacy-peer-deps and
three undeclared packages) measured: install 13.9 s, build 9.0 s, 225 packages, 210 MB, Panel.js
20 KB. Target: at most half of each.
"""

from __future__ import annotations

import argparse
import gzip
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
INCUMBENT = {"install_s": 13.9, "build_s": 9.0, "packages": 225, "node_modules_mb": 210.0}


def run(cmd: list[str], cwd: Path, env: dict[str, str] | None = None) -> float:
    started = time.monotonic()
    subprocess.run(
        cmd, cwd=cwd, check=True, capture_output=True, text=True, env={**os.environ, **(env or {})}
    )
    return time.monotonic() - started


def tree_size(path: Path) -> int:
    return sum(p.lstat().st_size for p in path.rglob("*") if p.is_file() and not p.is_symlink())


def count_packages(node_modules: Path) -> int:
    """Installed packages: every node_modules/<name> or node_modules/@scope/<name> (nested too)."""
    count = 0
    for manifest in node_modules.rglob("package.json"):
        parent = manifest.parent
        if parent.parent.name == "node_modules" or (
            parent.parent.name.startswith("@") and parent.parent.parent.name == "node_modules"
        ):
            count += 1
    return count


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=3, help="warm install/build repetitions")
    parser.add_argument("--json", type=Path, help="also write the numbers to this file")
    args = parser.parse_args()

    import copier

    with tempfile.TemporaryDirectory(prefix="fe-bench-") as tmp:
        project = Path(tmp) / "plugin"
        copier.run_copy(str(REPO), project, defaults=True, vcs_ref="HEAD", unsafe=False, quiet=True)
        frontend = project / "frontend"
        node_modules = frontend / "node_modules"
        package = json.loads((frontend / "plugin.json").read_text())["package"]
        npm_ci = ["npm", "ci", "--no-audit", "--no-fund"]

        cold_cache = Path(tmp) / "npm-cache"
        cold = run(npm_ci, frontend, {"npm_config_cache": str(cold_cache)})
        warm, builds = [], []
        for _ in range(args.runs):
            warm.append(run([*npm_ci, "--prefer-offline"], frontend))
            builds.append(run(["npm", "run", "build"], frontend))

        static = project / package / "static"
        bundles = {
            str(p.relative_to(static)): {
                "bytes": p.stat().st_size,
                "gzip_bytes": len(gzip.compress(p.read_bytes())),
            }
            for p in sorted(static.rglob("*.js"))
        }
        numbers = {
            "npm_ci_cold_s": round(cold, 2),
            "npm_ci_warm_s": round(statistics.median(warm), 2),
            "build_s": round(statistics.median(builds), 2),
            "node_modules_mb": round(tree_size(node_modules) / 1e6, 1),
            "packages": count_packages(node_modules),
            "bundles": bundles,
            "bundle_total_kb": round(sum(b["bytes"] for b in bundles.values()) / 1e3, 2),
        }

    rows = [
        ("install (npm ci, cold cache)", numbers["npm_ci_cold_s"], INCUMBENT["install_s"], "s"),
        ("install (npm ci, warm cache)", numbers["npm_ci_warm_s"], INCUMBENT["install_s"], "s"),
        ("build (npm run build)", numbers["build_s"], INCUMBENT["build_s"], "s"),
        (
            "install (cold) + build",
            round(numbers["npm_ci_cold_s"] + numbers["build_s"], 2),
            INCUMBENT["install_s"] + INCUMBENT["build_s"],
            "s",
        ),
        ("node_modules", numbers["node_modules_mb"], INCUMBENT["node_modules_mb"], "MB"),
        ("packages", numbers["packages"], INCUMBENT["packages"], ""),
    ]
    print(f"{'':32}{'ours':>10}{'incumbent':>12}{'ratio':>8}  target <= 0.50")
    for label, ours, theirs, unit in rows:
        ratio = ours / theirs
        verdict = "ok" if ratio <= 0.5 else "MISSED"
        print(f"{label:32}{ours:>9}{unit:<1}{theirs:>11}{unit:<1}{ratio:>8.2f}  {verdict}")
    print("\nbuilt bundles (incumbent Panel.js: 20 KB, bundling Tabler icons):")
    for name, size in numbers["bundles"].items():
        print(
            f"  {name:36}{size['bytes'] / 1e3:>8.2f} KB  ({size['gzip_bytes'] / 1e3:.2f} KB gzip)"
        )
    if args.json:
        args.json.write_text(json.dumps({"ours": numbers, "incumbent": INCUMBENT}, indent=2))
    return 0


if __name__ == "__main__":
    sys.exit(main())
