"""The model's data is what InvenTree's sources say, release by release (re-derived here).

The sources are the ones the data was extracted from (../shared/inventree, or the folder named
by INVENTREE_SRC, the setting the real-loader tests read). A difference means the data drifted
from the sources or the extractor changed: run `python scripts/extract_facts.py` and review the
diff.
"""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest

from creator import facts
from creator.facts import extract
from tests.helpers import REPO

SOURCES = Path(os.environ.get("INVENTREE_SRC", REPO.parent / "shared/inventree"))

#: Modules plugins import most; their names are re-derived (the full walk takes seconds).
SAMPLE_MODULES = (
    "plugin.mixins",
    "plugin.helpers",
    "part.models",
    "common.models",
    "report.models",
)


def _folders() -> dict[str, Path]:
    folders = extract.release_folders(SOURCES)
    assert folders, f"no InvenTree sources under {SOURCES} (set INVENTREE_SRC)"
    return folders


def _data(release: str) -> dict:
    return json.loads((facts.DATA_DIR / f"{release}.json").read_text(encoding="utf-8"))


def test_every_release_folder_is_modelled() -> None:
    assert tuple(_folders()) == facts.RELEASES


@pytest.mark.parametrize("release", facts.RELEASES)
def test_data_equals_what_the_sources_say(release: str) -> None:
    backend = _folders()[release]
    data = _data(release)
    assert data["mixins"] == extract.mixins(backend)
    assert data["final_methods"] == extract.final_methods(backend)
    assert data["settings_keys"] == extract.settings_keys(backend)
    assert data["ui"] == extract.ui(backend)
    assert data["builtin_plugins"] == extract.builtin_plugins(backend)
    assert data["schedule_types"] == extract.schedule_types(backend)
    assert data["static_slug_attribute"] == extract.static_slug_attribute(backend)
    assert {k: data[k] for k in ("version", "python", "django")} == {
        k: v for k, v in extract.versions(backend).items() if k != "django_pin"
    }
    for module in SAMPLE_MODULES:
        file = extract._module_file(backend, module)
        assert file is not None
        names = sorted(extract.bound_names(extract._parse(file)))
        submodules = {m.rsplit(".", 1)[1] for m in data["modules"] if m.rsplit(".", 1)[0] == module}
        assert sorted(set(names) | submodules) == data["modules"][module], module


def test_final_methods_count_only_what_inventree_collects() -> None:
    """Plain functions marked final (also under a classmethod), not properties: 23 names."""
    newest = facts.release(facts.NEWEST)
    assert len(newest.final_methods) == 23
    assert {"plugin_slug", "check_is_package", "_get_package_metadata"} <= newest.final_methods
    assert not {"name", "slug", "description", "file", "path"} & newest.final_methods


def test_the_parameter_rework_is_in_the_model() -> None:
    """part.models.PartParameter exists up to 1.1; 1.2 moved parameters to common.models."""
    assert facts.release("1.1").has_name("part.models", "PartParameter")
    assert not facts.release("1.2").has_name("part.models", "PartParameter")
    assert facts.release("1.5").has_name("common.models", "Parameter")


def test_no_release_exports_wellknownmixin() -> None:
    assert not any("WellKnownMixin" in r.mixins for r in facts.releases())


def test_hook_signatures_follow_the_release() -> None:
    """BarcodeMixin.scan gains `user` in 1.4; ValidationMixin renames its parameter hook in 1.2."""
    assert "user" not in facts.release("1.3").mixins["BarcodeMixin"].hooks["scan"]
    assert "user" in facts.release("1.4").mixins["BarcodeMixin"].hooks["scan"]
    assert "validate_part_parameter" in facts.release("1.1").mixins["ValidationMixin"].hooks
    assert "validate_parameter" in facts.release("1.2").mixins["ValidationMixin"].hooks


def test_python_and_django_per_release() -> None:
    pairs = {r.name: (r.python, r.django) for r in facts.releases()}
    assert pairs == {
        "1.0": ("3.9", "4.2"),
        "1.1": ("3.9", "4.2"),
        "1.2": ("3.11", "5.2"),
        "1.3": ("3.11", "5.2"),
        "1.4": ("3.11", "5.2"),
        "1.5": ("3.12", "5.2"),
    }


def test_static_urls_use_the_raw_slug_up_to_1_2() -> None:
    attribute = {r.name: r.static_slug_attribute for r in facts.releases()}
    assert attribute == {"1.0": "SLUG", "1.1": "SLUG", "1.2": "SLUG"} | dict.fromkeys(
        ("1.3", "1.4", "1.5"), "slug"
    )


def test_namespace_packages_are_importable_modules() -> None:
    """plugin/templatetags has no __init__.py: Python imports it as a namespace package."""
    newest = facts.release(facts.NEWEST)
    assert newest.has_module("plugin.templatetags.plugin_extras")
    assert newest.has_name("plugin.templatetags", "plugin_extras")
