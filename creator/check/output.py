"""How `check` prints: grouped human output with a one-line verdict, or one JSON object."""

from __future__ import annotations

import json
import re
from collections.abc import Iterable
from pathlib import Path

from creator import facts
from creator.check.model import SEVERITIES, Finding
from creator.check.rules import all_rules
from creator.check.runner import DEFAULT_INVENTREE_VERSION, Report, run
from creator.errors import CreatorError

_VERSION = re.compile(r"^\d+\.\d+(\.\d+)?$")


def list_rules() -> int:
    """`check --list-rules`: id, severity, layer and title of every rule."""
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
    strict: bool = False,
) -> int:
    """Run the check; the exit code is the report's (0 loads, 1 fails, 3 undecided; 2 bad input).

    `strict`: features that will fail make the exit code 1 too.
    """
    version = inventree_version or DEFAULT_INVENTREE_VERSION
    if not _VERSION.match(version):
        raise CreatorError(f"--inventree-version must be X.Y or X.Y.Z, got {version!r}", 2)
    if version.count(".") == 1:
        version += ".0"  # the stand-in and InvenTree's own version parser need X.Y.Z
    if facts.modelled(version) is None:
        raise CreatorError(
            f"--inventree-version {version}: our model of InvenTree covers "
            f"{', '.join(facts.RELEASES)}",
            2,
        )
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
    return report.exit_code(strict=strict)


def print_human(report: Report, path: str, version: str) -> None:
    """Findings grouped by file, each with its rule id, place and fix, then the verdict."""
    by_file: dict[str, list[Finding]] = {}
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
    counts = {s: sum(f.severity == s for f in report.findings) for s in SEVERITIES}
    summary = (
        ", ".join(f"{n} {s}{'s' if n != 1 else ''}" for s, n in counts.items() if n and s != "info")
        or "no findings"
    )
    if report.loads is True:
        verdict = f"OK: InvenTree {version} would load and activate {name}"
    elif report.loads is False:
        verdict = f"FAIL: InvenTree {version} would not load {name}"
    else:
        verdict = f"UNDECIDED: the check could not decide whether {name} loads"
    print(f"{verdict}: {report.summary()} ({summary})")
