"""CLS rules on the plugin's imports and syntax (creator/check/rules/imports.py)."""

from __future__ import annotations

from pathlib import Path

from tests.check.plugin_factory import CORE, findings, make_plugin, pip_plugin


def only(found: list, severity: str | None = None) -> None:
    assert found, "expected a finding"
    if severity:
        assert {f.severity for f in found} == {severity}, found


# ------------------------------------------------------------------------------ CLS009/10


def test_cls009_mixin_removed_in_target(tmp_path: Path) -> None:
    core = CORE.replace("import SettingsMixin", "import PanelMixin, SettingsMixin")
    found = findings(pip_plugin(tmp_path, core), "CLS009")
    only(found, "error")
    assert "PanelMixin" in found[0].message


def test_cls009_wellknownmixin_is_in_no_release(tmp_path: Path) -> None:
    core = CORE.replace("import SettingsMixin", "import SettingsMixin, WellKnownMixin")
    for n, version in enumerate(("1.0.0", "1.5.0")):
        found = findings(pip_plugin(tmp_path, core, name=f"p{n}"), "CLS009", version=version)
        only(found, "error")
        assert "WellKnownMixin" in found[0].message


def test_cls009_guarded_import_is_a_warning(tmp_path: Path) -> None:
    core = CORE.replace(
        "from plugin.mixins import SettingsMixin\n",
        "from plugin.mixins import SettingsMixin\n"
        "try:\n    from plugin.mixins import PanelMixin\n"
        "except ImportError:\n    PanelMixin = None\n",
    )
    only(findings(pip_plugin(tmp_path, core), "CLS009"), "warning")


def test_cls009_mixin_too_new_for_target(tmp_path: Path) -> None:
    core = CORE.replace("import SettingsMixin", "import SettingsMixin, SupplierMixin")
    assert findings(pip_plugin(tmp_path, core), "CLS009") == []
    found = findings(pip_plugin(tmp_path, core, name="old"), "CLS009", version="1.0.0")
    only(found, "error")
    assert "added in 1.1" in found[0].message


def test_cls010_removed_module(tmp_path: Path) -> None:
    """Imported while the plugin loads (the entry module imports printing): not loaded."""
    extra = {"my_plugin/printing.py": "from label.models import LabelTemplate\n"}
    core = "from . import printing  # noqa: F401\n" + CORE
    found = findings(pip_plugin(tmp_path, core, extra=extra), "CLS010")
    only(found, "error")
    assert found[0].file == "my_plugin/printing.py"


def test_cls010_module_not_imported_at_load_is_a_feature(tmp_path: Path) -> None:
    """InvenTree only imports the entry module (and what it imports) while loading."""
    extra = {"my_plugin/printing.py": "from label.models import LabelTemplate\n"}
    found = findings(pip_plugin(tmp_path, extra=extra), "CLS010")
    only(found, "feature")
    assert "not imported while the plugin loads" in found[0].message


def test_cls010_guarded_and_function_level_imports_are_warnings(tmp_path: Path) -> None:
    extra = {
        "my_plugin/printing.py": """\
            try:
                from label.models import LabelTemplate
            except (ImportError, AttributeError):
                from report.models import LabelTemplate


            def old():
                import label.models
                return label.models
            """
    }
    found = findings(pip_plugin(tmp_path, extra=extra), "CLS010")
    assert sorted(f.severity for f in found) == ["feature", "warning"], found


def test_cls010_part_parameter_gone_since_the_parameter_rework(tmp_path: Path) -> None:
    extra = {"my_plugin/params.py": "from part.models import Part, PartParameter\n"}
    core = "from .params import Part  # noqa: F401\n" + CORE
    found = findings(pip_plugin(tmp_path, core, extra=extra), "CLS010")
    only(found, "error")
    assert "part.models.PartParameter" in found[0].message and "removed in 1.2" in found[0].message
    old = pip_plugin(tmp_path, core, extra=extra, name="old")
    assert findings(old, "CLS010", version="1.1") == []


def test_cls010_ok_for_old_target_and_type_checking(tmp_path: Path) -> None:
    extra = {
        "my_plugin/printing.py": (
            "from typing import TYPE_CHECKING\nif TYPE_CHECKING:\n    import label.models\n"
        )
    }
    assert findings(pip_plugin(tmp_path, extra=extra), "CLS010") == []


# ------------------------------------------------------------------------------ CLS011/12


def plugin_folder(tmp_path: Path, core: str) -> Path:
    return make_plugin(
        tmp_path, {"__init__.py": "", "core.py": core, "helpers.py": "X = 1\n"}, "myfolder"
    )


def test_cls011_absolute_self_import_in_plugin_folder(tmp_path: Path) -> None:
    bad = CORE.replace("from . import __version__", "from myfolder.helpers import X")
    bad = bad.replace("VERSION = __version__", 'VERSION = "0.1.0"')
    only(findings(plugin_folder(tmp_path, bad), "CLS011"), "error")


def test_cls011_relative_import_in_plugin_folder(tmp_path: Path) -> None:
    good = CORE.replace("from . import __version__", "from .helpers import X")
    good = good.replace("VERSION = __version__", 'VERSION = "0.1.0"')
    assert findings(plugin_folder(tmp_path, good), "CLS011") == []


def test_cls012_relative_import_of_missing_module(tmp_path: Path) -> None:
    core = CORE.replace(
        "from . import __version__", "from . import __version__\nfrom .nothere import X"
    )
    found = findings(pip_plugin(tmp_path, core), "CLS012")
    only(found, "error")
    assert "nothere" in found[0].message


def test_cls012_relative_import_of_missing_name_and_beyond_top(tmp_path: Path) -> None:
    core = CORE.replace(
        "from . import __version__", "from . import __version__, missing\nfrom ... import x"
    )
    assert len(findings(pip_plugin(tmp_path, core), "CLS012")) == 2


def test_cls012_accepts_submodules_and_star_reexports(tmp_path: Path) -> None:
    core = CORE.replace(
        "from . import __version__", "from . import __version__, helpers\nfrom .pkg import thing"
    )
    extra = {
        "my_plugin/helpers.py": "",
        "my_plugin/pkg/__init__.py": "from .impl import *\n",
        "my_plugin/pkg/impl.py": "thing = 1\n",
    }
    assert findings(pip_plugin(tmp_path, core, extra=extra), "CLS012") == []


# ---------------------------------------------------------------------------- CLS020


def test_cls020_invalid_python(tmp_path: Path) -> None:
    """Imported by the entry module: the plugin is not loaded."""
    extra = {"my_plugin/broken.py": "def f(:\n    pass\n"}
    core = "from . import broken  # noqa: F401\n" + CORE
    found = findings(pip_plugin(tmp_path, core, extra=extra), "CLS020")
    only(found, "error")
    assert found[0].file == "my_plugin/broken.py" and found[0].line == 1


def test_cls020_module_not_imported_at_load_is_a_feature(tmp_path: Path) -> None:
    """The real 1.5 loader loads a plugin whose unused helper module does not parse."""
    extra = {"my_plugin/broken.py": "def f(:\n    pass\n"}
    found = findings(pip_plugin(tmp_path, extra=extra), "CLS020")
    only(found, "feature")
