"""Fidelity: our check's verdict equals InvenTree's own loader's, or the difference is listed.

Every case (published plugins from PyPI, the mutation suite's mutations, generated plugins) is
judged by the stand-in (`creator.check.runner.run`) and by the real loader
(`creator.inventree.loader.check`) at InvenTree 1.5-dev, and at 1.0 when the plugin's
MIN_VERSION allows it. Verdicts are compared as `loads` True / False / None. A case fails when
the two differ and tests/fidelity/known_differences.yml does not list that difference with its
reason, or lists one that no longer holds. The agreement table is written to
build/fidelity/table.md and results.json as the cases run, and printed at the end.

The InvenTree sources are the folders of INVENTREE_SRC (default ../shared/inventree).
"""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.check.test_mutations import generated  # noqa: F401  (the mutations' baseline)
from tests.fidelity import cases, corpus, results, verdicts
from tests.helpers import REPO

pytestmark = [pytest.mark.inventree, pytest.mark.slow]


def judge(record: results.CaseRecord, path: Path) -> None:
    """Fill `record` with both judges' verdicts at each release, saving after each answer.

    Judges and releases left out of this run (FIDELITY_JUDGES, FIDELITY_RELEASES) keep the
    verdicts the last run recorded.
    """
    judges, releases = verdicts.judges(), verdicts.releases()
    before = record.previous()
    runs: list[tuple[str, str]] = []  # (judge, release) to run, stand-in first
    for release in verdicts.RELEASES:
        judged = record.releases.setdefault(release, results.Judged())
        earlier = before.releases.get(release) if before else None
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
        run = verdicts.standin if judge_name == "standin" else verdicts.real
        setattr(record.releases[release], judge_name, run(path, release))
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
def test_published_plugin(entry: corpus.Entry) -> None:
    """A plugin from PyPI: the stand-in's verdict is InvenTree's (or a listed difference)."""
    archive = entry.archive()
    record = results.CaseRecord(
        cases.corpus_id(entry), "corpus", entry.version, verdicts.min_version(archive)
    )
    judge(record, archive)


@pytest.mark.parametrize("rule_id", cases.mutation_ids())
def test_mutation(rule_id: str, generated: Path, tmp_path: Path, no_install: None) -> None:  # noqa: F811
    """A mutation of the all-mixins plugin: InvenTree judges it as the stand-in does."""
    path = cases.mutate(generated, rule_id, tmp_path)
    record = results.CaseRecord(f"mutation/{rule_id}", "mutation", "", verdicts.min_version(path))
    judge(record, path)


@pytest.mark.npm
@pytest.mark.xdist_group("fidelity-generated")
@pytest.mark.parametrize("name", list(cases.GENERATED))
def test_generated_plugin(name: str, tmp_path: Path, no_install: None) -> None:
    """A freshly generated plugin: both judges give the same verdict (they should both load)."""
    from tests.helpers import render

    project = render(REPO, tmp_path / "plugin", **cases.answers(name))
    if cases.GENERATED[name][1]:
        cases.npm_build(project)
    record = results.CaseRecord(f"generated/{name}", "generated", "", verdicts.min_version(project))
    judge(record, project)


def test_known_differences_are_explained() -> None:
    """Each listed difference names a case the suite has, a release, and a reason."""
    ids = cases.all_ids()
    for (case, release), entry in results.known_differences().items():
        assert case in ids, f"known difference for an unknown case {case}"
        assert release in verdicts.RELEASES, f"{case}: unknown release {release}"
        assert len(entry.why.split()) >= 5, f"{case}: the reason is too short to explain"
