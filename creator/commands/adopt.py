"""`adopt`: the options turned into a call of creator.adopt.adopt, and its report."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from creator.adopt import Adopted, adopt
from creator.answers import ANSWERS_FILE, parse_data
from creator.errors import CreatorError
from creator.migrate import Migration

#: How the report names each migration outcome.
_VERBS = {
    "added": "added     {} (our template)",
    "removed": "removed   {} (the old tool's, unchanged by you)",
    "replaced": "replaced  {} (the old tool's, unchanged by you: now ours)",
    "merged": "merged    {} (your edits merged into ours)",
    "replayed": "merged    {} (the lines you added, put into ours)",
    "kept": "kept      {} (the old tool's, changed by you; our template has no such file)",
    "conflict": "conflict  {}",
}


def _inferred_lines(result: Adopted) -> list[str]:
    """The answers, where each came from, and those that were not found."""
    width = max((len(k) for k in result.answers), default=10)
    lines = ["Inferred:"]
    for key, source in result.inferred.items():
        lines.append(f"  {key:<{width}}  {result.answers[key]!r}  ({source})")
    if result.not_inferred:
        lines.append("Not inferred (the default was recorded):")
        for key, why in result.not_inferred.items():
            lines.append(f"  {key:<{width}}  {result.answers[key]!r}  ({why})")
    lines += [f"Note: {note}" for note in result.notes]
    return lines


def format_migration(result: Adopted, migration: Migration) -> str:
    """The CLI's report of a migration: the release found, then every file it touched."""
    lines = [
        f"Migrated {result.path} to template {result.version}.",
        f"Made by {migration.detection.describe()}.",
        *_inferred_lines(result),
    ]
    counts = migration.counts()
    lines.append(
        "Files: "
        + ", ".join(
            f"{counts[a]} {a}" for a in ("added", "removed", "replaced", "kept") if counts[a]
        )
        + f", {counts['merged'] + counts['replayed']} merged, {counts['conflict']} in conflict."
    )
    for action in ("added", "removed", "replaced", "merged", "replayed", "kept"):
        lines += [f"  {_VERBS[action].format(p)}" for p in migration.paths(action)]
    if migration.conflicts:
        lines.append(
            f"{len(migration.conflicts)} file(s) with conflicts, resolve them, then commit:"
        )
        lines += [f"  {_VERBS['conflict'].format(p)}" for p in migration.conflicts]
        lines.append(
            "Look for <<<<<<< before updating (yours) / >>>>>>> after updating (our "
            "template); `git diff` shows the whole migration."
        )
    else:
        lines.append("No conflicts.")
    lines.append(
        "Nothing is committed: review with `git status` and `git diff`; "
        "`git restore --staged --worktree . && git clean -fd` undoes it. Then "
        "`git add --all && git commit -m 'Migrate to create-inventree-plugin'`; "
        "`create-inventree-plugin update` brings later template versions."
    )
    return "\n".join(lines)


def format_result(result: Adopted) -> str:
    """The CLI's report."""
    if result.migration is not None:
        return format_migration(result, result.migration)
    lines = [f"Adopted {result.path} at template {result.version}: wrote {ANSWERS_FILE}."]
    if result.release_note:
        lines.append(f"Note: {result.release_note}.")
    lines += _inferred_lines(result)
    if result.missing:
        shown = ", ".join(result.missing[:8]) + (", ..." if len(result.missing) > 8 else "")
        lines.append(
            f"{len(result.missing)} file(s) of our template are not in the project; updates "
            f"treat them as deleted and will not add them: {shown}"
        )
    lines.append(
        f"{len(result.shared)} file(s) exist in both: later template changes to them are "
        "merged into your versions, and collisions are reported as conflicts."
    )
    lines.append(
        "To change an answer: delete .copier-answers.yml and rerun adopt with -d KEY=VALUE."
    )
    lines.append(
        f"Next: git add {ANSWERS_FILE} && git commit -m 'Adopt the create-inventree-plugin "
        "template'; then `create-inventree-plugin update` brings later template versions."
    )
    return "\n".join(lines)


def run(args: argparse.Namespace) -> int:
    """`create-inventree-plugin adopt PATH`: exit 0 adopted, 1 conflicts to resolve or refused."""
    if args.no_migrate and args.from_version:
        raise CreatorError(
            "--from-version names the release to migrate from; --no-migrate "
            "does not migrate: give one of them"
        )
    result = adopt(
        Path(args.path or "."),
        data=parse_data(args.data),
        migrate=not args.no_migrate,
        from_version=args.from_version,
        progress=lambda message: print(message, file=sys.stderr),
    )
    print(format_result(result))
    return 1 if result.conflicts else 0
