"""InvenTree modules and settings real plugins use at load time (from the real-plugin corpus).

``common.notifications``, ``InvenTree.helpers_model``, ``users.ruleset``,
``InvenTree.status_codes``, ``part.serializers``, the added ``InvenTree.helpers`` names,
``plugin.machine.MachineProperty``, ``report.models.DataOutput``, the part parameter and
stock location type models, InvenTree-like Django settings (``BASE_DIR``, ``MEDIA_ROOT``, ...)
and ``InvenTree.filters``, which needs django-filter like InvenTree's own module.
"""

from __future__ import annotations

import importlib.util

import pytest

from .helpers import StandinError, run_in_standin


def test_settings_plugins_read_exist_with_inventree_types() -> None:
    result = run_in_standin(
        """
from pathlib import Path
from django.conf import settings
from creator.standin import SITE_DIR
emit({
    "base_dir": [isinstance(settings.BASE_DIR, Path), settings.BASE_DIR == SITE_DIR],
    "media": [isinstance(settings.MEDIA_ROOT, Path), settings.MEDIA_ROOT.is_dir(),
              settings.MEDIA_URL],
    "static": [settings.STATIC_URL, isinstance(settings.STATIC_ROOT, Path)],
    "site_url": settings.SITE_URL,
    "flags": [settings.PLUGIN_TESTING_EVENTS, settings.TESTING_TABLE_EVENTS,
              settings.PLUGIN_RETRY],
    "workspace": settings.BASE_DIR.absolute().as_posix() != "",
})
""",
        db=False,
    )
    assert result == {
        "base_dir": [True, True],
        "media": [True, True, "/media/"],
        "static": ["/static/", True],
        "site_url": "http://localhost:8000",
        "flags": [False, False, 3],
        "workspace": True,
    }


def test_notifications_bodies_and_notify_users_reach_notification_plugins() -> None:
    result = run_in_standin(
        """
from django.contrib.auth import get_user_model
from common.notifications import NotificationBody, InvenTreeNotificationBodies, logger
from common.notifications import trigger_notification
from InvenTree.helpers_model import notify_users, construct_absolute_url
from plugin import InvenTreePlugin, registry
from plugin.mixins import NotificationMixin
from stock.models import StockLocation

sent = []

class Notify(NotificationMixin, InvenTreePlugin):
    NAME = "Notify"
    SLUG = "notify"
    def send_notification(self, target, category, users, context):
        sent.append([str(target), category, [u.username for u in users], context["name"]])
        return True

registry.load_plugin_class(Notify)
user = get_user_model().objects.create_superuser("admin", "a@example.com", "x")
location = StockLocation.objects.create(name="Shelf")
body = NotificationBody(name="No LED for {instance}", slug="wled.no_led",
                        message="{verbose_name} {instance} has no LED")
notify_users([user], location, StockLocation, content=body)
try:
    trigger_notification(object(), "x", targets=[user])
    missing_ref = None
except KeyError as error:
    missing_ref = "Could not resolve" in str(error)
emit({
    "sent": sent,
    "default": InvenTreeNotificationBodies.NewOrder.slug,
    "logger": logger.name,
    "url": construct_absolute_url("/part/3/"),
    "missing_ref": missing_ref,
})
"""
    )
    assert result["sent"] == [["Shelf", "wled.no_led", ["admin"], "No LED for Shelf"]]
    assert result["default"] == "{app_label}.new_{model_name}"
    assert result["logger"] == "inventree"
    assert result["url"] == "http://localhost:8000/part/3/"
    assert result["missing_ref"] is True


def test_ruleset_enum_works_with_check_user_role() -> None:
    result = run_in_standin(
        """
from django.contrib.auth import get_user_model
from users.permissions import check_user_role
from users.ruleset import RULESET_NAMES, RuleSetEnum
user = get_user_model().objects.create_superuser("admin", "a@example.com", "x")
emit([RuleSetEnum.BUILD == "build", str(RuleSetEnum.SALES_ORDER), "part" in RULESET_NAMES,
      check_user_role(user, RuleSetEnum.PURCHASE_ORDER, "view")])
"""
    )
    assert result == [True, "sales_order", True, True]


def test_helpers_status_codes_serializers_and_models_plugins_import() -> None:
    result = run_in_standin(
        """
from decimal import Decimal
from InvenTree.helpers import DownloadFile, current_date, decimal2string, isNull
from InvenTree.status_codes import StockStatus, BuildStatus
from stock.status_codes import StockStatus as AppStockStatus
from part.models import Part, PartParameter, PartParameterTemplate, PartRelated
from part.models import PartCategoryParameterTemplate
from part.serializers import PartBriefSerializer
from plugin.machine import MachineProperty
from report.models import DataOutput
from stock.models import StockLocation, StockLocationType

part = Part.objects.create(name="R1", IPN="R-1")
template = PartParameterTemplate.objects.create(name="Resistance", units="ohm")
PartParameter.objects.create(part=part, template=template, data="10k")
kind = StockLocationType.objects.create(name="Drawer")
StockLocation.objects.create(name="D1", location_type=kind)
output = DataOutput.objects.create(output_type=DataOutput.OutputType.LABEL, total=2)
output.mark_complete()
response = DownloadFile(b"a,b", filename="my file.csv")
prop: MachineProperty = {"key": "Model", "value": "ZD420"}
emit({
    "same_status": StockStatus is AppStockStatus,
    "helpers": [decimal2string(Decimal("2.500")), isNull("null"), isNull("7"),
                hasattr(current_date(), "isoformat")],
    "download": [response["Content-Disposition"], response["Content-Length"]],
    "brief": sorted(PartBriefSerializer(part, pricing=False).data),
    "parameter": str(part.parameters.get()),
    "output": [output.complete, output.progress],
    "prop": prop["key"],
})
"""
    )
    assert result["same_status"] is True
    assert result["helpers"] == ["2.5", True, False, True]
    assert result["download"] == ["attachment; filename=my_file.csv", "3"]
    assert "pricing_min" not in result["brief"] and {"pk", "IPN", "full_name"} <= set(
        result["brief"]
    )
    assert result["parameter"] == "R1 : Resistance = 10k"
    assert result["output"] == [True, 2]
    assert result["prop"] == "Model"


def test_inventree_filters_needs_django_filter_like_inventree() -> None:
    code = """
from InvenTree.filters import SEARCH_ORDER_FILTER, InvenTreeOrderingFilter
emit([cls.__name__ for cls in SEARCH_ORDER_FILTER])
"""
    if importlib.util.find_spec("django_filters") is None:
        # InvenTree's module imports django_filters too: the check installs it (InvenTree
        # provides it), the stand-in does not fake it.
        with pytest.raises(StandinError, match="No module named 'django_filters'"):
            run_in_standin(code, db=False)
        return
    result = run_in_standin(code, db=False)
    assert result == ["DjangoFilterBackend", "InvenTreeSearchFilter", "InvenTreeOrderingFilter"]
