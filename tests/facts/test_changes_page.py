"""docs/inventree-releases.md is rendered from the model and never drifts from it."""

from __future__ import annotations

from creator.facts import changes
from tests.helpers import REPO


def test_committed_page_matches_the_model() -> None:
    committed = (REPO / "docs/inventree-releases.md").read_text(encoding="utf-8")
    assert committed == changes.page(), "stale: run python -m creator.facts.changes"


def test_page_names_the_changes_plugins_meet() -> None:
    page = changes.page()
    assert "`part.models.PartParameter`" in page
    assert "`BarcodeMixin.scan`" in page
    assert "`validate_part_parameter`" in page or "ValidationMixin.validate_part_parameter" in page


def test_compare_reports_a_removed_mixin() -> None:
    from creator import facts

    old, new = facts.release("1.1"), facts.release("1.0")
    assert "SupplierMixin" in changes.compare(old, new).mixins_removed
