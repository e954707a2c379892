"""Fidelity: our check's verdict equals InvenTree's own loader's, or the difference is listed.

Every case (published plugins from PyPI, the mutation suite's mutations, generated plugins) is
judged by the stand-in (`creator.check.runner.run`) and by the real loader
(`creator.inventree.loader.check`) at InvenTree 1.5-dev, and at 1.0 when the plugin's
MIN_VERSION allows it. Verdicts are compared as `loads` True / False / None. A case fails when
the two differ and tests/fidelity/known_differences.yml does not list that difference with its
reason, or lists one that no longer holds. The agreement table is written to
build/fidelity/table.md and results.json as the cases run, and printed at the end.

The InvenTree sources are the folders of INVENTREE_SRC (default ../shared/inventree); the
"1.0" folder is judged as the 1.0.0 it stands for (INVENTREE_STANDS_FOR, see verdicts.py).

The real loader runs in one `creator.inventree.session.Session` per release and test worker
(InvenTree starts once, each plugin gets a forked probe equivalent to a fresh process:
`python -m tests.fidelity.equivalence` compares the two); FIDELITY_REAL_LOADER=fresh uses a
fresh process per plugin instead.

Mutations are judged at the newest release only. Each mutation changes one thing in our own
all-mixins plugin, whose baseline loads at every release from 1.0 on (the generated cases
show it at both): what InvenTree makes of the change is a question about its loader code
(registry, mixin checks), which is the same at 1.0 and 1.5 for every mutated property, and
the stand-in's side is tested per release by the mutation suite. A second release would add
about fifty InvenTree runs to CI for no new verdict.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from tests.check.test_mutations import generated  # noqa: F401  (the mutations' baseline)
from tests.fidelity import cases, corpus, results, verdicts
from tests.helpers import REPO

pytestmark = [pytest.mark.inventree, pytest.mark.slow]


class RealSessions:
    """One started Session per release, opened on first use, closed at the end of the run."""

    def __init__(self) -> None:
        self.open: dict[str, Any] = {}

    def get(self, release: str) -> Any:
        """The release's session (None with FIDELITY_REAL_LOADER=fresh)."""
        if verdicts.real_loader() == "fresh":
            return None
        if release not in self.open:
            from creator.inventree.session import Session

            session = Session(verdicts.source(release), stands_for=verdicts.stands_for(release))
            session.start()
            self.open[release] = session
        return self.open[release]

    def close(self) -> None:
        for session in self.open.values():
            session.close()


@pytest.fixture(scope="session")
def real_sessions() -> Iterator[RealSessions]:
    """The real loader's sessions of this test worker (each worker starts its own)."""
    sessions = RealSessions()
    try:
        yield sessions
    finally:
        sessions.close()


def judge(
    record: results.CaseRecord,
    path: Path,
    sessions: RealSessions,
    only: tuple[str, ...] = verdicts.RELEASES,
) -> None:
    """Fill `record` with both judges' verdicts at each release, saving after each answer.

    Judges and releases left out of this run (FIDELITY_JUDGES, FIDELITY_RELEASES) keep the
    verdicts the last run recorded; releases not in `only` are not judged (n/a).
    """
    judges, releases = verdicts.judges(), verdicts.releases()
    before = record.previous()
    runs: list[tuple[str, str]] = []  # (judge, release) to run, stand-in first
    for release in verdicts.RELEASES:
        judged = record.releases.setdefault(release, results.Judged())
        earlier = before.releases.get(release) if before else None
        if release not in only:
            judged.skipped = f"judged at {', '.join(only)} only (see the module docstring)"
            continue
        if release != verdicts.NEWEST and not verdicts.allows(record.min_version, release):
            reports = ".".join(map(str, verdicts.release_tuple(release)))
            judged.skipped = f"MIN_VERSION {record.min_version} is above {release} ({reports})"
            continue
        for judge_name in ("standin", "real"):
            if judge_name in judges and release in releases:
                runs.append((judge_name, release))
            elif earlier is not None:
                setattr(judged, judge_name, getattr(earlier, judge_name))
    for judge_name, release in sorted(runs, key=lambda run: run[0] != "standin"):
        if judge_name == "standin":
            verdict = verdicts.standin(path, release)
        else:
            verdict = verdicts.real(path, release, sessions.get(release))
        setattr(record.releases[release], judge_name, verdict)
        record.save()
    record.save()
    found = results.problems(record, results.known_differences())
    assert not found, f"{record.id}:\n  " + "\n  ".join(found)


@pytest.fixture
def no_install(monkeypatch: pytest.MonkeyPatch) -> None:
    """Our own plugins need nothing beyond InvenTree: the stand-in installs nothing for them."""
    monkeypatch.setenv("CREATE_INVENTREE_PLUGIN_NO_INSTALL", "1")


@pytest.mark.network
@pytest.mark.parametrize("entry", corpus.plugins(), ids=lambda entry: entry.id)
def test_published_plugin(entry: corpus.Entry, real_sessions: RealSessions) -> None:
    """A plugin from PyPI: the stand-in's verdict is InvenTree's (or a listed difference)."""
    archive = entry.archive()
    record = results.CaseRecord(
        cases.corpus_id(entry), "corpus", entry.version, verdicts.min_version(archive)
    )
    judge(record, archive, real_sessions)


@pytest.mark.parametrize("rule_id", cases.mutation_ids())
def test_mutation(
    rule_id: str,
    generated: Path,  # noqa: F811
    tmp_path: Path,
    no_install: None,
    real_sessions: RealSessions,
) -> None:
    """A mutation of the all-mixins plugin: InvenTree 1.5 judges it as the stand-in does."""
    path = cases.mutate(generated, rule_id, tmp_path)
    record = results.CaseRecord(f"mutation/{rule_id}", "mutation", "", verdicts.min_version(path))
    judge(record, path, real_sessions, only=(verdicts.NEWEST,))


@pytest.mark.npm
@pytest.mark.xdist_group("fidelity-generated")
@pytest.mark.parametrize("name", list(cases.GENERATED))
def test_generated_plugin(
    name: str, tmp_path: Path, no_install: None, real_sessions: RealSessions
) -> None:
    """A freshly generated plugin: both judges give the same verdict (they should both load)."""
    from tests.helpers import render

    project = render(REPO, tmp_path / "plugin", **cases.answers(name))
    if cases.GENERATED[name][1]:
        cases.npm_build(project)
    record = results.CaseRecord(f"generated/{name}", "generated", "", verdicts.min_version(project))
    judge(record, project, real_sessions)


def test_known_differences_are_explained() -> None:
    """Each listed difference names a case the suite has, a release, and a reason."""
    ids = cases.all_ids()
    for (case, release), entry in results.known_differences().items():
        assert case in ids, f"known difference for an unknown case {case}"
        assert release in verdicts.RELEASES, f"{case}: unknown release {release}"
        assert len(entry.why.split()) >= 5, f"{case}: the reason is too short to explain"
