"""creator.facts: version strings map to modelled releases; beyond the model is flagged."""

from __future__ import annotations

import pytest

from creator import facts


@pytest.mark.parametrize(
    ("version", "release"),
    [("1.4.2", "1.4"), ("1.0.0", "1.0"), ("1.5", "1.5"), ("v1.2.0-dev", "1.2")],
)
def test_a_version_falls_in_its_release(version: str, release: str) -> None:
    assert facts.modelled(version) == release
    assert facts.release(version).name == release


def test_above_the_newest_release_gives_the_newest_and_says_so() -> None:
    assert facts.modelled("1.7.0") is None
    assert facts.release("1.7.0").name == facts.NEWEST
    assert facts.is_newer_than_model((1, 6, 0))
    assert not facts.is_newer_than_model((1, 5, 3))


def test_not_a_version_is_refused() -> None:
    with pytest.raises(ValueError, match="not an InvenTree version"):
        facts.release("latest")


def test_newest_is_the_default_release() -> None:
    assert facts.NEWEST == facts.RELEASES[-1] == "1.5"


def test_builtin_slugs_are_slugified_keys() -> None:
    slugs = facts.release("1.5").builtin_slugs()
    assert "inventreebarcode" in slugs and "bom-exporter" in slugs


def test_cli_help_names_the_modelled_range() -> None:
    """`check --inventree-version`'s help states the range: it must follow the model."""
    from creator.cli import build_parser

    parser = build_parser()
    check = parser._subparsers._group_actions[0].choices["check"]  # type: ignore[union-attr]
    assert f"{facts.OLDEST} to {facts.NEWEST}" in check.format_help()
