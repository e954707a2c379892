"""Stand-in for InvenTree's ``plugin`` package: the stable plugin API.

Mirrors: ``src/backend/InvenTree/plugin/__init__.py``. Exports ``InvenTreePlugin``,
``registry``, ``MixinImplementationError``, ``MixinNotImplementedError`` and
``PluginMixinEnum``. It is also the stand-in ``plugin`` Django app (``PluginConfig`` and the
plugin setting models live in ``plugin.models``).
"""

from plugin.helpers import MixinImplementationError, MixinNotImplementedError
from plugin.plugin import InvenTreePlugin, PluginMixinEnum
from plugin.registry import registry

__all__ = [
    "InvenTreePlugin",
    "MixinImplementationError",
    "MixinNotImplementedError",
    "PluginMixinEnum",
    "registry",
]
