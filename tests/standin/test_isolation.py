"""The stand-in never leaks into the main test session."""

from __future__ import annotations

import sys

from creator.standin import SITE_DIR, STANDIN_APPS


def test_site_dir_holds_the_inventree_import_paths() -> None:
    for package in ("plugin", "plugin/mixins", "InvenTree", "generic/states", *STANDIN_APPS):
        assert (SITE_DIR / package / "__init__.py").is_file(), package


def test_site_dir_has_no_inventree_settings_module() -> None:
    # creator.testing uses "InvenTree.settings is importable" to detect a real InvenTree.
    assert not (SITE_DIR / "InvenTree" / "settings.py").exists()


def test_importing_creator_standin_does_not_configure_anything() -> None:
    assert str(SITE_DIR) not in sys.path
    assert "plugin" not in sys.modules
    from django.conf import settings

    assert not settings.configured
