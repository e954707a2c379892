"""The InvenTree the tests run on: its release, and its plugin registry made ready.

The stand-in reports the `inventree_version` of pyproject.toml (pytest -o
inventree_version=1.5.0 runs the tests as InvenTree 1.5 would); a real InvenTree reports
its own version, so the tests call each hook the way the running release does.
"""

from InvenTree.version import inventreeVersionTuple


def at_least(major: int, minor: int) -> bool:
    """True when the InvenTree running the tests is release major.minor or newer."""
    return tuple(inventreeVersionTuple()[:2]) >= (major, minor)


def load_plugins() -> None:
    """Have InvenTree's registry load the installed plugins into the test database.

    A real InvenTree loads its registry before the test runner creates the test database,
    so plugin settings would have no definitions (and no defaults); a reload fixes that, as
    InvenTree's own tests do. The stand-in loads the plugin at session start.
    """
    from plugin.models import PluginConfig
    from plugin.registry import registry

    reload_plugins = getattr(registry, "reload_plugins", None)
    if reload_plugins is not None and not PluginConfig.objects.exists():
        reload_plugins(full_reload=True, force_reload=True, collect=True)
