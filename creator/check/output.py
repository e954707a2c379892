"""How `check` prints: grouped human output with a one-line verdict, or one JSON object."""

from __future__ import annotations

import json
import re
from collections.abc import Iterable
from pathlib import Path
from typing import TYPE_CHECKING

from creator.errors import CreatorError

if TYPE_CHECKING:
    from creator.check.runner import Report

_VERSION = re.compile(r"^\d+\.\d+\.\d+$")


def list_rules() -> int:
    """`check --list-rules`: id, severity, layer and title of every rule."""
    from creator.check.model import all_rules

    for rule in all_rules():
        print(f"{rule.id}  {rule.severity:<7}  {rule.layer:<7}  {rule.title()}")
    return 0


def check_and_print(
    path: str,
    *,
    as_json: bool,
    inventree_version: str | None,
    static_only: bool,
    select: Iterable[str],
    ignore: Iterable[str],
) -> int:
    """Run the check; exit code 0 (loads), 1 (error findings) or 2 (could not run)."""
    from creator.check import DEFAULT_INVENTREE_VERSION, run

    version = inventree_version or DEFAULT_INVENTREE_VERSION
    if not _VERSION.match(version):
        raise CreatorError(f"--inventree-version must be X.Y.Z, got {version!r}", 2)
    report = run(
        Path(path),
        inventree_version=version,
        static_only=static_only,
        select=select,
        ignore=ignore,
    )
    if as_json:
        print(json.dumps(report.as_dict(), indent=2, ensure_ascii=False))
    else:
        print_human(report, path, version)
    return 1 if report.errors else 0


def print_human(report: Report, path: str, version: str) -> None:
    """Findings grouped by file, each with its rule id, place and fix, then the verdict."""
    by_file: dict[str, list] = {}
    for finding in report.findings:
        by_file.setdefault(finding.file or "(plugin)", []).append(finding)
    for file, findings in by_file.items():
        print(file)
        for finding in findings:
            where = f":{finding.line}" if finding.line else ""
            print(f"  {where[1:] or '-':>4}  {finding.rule} {finding.severity}: {finding.message}")
            if finding.hint:
                print(f"        fix: {finding.hint}")
    name = report.plugin.get("name") or report.plugin.get("class") or path
    counts = {s: sum(f.severity == s for f in report.findings) for s in ("error", "warning")}
    summary = f"{counts['error']} error(s), {counts['warning']} warning(s)"
    if report.loads is True:
        verdict = f"OK: InvenTree {version} would load and activate {name} ({summary})"
    elif report.loads is False:
        verdict = f"FAIL: InvenTree {version} would not load {name} ({summary})"
    else:
        verdict = f"UNDECIDED: the check could not decide whether {name} loads ({summary})"
    print(verdict)
