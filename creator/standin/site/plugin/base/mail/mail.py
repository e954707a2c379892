"""Stand-in for ``plugin.base.mail.mail``: hand e-mail to the active MailMixin plugins.

Mirrors: ``src/backend/InvenTree/plugin/base/mail/mail.py`` (1.x). Both functions do nothing
and return False unless the global setting ``ENABLE_PLUGINS_MAILS`` is on; otherwise they call
``process_mail_out(message)`` for each message (a single message is wrapped in a list) or
``process_mail_in(message)`` on every active mail plugin, log a plugin's exception and go on,
and return True. Left out: loading an incoming message by ``mail_id`` (InvenTree's
``EmailMessage`` model is not modelled; passing only ``mail_id`` logs an error, returns False).
"""

from __future__ import annotations

import logging
from typing import Any

from plugin.plugin import PluginMixinEnum

logger = logging.getLogger("inventree")


def _enabled() -> bool:
    from common.models import InvenTreeSetting
    from InvenTree.helpers import str2bool

    return str2bool(InvenTreeSetting.get_setting("ENABLE_PLUGINS_MAILS", False))


def _mail_plugins() -> list[Any]:
    from plugin.registry import registry

    return list(registry.with_mixin(PluginMixinEnum.MAIL.value))


def process_mail_out(email_messages: Any) -> bool:
    """Give each outgoing message to every active mail plugin's ``process_mail_out``."""
    if not _enabled():
        return False
    if not isinstance(email_messages, list):
        email_messages = [email_messages]
    for plugin in _mail_plugins():
        for message in email_messages:
            try:
                plugin.process_mail_out(message)
            except Exception:
                logger.exception("Exception during mail processing for plugin %s", plugin.slug)
    return True


def process_mail_in(email_message: Any = None, mail_id: int | None = None) -> bool:
    """Give a received message to every active mail plugin's ``process_mail_in``."""
    if not _enabled():
        return False
    if email_message is None:
        logger.error("No email message provided for processing (mail_id=%s)", mail_id)
        return False
    for plugin in _mail_plugins():
        try:
            plugin.process_mail_in(email_message)
        except Exception:
            logger.exception("Exception during mail processing for plugin %s", plugin.slug)
    return True
