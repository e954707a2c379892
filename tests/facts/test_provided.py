"""What InvenTree's environment provides to plugins: re-derived from the sources and a venv.

creator/facts/data/provided.json records, per release, the distributions its requirements.txt
pins and the top-level modules they install. These tests derive both again (the pins from
each release folder, the modules from the prepared 1.5-dev environment) so that drift shows.
"""

from __future__ import annotations

import json

import pytest

from creator.facts import provided
from tests.inventree.conftest import NEWEST, inventree_root, source

RELEASES = ("1.0", "1.1", "1.2", "1.3", "1.4", "1.5")


def test_each_release_records_exactly_what_its_requirements_pin() -> None:
    data = json.loads(provided.DATA.read_text(encoding="utf-8"))
    folders = {p.name.split("-")[0]: p for p in inventree_root().iterdir() if p.is_dir()}
    for release in RELEASES:
        requirements = folders[release] / "src" / "backend" / "requirements.txt"
        assert data["releases"][release] == provided.pinned(requirements), release


def test_every_pinned_distribution_has_its_modules_recorded() -> None:
    for release in RELEASES:
        assert provided.complete(release), release
    assert provided.provided("1.5")["PIL"] == "pillow"
    assert provided.provided("1.0")["yaml"] == "pyyaml"


def test_a_module_no_requirement_installs_is_not_provided() -> None:
    """ptouch-endless imports packbits undeclared: InvenTree's environment lacks it."""
    assert "packbits" not in provided.provided("1.5")
    assert "cip_mutation_missing_dependency" not in provided.provided("1.5")


def test_the_host_facts_list_only_provided_modules() -> None:
    """creator.facts.host's hand-kept list is a subset of what every release provides."""
    from creator.facts.host import INVENTREE_PROVIDED

    for release in RELEASES:
        assert set(provided.provided(release)) >= INVENTREE_PROVIDED, release


@pytest.mark.inventree
def test_the_modules_match_an_installed_inventree_environment() -> None:
    from creator.inventree import environment

    env = environment.prepare(source(NEWEST))
    installed = provided.top_levels(env.site_packages)
    data = json.loads(provided.DATA.read_text(encoding="utf-8"))
    for name in data["releases"]["1.5"]:
        assert installed[name] == data["modules"][name], name
