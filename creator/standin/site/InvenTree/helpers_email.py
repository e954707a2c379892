"""Stand-in for ``InvenTree.helpers_email``: sending e-mail from plugin code.

Mirrors: ``src/backend/InvenTree/InvenTree/helpers_email.py``. ``send_email`` hands the message to
Django's mail framework (InvenTree queues it on its background worker; the stand-in has none, so
it is sent at once, and with no EMAIL_* settings Django's default backend is used).
``is_email_configured`` is True when an EMAIL_HOST is set, as in InvenTree.
"""

from __future__ import annotations

from typing import Any


def is_email_configured() -> bool:
    """True when the server has an outgoing mail host."""
    from django.conf import settings

    return bool(getattr(settings, "EMAIL_HOST", ""))


def send_email(
    subject: str,
    body: str,
    recipients: str | list[str] | tuple[str, ...] = (),
    from_email: str | None = None,
    html_message: str | None = None,
    prio: Any = None,
    headers: dict[str, str] | None = None,
    group: str = "notification",
) -> tuple[bool, str | None]:
    """Send one message; (sent, error text)."""
    from django.core.mail import EmailMultiAlternatives

    if isinstance(recipients, str):
        recipients = [recipients]
    if not recipients:
        return False, "No recipients"
    message = EmailMultiAlternatives(subject, body, from_email, list(recipients), headers=headers)
    if html_message:
        message.attach_alternative(html_message, "text/html")
    try:
        message.send()
    except Exception as error:  # what InvenTree reports back to the caller
        return False, str(error)
    return True, None


def get_email_for_user(user: Any) -> str | None:
    """The user's e-mail address, if any."""
    return getattr(user, "email", None) or None
