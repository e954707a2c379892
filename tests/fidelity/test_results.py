"""How two verdicts compare, and when a difference fails the fidelity suite."""

from __future__ import annotations

import pytest

from tests.fidelity import corpus, verdicts
from tests.fidelity.results import CaseRecord, Judged, Known, problems, render
from tests.fidelity.verdicts import Verdict


def case(standin: bool | None, real: bool | None, release: str = "1.5-dev") -> CaseRecord:
    """A corpus case judged at one release."""
    judged = Judged(standin=Verdict(standin, ["CLS010"]), real=Verdict(real, ["INV003"]))
    return CaseRecord("corpus/p-1.0", "corpus", "1.0", None, {release: judged})


def known(standin: bool | None, real: bool | None) -> dict[tuple[str, str], Known]:
    """A known-differences table listing case() at 1.5-dev."""
    entry = Known("corpus/p-1.0", "1.5-dev", standin, real, "why", "defect")
    return {("corpus/p-1.0", "1.5-dev"): entry}


def test_statuses_name_who_could_not_decide() -> None:
    assert case(True, True).releases["1.5-dev"].status == "agree"
    assert case(True, False).releases["1.5-dev"].status == "disagree"
    assert case(None, False).releases["1.5-dev"].status == "undecided"
    assert case(True, None).releases["1.5-dev"].status == "real-undecided"
    assert Judged(standin=Verdict(True)).status == "pending"
    assert Judged(skipped="MIN_VERSION 1.2.0 is above 1.0").status == "n/a"


def test_an_unlisted_difference_fails_with_both_verdicts() -> None:
    [problem] = problems(case(False, True), {})
    assert "disagree" in problem and "CLS010" in problem and "INV003" in problem


def test_a_listed_difference_passes_only_while_it_holds() -> None:
    assert problems(case(False, True), known(False, True)) == []
    [changed] = problems(case(None, True), known(False, True))
    assert "now stand-in=None" in changed
    [gone] = problems(case(True, True), known(False, True))
    assert "listed as a known difference" in gone


def test_agreement_and_not_applicable_releases_pass() -> None:
    assert problems(case(False, False), {}) == []
    record = CaseRecord("corpus/p-1.0", "corpus", "1.0", "1.2.0", {"1.0": Judged(skipped="x")})
    assert problems(record, {}) == []


def test_the_table_marks_listed_differences() -> None:
    text = render([case(False, True)], known(False, True))
    row = "| corpus/p-1.0 | 1.0 |  | 1.5-dev | refused CLS010 | loads INV003 |"
    assert row + " disagree (known defect) |" in text
    assert "**corpus/p-1.0** at 1.5-dev (defect): stand-in refused, InvenTree loads. why" in text


def test_min_version_decides_the_oldest_release() -> None:
    assert verdicts.allows(None, "1.0") and verdicts.allows("0.16.0", "1.0")
    # The 1.0 folder stands for 1.0.0 (INVENTREE_STANDS_FOR's default): MIN_VERSION 1.0.x fits.
    assert verdicts.stands_for("1.0") == "1.0.0" and verdicts.stands_for("1.5-dev") is None
    assert verdicts.release_tuple("1.0") == (1, 0, 0)
    assert verdicts.allows("1.0.0", "1.0") and not verdicts.allows("1.1.0", "1.0")
    assert verdicts.allows("1.5.0", "1.5-dev") and not verdicts.allows("1.6.0", "1.5-dev")
    assert verdicts.standin_version("1.5-dev") == "1.5.0"


def test_without_stands_for_the_oldest_release_is_what_its_version_py_says(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    # The 1.0 source (master before the 1.1 bump) says 0.18.0 dev: InvenTree refuses 1.0.0.
    monkeypatch.setenv(verdicts.STANDS_FOR_ENV, "")
    assert verdicts.stands_for("1.0") is None
    assert verdicts.release_tuple("1.0") == (0, 18, 0)
    assert not verdicts.allows("1.0.0", "1.0")


def test_the_corpus_lists_plugins_and_why_others_are_out() -> None:
    entries = corpus.load()
    included = corpus.plugins()
    assert len(included) >= 60 and all(e.entry_points for e in included)
    excluded = [e for e in entries if not e.included]
    assert {e.name for e in excluded} >= {"inventree", "inventree-plugin-creator"}
    assert all(len(e.why.split()) >= 5 for e in excluded)
    assert len({e.name for e in entries}) == len(entries)
