"""Stand-in for ``plugin.apps``: the Django app config of the stand-in ``plugin`` app.

Unlike InvenTree's ``PluginAppConfig.ready`` it does NOT discover or load plugins: callers load
plugin classes explicitly with ``registry.load_plugin_class`` (or ``creator.testing``'s
``inventree_plugins`` ini option), so a test decides what is loaded.
"""

from django.apps import AppConfig


class PluginAppConfig(AppConfig):
    name = "plugin"
    label = "plugin"
    verbose_name = "InvenTree plugins (stand-in)"
    default_auto_field = "django.db.models.AutoField"
