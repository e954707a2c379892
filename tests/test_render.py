"""creator.render writes exactly what Copier writes, for every kind of answer set.

`create` renders with creator.render (no Copier import); `update` and the store still use
Copier. Both must give byte-identical trees, file modes and answers files, or an update would
see differences that no one made.
"""

from __future__ import annotations

import filecmp
import shutil
import stat
from pathlib import Path

import pytest

from creator import generate, questions
from creator import render as direct_render
from tests.helpers import REPO

ALL_MIXINS = ",".join(
    name for name, spec in questions.load(REPO).data["catalog"].items() if not spec.get("legacy")
)

ANSWER_SETS = {
    "defaults": {},
    "all mixins, no frontend": {"mixins": ALL_MIXINS, "frontend": "false"},
    "all mixins, frontend, gitlab": {"mixins": ALL_MIXINS, "ci": "gitlab"},
    "no mixins, no ci": {"mixins": "[]", "ci": "none"},
    "unicode and quotes": {
        "plugin_name": 'Zoë\'s "Größen" Plugin',
        "author_name": "Jürgen O'Neil",
        "description": 'Quotes " and \\ backslashes; {{ not jinja }}',
        "mixins": "AppMixin,UrlsMixin,IconPackMixin",
        "min_inventree_version": "1.4.0",
    },
}


@pytest.fixture(scope="module")
def root(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The template files outside git (as in the wheel, where create renders directly)."""
    root = tmp_path_factory.mktemp("template")
    shutil.copy2(REPO / "copier.yml", root / "copier.yml")
    for name in ("includes", "template"):
        shutil.copytree(REPO / name, root / name, ignore=shutil.ignore_patterns("node_modules"))
    return root


def assert_same(left: Path, right: Path) -> None:
    """Same names, bytes and permission bits at every depth."""
    compare = filecmp.dircmp(left, right)
    assert not (compare.left_only or compare.right_only), compare.report()
    _, mismatch, errors = filecmp.cmpfiles(left, right, compare.common_files, shallow=False)
    assert not mismatch and not errors, mismatch
    for name in compare.common_files:
        modes = [stat.S_IMODE((side / name).stat().st_mode) for side in (left, right)]
        assert modes[0] == modes[1], name
    for sub in compare.common_dirs:
        assert_same(left / sub, right / sub)


@pytest.mark.parametrize("name", list(ANSWER_SETS))
def test_direct_render_equals_copier(root: Path, tmp_path: Path, name: str) -> None:
    """The same answers through creator.render and through Copier (from the store)."""
    template = questions.Template(root)
    answers, _ = template.resolve(ANSWER_SETS[name], use_defaults=True)
    answers["standin_wheelhouse"] = "/some/wheelhouse"
    assert direct_render.supported(template)
    generate.render(answers, tmp_path / "direct", root)
    generate.render(answers, tmp_path / "copier", root, via_store=True)
    assert_same(tmp_path / "direct", tmp_path / "copier")
    readme = (tmp_path / "direct" / "README.md").read_text(encoding="utf-8")
    assert "--find-links /some/wheelhouse" in readme


def test_unknown_copier_settings_fall_back_to_copier(root: Path) -> None:
    """A setting the renderer does not model (here `_tasks`) makes create use Copier."""
    template = questions.Template(root)
    template.settings["_tasks"] = ["echo hi"]
    assert not direct_render.supported(template)
