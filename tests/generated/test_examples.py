"""The examples' own tests pass at the oldest and the newest release's signatures.

The generated tests call each hook the way the InvenTree they run on does
(tests/release.py reads its version): the stand-in reports the version given with
`-o inventree_version=...` and gives its hooks that release's signatures
(creator.standin.hooks, from creator.facts), so a call in another release's form fails as it
would there. Real InvenTree runs the same tests in tests/generated/test_ci_local.py (the
workflow's `inventree` job).

Examples that change what the server does stay off until a setting turns them on; their
tests cover both states (checked here by name, and by the tests themselves).
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pytest

from tests.helpers import PYTHON, REPO, render, run


def mixins_at(version: str, template: Any) -> list[str]:
    """Every offered mixin that plugin.mixins of InvenTree `version` exports (creator.facts)."""
    from creator import facts

    exported = facts.release(version).mixins
    return [
        name
        for name, spec in template.data["catalog"].items()
        if not spec.get("legacy") and name in exported
    ]


@pytest.fixture(scope="module")
def every_mixin(template_root: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The project with every offered mixin (MIN_VERSION 1.1.0, as SupplierMixin needs)."""
    from tests.test_matrix import MIXINS

    return render(template_root, tmp_path_factory.mktemp("examples") / "p", mixins=MIXINS)


@pytest.mark.parametrize("version", ["1.0.0", "1.2.0", "1.5.0"])
def test_example_tests_pass_at_each_release(
    version: str, template_root: Path, template: Any, tmp_path: Path
) -> None:
    """The project of every mixin release X has passes its tests as release X calls them.

    MIN_VERSION is X, and `pytest -o inventree_version=X` makes the stand-in play X.
    """
    project = render(
        template_root,
        tmp_path / "p",
        mixins=mixins_at(version, template),
        min_inventree_version=version,
        frontend=False,
    )
    result = run(
        [
            PYTHON,
            "-m",
            "pytest",
            "-q",
            "-p",
            "no:cacheprovider",
            "-o",
            f"inventree_version={version}",
        ],
        project,
        PYTHONPATH=str(REPO),
    )
    assert result.returncode == 0, result.stdout[-4000:] + result.stderr[-2000:]
    assert re.search(r"\d+ passed", result.stdout)


SAFE_BY_DEFAULT = {
    # mixin: (its switch, the generated test that shows the example off by default)
    "MailMixin": ("MAIL_PREFIX_SUBJECTS", "test_mail.py"),
    "ValidationMixin": ("VALIDATE_PARTS", "test_validation.py"),
    "TransitionMixin": ("TRANSITION_CHECK_ORDERS", "test_transitions.py"),
    "EventMixin": ("EVENTS_MARK_PARTS", "test_events.py"),
}


@pytest.mark.parametrize("name", list(SAFE_BY_DEFAULT))
def test_server_changing_examples_are_off_by_default(
    name: str, every_mixin: Path, template: Any
) -> None:
    """The switch is a boolean setting defaulting to False; the test has an "off" case."""
    setting, test_file = SAFE_BY_DEFAULT[name]
    spec = template.data["catalog"][name]
    assert "SettingsMixin" in spec["requires"]
    assert spec["settings"][setting]["default"] is False
    assert spec["settings"][setting]["validator"] == "bool"
    text = (every_mixin / "tests" / test_file).read_text(encoding="utf-8")
    assert "def test_off_by_default" in text
    assert f'set_setting("{setting}", True)' in text


def test_label_output_is_a_file_for_inventree(every_mixin: Path) -> None:
    """LabelPrintingMixin returns its PDF from get_generated_file (stored in the output)."""
    core = next(every_mixin.glob("*/core.py")).read_text(encoding="utf-8")
    assert "def get_generated_file(self, **kwargs):" in core
    assert "ContentFile(" in core
    assert "tempfile" not in core
