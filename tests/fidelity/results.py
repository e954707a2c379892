"""The agreement record: one JSON file per case, gathered into a table and a results file.

Each fidelity test writes `build/fidelity/cases/<case>.json` as soon as a judge has answered
(the stand-in first, then InvenTree's loader), so the table can be rebuilt at any moment, also
while the suite runs on two workers: `gather()` reads every case file, `write()` renders
`build/fidelity/table.md` and `build/fidelity/results.json`. `python -m tests.fidelity.results`
rebuilds both from the case files and prints the summary.
"""

from __future__ import annotations

import json
import os
import re
import sys
import tempfile
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from tests.fidelity.verdicts import RELEASES, Verdict
from tests.helpers import REPO

OUT = REPO / "build" / "fidelity"
CASES_DIR = OUT / "cases"
KNOWN_FILE = Path(__file__).resolve().parent / "known_differences.yml"

#: How the stand-in's verdict compares with InvenTree's at one release.
STATUSES = ("agree", "disagree", "undecided", "real-undecided", "pending", "n/a")


@dataclass
class Judged:
    """One release of one case: both verdicts and how they compare."""

    standin: Verdict | None = None
    real: Verdict | None = None
    skipped: str | None = None  # why the release does not apply (MIN_VERSION)

    @property
    def status(self) -> str:
        """agree / disagree / undecided (stand-in None) / real-undecided / pending / n/a."""
        if self.skipped:
            return "n/a"
        if self.standin is None or self.real is None:
            return "pending"
        if self.standin.loads == self.real.loads:
            return "agree"
        if self.real.loads is None:
            return "real-undecided"
        if self.standin.loads is None:
            return "undecided"
        return "disagree"


@dataclass
class CaseRecord:
    """What the table shows of one case (a published plugin, a mutation, a generated plugin)."""

    id: str
    kind: str  # corpus | mutation | generated
    version: str = ""
    min_version: str | None = None
    releases: dict[str, Judged] = field(default_factory=dict)

    def as_dict(self) -> dict[str, Any]:
        """JSON form (one case file, one entry of results.json)."""
        return {
            "id": self.id,
            "kind": self.kind,
            "version": self.version,
            "min_version": self.min_version,
            "releases": {
                name: {
                    "standin": judged.standin.as_dict() if judged.standin else None,
                    "real": judged.real.as_dict() if judged.real else None,
                    "skipped": judged.skipped,
                    "status": judged.status,
                }
                for name, judged in self.releases.items()
            },
        }

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> CaseRecord:
        """Inverse of as_dict."""
        releases = {
            name: Judged(
                standin=Verdict.from_dict(item["standin"]) if item["standin"] else None,
                real=Verdict.from_dict(item["real"]) if item["real"] else None,
                skipped=item.get("skipped"),
            )
            for name, item in data["releases"].items()
        }
        return cls(data["id"], data["kind"], data["version"], data["min_version"], releases)

    @property
    def path(self) -> Path:
        """The case file."""
        return CASES_DIR / (re.sub(r"[^\w.-]+", "_", self.id) + ".json")

    def previous(self) -> CaseRecord | None:
        """The case as the last run recorded it (None if never run)."""
        if not self.path.is_file():
            return None
        return CaseRecord.from_dict(json.loads(self.path.read_text(encoding="utf-8")))

    def save(self) -> None:
        """Write the case file atomically (another worker may be reading the directory)."""
        CASES_DIR.mkdir(parents=True, exist_ok=True)
        target = self.path
        handle, scratch = tempfile.mkstemp(dir=CASES_DIR, suffix=".tmp")
        with os.fdopen(handle, "w", encoding="utf-8") as out:
            json.dump(self.as_dict(), out, indent=1)
        Path(scratch).replace(target)


# ---------------------------------------------------------------------- known differences


#: Kinds of listed difference: a limit of any stand-in (it cannot know what only the real
#: server shows), or a defect of ours that is known and not fixed yet.
KINDS = ("limit", "defect")


@dataclass(frozen=True)
class Known:
    """A listed difference: the case, the release, both verdicts as listed, and why."""

    case: str
    release: str
    standin: bool | None
    real: bool | None
    why: str
    kind: str = "limit"


def known_differences() -> dict[tuple[str, str], Known]:
    """tests/fidelity/known_differences.yml by (case id, release)."""
    data = yaml.safe_load(KNOWN_FILE.read_text(encoding="utf-8")) or {}
    entries: dict[tuple[str, str], Known] = {}
    for item in data.get("differences") or []:
        known = Known(
            item["case"],
            str(item["release"]),
            item["standin"],
            item["real"],
            item["why"],
            item.get("kind", "limit"),
        )
        if not known.why.strip():
            raise ValueError(f"known difference {known.case} at {known.release} has no reason")
        if known.kind not in KINDS:
            raise ValueError(f"known difference {known.case}: kind must be one of {KINDS}")
        entries[(known.case, known.release)] = known
    return entries


def problems(record: CaseRecord, known: dict[tuple[str, str], Known]) -> list[str]:
    """Why this case fails the suite: unlisted differences and listed ones that no longer hold."""
    found = []
    for release, judged in record.releases.items():
        entry = known.get((record.id, release))
        status = judged.status
        if status in ("n/a", "pending"):
            if status == "pending":
                found.append(f"{release}: a judge gave no verdict")
            continue
        assert judged.standin is not None and judged.real is not None
        pair = (judged.standin.loads, judged.real.loads)
        if status == "agree":
            if entry is not None:
                found.append(f"{release}: listed as a known difference but both say {pair[0]}")
            continue
        if entry is None:
            found.append(
                f"{release}: {status}: stand-in loads={pair[0]} {judged.standin.rules}, "
                f"InvenTree loads={pair[1]} {judged.real.rules} "
                f"{' | '.join(judged.real.messages)[:400]}"
            )
        elif (entry.standin, entry.real) != pair:
            found.append(
                f"{release}: listed as stand-in={entry.standin} / InvenTree={entry.real}, "
                f"now stand-in={pair[0]} / InvenTree={pair[1]}"
            )
    return found


# --------------------------------------------------------------------------------- table


def gather(ids: set[str] | None = None) -> list[CaseRecord]:
    """Every case file (only `ids` when given), corpus first, then mutations, then generated."""
    records = []
    for path in sorted(CASES_DIR.glob("*.json")) if CASES_DIR.is_dir() else []:
        record = CaseRecord.from_dict(json.loads(path.read_text(encoding="utf-8")))
        if ids is None or record.id in ids:
            records.append(record)
    order = {"corpus": 0, "mutation": 1, "generated": 2}
    return sorted(records, key=lambda r: (order.get(r.kind, 9), r.id))


def counts(records: list[CaseRecord]) -> dict[str, dict[str, Counter[str]]]:
    """kind -> release -> status -> number of cases."""
    table: dict[str, dict[str, Counter[str]]] = {}
    for record in records:
        for release, judged in record.releases.items():
            table.setdefault(record.kind, {}).setdefault(release, Counter())[judged.status] += 1
    return table


def _loads(value: bool | None) -> str:
    return {True: "loads", False: "refused", None: "undecided"}[value]


def _cell(verdict: Verdict | None) -> str:
    if verdict is None:
        return "—"
    text = _loads(verdict.loads)
    if verdict.crashed:
        return f"{text} (crashed: {verdict.crashed})".replace("|", "/")
    if verdict.rules:
        text += " " + ",".join(verdict.rules[:4])
    return text


def summary(records: list[CaseRecord]) -> str:
    """The counts table (markdown), also printed at the end of the test session."""
    lines = ["| cases | release | " + " | ".join(STATUSES) + " |"]
    lines.append("|---|---|" + "---|" * len(STATUSES))
    for kind, by_release in counts(records).items():
        for release in RELEASES:
            counted = by_release.get(release)
            if counted:
                row = " | ".join(str(counted.get(status, 0)) for status in STATUSES)
                lines.append(f"| {kind} | {release} | {row} |")
    return "\n".join(lines)


def render(records: list[CaseRecord], known: dict[tuple[str, str], Known]) -> str:
    """table.md: the summary, every case and release, and the listed differences."""
    out = [
        "# Fidelity: our stand-in check against InvenTree's own loader",
        "",
        "Written by tests/fidelity (one row per case and release). `loads`: InvenTree "
        "discovers, registers and activates the plugin; `refused`: it does not; `undecided`: "
        "the judge could not tell. Rule ids: the error/feature findings (stand-in) or INV "
        "findings (InvenTree) that explain the verdict.",
        "",
        summary(records),
        "",
        "| case | version | MIN_VERSION | release | stand-in | InvenTree | status | first "
        "InvenTree message |",
        "|---|---|---|---|---|---|---|---|",
    ]
    for record in records:
        for release, judged in record.releases.items():
            status = judged.status
            entry = known.get((record.id, release))
            if entry is not None and status not in ("agree", "n/a"):
                status += f" (known {entry.kind})"
            message = ""
            if judged.skipped:
                message = judged.skipped
            elif judged.real and judged.real.messages:
                message = judged.real.messages[0]
            elif judged.real and judged.real.crashed:
                message = judged.real.crashed
            message = message.replace("|", "/").replace("\n", " ")[:160]
            out.append(
                f"| {record.id} | {record.version} | {record.min_version or ''} | {release} | "
                f"{_cell(judged.standin)} | {_cell(judged.real)} | {status} | {message} |"
            )
    out += ["", "## Known differences (tests/fidelity/known_differences.yml)", ""]
    for entry in known.values():
        why = " ".join(entry.why.split())
        out.append(
            f"- **{entry.case}** at {entry.release} ({entry.kind}): stand-in "
            f"{_loads(entry.standin)}, InvenTree {_loads(entry.real)}. {why}"
        )
    return "\n".join(out) + "\n"


def write(ids: set[str] | None = None) -> list[CaseRecord]:
    """Rebuild build/fidelity/table.md and results.json from the case files."""
    records = gather(ids)
    known = known_differences()
    OUT.mkdir(parents=True, exist_ok=True)
    (OUT / "table.md").write_text(render(records, known), encoding="utf-8")
    data = {
        "counts": {
            kind: {release: dict(counter) for release, counter in by_release.items()}
            for kind, by_release in counts(records).items()
        },
        "cases": [record.as_dict() for record in records],
        "known_differences": [vars(entry) for entry in known.values()],
    }
    (OUT / "results.json").write_text(json.dumps(data, indent=1), encoding="utf-8")
    return records


def main() -> int:
    """Rebuild the table from the case files and print the summary."""
    from tests.fidelity.cases import all_ids

    records = write(all_ids())
    print(summary(records))
    print(f"\n{OUT / 'table.md'}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
