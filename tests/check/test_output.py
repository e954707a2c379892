"""`check`'s printing and exit codes: any modelled release, --strict, one-line bad input."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from creator.check import output
from creator.errors import CreatorError
from tests.check.plugin_factory import CORE, pip_plugin


def _check(path: Path, version: str | None, strict: bool = False, as_json: bool = True) -> int:
    return output.check_and_print(
        str(path), as_json=as_json, inventree_version=version, static_only=True,
        select=("CLS", "PKG", "UI"), ignore=(), strict=strict,
    )  # fmt: skip


@pytest.mark.parametrize("version", ["1.0", "1.2.3", "1.5.0"])
def test_any_modelled_release_is_accepted(tmp_path: Path, version: str, capsys) -> None:
    assert _check(pip_plugin(tmp_path), version) == 3  # static only: undecided
    report = json.loads(capsys.readouterr().out)
    assert report["loads"] is None and report["summary"] == "undecided"


@pytest.mark.parametrize("version", ["1.7.0", "0.16.0", "latest"])
def test_a_release_outside_the_model_is_refused(tmp_path: Path, version: str) -> None:
    with pytest.raises(CreatorError) as error:
        _check(pip_plugin(tmp_path), version)
    assert error.value.exit_code == 2


def test_strict_fails_on_features(tmp_path: Path, capsys) -> None:
    """A SLUG not in slug form breaks static URLs up to 1.2: a feature, not a load failure."""
    core = CORE.replace('SLUG = "my-plugin"', 'SLUG = "My Plugin"')
    path = pip_plugin(tmp_path, core)
    assert _check(path, "1.2", as_json=False) == 3
    assert "1 feature will fail" in capsys.readouterr().out
    assert _check(path, "1.2", strict=True) == 1


def test_the_verdict_line_counts_in_words(tmp_path: Path, capsys) -> None:
    """'(1 warning)' but '(2 warnings)'."""
    body = 'version = "1.0"\n    description = "x"\n'
    core = CORE.replace('    SLUG = "my-plugin"\n', f'    SLUG = "my-plugin"\n    {body}')
    _check(pip_plugin(tmp_path, core), None, as_json=False)
    assert "(2 warnings)" in capsys.readouterr().out.splitlines()[-1]
