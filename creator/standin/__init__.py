"""In-memory stand-in for the parts of an InvenTree 1.x server that plugins touch.

``SITE_DIR`` holds top-level packages with InvenTree's import paths (``plugin``,
``plugin.mixins``, ``InvenTree``, ``generic``, ``common``, ``part``, ``stock``, ...). They are
OUR implementation of the documented plugin API (see each module's docstring for what it
mirrors and leaves out), running on a real Django + DRF configured in memory.

Never call :func:`configure` in the CLI's own process: it puts ``SITE_DIR`` first on
``sys.path`` and configures Django globally. Use it in a subprocess or in a generated plugin's
test session (``creator.testing``).
"""

from __future__ import annotations

import os
import sys
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

SITE_DIR: Path = Path(__file__).resolve().parent / "site"

#: Stand-in Django apps (app label == package name).
STANDIN_APPS: tuple[str, ...] = (
    "plugin",
    "common",
    "part",
    "stock",
    "company",
    "report",
    "order",
    "build",
)

#: Top-level stand-in packages (the recorder watches these).
STANDIN_PACKAGES: tuple[str, ...] = (*STANDIN_APPS, "InvenTree", "generic", "users")

DJANGO_APPS: tuple[str, ...] = (
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.admin",
    "django.contrib.messages",
    "rest_framework",
)

#: Django apps of InvenTree's own requirements that InvenTree installs (INSTALLED_APPS) and
#: that need nothing but a setting or two: added when this environment has the package (the
#: check's dynamic layer installs them when a plugin imports them). Others InvenTree installs
#: (allauth, oauth2_provider, dbbackup, ...) need configuration we do not model.
OPTIONAL_APPS: tuple[str, ...] = (
    "django_q",
    "mptt",
    "taggit",
    "django_filters",
    "djmoney",
    "djmoney.contrib.exchange",
)

_configured: dict[str, Any] = {}


def optional_apps() -> list[str]:
    """The OPTIONAL_APPS this environment has (looked up, not imported)."""
    from importlib.util import find_spec

    present = {app.split(".")[0] for app in OPTIONAL_APPS if find_spec(app.split(".")[0])}
    return [app for app in OPTIONAL_APPS if app.split(".")[0] in present]


def _inventree_settings(installed: Sequence[str]) -> dict[str, Any]:
    """Settings InvenTree's settings.py defines that plugins read (names and types as there).

    BASE_DIR is InvenTree's backend package directory (here: the stand-in site); MEDIA_ROOT and
    STATIC_ROOT are directories under the temporary directory (the check's subprocess has a
    private one). SITE_URL is set as on a configured server. Left out: database, cache, e-mail,
    login/SSO, CORS, backup and logging configuration.
    """
    import tempfile

    base = Path(tempfile.gettempdir()) / "inventree-standin"
    media, static = base / "media", base / "static"
    for directory in (media, static):
        directory.mkdir(parents=True, exist_ok=True)
    values: dict[str, Any] = {
        "BASE_DIR": SITE_DIR,
        "MEDIA_ROOT": media,
        "MEDIA_URL": "/media/",
        "STATIC_ROOT": static,
        "SITE_URL": "http://localhost:8000",
        "INVENTREE_ADMIN_ENABLED": True,
        "INVENTREE_ADMIN_URL": "admin",
        "CURRENCIES": ["AUD", "CAD", "CNY", "EUR", "GBP", "JPY", "NZD", "USD"],
        "DOCKER": False,
        "TESTING_ENV": False,
        "PLUGIN_RETRY": 3,
        "PLUGIN_FILE": None,
        "PLUGIN_TESTING_EVENTS": False,
        "PLUGIN_TESTING_EVENTS_ASYNC": False,
        "PLUGIN_TESTING_RELOAD": False,
        "TESTING_TABLE_EVENTS": False,
        "PLUGINS_INSTALL_DISABLED": False,
    }
    if "django_q" in installed:
        values["Q_CLUSTER"] = {
            "name": "InvenTree",
            "label": "Background Tasks",
            "workers": 1,
            "timeout": 90,
            "retry": 120,
            "max_attempts": 5,
            "queue_limit": 50,
            "catch_up": False,
            "bulk": 10,
            "orm": "default",
            "cache": "default",
            "sync": False,
        }
    return values


def _settings(apps: Sequence[str]) -> dict[str, Any]:
    extra_apps = optional_apps()
    return {
        **_inventree_settings(extra_apps),
        "DEBUG": False,
        "SECRET_KEY": "inventree-standin-not-secret",
        "ALLOWED_HOSTS": ["*"],
        "DATABASES": {"default": {"ENGINE": "django.db.backends.sqlite3", "NAME": ":memory:"}},
        "INSTALLED_APPS": [*DJANGO_APPS, *extra_apps, *STANDIN_APPS, *apps],
        # Stand-in apps have no migrations: their tables are created with run_syncdb.
        "MIGRATION_MODULES": {label: None for label in STANDIN_APPS},
        "ROOT_URLCONF": "InvenTree.urls",
        "MIDDLEWARE": [
            "django.contrib.sessions.middleware.SessionMiddleware",
            "django.middleware.common.CommonMiddleware",
            "django.contrib.auth.middleware.AuthenticationMiddleware",
            "django.contrib.messages.middleware.MessageMiddleware",
        ],
        "TEMPLATES": [
            {
                "BACKEND": "django.template.backends.django.DjangoTemplates",
                "APP_DIRS": True,
                "OPTIONS": {
                    "context_processors": [
                        "django.template.context_processors.request",
                        "django.contrib.auth.context_processors.auth",
                        "django.contrib.messages.context_processors.messages",
                    ]
                },
            }
        ],
        "STATIC_URL": "/static/",
        "USE_TZ": True,
        "DEFAULT_AUTO_FIELD": "django.db.models.AutoField",
        "PASSWORD_HASHERS": ["django.contrib.auth.hashers.MD5PasswordHasher"],
        "REST_FRAMEWORK": {
            "DEFAULT_AUTHENTICATION_CLASSES": [
                "rest_framework.authentication.SessionAuthentication",
                "rest_framework.authentication.BasicAuthentication",
            ],
            "DEFAULT_PERMISSION_CLASSES": ["rest_framework.permissions.IsAuthenticated"],
        },
        # InvenTree switches the stand-in models as "on" (see plugin.registry).
        "TESTING": True,
        "PLUGIN_TESTING": True,
        "PLUGIN_TESTING_SETUP": True,
        "PLUGINS_ENABLED": True,
        "PLUGINS_MANDATORY": [],
        "PLUGIN_DEV_SLUG": None,
        "PLUGIN_DEV_HOST": None,
    }


def configure(apps: Sequence[str] = (), version: str | None = None) -> None:
    """Put ``SITE_DIR`` first on ``sys.path``, configure Django in memory and set it up.

    ``apps`` are dotted packages of AppMixin plugins (installed as Django apps, migrated with
    their own migrations). ``version`` sets the InvenTree version the stand-in reports (env
    ``INVENTREE_STANDIN_VERSION``, default 1.1.0). Calling again with the same arguments is a
    no-op; different arguments after Django is configured raise RuntimeError.
    """
    site = str(SITE_DIR)
    if site in sys.path:
        sys.path.remove(site)
    sys.path.insert(0, site)
    if version is not None:
        os.environ["INVENTREE_STANDIN_VERSION"] = version

    wanted = {"apps": tuple(apps)}
    if _configured:
        if _configured != wanted:
            raise RuntimeError(
                f"stand-in already configured with {_configured}, cannot reconfigure to {wanted}"
            )
        return

    import django
    from django.conf import settings

    if settings.configured:
        raise RuntimeError("Django is already configured by someone else; refusing to override")
    settings.configure(**_settings(apps))
    django.setup()
    _configured.update(wanted)


def setup_database(verbosity: int = 0) -> Callable[[], None]:
    """Create the test database (migrations for migrated apps, syncdb for stand-in apps).

    Returns a teardown callable that destroys it again. Uses Django's own test-database
    machinery, like pytest-django and ``manage.py test`` do.
    """
    from django.test.utils import (
        setup_databases,
        setup_test_environment,
        teardown_databases,
        teardown_test_environment,
    )

    setup_test_environment()
    old_config = setup_databases(verbosity=verbosity, interactive=False)

    def teardown() -> None:
        teardown_databases(old_config, verbosity=verbosity)
        teardown_test_environment()

    return teardown


__all__ = [
    "OPTIONAL_APPS",
    "SITE_DIR",
    "STANDIN_APPS",
    "STANDIN_PACKAGES",
    "configure",
    "optional_apps",
    "setup_database",
]
