"""Stand-in for ``plugin.mixins``: the stable import path of every mixin.

Mirrors: ``src/backend/InvenTree/plugin/mixins/__init__.py``. Exports exactly what the
release the stand-in plays exports (creator.facts: ``SupplierMixin`` and the ``supplier``
helper module from 1.1 on); names no modelled release exports (``WellKnownMixin``,
``AllocateMixin``, ``PricingMixin``) are not provided, so importing them fails as there.
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
    "supplier",
]


def _exported() -> list[str]:
    from InvenTree.version import inventreeVersion

    from creator import facts

    return sorted(set(__all__) & set(facts.release(inventreeVersion()).mixins))


__all__ = _exported()
for _name in set(globals()) & {"SupplierMixin", "supplier"} - set(__all__):
    del globals()[_name]  # not exported by the release the stand-in plays
