"""Stand-in for ``plugin.base.icons.mixins`` (``IconPackMixin``).

Mirrors: ``src/backend/InvenTree/plugin/base/icons/mixins.py`` (docs/design/mixins.md). Activation
calls ``icon_packs()`` and requires a list of ``common.icons.IconPack``; the packs are stored in
``registry.icon_packs``. Left out: serving the font files.
"""

from __future__ import annotations

from typing import Any

from common.icons import IconPack

from plugin.helpers import MixinNotImplementedError
from plugin.plugin import PluginMixinEnum


class IconPackMixin:
    """Provide extra icon packs."""

    class MixinMeta:
        MIXIN_NAME = "icon_pack"

    def __init__(self) -> None:
        super().__init__()
        self.add_mixin(PluginMixinEnum.ICON_PACK.value, True, __class__)  # type: ignore[attr-defined]

    @classmethod
    def _activate_mixin(cls, registry: Any, plugins: list[tuple[str, Any]], **kwargs: Any) -> None:
        """Reload icon packs: collect ``icon_packs()`` of every plugin with this mixin."""
        for slug, plugin in plugins:
            if not plugin.mixin_enabled(PluginMixinEnum.ICON_PACK.value):
                continue
            packs = plugin.icon_packs()
            if not isinstance(packs, list) or not all(isinstance(p, IconPack) for p in packs):
                raise TypeError(f"{slug}: icon_packs() must return a list of IconPack")
            registry.icon_packs[slug] = packs

    def icon_packs(self) -> list[IconPack]:
        raise MixinNotImplementedError("icon_packs must be implemented")
