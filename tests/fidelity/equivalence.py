"""Do the two real loaders agree? The fresh process per plugin and the session's forked probe.

`python -m tests.fidelity.equivalence [--release 1.5-dev] [--fresh-from DIR] [-k TEXT]` judges
every published plugin of the corpus and every mutation of the mutation suite both ways
(`creator.inventree.loader.check`, a fresh sandboxed process each; and one
`creator.inventree.session.Session`) and writes build/fidelity/equivalence.md: per case both
verdicts (`loads` and the INV rule ids of errors and features) and whether they are equal.
`--fresh-from` reads the fresh verdicts a fidelity run recorded (build/fidelity/cases) instead
of running them again; a case whose verdicts differ is then re-run fresh, so every difference
in the table is one measured with the same code. Exit 1 when any case differs.
"""

from __future__ import annotations

import argparse
import json
import sys
import tempfile
import time
from collections.abc import Iterator
from pathlib import Path

from tests.fidelity import cases, corpus, verdicts
from tests.fidelity.results import CaseRecord
from tests.helpers import REPO

OUT = REPO / "build" / "fidelity" / "equivalence.md"


def all_cases(workdir: Path, wanted: str) -> Iterator[tuple[str, Path]]:
    """(case id, path) of every published plugin and every mutation whose id has `wanted`."""
    for entry in corpus.plugins():
        case = cases.corpus_id(entry)
        if wanted in case:
            yield case, entry.archive()
    mutations = [m for m in cases.mutation_ids() if wanted in f"mutation/{m}"]
    if not mutations:
        return
    baseline = render_baseline(workdir)
    for rule_id in mutations:
        yield f"mutation/{rule_id}", cases.mutate(baseline, rule_id, workdir / rule_id)


def render_baseline(workdir: Path) -> Path:
    """The mutation suite's all-mixins project (plain JavaScript UI), from committed HEAD."""
    import copier

    from creator import catalog

    destination = workdir / "all-mixins"
    copier.run_copy(
        str(REPO),
        str(destination),
        data={"mixins": [m.name for m in catalog.load()], "frontend": False},
        defaults=True,
        vcs_ref="HEAD",
        unsafe=False,
        quiet=True,
    )
    return destination


def recorded(directory: Path, case: str, release: str) -> verdicts.Verdict | None:
    """The fresh verdict a fidelity run recorded for the case, if any."""
    record = CaseRecord(case, "")
    path = directory / record.path.name
    if not path.is_file():
        return None
    judged = CaseRecord.from_dict(json.loads(path.read_text(encoding="utf-8")))
    return judged.releases[release].real if release in judged.releases else None


def same(a: verdicts.Verdict | None, b: verdicts.Verdict | None) -> bool:
    """Equal verdicts: `loads` and the explaining rule ids."""
    return a is not None and b is not None and (a.loads, a.rules) == (b.loads, b.rules)


def main(argv: list[str] | None = None) -> int:
    """Judge every case both ways and write the table."""
    from creator.inventree.session import Session

    parser = argparse.ArgumentParser(prog="python -m tests.fidelity.equivalence")
    parser.add_argument("--release", default=verdicts.NEWEST)
    parser.add_argument("--fresh-from", type=Path)
    parser.add_argument("-k", default="")
    args = parser.parse_args(argv)
    src = verdicts.source(args.release)
    stands_for = verdicts.stands_for(args.release)
    rows = ["| case | fresh process | session (forked) | equal | fresh s | session s |"]
    rows.append("|---|---|---|---|---|---|")
    differing = 0
    totals = {"fresh": 0.0, "session": 0.0}
    with tempfile.TemporaryDirectory() as tmp, Session(src, stands_for=stands_for) as session:
        for case, path in all_cases(Path(tmp), args.k):
            started = time.monotonic()
            forked = verdicts.summarise(session.check(path), time.monotonic() - started)
            fresh = recorded(args.fresh_from, case, args.release) if args.fresh_from else None
            if not same(fresh, forked):
                fresh = verdicts.real(path, args.release)
            equal = same(fresh, forked)
            differing += not equal
            assert fresh is not None
            totals["fresh"] += fresh.seconds
            totals["session"] += forked.seconds
            cells = [f"{v.loads} {','.join(v.rules)}" for v in (fresh, forked)]
            row = f"| {case} | {cells[0]} | {cells[1]} | {'yes' if equal else 'NO'} | "
            rows.append(row + f"{fresh.seconds:.1f} | {forked.seconds:.1f} |")
            print(rows[-1], flush=True)
        fallbacks = list(session.fresh)
    summary = (
        f"{len(rows) - 2} cases at {args.release}, {differing} differing; seconds: fresh "
        f"{totals['fresh']:.0f}, session {totals['session']:.0f}; session fell back to a fresh "
        f"process {len(fallbacks)} times"
    )
    OUT.parent.mkdir(parents=True, exist_ok=True)
    text = "\n".join(["# Real loader: fresh process vs session", "", summary, "", *rows])
    text += "\n\n" + "\n".join(f"- fresh fallback: {why}" for why in fallbacks) + "\n"
    OUT.write_text(text, encoding="utf-8")
    print(summary)
    return 1 if differing else 0


if __name__ == "__main__":
    sys.exit(main())
