"""Stand-in for ``common.notifications``: notification bodies and the trigger function.

Mirrors: ``src/backend/InvenTree/common/notifications.py`` (1.x, where delivery goes through
plugins with NotificationMixin). Provided: ``logger`` (the ``inventree`` logger),
``NotificationBody``, ``InvenTreeNotificationBodies`` (the default bodies), and
``trigger_notification`` / ``trigger_superuser_notification``, which resolve the target users
(users, groups, a ``target_fnc``) and hand them to every active plugin with NotificationMixin
(``filter_targets`` then ``send_notification``), as InvenTree's dispatch does.

Left out: the "sent recently" de-duplication table (NotificationEntry), the web-UI message
store (NotificationMessage), per-user delivery settings and owner objects (``users.models``
is not modelled); a target that is none of user/group is logged and skipped, like InvenTree
does with unknown targets. InvenTree's logger is a structlog logger; this one is the standard
``logging`` logger of the same name, which accepts the same calls plugins make
(``debug``/``info``/``warning``/``error``/``exception``).
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from typing import Any

from django.utils.translation import gettext_lazy as _

logger = logging.getLogger("inventree")


@dataclass()
class NotificationBody:
    """What a notification says.

    The strings may use ``{verbose_name}``, ``{instance}``, ``{app_label}`` and
    ``{model_name}`` placeholders.
    """

    name: str
    slug: str
    message: str
    template: str | None = None


class InvenTreeNotificationBodies:
    """InvenTree's default notification bodies."""

    NewOrder = NotificationBody(
        name=_("New {verbose_name}"),
        slug="{app_label}.new_{model_name}",
        message=_("A new order has been created and assigned to you"),
        template="email/new_order_assigned.html",
    )
    OrderCanceled = NotificationBody(
        name=_("{verbose_name} canceled"),
        slug="{app_label}.canceled_{model_name}",
        message=_("A order that is assigned to you was canceled"),
        template="email/canceled_order_assigned.html",
    )
    ItemsReceived = NotificationBody(
        name=_("Items Received"),
        slug="purchase_order.items_received",
        message=_("Items have been received against a purchase order"),
        template="email/purchase_order_received.html",
    )
    ReturnOrderItemsReceived = NotificationBody(
        name=_("Items Received"),
        slug="return_order.items_received",
        message=_("Items have been received against a return order"),
        template="email/return_order_received.html",
    )


def _users(targets: Any, exclude: Any) -> list[Any]:
    from django.contrib.auth import get_user_model
    from django.contrib.auth.models import Group

    user_model = get_user_model()
    excluded = set(exclude or []) - {None}
    found: list[Any] = []
    for target in targets or []:
        if target is None:
            continue
        if isinstance(target, user_model):
            candidates = [target]
        elif isinstance(target, Group):
            candidates = list(user_model.objects.filter(groups__name=target.name))
        else:
            logger.error("Unknown target passed to trigger_notification method: %s", target)
            continue
        found.extend(u for u in candidates if u not in excluded and u not in found)
    return found


def trigger_notification(obj: Any, category: str | None = None, obj_ref: str = "pk", **kwargs: Any):
    """Notify users about ``obj`` through the NotificationMixin plugins.

    The users are ``targets`` (or ``target_fnc(*target_args, **target_kwargs)``), minus
    ``target_exclude``.
    """
    reference = getattr(obj, obj_ref, None) or getattr(obj, "pk", None) or getattr(obj, "id", None)
    if not reference:
        raise KeyError(
            f"Could not resolve an object reference for '{obj!s}' with {obj_ref}, pk, id"
        )
    targets = kwargs.get("targets")
    if not targets and kwargs.get("target_fnc") is not None:
        targets = kwargs["target_fnc"](
            *kwargs.get("target_args", []), **kwargs.get("target_kwargs", {})
        )
    users = _users(targets, kwargs.get("target_exclude"))
    if not users:
        logger.debug("No possible users for notification '%s'", category)
        return
    from plugin.registry import registry

    context = kwargs.get("context", {})
    for plugin in registry.with_mixin("notification", active=True):
        try:
            selected = plugin.filter_targets(list(users))
            if selected:
                plugin.send_notification(obj, category, selected, context)
        except Exception as error:  # InvenTree logs a failing plugin and goes on
            logger.error(error)


def trigger_superuser_notification(plugin: Any, msg: str) -> None:
    """Notify every superuser that ``plugin`` raised an error."""
    from django.contrib.auth import get_user_model

    trigger_notification(
        plugin,
        "inventree.plugin",
        context={"error": plugin, "name": _("Error raised by plugin"), "message": msg},
        targets=get_user_model().objects.filter(is_superuser=True),
    )


__all__ = [
    "InvenTreeNotificationBodies",
    "NotificationBody",
    "logger",
    "trigger_notification",
    "trigger_superuser_notification",
]
