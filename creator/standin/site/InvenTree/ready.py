"""Stand-in for ``InvenTree.ready``: "what is the server doing right now" predicates.

Mirrors: ``src/backend/InvenTree/InvenTree/ready.py``. Plugins call these in ``ready()`` hooks
and signal handlers to skip work during migrations, data imports or tests. The stand-in is a
running server in its main thread: not migrating, not importing, not collecting plugins, not
in a worker; it is in test mode when Django's TESTING setting says so (as InvenTree reads it).
"""

from __future__ import annotations

import sys
from collections.abc import Callable
from typing import Any

_loaded_apps: set[str] = set()


def clearLoadedApps() -> None:
    """Forget which apps reported themselves loaded."""
    _loaded_apps.clear()


def setAppLoaded(app_name: str) -> None:
    """Record that ``app_name`` finished its ready() work."""
    _loaded_apps.add(app_name)


def isAppLoaded(app_name: str) -> bool:
    """Whether ``app_name`` was recorded as loaded."""
    return app_name in _loaded_apps


def isInTestMode() -> bool:
    """True under a test runner (Django's TESTING setting)."""
    from django.conf import settings

    return bool(getattr(settings, "TESTING", False)) or "test" in sys.argv


def isWaitingForDatabase() -> bool:
    """The server is not blocked waiting for the database."""
    return False


def isImportingData() -> bool:
    """No `loaddata`/`import_records` command is running."""
    return False


def isRunningMigrations() -> bool:
    """No migration command is running."""
    return False


def isRebuildingData() -> bool:
    """No tree rebuild command is running."""
    return False


def isRunningBackup() -> bool:
    """No backup or restore command is running."""
    return False


def isCollectingPlugins() -> bool:
    """No `collectplugins` command is running."""
    return False


def isGeneratingSchema() -> bool:
    """The API schema is not being generated."""
    return False


def isInWorkerThread() -> bool:
    """The stand-in runs no background worker."""
    return False


def isInServerThread() -> bool:
    """The stand-in process is the server."""
    return True


def isInMainThread() -> bool:
    """The stand-in process is the main server thread."""
    return True


def readOnlyCommands() -> list[str]:
    """Management commands that must not write to the database."""
    return ["help", "check", "shell", "sqlflush", "wait_for_db", "spectacular", "collectstatic"]


def isReadOnlyCommand() -> bool:
    """Whether the running command is one of readOnlyCommands()."""
    return any(command in sys.argv for command in readOnlyCommands())


def canAppAccessDatabase(
    allow_test: bool = False, allow_plugins: bool = False, allow_shell: bool = False
) -> bool:
    """Whether app code may touch the database now (not in tests unless ``allow_test``)."""
    return allow_test or not isInTestMode()


def isPluginRegistryLoaded() -> bool:
    """Whether the plugin registry finished loading."""
    from plugin import registry

    return bool(getattr(registry, "plugins_loaded", True))


def ignore_ready_warning(func: Callable[..., Any]) -> Callable[..., Any]:
    """Decorator silencing Django's "database accessed during app initialisation" warning."""
    return func
