"""PKG rules (packaging metadata and hazards): a passing and a failing project each."""

from __future__ import annotations

import zipfile
from pathlib import Path

from tests.check.plugin_factory import (
    CORE,
    INIT,
    PYPROJECT,
    findings,
    make_plugin,
    pip_plugin,
    with_mixins,
)


def only(found: list, severity: str) -> None:
    assert found, "expected a finding"
    assert {f.severity for f in found} == {severity}, found


# ------------------------------------------------------------------------------ PKG001


def test_pkg001_entry_point_declared(tmp_path: Path) -> None:
    assert findings(pip_plugin(tmp_path), "PKG001") == []


def test_pkg001_no_entry_point(tmp_path: Path) -> None:
    pyproject = PYPROJECT.replace("inventree_plugins", "console_scripts")
    only(findings(pip_plugin(tmp_path, pyproject=pyproject), "PKG001"), "error")


def test_pkg001_plugin_folder_needs_none(tmp_path: Path) -> None:
    files = {"__init__.py": "", "core.py": with_mixins()}
    assert findings(make_plugin(tmp_path, files, "folder"), "PKG001") == []


# ------------------------------------------------------------------------------ PKG002


def _entry_point_project(tmp_path: Path, value: str, init: str) -> Path:
    pyproject = PYPROJECT.replace('"my_plugin.core:MyPlugin"', f'"{value}"')
    return pip_plugin(tmp_path, pyproject=pyproject, extra={"my_plugin/__init__.py": INIT + init})


def test_pkg002_accepts_a_dotted_attribute_path(tmp_path: Path) -> None:
    """`pkg:core.MyPlugin` resolves when the package imports its submodule `core`."""
    path = _entry_point_project(tmp_path, "my_plugin:core.MyPlugin", "from . import core\n")
    assert findings(path, "PKG002") == []


def test_pkg002_refuses_a_dotted_path_the_package_does_not_import(tmp_path: Path) -> None:
    path = _entry_point_project(tmp_path, "my_plugin:core.MyPlugin", "")
    (found,) = findings(path, "PKG002")
    assert "has no attribute 'core'" in found.message


def test_pkg002_class_not_in_the_module(tmp_path: Path) -> None:
    path = _entry_point_project(tmp_path, "my_plugin.core:Missing", "")
    (found,) = findings(path, "PKG002")
    assert found.severity == "error" and "'Missing' is not a plugin class" in found.message


# ------------------------------------------------------------------------------ PKG003


def test_pkg003_invalid_toml(tmp_path: Path) -> None:
    project = pip_plugin(tmp_path, pyproject=PYPROJECT + "[project\n")
    found = findings(project, "PKG003")
    only(found, "error")
    assert "TOML" in found[0].message


def test_pkg003_no_version(tmp_path: Path) -> None:
    project = pip_plugin(tmp_path, pyproject=PYPROJECT.replace('dynamic = ["version"]\n', ""))
    assert any("no version" in f.message for f in findings(project, "PKG003"))


def test_pkg003_validate_pyproject(tmp_path: Path) -> None:
    pyproject = PYPROJECT.replace('dynamic = ["version"]', 'version = "one point oh"')
    found = findings(pip_plugin(tmp_path, pyproject=pyproject), "PKG003")
    only(found, "error")
    assert "project.version" in found[0].message


def test_pkg003_wheel_without_version(tmp_path: Path) -> None:
    wheel = tmp_path / "inventree_my_plugin-0.1.0-py3-none-any.whl"
    with zipfile.ZipFile(wheel, "w") as archive:
        archive.writestr("my_plugin/__init__.py", "")
        archive.writestr("my_plugin/core.py", CORE.replace("from . import __version__\n", ""))
        archive.writestr("inventree_my_plugin-0.1.0.dist-info/METADATA", "Name: x\n\n")
        archive.writestr(
            "inventree_my_plugin-0.1.0.dist-info/entry_points.txt",
            "[inventree_plugins]\nMyPlugin = my_plugin.core:MyPlugin\n",
        )
    found = findings(wheel, "PKG003")
    only(found, "error")
    assert "Version" in found[0].message


# ------------------------------------------------------------------------------ PKG004


def test_pkg004_misspelt_group(tmp_path: Path) -> None:
    pyproject = PYPROJECT.replace(
        "[project.entry-points.inventree_plugins]",
        '[project.entry-points.inventree_plugin]\nX = "my_plugin.core:MyPlugin"\n\n'
        "[project.entry-points.inventree_plugins]",
    )
    found = findings(pip_plugin(tmp_path, pyproject=pyproject), "PKG004")
    only(found, "warning")
    assert "'inventree_plugin'" in found[0].message


def test_pkg004_setup_cfg_group(tmp_path: Path) -> None:
    files = {
        "setup.cfg": """\
            [metadata]
            name = inventree-my-plugin
            version = 0.1.0

            [options.entry_points]
            inventree-plugins =
                MyPlugin = my_plugin.core:MyPlugin
            console_scripts =
                tool = my_plugin.cli:main
            """,
        "my_plugin/__init__.py": "",
        "my_plugin/core.py": CORE,
    }
    found = findings(make_plugin(tmp_path, files), "PKG004")
    assert len(found) == 1 and "inventree-plugins" in found[0].message


# ------------------------------------------------------------------------------ PKG005


def test_pkg005_django_required(tmp_path: Path) -> None:
    pyproject = PYPROJECT.replace(
        "dependencies = []",
        'dependencies = ["requests>=2", "Django==4.2.*", "djangorestframework"]',
    )
    found = findings(pip_plugin(tmp_path, pyproject=pyproject), "PKG005")
    only(found, "warning")
    assert len(found) == 2
    assert "will install" in found[0].message and "may replace" in found[1].message


def test_pkg005_ordinary_dependencies_pass(tmp_path: Path) -> None:
    pyproject = PYPROJECT.replace(
        "dependencies = []",
        'dependencies = ["requests>=2", "django-filter-helpers-x; extra == \'t\'"]',
    )
    assert findings(pip_plugin(tmp_path, pyproject=pyproject), "PKG005") == []


# ------------------------------------------------------------------------------ PKG006


def test_pkg006_version_differs(tmp_path: Path) -> None:
    core = CORE.replace("VERSION = __version__", 'VERSION = "0.2.0"')
    found = findings(pip_plugin(tmp_path, core), "PKG006")
    only(found, "warning")
    assert "'0.2.0'" in found[0].message and "'0.1.0'" in found[0].message


def test_pkg006_static_version_matches(tmp_path: Path) -> None:
    pyproject = PYPROJECT.replace('dynamic = ["version"]', 'version = "0.1"')
    core = CORE.replace("VERSION = __version__", 'VERSION = "0.1.0"')
    assert findings(pip_plugin(tmp_path, core, pyproject=pyproject), "PKG006") == []


# ------------------------------------------------------------------------------ PKG007


def test_pkg007_same_name_twice(tmp_path: Path) -> None:
    core = CORE + CORE.split("\n\n\n", 1)[1].replace("class MyPlugin", "class Other").replace(
        'SLUG = "my-plugin"', 'SLUG = "other"'
    )
    pyproject = PYPROJECT.replace(
        'MyPlugin = "my_plugin.core:MyPlugin"',
        'MyPlugin = "my_plugin.core:MyPlugin"\nOther = "my_plugin.core:Other"',
    )
    found = findings(pip_plugin(tmp_path, core, pyproject=pyproject), "PKG007")
    only(found, "info")  # two slugs: InvenTree registers both, under one shown name
    assert "NAME 'MyPlugin'" in found[0].message


def test_pkg007_same_slug_in_plugin_folder(tmp_path: Path) -> None:
    files = {
        "__init__.py": "",
        "a.py": with_mixins(),
        "b.py": with_mixins()
        .replace('NAME = "MyPlugin"', 'NAME = "My Plugin"')
        .replace('    SLUG = "my-plugin"\n', ""),
    }
    found = findings(make_plugin(tmp_path, files, "folder"), "PKG007")
    only(found, "warning")  # one key: the class registered last replaces the other; it loads
    assert "slug 'my-plugin'" in found[0].message


def test_pkg007_distinct_plugins_pass(tmp_path: Path) -> None:
    files = {
        "__init__.py": "",
        "a.py": with_mixins(),
        "b.py": with_mixins().replace("MyPlugin", "Other").replace("my-plugin", "other"),
    }
    assert findings(make_plugin(tmp_path, files, "folder"), "PKG007") == []


def test_slug_of_a_builtin_plugin_loads_with_a_warning(tmp_path: Path) -> None:
    core = CORE.replace('SLUG = "my-plugin"', 'SLUG = "inventreebarcode"')
    (found,) = findings(pip_plugin(tmp_path, core), "PKG007")
    assert found.severity == "warning" and "built-in" in found.message
    assert findings(pip_plugin(tmp_path, name="own"), "PKG007") == []


# ------------------------------------------------------------------------------ PKG008

MODELS = """\
from django.db import models


class Record(models.Model):
    name = models.CharField(max_length=100)
"""


def test_pkg008_models_without_migrations(tmp_path: Path) -> None:
    extra = {"my_plugin/models.py": MODELS}
    found = findings(pip_plugin(tmp_path, with_mixins("AppMixin"), extra=extra), "PKG008")
    only(found, "feature")
    assert "Record" in found[0].message


def test_pkg008_migrations_package_without_migration(tmp_path: Path) -> None:
    extra = {"my_plugin/models.py": MODELS, "my_plugin/migrations/__init__.py": ""}
    found = findings(pip_plugin(tmp_path, with_mixins("AppMixin"), extra=extra), "PKG008")
    only(found, "feature")
    assert "initial migration" in found[0].message


def test_pkg008_with_migrations_or_abstract_models(tmp_path: Path) -> None:
    extra = {
        "my_plugin/models.py": MODELS,
        "my_plugin/migrations/__init__.py": "",
        "my_plugin/migrations/0001_initial.py": "",
    }
    assert findings(pip_plugin(tmp_path, with_mixins("AppMixin"), extra=extra), "PKG008") == []
    abstract = MODELS + "\n    class Meta:\n        abstract = True\n"
    extra = {"my_plugin/models.py": abstract}
    project = pip_plugin(tmp_path, with_mixins("AppMixin"), extra=extra, name="p2")
    assert findings(project, "PKG008") == []
