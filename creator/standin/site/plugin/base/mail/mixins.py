"""Stand-in for ``plugin.base.mail.mixins`` (``MailMixin``).

Mirrors: ``src/backend/InvenTree/plugin/base/mail/mixins.py`` (spec 2.3). ``process_mail``
must be overridden. Left out: the mail backend that hands messages to plugins.
"""

from __future__ import annotations

from typing import Any

from plugin.helpers import MixinNotImplementedError
from plugin.plugin import PluginMixinEnum


class MailMixin:
    """Process outgoing/incoming mail messages."""

    class MixinMeta:
        MIXIN_NAME = "Mail"

    def __init__(self) -> None:
        super().__init__()
        self.add_mixin(PluginMixinEnum.MAIL.value, True, __class__)  # type: ignore[attr-defined]

    def process_mail(self, mail: Any, *args: Any, **kwargs: Any) -> None:
        raise MixinNotImplementedError("process_mail must be implemented")
