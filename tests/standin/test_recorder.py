"""The recorder notes what plugin code asks of the stand-in and what is missing."""

from __future__ import annotations

from .helpers import run_in_standin


def test_recorder_reports_requested_and_missing_names(tmp_path) -> None:
    (tmp_path / "myplug.py").write_text(
        "from plugin import InvenTreePlugin\n"
        "from plugin.mixins import SettingsMixin\n"
        "try:\n"
        "    from plugin.mixins import AllocateMixin\n"
        "except ImportError:\n"
        "    AllocateMixin = None\n"
        "try:\n"
        "    import plugin.base.pricing.mixins\n"
        "except ImportError:\n"
        "    pass\n"
        "import InvenTree.helpers\n"
        "BOOL = InvenTree.helpers.str2bool('yes')\n"
        "class P(SettingsMixin, InvenTreePlugin):\n"
        "    NAME = 'P'\n"
    )
    result = run_in_standin(
        """
from creator.standin.recorder import Recorder
with Recorder() as recorder:
    import myplug
report = recorder.report()
emit({"requested": report.requested, "missing": report.missing, "bool": myplug.BOOL})
""",
        db=False,
        extra_path=[tmp_path],
    )
    assert "plugin.mixins.SettingsMixin" in result["requested"]
    assert "plugin.InvenTreePlugin" in result["requested"]
    assert "InvenTree.helpers.str2bool" in result["requested"]
    assert "plugin.mixins.AllocateMixin" in result["missing"]
    assert "plugin.base.pricing" in result["missing"]
    assert "plugin.mixins.SettingsMixin" not in result["missing"]
    assert result["bool"] is True


def test_recorder_ignores_the_stand_ins_own_imports() -> None:
    result = run_in_standin(
        """
from creator.standin.recorder import Recorder
with Recorder() as recorder:
    import plugin.machine.machine_types  # noqa: F401 - imported for its side effects
emit(recorder.report().requested)
""",
        db=False,
    )
    # Only the outside request itself is recorded, not what the stand-in imports internally.
    assert "plugin.machine.BaseDriver" not in result
