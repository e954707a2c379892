"""CLS rules on the plugin class's identity and metadata (creator/check/rules/identity.py).

A passing and a failing plugin each.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.check.plugin_factory import CORE, PYPROJECT, findings, pip_plugin, with_mixins


def only(found: list, severity: str | None = None) -> None:
    assert found, "expected a finding"
    if severity:
        assert {f.severity for f in found} == {severity}, found


# ------------------------------------------------------------------------------ CLS001


def test_cls001_slug_in_slug_form_passes(tmp_path: Path) -> None:
    assert findings(pip_plugin(tmp_path), "CLS001") == []
    assert findings(pip_plugin(tmp_path, name="old"), "CLS001", version="1.2") == []


def test_slug_not_in_slug_form_loads_on_new_releases(tmp_path: Path) -> None:
    """1.3+ slugifies SLUG for the key and for static URLs; up to 1.2 the URLs use it raw."""
    core = CORE.replace('SLUG = "my-plugin"', 'SLUG = "My Plugin"')
    (new,) = findings(pip_plugin(tmp_path, core), "CLS001")
    assert new.severity == "info" and "'my-plugin'" in new.message
    (old,) = findings(pip_plugin(tmp_path, core, name="old"), "CLS001", version="1.2")
    assert old.severity == "feature"


def test_cls001_missing_slug_matters_only_where_urls_use_it(tmp_path: Path) -> None:
    core = CORE.replace('    SLUG = "my-plugin"\n', "")
    assert findings(pip_plugin(tmp_path, core), "CLS001") == []
    (old,) = findings(pip_plugin(tmp_path, core, name="old"), "CLS001", version="1.2")
    assert old.severity == "warning" and "sets no SLUG" in old.message


def test_cls001_slug_longer_than_the_database_field(tmp_path: Path) -> None:
    core = CORE.replace('SLUG = "my-plugin"', f'SLUG = "{"a" * 256}"')
    (found,) = findings(pip_plugin(tmp_path, core), "CLS001")
    assert found.severity == "feature" and "256 characters" in found.message


# ------------------------------------------------------------------------------ CLS002


def test_cls002_empty_name(tmp_path: Path) -> None:
    core = CORE.replace('NAME = "MyPlugin"', 'NAME = ""').replace('SLUG = "my-plugin"', "")
    found = findings(pip_plugin(tmp_path, core), "CLS002")
    only(found, "error")
    assert found[0].line is not None


def test_cls002_entry_point_plugin_with_slug_needs_no_name(tmp_path: Path) -> None:
    """InvenTree keys an entry-point plugin by slugify(SLUG or NAME): SLUG alone is enough."""
    core = CORE.replace('NAME = "MyPlugin"', 'NAME = ""')
    assert findings(pip_plugin(tmp_path, core), "CLS002") == []


def test_cls002_name_inherited_from_project_base(tmp_path: Path) -> None:
    core = CORE.replace(
        "class MyPlugin(SettingsMixin, InvenTreePlugin):", "class Base(InvenTreePlugin):"
    )
    core += "\n\nclass MyPlugin(SettingsMixin, Base):\n    pass\n"
    assert findings(pip_plugin(tmp_path, core), "CLS002") == []


# ------------------------------------------------------------------------------ CLS005/6


@pytest.mark.parametrize(
    ("attribute", "severity"),
    [('MAX_VERSION = "2.0"', "error"), ('MIN_VERSION = "1.0"', "warning")],
)
def test_cls005_two_part_versions(attribute: str, severity: str, tmp_path: Path) -> None:
    core = CORE.replace('MIN_VERSION = "1.0.0"', attribute)
    only(findings(pip_plugin(tmp_path, core), "CLS005"), severity)


def test_cls005_accepts_suffixes(tmp_path: Path) -> None:
    core = CORE.replace('MIN_VERSION = "1.0.0"', 'MIN_VERSION = "0.12.0dev"')
    assert findings(pip_plugin(tmp_path, core), "CLS005") == []


def test_cls006_min_version_above_target(tmp_path: Path) -> None:
    core = CORE.replace('MIN_VERSION = "1.0.0"', 'MIN_VERSION = "1.2.0"')
    found = findings(pip_plugin(tmp_path, core), "CLS006", version="1.1.0")
    only(found, "error")
    assert "not compatible" in found[0].message
    assert findings(pip_plugin(tmp_path, core, name="p2"), "CLS006", version="1.2.1") == []


def test_cls006_max_version_below_target(tmp_path: Path) -> None:
    core = CORE.replace('MIN_VERSION = "1.0.0"', 'MAX_VERSION = "0.17.9"')
    only(findings(pip_plugin(tmp_path, core), "CLS006"), "error")


def test_min_version_above_the_model_is_a_warning(tmp_path: Path) -> None:
    core = CORE.replace(
        "class MyPlugin(SettingsMixin, InvenTreePlugin):\n",
        'class MyPlugin(SettingsMixin, InvenTreePlugin):\n    MIN_VERSION = "1.9.0"\n',
    )
    (found,) = findings(pip_plugin(tmp_path, core), "CLS006")
    assert found.severity == "warning" and "our model is older than this plugin" in found.message
    core = core.replace('"1.9.0"', '"1.5.0"')
    (old,) = findings(pip_plugin(tmp_path, core, name="old"), "CLS006", version="1.4")
    assert old.severity == "error"


# ------------------------------------------------------------------------------ CLS007/8


def test_cls007_publish_date(tmp_path: Path) -> None:
    bad = with_mixins(body='PUBLISH_DATE = "31/01/2024"\n')
    only(findings(pip_plugin(tmp_path, bad), "CLS007"), "feature")  # real 1.5 loads it
    good = with_mixins(body='PUBLISH_DATE = "2024-01-31"\n')
    assert findings(pip_plugin(tmp_path, good, name="p2"), "CLS007") == []


def test_cls008_metadata_missing(tmp_path: Path) -> None:
    core = CORE.replace('    AUTHOR = "Ada"\n', "").replace('    LICENSE = "MIT"\n', "")
    found = findings(pip_plugin(tmp_path, core), "CLS008")
    only(found, "info")
    assert "AUTHOR" in found[0].message and "LICENSE" in found[0].message
    core = core.replace("    VERSION = __version__\n", "")
    only(findings(pip_plugin(tmp_path, core, name="p2"), "CLS008"), "warning")


def test_cls008_is_info_when_the_fallback_finds_the_package(tmp_path: Path) -> None:
    core = CORE.replace("    VERSION = __version__\n", "")
    pyproject = PYPROJECT.replace('name = "inventree-my-plugin"', 'name = "my-plugin"')
    only(findings(pip_plugin(tmp_path, core, pyproject=pyproject), "CLS008"), "info")
