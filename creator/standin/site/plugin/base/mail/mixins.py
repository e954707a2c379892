"""Stand-in for ``plugin.base.mail.mixins`` (``MailMixin``).

Mirrors: ``src/backend/InvenTree/plugin/base/mail/mixins.py`` (1.x). Registers under ``mail``.
The mixin itself defines only ``process_mail_out(mail, *args, **kwargs)``, which must be
overridden (MixinNotImplementedError). ``process_mail_in(mail, ...)`` is a hook InvenTree calls
on every mail plugin without the mixin defining it (see ``plugin.base.mail.mail``): a plugin
that lacks it gets an AttributeError there, which InvenTree logs. The older single
``process_mail`` hook is gone in 1.x and not provided.
"""

from __future__ import annotations

from typing import Any

from plugin.helpers import MixinNotImplementedError
from plugin.plugin import PluginMixinEnum


class MailMixin:
    """Process outgoing mail before it is sent (and incoming mail, via ``process_mail_in``)."""

    class MixinMeta:
        MIXIN_NAME = "Mail"

    def __init__(self) -> None:
        super().__init__()
        self.add_mixin(PluginMixinEnum.MAIL.value, True, __class__)  # type: ignore[attr-defined]

    def process_mail_out(self, mail: Any, *args: Any, **kwargs: Any) -> None:
        """Handle an outgoing ``django.core.mail.EmailMessage``; must be overridden."""
        raise MixinNotImplementedError("process_mail_out must be implemented")
