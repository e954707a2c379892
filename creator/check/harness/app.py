"""AppMixin: install the plugin's app as InvenTree does; compare its migrations with its models."""

from __future__ import annotations

from typing import Any

from creator.check.dynamic_result import AppRecord, PluginRecord
from creator.check.harness.state import Harness


def install_app(h: Harness, cls: type, record: PluginRecord) -> None:
    """AppMixin: add the plugin's package to INSTALLED_APPS and repopulate the app registry.

    InvenTree does this at activation (`_reload_apps`); the stand-in registry only checks that
    the app is installed, so the harness installs it first. Then the app's tables are created
    and its migrations are compared with its models (`makemigrations --check` semantics).
    """
    # after django.setup() (setup_standin): Django's apps must be ready
    from django.apps import apps
    from django.conf import settings

    app_path, error = h.guarded("app path", cls._get_plugin_path)  # type: ignore[attr-defined]
    app: AppRecord = {"path": app_path, "label": None, "error": error, "migrations": None}
    record["app"] = app
    if error is not None:
        return
    if apps.is_installed(app_path):
        return
    h.stage(f"app {app_path}")
    installed = [*settings.INSTALLED_APPS, app_path]

    def populate() -> None:
        settings.INSTALLED_APPS = installed
        apps.set_installed_apps(installed)

    _, error = h.guarded(f"app {app_path}", populate)
    if error is not None:
        app["error"] = error
        # Leave Django usable for the remaining steps.
        apps.unset_installed_apps()
        settings.INSTALLED_APPS = [a for a in installed if a != app_path]
        return
    config = next(c for c in apps.get_app_configs() if c.name == app_path)
    app["label"] = config.label
    h.stage(f"migrations {config.label}", plugin_code=True)
    app["migrations"], error = h.guarded("migrations", check_migrations, config)
    if error is not None:
        app["migrations"] = {"error": error}
    _, error = h.guarded("tables", create_tables, config)
    if error is not None and app["migrations"] is not None:
        app["migrations"].setdefault("error", error)


def check_migrations(config: Any) -> dict[str, Any]:
    """What `makemigrations --check --dry-run <label>` would find for the plugin's app."""
    # after django.setup() (setup_standin): Django's apps must be ready
    from django.apps import apps
    from django.db.migrations.autodetector import MigrationAutodetector
    from django.db.migrations.loader import MigrationLoader
    from django.db.migrations.questioner import NonInteractiveMigrationQuestioner
    from django.db.migrations.state import ProjectState

    class Loader(MigrationLoader):
        """Drops dependencies on named migrations of the stand-in apps, which have none."""

        def load_disk(self) -> None:
            super().load_disk()
            for migration in self.disk_migrations.values():
                migration.dependencies = [  # type: ignore[misc]  # per instance, on purpose
                    d
                    for d in migration.dependencies
                    if d[0] not in self.unmigrated_apps or d[1] in ("__first__", "__latest__")
                ]

    label = config.label
    has_models = bool(list(config.get_models()))
    loader = Loader(None, ignore_no_migrations=True)
    result: dict[str, Any] = {
        "has_models": has_models,
        "has_migrations": label in loader.migrated_apps,
        "changes": [],
        "conflicts": {},
    }
    conflicts = loader.detect_conflicts()
    if conflicts.get(label):
        result["conflicts"] = {label: conflicts[label]}
    questioner = NonInteractiveMigrationQuestioner(specified_apps={label}, dry_run=True)
    autodetector = MigrationAutodetector(
        loader.project_state(), ProjectState.from_apps(apps), questioner
    )
    changes = autodetector.changes(graph=loader.graph, trim_to_apps={label}, convert_apps={label})
    for migration in changes.get(label, []):
        for operation in migration.operations:
            result["changes"].append(operation.describe())
    return result


def create_tables(config: Any) -> None:
    """Create the app's tables directly (its migrations may depend on InvenTree's)."""
    # after django.setup() (setup_standin): Django's apps must be ready
    from django.db import connection

    existing = set(connection.introspection.table_names())
    with connection.schema_editor() as editor:
        for model in config.get_models():
            if model._meta.managed and model._meta.db_table not in existing:
                editor.create_model(model)
