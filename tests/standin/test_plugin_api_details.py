"""Details of InvenTree's plugin-facing API that the template's mixin examples rely on.

Status code enums, the label-printer machine type (status, rendering, machine state), the
1.x mail hooks, barcode responses of the stand-in models, ``APICallMixin.api_call`` and
``DataExportMixin.export_data``.
"""

from __future__ import annotations

from .helpers import run_in_standin


def test_purchase_order_status_is_a_status_code_enum_like_inventrees() -> None:
    result = run_in_standin(
        """
import json
from generic.states import ColorEnum, StatusCode
from order.status_codes import PurchaseOrderStatus as S, PurchaseOrderStatusGroups as G
placed = S.PLACED
try:
    hash(placed)
    hashable = True
except TypeError:
    hashable = False
emit({
    "subclass": issubclass(S, StatusCode),
    "names": S.names(),
    "member": [placed.value, placed.label, placed.color, placed.color_class, int(placed),
               str(placed), placed == 20, placed != 20, placed == S.PLACED, placed == 10],
    "lookup": [S(20) is placed, S.values(20) is placed, S.values(99), S.text(30),
               S.label(40), S.text(99)],
    "items": S.items(),
    "values": [m.name for m in S.values()],
    "keys": S.keys(),
    "labels": S.labels(),
    "dict": S.dict()["ON_HOLD"],
    "list": S.list()[0],
    "template_context": {k: v for k, v in S.template_context().items() if k != "list"},
    "tag": S.tag(),
    "render": S.render(50),
    "groups": [G.OPEN, G.FAILED, G.COMPLETE],
    "hashable": hashable,
    "json": json.dumps(placed),
})
"""
    )
    assert result["subclass"] is True
    assert result["names"] == {
        "PENDING": 10,
        "PLACED": 20,
        "ON_HOLD": 25,
        "COMPLETE": 30,
        "CANCELLED": 40,
        "LOST": 50,
        "RETURNED": 60,
    }
    assert result["member"] == [
        20,
        "Placed",
        "primary",
        "primary",
        20,
        "20",
        True,
        False,
        True,
        False,
    ]
    assert result["lookup"] == [True, True, None, "Complete", "Cancelled", 99]
    assert result["items"] == [
        [10, "Pending"],
        [20, "Placed"],
        [25, "On Hold"],
        [30, "Complete"],
        [40, "Cancelled"],
        [50, "Lost"],
        [60, "Returned"],
    ]
    assert result["values"] == list(result["names"])
    assert result["keys"] == [10, 20, 25, 30, 40, 50, 60]
    assert result["labels"][:3] == ["Pending", "Placed", "On Hold"]
    assert result["dict"] == {"color": "warning", "key": 25, "label": "On Hold", "name": "ON_HOLD"}
    assert result["list"] == {
        "color": "secondary",
        "key": 10,
        "label": "Pending",
        "name": "PENDING",
    }
    assert result["template_context"] == result["names"]
    assert result["tag"] == "purchase_order"
    assert result["render"] == "<span class='badge rounded-pill bg-warning'>Lost</span>"
    assert result["groups"] == [[10, 25, 20], [40, 50, 60], [30]]
    # InvenTree quirks kept on purpose: unhashable members whose underlying int is 0.
    assert result["hashable"] is False
    assert result["json"] == "0"


def test_status_code_colors_and_other_status_enums() -> None:
    result = run_in_standin(
        """
from generic.states import StatusCode
from order.status_codes import (ReturnOrderLineStatus, ReturnOrderStatus, SalesOrderStatus,
                                SalesOrderStatusGroups, ReturnOrderStatusGroups)
from stock.status_codes import StockHistoryCode, StockStatus, StockStatusGroups
from build.status_codes import BuildStatus, BuildStatusGroups
class Mine(StatusCode):
    A = 1, "A", "danger"
    B = 2, "B"
    C = 3
try:
    class Bad(StatusCode):
        X = 1, 'X', 'pink'
    bad = "accepted"
except ValueError as exc:
    bad = str(exc)
emit({
    "mine": [[m.label, m.color] for m in Mine],
    "bad": bad,
    "so": SalesOrderStatus.names(), "so_groups": [SalesOrderStatusGroups.OPEN,
                                                  SalesOrderStatusGroups.COMPLETE],
    "ro": ReturnOrderStatus.names(), "ro_open": ReturnOrderStatusGroups.OPEN,
    "rol": ReturnOrderLineStatus.names(),
    "stock": StockStatus.names(), "available": StockStatusGroups.AVAILABLE_CODES,
    "history": [StockHistoryCode.CREATED.value, StockHistoryCode.STOCK_MOVE.label],
    "build": BuildStatus.names(), "active": BuildStatusGroups.ACTIVE_CODES,
    "tags": [SalesOrderStatus.tag(), StockStatus.tag(), BuildStatus.tag()],
})
"""
    )
    assert result["mine"] == [["A", "danger"], ["B", "secondary"], [3, "secondary"]]
    assert result["bad"] == "Invalid color value 'pink' for status 'X'"
    assert result["so"] == {
        "PENDING": 10,
        "IN_PROGRESS": 15,
        "SHIPPED": 20,
        "ON_HOLD": 25,
        "COMPLETE": 30,
        "CANCELLED": 40,
        "LOST": 50,
        "RETURNED": 60,
    }
    assert result["so_groups"] == [[10, 25, 15], [20, 30]]
    assert result["ro"] == {
        "PENDING": 10,
        "IN_PROGRESS": 20,
        "ON_HOLD": 25,
        "COMPLETE": 30,
        "CANCELLED": 40,
    }
    assert result["ro_open"] == [10, 25, 20]
    assert list(result["rol"]) == ["PENDING", "RETURN", "REPAIR", "REPLACE", "REFUND", "REJECT"]
    assert result["stock"] == {
        "OK": 10,
        "ATTENTION": 50,
        "DAMAGED": 55,
        "DESTROYED": 60,
        "REJECTED": 65,
        "LOST": 70,
        "QUARANTINED": 75,
        "RETURNED": 85,
    }
    assert result["available"] == [10, 50, 55, 85]
    assert result["history"] == [1, "Location changed"]
    assert result["build"] == {
        "PENDING": 10,
        "PRODUCTION": 20,
        "ON_HOLD": 25,
        "CANCELLED": 30,
        "COMPLETE": 40,
    }
    assert result["active"] == [10, 25, 20]
    assert result["tags"] == ["sales_order", "stock", "build"]


def test_label_printer_status_and_machine_state() -> None:
    result = run_in_standin(
        """
from plugin.machine import BaseMachineType, MachineStatus
import plugin.machine.machine_types as mt
from plugin.machine.machine_types import LabelPrinterBaseDriver, LabelPrinterMachine
Status = LabelPrinterMachine.MACHINE_STATUS

class Driver(LabelPrinterBaseDriver):
    SLUG = "d"
    NAME = "D"
    DESCRIPTION = "Driver"
    MACHINE_SETTINGS = {"HOST": {"name": "Host", "required": True},
                        "PORT": {"name": "Port", "default": "9100"}}
    def init_machine(self, machine):
        if machine.get_setting("HOST", "D") == "boom":
            raise RuntimeError("cannot connect")
        machine.set_status(Status.CONNECTED)
        machine.set_status_text("ready on " + machine.get_setting("PORT", "D"))
    def print_label(self, machine, label, item, **kwargs):
        pass

ok = LabelPrinterMachine(name="Shelf printer", driver=Driver(),
                         settings={("HOST", "D"): "10.0.0.9"})
before = [ok.status is Status.UNKNOWN, ok.initialized]
ok.initialize()
missing = LabelPrinterMachine(name="No host", driver=Driver())
missing.initialize()
broken = LabelPrinterMachine(name="Broken", driver=Driver(), settings={("HOST", "D"): "boom"})
broken.initialize()
ok.handle_error("jam")
ok.restart()
class NoStatus(BaseMachineType):
    SLUG = "x"
    NAME = "X"
    DESCRIPTION = "X"
    base_driver = LabelPrinterBaseDriver
emit({
    "status": [[m.name, m.value, m.label, m.color] for m in Status],
    "is_machine_status": issubclass(Status, MachineStatus),
    "default": LabelPrinterMachine.default_machine_status.name,
    "before": before,
    "ok_after_init": "initialized",
    "ok": [str(ok), ok.status.name, ok.status_text, ok.errors, ok.initialized],
    "missing": [missing.initialized, missing.errors],
    "broken": [broken.initialized, [str(e) for e in broken.errors]],
    "no_driver": LabelPrinterMachine(name="Lost").errors,
    "exports": sorted(mt.__all__),
    "status_exported": hasattr(mt, "LabelPrinterStatus"),
    "required": [LabelPrinterMachine.check_required(), NoStatus.check_required()],
    "location": LabelPrinterMachine(name="L", driver=Driver()).location,
})
"""
    )
    assert result["status"] == [
        ["CONNECTED", 100, "Connected", "success"],
        ["UNKNOWN", 101, "Unknown", "secondary"],
        ["PRINTING", 110, "Printing", "primary"],
        ["NO_MEDIA", 301, "No media", "warning"],
        ["PAPER_JAM", 302, "Paper jam", "warning"],
        ["DISCONNECTED", 400, "Disconnected", "danger"],
    ]
    assert result["is_machine_status"] is True
    assert result["default"] == "UNKNOWN"
    assert result["before"] == [True, False]
    # After restart(): status back to the default, errors and status text cleared.
    assert result["ok"] == ["Shelf printer", "UNKNOWN", "", [], True]
    assert result["missing"] == [False, ["Missing DRIVER settings: HOST"]]
    assert result["broken"] == [False, ["cannot connect"]]
    assert result["no_driver"] == ["Driver not found"]
    assert result["exports"] == ["LabelPrinterBaseDriver", "LabelPrinterMachine"]
    assert result["status_exported"] is False
    assert result["required"] == [[], ["MACHINE_STATUS", "default_machine_status"]]
    assert result["location"] is None


def test_label_printer_driver_sets_status_through_init_machine() -> None:
    result = run_in_standin(
        """
from plugin.machine.machine_types import LabelPrinterBaseDriver, LabelPrinterMachine
class Driver(LabelPrinterBaseDriver):
    SLUG = "d"
    NAME = "D"
    DESCRIPTION = "Driver"
    def init_machine(self, machine):
        machine.set_status(LabelPrinterMachine.MACHINE_STATUS.NO_MEDIA)
    def print_label(self, machine, label, item, **kwargs):
        pass
m = LabelPrinterMachine(name="P", driver=Driver())
m.initialize()
emit([m.status.value, m.status.label, m.initialized])
""",
        db=False,
    )
    assert result == [301, "No media", True]


def test_label_printer_driver_renders_the_stand_in_label_template() -> None:
    result = run_in_standin(
        """
from part.models import Part
from report.models import LabelTemplate
from plugin.machine.machine_types import LabelPrinterBaseDriver
class Driver(LabelPrinterBaseDriver):
    SLUG = "d"
    NAME = "D"
    DESCRIPTION = "Driver"
    def print_label(self, machine, label, item, **kwargs):
        pass
class Ctx(Part):
    class Meta:
        proxy = True
        app_label = "part"
    def report_context(self):
        return {"part": self}
part = Ctx.objects.create(name="Widget (M3)", IPN="W-1")
label = LabelTemplate.objects.create(
    name="Part label", width=62, height=29,
    template="<style>p {color: red}</style><p>{{ part.name }}</p><p>{{ part.IPN }} "
             "{{ width }}x{{ height }} {{ template_name }}</p>")
driver = Driver()
pdf = driver.render_to_pdf_data(label, part)
html = driver.render_to_html(label, part)
try:
    driver.render_to_png(label, part)
    png = "rendered"
except NotImplementedError as exc:
    png = str(exc)
class Response:
    def get_document(self):
        return self
    def write_pdf(self):
        return b"%PDF-from-response"
class Legacy(Driver):
    def render_to_pdf(self, label, item, **kwargs):
        return Response()
xref = int(pdf.rsplit(b"startxref", 1)[1].split()[0])
emit({
    "head": pdf[:8].decode(), "tail": pdf.rstrip().endswith(b"%%EOF"),
    "xref_ok": pdf[xref:xref + 4] == b"xref",
    "text": [b"(Widget \\\\(M3\\\\)) Tj" in pdf, b"(W-1 62x29 Part label) Tj" in pdf,
             b"color" in pdf],
    "mediabox": b"/MediaBox [0 0 175.75 82.20]" in pdf,
    "html": html, "png": png, "legacy": Legacy().render_to_pdf_data(label, part).decode(),
    "same_as_render": driver.render_to_pdf(label, part) == label.render(part),
})
"""
    )
    assert result["head"] == "%PDF-1.4"
    assert result["tail"] is True
    assert result["xref_ok"] is True
    assert result["text"] == [True, True, False]
    assert result["mediabox"] is True
    assert result["html"] == (
        "<style>p {color: red}</style><p>Widget (M3)</p><p>W-1 62x29 Part label</p>"
    )
    assert result["png"] == "stand-in: PNG rendering (pdf2image) is not modelled"
    assert result["legacy"] == "%PDF-from-response"
    assert result["same_as_render"] is True


def test_mail_mixin_has_the_1x_hooks_and_dispatch() -> None:
    result = run_in_standin(
        """
from django.core.mail import EmailMessage
from common.models import InvenTreeSetting
from plugin import InvenTreePlugin, MixinNotImplementedError, registry
from plugin.base.mail.mail import process_mail_in, process_mail_out
from plugin.mixins import MailMixin
seen = []
class Mail(MailMixin, InvenTreePlugin):
    NAME = "Mail"
    def process_mail_out(self, mail, *args, **kwargs):
        seen.append(["out", mail.subject])
    def process_mail_in(self, mail, *args, **kwargs):
        seen.append(["in", mail.subject])
class OutOnly(MailMixin, InvenTreePlugin):
    NAME = "OutOnly"
    def process_mail_out(self, mail, *args, **kwargs):
        raise RuntimeError("plugin bug")
class Bare(MailMixin, InvenTreePlugin):
    NAME = "Bare"
try:
    Bare().process_mail_out(None)
    bare = "no error"
except MixinNotImplementedError:
    bare = "MixinNotImplementedError"
registry.load_plugin_class(Mail)
registry.load_plugin_class(OutOnly)
message = EmailMessage("Hello", "Body", to=["a@example.com"])
disabled = [process_mail_out(message), process_mail_in(message)]
InvenTreeSetting.set_setting("ENABLE_PLUGINS_MAILS", True)
enabled = [process_mail_out([message, EmailMessage("Second")]), process_mail_in(message),
           process_mail_in(None, mail_id=1)]
emit({
    "bare": bare,
    "mixin_attrs": [hasattr(MailMixin, "process_mail"), hasattr(MailMixin, "process_mail_in")],
    "key": [e["key"] for e in Mail().registered_mixins],
    "disabled": disabled, "enabled": enabled, "seen": seen,
})
"""
    )
    assert result["bare"] == "MixinNotImplementedError"
    assert result["mixin_attrs"] == [False, False]
    assert result["key"] == ["mail"]
    assert result["disabled"] == [False, False]
    # OutOnly raises in process_mail_out and has no process_mail_in: logged, dispatch goes on.
    assert result["enabled"] == [True, True, False]
    assert result["seen"] == [["out", "Hello"], ["out", "Second"], ["in", "Hello"]]


def test_barcode_capable_models_format_matched_responses() -> None:
    result = run_in_standin(
        """
from build.models import Build
from company.models import Company, SupplierPart
from order.models import PurchaseOrder, SalesOrder
from part.models import Part, PartCategory
from stock.models import StockItem, StockLocation
part = Part.objects.create(name="Bolt")
location = StockLocation.objects.create(name="Shelf")
item = StockItem.objects.create(part=part, location=location)
company = Company.objects.create(name="ACME")
objects = [
    part, item, location,
    SupplierPart.objects.create(part=part, supplier=company, SKU="B-1"),
    PurchaseOrder.objects.create(reference="PO-1"),
    SalesOrder.objects.create(reference="SO-1"),
    Build.objects.create(reference="BO-1", part=part),
]
item.barcode_hash = "abc"
item.save()
emit({
    "responses": {o.barcode_model_type(): o.format_matched_response() for o in objects},
    "pks": {o.barcode_model_type(): o.pk for o in objects},
    "lookup": [StockItem.lookup_barcode("abc") == item, StockItem.lookup_barcode("x")],
    "category": hasattr(PartCategory, "format_matched_response"),
})
"""
    )
    pks = result["pks"]
    urls = {
        "part": ("/api/part/", "/web/part/"),
        "stockitem": ("/api/stock/", "/web/stock/item/"),
        "stocklocation": ("/api/stock/location/", "/web/stock/location/"),
        "supplierpart": ("/api/company/part/", "/web/purchasing/supplier-part/"),
        "purchaseorder": ("/api/order/po/", "/web/purchasing/purchase-order/"),
        "salesorder": ("/api/order/so/", "/web/sales/sales-order/"),
        "build": ("/api/build/", "/web/manufacturing/build-order/"),
    }
    assert result["responses"] == {
        key: {"pk": pks[key], "api_url": f"{api}{pks[key]}/", "web_url": f"{web}{pks[key]}"}
        for key, (api, web) in urls.items()
    }
    assert result["lookup"] == [True, None]
    assert result["category"] is False


def test_api_call_uses_requests_request_with_keywords() -> None:
    result = run_in_standin(
        """
from unittest import mock
from plugin import InvenTreePlugin
from plugin.mixins import APICallMixin, SettingsMixin
class Api(APICallMixin, SettingsMixin, InvenTreePlugin):
    NAME = "Api"
    SETTINGS = {"URL": {"name": "URL", "default": "api.example.com"},
                "TOKEN": {"name": "Token", "default": "t0k"}}
    API_URL_SETTING = "URL"
    API_TOKEN_SETTING = "TOKEN"
p = Api()
calls = []
with mock.patch("requests.request") as request:
    request.return_value.json.return_value = {"ok": True}
    simple = p.api_call("/items", url_args={"ids": [1, 2], "q": "x"}, timeout=5)
    p.api_call("items", method="POST", json={"a": 1}, simple_response=False, url="ignored")
    p.api_call("https://other.example.com/x", endpoint_is_url=True, data="raw", headers={})
    for call in request.call_args_list:
        calls.append([list(call.args), call.kwargs])
try:
    p.api_call("x", data="a", json={"b": 1})
    both = "accepted"
except ValueError as exc:
    both = str(exc)
emit({"simple": simple, "calls": calls, "both": both})
""",
        db=True,
    )
    headers = {"Content-Type": "application/json", "Bearer": "t0k", "Authorization": "Bearer t0k"}
    assert result["simple"] == {"ok": True}
    assert result["calls"] == [
        [
            ["GET"],
            {
                "url": "https://api.example.com/items?ids=1,2&q=x",
                "headers": headers,
                "timeout": 5,
            },
        ],
        [
            ["POST"],
            {"url": "https://api.example.com/items", "headers": headers, "data": '{"a": 1}'},
        ],
        [["GET"], {"url": "https://other.example.com/x", "headers": {}, "data": "raw"}],
    ]
    assert result["both"] == "You can either pass `data` or `json` to this function."


def test_data_export_passes_exporting_true_to_the_serializer() -> None:
    result = run_in_standin(
        """
from rest_framework import serializers
from part.models import Part
from plugin import InvenTreePlugin
from plugin.mixins import DataExportMixin
seen = []
class Rows(serializers.ModelSerializer):
    class Meta:
        model = Part
        fields = ["pk", "name"]
    def __init__(self, *args, exporting=False, **kwargs):
        seen.append(exporting)
        super().__init__(*args, **kwargs)
class Plain(serializers.ModelSerializer):
    class Meta:
        model = Part
        fields = ["pk"]
class Exporter(DataExportMixin, InvenTreePlugin):
    NAME = "Exporter"
Part.objects.create(name="Nut")
rows = Exporter().export_data(Part.objects.all(), Rows, {}, {}, None)
try:
    Exporter().export_data(Part.objects.all(), Plain, {}, {}, None)
    plain = "accepted"
except TypeError as exc:
    plain = "TypeError"
emit({"rows": [dict(r) for r in rows], "is_list": isinstance(rows, list), "seen": seen,
      "plain": plain})
"""
    )
    assert result["rows"] == [{"pk": 1, "name": "Nut"}]
    assert result["is_list"] is True
    assert result["seen"] == [True]
    assert result["plain"] == "TypeError"
