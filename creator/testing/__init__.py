"""pytest plugin for generated InvenTree plugin projects: run their tests without InvenTree.

Use it from the project's ``tests/conftest.py``::

    pytest_plugins = ["creator.testing"]

ini options (``[tool.pytest.ini_options]``):

``inventree_apps``
    Plugin packages that are Django apps (AppMixin); installed and migrated.
``inventree_version``
    The InvenTree version the stand-in reports (default 1.1.0).
``inventree_plugins``
    ``package.module:ClassName`` entries loaded into ``plugin.registry.registry`` at session
    start, so ``registry.get_plugin('<slug>')`` works as under InvenTree's plugin testing.

When a real InvenTree is importable (``DJANGO_SETTINGS_MODULE`` set, or ``InvenTree.settings``
importable) the plugin does nothing and InvenTree's own setup applies, so the same
``django.test.TestCase`` tests run in both worlds. Otherwise it configures
``creator.standin`` in ``pytest_configure`` and creates the test database at session start
(as pytest-django would), which lets ``TestCase``/``SimpleTestCase`` run under plain pytest.
"""

from __future__ import annotations

import importlib
import importlib.util
import os
from collections.abc import Callable

import pytest

_STASH_ACTIVE = pytest.StashKey[bool]()
_STASH_TEARDOWN = pytest.StashKey[Callable[[], None]]()


def real_inventree_available() -> bool:
    """True when a real InvenTree (or another Django setup) should be used instead."""
    if os.environ.get("DJANGO_SETTINGS_MODULE"):
        return True
    try:
        return importlib.util.find_spec("InvenTree.settings") is not None
    except (ImportError, ValueError):
        return False


def pytest_addoption(parser: pytest.Parser) -> None:
    parser.addini("inventree_apps", "AppMixin plugin packages to install", type="linelist")
    parser.addini("inventree_version", "InvenTree version for the stand-in", type="string")
    parser.addini(
        "inventree_plugins", "module:Class plugins to load into the registry", type="linelist"
    )


def pytest_configure(config: pytest.Config) -> None:
    if real_inventree_available():
        config.stash[_STASH_ACTIVE] = False
        return
    from creator.standin import configure

    configure(
        apps=list(config.getini("inventree_apps") or []),
        version=config.getini("inventree_version") or None,
    )
    config.stash[_STASH_ACTIVE] = True


def load_plugins(entries: list[str]) -> list[str]:
    """Load ``module:Class`` entries into the registry; return error lines."""
    from plugin.registry import registry

    for entry in entries:
        module_name, _, class_name = entry.partition(":")
        cls = getattr(importlib.import_module(module_name), class_name)
        registry.load_plugin_class(cls)
    return [f"{e['stage']}: {e['name']}: {e['message']}" for e in registry.flat_errors()]


@pytest.hookimpl(tryfirst=True)
def pytest_sessionstart(session: pytest.Session) -> None:
    config = session.config
    if not config.stash.get(_STASH_ACTIVE, False):
        return
    from creator.standin import setup_database

    config.stash[_STASH_TEARDOWN] = setup_database()
    errors = load_plugins(list(config.getini("inventree_plugins") or []))
    if errors:
        pytest.exit("stand-in could not load plugin(s):\n" + "\n".join(errors), returncode=3)


def pytest_sessionfinish(session: pytest.Session) -> None:
    teardown = session.config.stash.get(_STASH_TEARDOWN, None)
    if teardown is not None:
        teardown()
