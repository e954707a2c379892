"""Stand-in for ``plugin.base.integration.WellKnownMixin`` (newest master, spec 2.3).

Entries from ``get_well_known_urls`` become redirects under ``/.well-known/<name>/`` in
InvenTree; the stand-in does not mount them.
"""

from __future__ import annotations

from typing import Any

from plugin.helpers import MixinNotImplementedError
from plugin.plugin import PluginMixinEnum


class WellKnownMixin:
    """Publish ``/.well-known/`` entries."""

    class MixinMeta:
        MIXIN_NAME = "WellKnown"

    def __init__(self) -> None:
        super().__init__()
        self.add_mixin(PluginMixinEnum.WELL_KNOWN.value, True, __class__)  # type: ignore[attr-defined]

    def get_well_known_urls(self, request: Any = None) -> list[tuple[str, str]]:
        raise MixinNotImplementedError("get_well_known_urls must be implemented")
