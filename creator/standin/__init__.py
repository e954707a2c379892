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

_configured: dict[str, Any] = {}


def _settings(apps: Sequence[str]) -> dict[str, Any]:
    return {
        "DEBUG": False,
        "SECRET_KEY": "inventree-standin-not-secret",
        "ALLOWED_HOSTS": ["*"],
        "DATABASES": {"default": {"ENGINE": "django.db.backends.sqlite3", "NAME": ":memory:"}},
        "INSTALLED_APPS": [*DJANGO_APPS, *STANDIN_APPS, *apps],
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


__all__ = ["SITE_DIR", "STANDIN_APPS", "STANDIN_PACKAGES", "configure", "setup_database"]
