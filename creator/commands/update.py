"""`update`: the options turned into a call of creator.update.update, and its report.

Also `update --check` (creator.template_source.check_update): is a newer version available?
"""

from __future__ import annotations

import argparse
from pathlib import Path

from creator.answers import parse_data
from creator.generate import private_tempdir
from creator.template_source import check_update
from creator.update import UpdateResult, update

#: `git status` codes as the report names them.
_CODES = {"??": "added", " M": "modified", "M ": "modified", " D": "deleted", "UU": "conflict"}


def format_result(result: UpdateResult) -> str:
    """The CLI's report: what changed, what conflicts, what was kept, the check's verdict."""
    lines = []
    if result.relinked:
        lines.append(
            f"Pointed _src_path at this machine's template store (commit {result.relinked})."
        )
    if result.up_to_date:
        lines.append(f"Already up to date (template {result.new_version}).")
        return "\n".join(lines)
    if result.old_version == result.new_version:
        lines.append(f"Applied the new answers to {result.path} (template {result.new_version}).")
    else:
        lines.append(
            f"Updated {result.path} from template {result.old_version} to {result.new_version}."
        )
    conflicts = set(result.conflicts)
    for code, name in result.changed:
        if name in conflicts:
            continue
        lines.append(f"  {_CODES.get(code, code.strip() or 'changed'):<9} {name}")
    for name in result.kept:
        lines.append(f"  kept      {name} (the new template dropped it; you had changed it)")
    if result.conflicts:
        lines.append(f"{len(result.conflicts)} file(s) with conflicts, resolve them and commit:")
        lines += [f"  conflict  {name}" for name in result.conflicts]
        lines.append(
            "Look for <<<<<<< before updating / >>>>>>> after updating, or *.rej files; "
            "`git diff` shows the update."
        )
    else:
        lines.append("No conflicts. Review with `git diff`, then commit.")
        if result.check:
            lines.append(result.check)
    return "\n".join(lines)


def run(args: argparse.Namespace) -> int:
    """`create-inventree-plugin update`: the argparse namespace in, the exit code out.

    Exit codes: 0 updated without conflicts (or already up to date); 1 conflicts to resolve
    (or an error); with --check: 0 up to date, 2 an update is available.
    """
    path = Path(args.path or ".")
    if args.check:
        current, latest = check_update(path)
        if current == latest:
            print(f"{path}: up to date (template {current})")
            return 0
        print(f"{path}: update available: {current} -> {latest}")
        return 2
    with private_tempdir():
        result = update(
            path,
            vcs_ref=args.vcs_ref,
            defaults=args.defaults,
            data=parse_data(args.data),
            relink=args.relink,
            check=not args.no_check,
        )
    print(format_result(result))
    return 0 if result.ok else 1
