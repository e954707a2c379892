"""Stand-in for ``plugin.mixins``: the stable import path of every mixin.

Mirrors: ``src/backend/InvenTree/plugin/mixins/__init__.py``. Exports exactly the 1.x list
(spec 2.2) plus the newest-master additions ``SupplierMixin`` (with the ``supplier`` helper
module) and ``WellKnownMixin``. ``AllocateMixin`` and ``PricingMixin`` are NOT provided (their
registration keys and behaviour were not verified), so importing them fails like on 1.x.
"""

from plugin.base.action.mixins import ActionMixin
from plugin.base.barcodes.mixins import BarcodeMixin, SupplierBarcodeMixin
from plugin.base.event.mixins import EventMixin
from plugin.base.icons.mixins import IconPackMixin
from plugin.base.integration.APICallMixin import APICallMixin
from plugin.base.integration.AppMixin import AppMixin
from plugin.base.integration.CurrencyExchangeMixin import CurrencyExchangeMixin
from plugin.base.integration.DataExport import DataExportMixin
from plugin.base.integration.MachineMixin import MachineDriverMixin
from plugin.base.integration.NavigationMixin import NavigationMixin
from plugin.base.integration.NotificationMixin import NotificationMixin
from plugin.base.integration.ReportMixin import ReportMixin
from plugin.base.integration.ScheduleMixin import ScheduleMixin
from plugin.base.integration.SettingsMixin import SettingsMixin
from plugin.base.integration.TransitionMixin import TransitionMixin
from plugin.base.integration.UrlsMixin import UrlsMixin
from plugin.base.integration.ValidationMixin import ValidationMixin
from plugin.base.integration.WellKnownMixin import WellKnownMixin
from plugin.base.label.mixins import LabelPrintingMixin
from plugin.base.locate.mixins import LocateMixin
from plugin.base.mail.mixins import MailMixin
from plugin.base.supplier import helpers as supplier
from plugin.base.supplier.mixins import SupplierMixin
from plugin.base.ui.mixins import UserInterfaceMixin

__all__ = [
    "APICallMixin",
    "ActionMixin",
    "AppMixin",
    "BarcodeMixin",
    "CurrencyExchangeMixin",
    "DataExportMixin",
    "EventMixin",
    "IconPackMixin",
    "LabelPrintingMixin",
    "LocateMixin",
    "MachineDriverMixin",
    "MailMixin",
    "NavigationMixin",
    "NotificationMixin",
    "ReportMixin",
    "ScheduleMixin",
    "SettingsMixin",
    "SupplierBarcodeMixin",
    "SupplierMixin",
    "TransitionMixin",
    "UrlsMixin",
    "UserInterfaceMixin",
    "ValidationMixin",
    "WellKnownMixin",
    "supplier",
]
