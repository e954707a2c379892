"""Fixtures: the template as a plain directory (how the wheel ships it) and a git checkout."""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.helpers import REPO

# What a test needs beyond Python (markers registered in pyproject.toml; scripts/quick.sh leaves
# them out, CI runs everything): `browser` headless Chromium, `npm` node and npm, `network` a
# package registry (PyPI, npm; a first run fills the caches), `inventree` the real InvenTree
# backend, `slow` more than about ten seconds. A module whose every test needs one says so itself
# (`pytestmark`); the two tables below mark the tests of other modules by the fixture that needs
# it (key: defining module and fixture name) or by the test function's name. tests/test_markers.py
# checks that every entry names a fixture or a test that exists.
FIXTURE_NEEDS: dict[str, tuple[str, ...]] = {
    # `npm ci` (from npm's registry unless cached) and `npm run build` of generated frontends.
    "tests.test_frontend:built": ("npm", "network", "slow"),
    "tests.check.rules.test_ui:built_frontend": ("npm", "network", "slow"),
    "tests.test_frontend:browser": ("browser",),
    # The generated GitHub workflow played locally: npm ci, pip installs, pre-commit hooks.
    "tests.generated.test_ci_local:ci": ("npm", "network", "slow"),
    # Our wheel built with `python -m build` (its isolated build environment comes from PyPI),
    # then installed with its dependencies in a new venv.
    "tests.test_packaging:wheel": ("network", "slow"),
    "tests.test_packaging:fresh_venv": ("network", "slow"),
    # Real InvenTree environments (set up once, then cached) and generated wheels built with npm.
    "tests.inventree.conftest:newest_env": ("inventree", "slow"),
    "tests.inventree.conftest:oldest_env": ("inventree", "slow"),
    "tests.inventree.conftest:generated": ("npm", "network", "slow"),
    # The old inventree-plugin-creator, installed from PyPI (tests.test_adopt.incumbent).
    "tests.migrate.test_migrate:migrated": ("network",),
    "tests.migrate.test_property:sides": ("network",),
}
TEST_NEEDS: dict[str, tuple[str, ...]] = {
    # Its wheel build runs `npm ci` and `npm run build` (the generated build hook).
    "test_generated_plugin_loads_in_real_inventree": ("inventree", "npm", "network", "slow"),
    # `python -m build` of generated projects: the build backend from PyPI, the frontend with npm.
    "test_build_wheel_and_sdist": ("npm", "network", "slow"),
    # pre-commit's hook environments come from PyPI and GitHub (cached after the first run).
    "test_first_commit_passes_the_hooks": ("npm", "network", "slow"),
    "test_frontend_hooks_catch_type_errors": ("npm", "network", "slow"),
    "test_hooks_refuse_conflict_markers_and_rej_files": ("network",),
    # The old inventree-plugin-creator from PyPI (tests.test_adopt.incumbent).
    "test_adopt_then_update_keeps_the_users_code": ("network",),
    "test_infers_setup_py_config_license_and_gitlab": ("network",),
    "test_copyright_year_from_the_license_text": ("network",),
    "test_overrides_and_refusals": ("network",),
    # Published plugins downloaded from PyPI, their requirements installed by the dynamic layer.
    "test_no_false_error": ("network",),
    "test_decides": ("network",),
    "test_describes_plugin": ("network",),
    # More than ten seconds each in the quick loop (scripts/quick.sh --durations, 2 cores):
    # generated projects' own test suites, the wizard driven through a terminal, `update` runs,
    # the dynamic layer on the all-mixins project or waiting out a time limit.
    "test_example_tests_pass_at_each_release": ("slow",),
    "test_generated_all_mixins_project_loads_clean": ("slow",),
    "test_a_title_without_latin_letters_asks_for_the_slug": ("slow",),
    "test_wizard_creates_a_plugin_with_previewed_names": ("slow",),
    "test_the_author_defaults_to_the_git_identity": ("slow",),
    "test_ctrl_c_at_every_prompt_aborts_cleanly": ("slow",),
    "test_same_version_and_changed_answers": ("slow",),
    "test_user_edits_survive_and_conflicts_are_reported": ("slow",),
    "test_missing_store_and_relink": ("slow",),
    "test_loader_check_runs_after_a_clean_update": ("slow",),
    "test_plain_copier_update_works_from_the_recorded_store": ("slow",),
    "test_dyn003_uses_target_version": ("slow",),
    "test_dyn009_hanging_plugin_is_reported_within_the_timeout": ("slow",),
}


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """Add the markers FIXTURE_NEEDS and TEST_NEEDS give each collected test."""
    for item in items:
        needs = set(TEST_NEEDS.get(getattr(item, "originalname", item.name), ()))
        # pytest's record of the fixtures the test uses, directly or through other fixtures.
        info = getattr(item, "_fixtureinfo", None)
        for name in info.names_closure if info else ():
            definitions = info.name2fixturedefs.get(name)
            if definitions:
                func = definitions[-1].func
                needs.update(FIXTURE_NEEDS.get(f"{func.__module__}:{name}", ()))
        for marker in sorted(needs):
            item.add_marker(marker)


@pytest.fixture(scope="session", autouse=True)
def _template_store(tmp_path_factory: pytest.TempPathFactory) -> Iterator[None]:
    """Keep the template store (creator.store) of every test, subprocesses included, in tmp."""
    with pytest.MonkeyPatch.context() as patch:
        store = tmp_path_factory.mktemp("store") / "template.git"
        patch.setenv("CREATE_INVENTREE_PLUGIN_STORE", str(store))
        yield


@pytest.fixture(scope="session")
def template_root(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A copy of the working tree's template files outside git, like the wheel's copy.

    Rendering from it skips Copier's git clone, so the matrix stays fast; test_packaging
    checks that it renders the same as the git checkout and the installed wheel.
    """
    root = tmp_path_factory.mktemp("template")
    shutil.copy2(REPO / "copier.yml", root / "copier.yml")
    for name in ("includes", "template"):
        shutil.copytree(
            REPO / name, root / name, ignore=shutil.ignore_patterns("node_modules", "__pycache__")
        )
    return root


@pytest.fixture(scope="session")
def template(template_root: Path):
    """copier.yml's questions (creator.questions.Template)."""
    from creator.questions import Template

    return Template(template_root)
