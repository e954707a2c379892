"""`check PATH --inventree SRC`: the real loader's verdict, printed like the stand-in's.

Progress (the one-time set-up, the install, the load) goes to stderr so that `--json` still
prints exactly one JSON object on stdout. Options that only the stand-in understands
(`--inventree-version`: the version is the source tree's; `--static-only`) are refused in
one line rather than silently ignored.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from creator.errors import CreatorError


def check_and_print(args: argparse.Namespace) -> int:
    """Run loader.check for the CLI; exit code as the stand-in's (0, 1, 3; 2 bad input)."""
    if args.inventree is None:
        raise CreatorError("--python and --inventree-as only apply with --inventree SRC", 2)
    if not str(args.inventree).strip():
        raise CreatorError("--inventree needs an InvenTree source tree (SRC)", 2)
    if args.inventree_version:
        raise CreatorError(
            "--inventree-version does not apply with --inventree: the version is the source tree's",
            2,
        )
    if args.static_only:
        raise CreatorError("--static-only does not apply with --inventree", 2)
    # lazy: only `check --inventree` loads the check and the loader
    from creator.check import output
    from creator.inventree import environment, loader

    def progress(line: str) -> None:
        print(line, file=sys.stderr, flush=True)

    environment.backend_dir(Path(args.inventree))  # a bad SRC fails before anything else
    report = loader.check(
        Path(args.path),
        Path(args.inventree),
        python=args.python,
        progress=progress,
        install=not args.no_install,
        select=args.select,
        ignore=args.ignore,
        stands_for=getattr(args, "inventree_as", None),
    )
    if args.json:
        print(json.dumps(report.as_dict(), indent=2, ensure_ascii=False))
    else:
        version = report.plugin.get("inventree", {}).get("version", "?")
        output.print_human(report, args.path, f"{version} (real, from {args.inventree})")
    return report.exit_code(strict=args.strict)
