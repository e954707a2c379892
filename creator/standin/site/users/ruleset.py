"""Stand-in for ``users.ruleset``: the names of InvenTree's permission rulesets.

Mirrors: ``src/backend/InvenTree/users/ruleset.py`` (1.x). ``RuleSetEnum`` (the role names
``users.permissions.check_user_role`` takes), ``RULESET_CHOICES``, ``RULESET_NAMES`` and
``RULESET_PERMISSIONS``. Left out: the table of database models per ruleset
(``get_ruleset_models`` / ``get_ruleset_ignore``), which only InvenTree's permission sync
uses; rulesets newer than 1.1 (transfer orders).
"""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _
from generic.enums import StringEnum


class RuleSetEnum(StringEnum):
    """Names of the rulesets a group's permissions are granted by."""

    ADMIN = "admin"
    PART_CATEGORY = "part_category"
    PART = "part"
    STOCK_LOCATION = "stock_location"
    STOCK = "stock"
    BUILD = "build"
    PURCHASE_ORDER = "purchase_order"
    SALES_ORDER = "sales_order"
    RETURN_ORDER = "return_order"


_LABELS = {
    RuleSetEnum.ADMIN: _("Admin"),
    RuleSetEnum.PART_CATEGORY: _("Part Categories"),
    RuleSetEnum.PART: _("Parts"),
    RuleSetEnum.STOCK_LOCATION: _("Stock Locations"),
    RuleSetEnum.STOCK: _("Stock Items"),
    RuleSetEnum.BUILD: _("Build Orders"),
    RuleSetEnum.PURCHASE_ORDER: _("Purchase Orders"),
    RuleSetEnum.SALES_ORDER: _("Sales Orders"),
    RuleSetEnum.RETURN_ORDER: _("Return Orders"),
}

#: (ruleset, label) pairs, in InvenTree's order.
RULESET_CHOICES = list(_LABELS.items())

#: The ruleset names.
RULESET_NAMES = [name for name, _label in RULESET_CHOICES]

#: The permissions each ruleset grants or not.
RULESET_PERMISSIONS = ["view", "add", "change", "delete"]

__all__ = ["RULESET_CHOICES", "RULESET_NAMES", "RULESET_PERMISSIONS", "RuleSetEnum"]
