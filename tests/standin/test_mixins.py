"""Every mixin: export list, registration key, enabled check and documented behaviour."""

from __future__ import annotations

from .helpers import run_in_standin


def test_plugin_mixins_exports_what_the_modelled_release_exports() -> None:
    """The stand-in plays InvenTree 1.5 here: exactly 1.5's `plugin.mixins` list (creator.facts)."""
    from creator import facts

    exported = run_in_standin("import plugin.mixins as m\nemit(sorted(m.__all__))", db=False)
    assert exported == sorted(facts.release("1.5").mixins)
    assert "WellKnownMixin" not in exported


def test_catalog_mixins_are_all_exported() -> None:
    from creator.catalog import load

    exported = run_in_standin("import plugin.mixins as m\nemit(sorted(m.__all__))", db=False)
    assert {mixin.name for mixin in load()} <= set(exported)


# (mixin, registration key, enabled on a bare subclass, MIXIN_NAME)
REGISTRATION = [
    ("ActionMixin", "action", True, "Actions"),
    ("AppMixin", "app", True, "App registration"),
    ("BarcodeMixin", "barcode", True, "Barcode"),
    ("CurrencyExchangeMixin", "currencyexchange", True, "CurrentExchange"),
    ("DataExportMixin", "exporter", True, "DataExport"),
    ("EventMixin", "events", True, "Events"),
    ("IconPackMixin", "icon_pack", True, "icon_pack"),
    ("LabelPrintingMixin", "labels", True, "Label printing"),
    ("LocateMixin", "locate", True, "Locate"),
    ("MachineDriverMixin", "machine", True, "MachineDriver"),
    ("MailMixin", "mail", True, "Mail"),
    ("NavigationMixin", "navigation", False, "Navigation Links"),
    ("NotificationMixin", "notification", True, "notification"),
    ("ReportMixin", "report", True, "ReportContext"),
    ("ScheduleMixin", "schedule", False, "Schedule"),
    ("SettingsMixin", "settings", False, "Settings"),
    ("SupplierBarcodeMixin", "supplier-barcode", True, "Supplier Barcode"),
    ("SupplierMixin", "supplier", True, "Supplier"),
    ("TransitionMixin", "statetransition", False, "StateTransition"),
    ("UrlsMixin", "urls", False, "URLs"),
    ("UserInterfaceMixin", "ui", True, "ui"),
    ("ValidationMixin", "validation", True, "Validation"),
]


def test_registration_keys_enabled_checks_and_names() -> None:
    names = [r[0] for r in REGISTRATION]
    code = f"""
import plugin.mixins as m
from plugin import InvenTreePlugin
out = {{}}
for name in {names!r}:
    cls = type("P" + name, (getattr(m, name), InvenTreePlugin), {{"NAME": "p" + name}})
    p = cls()
    entry = {{e["key"]: e["human_name"] for e in p.registered_mixins}}
    keys = [k for k in entry]
    out[name] = [keys, {{k: p.mixin_enabled(k) for k in keys}}, entry]
emit(out)
"""
    out = run_in_standin(code, db=False)
    for mixin, key, enabled, human in REGISTRATION:
        keys, enabled_map, human_names = out[mixin]
        assert key in keys, (mixin, keys)
        assert enabled_map[key] is enabled, (mixin, enabled_map)
        assert human_names[key] == human, (mixin, human_names)
    # Subclass mixins register their parent's key too.
    assert out["SupplierBarcodeMixin"][0] == ["barcode", "supplier-barcode"]
    assert out["SupplierMixin"][0] == ["settings", "supplier"]


def test_api_call_mixin_raises_when_setting_names_are_missing() -> None:
    result = run_in_standin(
        """
from plugin import InvenTreePlugin, MixinNotImplementedError
from plugin.mixins import APICallMixin, SettingsMixin
from plugin.registry import registry
class NoUrl(APICallMixin, SettingsMixin, InvenTreePlugin):
    NAME = "NoUrl"
class Good(APICallMixin, SettingsMixin, InvenTreePlugin):
    NAME = "Good"
    API_URL_SETTING = "URL"
    API_TOKEN_SETTING = "TOKEN"
    SETTINGS = {"URL": {"default": "api.example.com"}, "TOKEN": {"default": "abc"}}
try:
    NoUrl().mixin_enabled("api_call")
    error = None
except MixinNotImplementedError as exc:
    error = str(exc)
registry.load_plugin_class(NoUrl)
registry.load_plugin_class(Good)
good = registry.get_plugin("good")
emit([error, [p.slug for p in registry.with_mixin("api_call")], good.api_url,
      good.api_headers["Authorization"]])
"""
    )
    assert result == [
        "API_URL_SETTING must be defined",
        ["good"],
        "https://api.example.com",
        "Bearer abc",
    ]


def test_schedule_validation_errors() -> None:
    result = run_in_standin(
        """
from plugin import InvenTreePlugin, MixinImplementationError
from plugin.mixins import ScheduleMixin
cases = {
    "empty": {},
    "no_func": {"t": {"schedule": "H"}},
    "no_schedule": {"t": {"func": "x.y"}},
    "bad_schedule": {"t": {"func": "x.y", "schedule": "Z"}},
    "no_minutes": {"t": {"func": "x.y", "schedule": "i"}},
    "ok": {"t": {"func": "member", "schedule": "I", "minutes": 5}},
}
out = {}
for name, tasks in cases.items():
    cls = type(name, (ScheduleMixin, InvenTreePlugin), {"NAME": name, "SCHEDULED_TASKS": tasks})
    plugin = cls()
    try:
        plugin.scheduled_tasks = plugin.get_scheduled_tasks()
        plugin.validate_scheduled_tasks()
        out[name] = None
    except MixinImplementationError as exc:
        out[name] = str(exc)
emit(out)
""",
        db=False,
    )
    assert result == {
        "empty": "SCHEDULED_TASKS not defined",
        "no_func": "Task 't' is missing 'func' parameter",
        "no_schedule": "Task 't' is missing 'schedule' parameter",
        "bad_schedule": "Task 't': Schedule 'Z' is not a valid option",
        "no_minutes": "Task 't' is missing 'minutes' parameter",
        "ok": None,
    }


def test_invalid_schedule_escapes_at_activation_not_construction() -> None:
    result = run_in_standin(
        """
from plugin import InvenTreePlugin
from plugin.mixins import ScheduleMixin
from plugin.registry import registry
class Sched(ScheduleMixin, InvenTreePlugin):
    NAME = "Sched"
    SCHEDULED_TASKS = {"t": {"func": "x.y", "schedule": "Z"}}
class Good(ScheduleMixin, InvenTreePlugin):
    NAME = "Good"
    SCHEDULED_TASKS = {"beat": {"func": "tick", "schedule": "H"}}
Sched()  # constructing is fine
registry.load_plugin_class(Sched)
registry.load_plugin_class(Good)
emit([registry.errors, registry.scheduled_tasks["plugin.good.beat"]])
"""
    )
    errors, task = result
    assert list(errors) == ["activate_plugins"]
    assert list(errors["activate_plugins"][0].values()) == [
        "Task 't': Schedule 'Z' is not a valid option"
    ]
    assert task["func"] == "plugin.registry.call_plugin_function"
    assert task["args"] == "'good', 'tick'"


def test_navigation_mixin_validates_in_init() -> None:
    result = run_in_standin(
        """
from plugin import InvenTreePlugin
from plugin.mixins import NavigationMixin
from plugin.registry import registry
class Nav(NavigationMixin, InvenTreePlugin):
    NAME = "Nav"
    NAVIGATION = [{"name": "Only a name"}]
class Ok(NavigationMixin, InvenTreePlugin):
    NAME = "Ok"
    NAVIGATION = [{"name": "Home", "link": "plugin:ok:home"}]
assert registry.load_plugin_class(Nav) is None
ok = registry.load_plugin_class(Ok)
emit([list(registry.errors), ok.mixin_enabled("navigation"), ok.navigation_name])
"""
    )
    assert result == [["Nav:init_plugin", "init_plugins"], True, "Ok"]


def test_settings_defaults_validation_and_storage() -> None:
    result = run_in_standin(
        """
from django.core.exceptions import ValidationError
from django.core.validators import MinValueValidator
from django.contrib.auth.models import User
from plugin import InvenTreePlugin
from plugin.mixins import SettingsMixin
from plugin.models import PluginSetting
class S(SettingsMixin, InvenTreePlugin):
    NAME = "S"
    SETTINGS = {
        "COUNT": {"name": "Count", "default": 42, "validator": [int, MinValueValidator(1)]},
        "FLAG": {"name": "Flag", "default": False, "validator": bool},
        "MODE": {"name": "Mode", "default": "a", "choices": [("a", "A"), ("b", "B")]},
        "TEXT": {"name": "Text", "default": lambda: "computed", "required": True},
        "EMPTY": {"name": "Empty", "required": True},
    }
    USER_SETTINGS = {"COLOR": {"name": "Color", "default": "red"}}
s = S()
out = {"defaults": s.get_settings_dict(), "check": list(s.check_settings())}
s.set_setting("COUNT", 7)
s.set_setting("FLAG", True)
errors = []
for key, value in [("COUNT", 0), ("COUNT", "x"), ("MODE", "c"), ("FLAG", "maybe")]:
    try:
        s.set_setting(key, value)
    except ValidationError:
        errors.append(key)
user = User.objects.create_user("u")
s.set_user_setting("COLOR", "blue", user)
out.update(
    after=[s.get_setting("COUNT"), s.get_setting("FLAG")],
    stored=sorted(PluginSetting.objects.values_list("key", "value")),
    errors=errors,
    user=[s.get_user_setting("COLOR", user),
          s.get_user_setting("COLOR", User.objects.create_user("v"))],
    backup=s.get_setting("UNDECLARED", backup_value="fallback"),
)
emit(out)
"""
    )
    assert result["defaults"] == {
        "COUNT": 42,
        "FLAG": False,
        "MODE": "a",
        "TEXT": "computed",
        "EMPTY": None,
    }
    assert result["check"] == [False, ["EMPTY"]]
    assert result["after"] == [7, True]
    assert result["stored"] == [["COUNT", "7"], ["FLAG", "True"]]
    assert result["errors"] == ["COUNT", "COUNT", "MODE", "FLAG"]
    assert result["user"] == ["blue", "red"]
    assert result["backup"] == "fallback"


def test_urls_mixin_mounts_under_plugin_slug() -> None:
    result = run_in_standin(
        """
from django.http import HttpResponse
from django.test import Client
from django.urls import path, reverse
from plugin import InvenTreePlugin
from plugin.mixins import UrlsMixin
from plugin.registry import registry
def hello(request):
    return HttpResponse("hello")
class U(UrlsMixin, InvenTreePlugin):
    NAME = "Url Plugin"
    SLUG = "urlplugin"
    URLS = [path("hello/", hello, name="hello")]
plugin = registry.load_plugin_class(U)
emit([reverse("plugin:urlplugin:hello"), plugin.base_url, plugin.internal_name,
      Client().get("/plugin/urlplugin/hello/").content.decode()])
"""
    )
    assert result == ["/plugin/urlplugin/hello/", "plugin/urlplugin/", "plugin:urlplugin:", "hello"]


def test_broken_setup_urls_is_a_constructor_error() -> None:
    result = run_in_standin(
        """
from plugin import InvenTreePlugin
from plugin.mixins import UrlsMixin
from plugin.registry import registry
class U(UrlsMixin, InvenTreePlugin):
    NAME = "Broken"
    def setup_urls(self):
        raise RuntimeError("no urls today")
registry.load_plugin_class(U)
emit(registry.flat_errors())
"""
    )
    assert {e["stage"] for e in result} == {"Broken:init_plugin", "init_plugins"}
    assert {e["message"] for e in result} == {"no urls today"}


def test_ui_feature_dispatch() -> None:
    result = run_in_standin(
        """
from plugin import InvenTreePlugin
from plugin.mixins import UserInterfaceMixin
from plugin.base.ui.mixins import FEATURE_METHODS
class UI(UserInterfaceMixin, InvenTreePlugin):
    NAME = "UI"
    SLUG = "ui"
    def get_ui_panels(self, request, context, **kwargs):
        if context.get("target_model") != "part":
            return []
        return [{"key": "p", "title": "P", "source": self.plugin_static_file("Panel.js:renderP")}]
    def get_ui_dashboard_items(self, request, context, **kwargs):
        return [{"key": "d", "title": "D", "source": "Dashboard.js"}]
ui = UI()
emit({
    "panel_part": ui.get_ui_features("panel", {"target_model": "part"}, None),
    "panel_order": ui.get_ui_features("panel", {"target_model": "order"}, None),
    "dashboard": [f["key"] for f in ui.get_ui_features("dashboard", {}, None)],
    "others": {t: ui.get_ui_features(t, {}, None)
               for t in FEATURE_METHODS if t not in ("panel", "dashboard")},
    "unknown": ui.get_ui_features("nonsense", {}, None),
    "types": sorted(FEATURE_METHODS),
})
""",
        db=False,
    )
    assert result["panel_part"] == [
        {"key": "p", "title": "P", "source": "/static/plugins/ui/Panel.js:renderP"}
    ]
    assert result["panel_order"] == []
    assert result["dashboard"] == ["d"]
    assert all(v == [] for v in result["others"].values())
    assert result["unknown"] == []
    assert result["types"] == [
        "dashboard",
        "navigation",
        "panel",
        "primary_action",
        "route",
        "spotlight_action",
        "template_editor",
        "template_preview",
    ]


def test_transition_mixin_handlers_must_be_a_list_of_transition_methods() -> None:
    result = run_in_standin(
        """
from generic.states import TransitionMethod
from plugin import InvenTreePlugin
from plugin.mixins import TransitionMixin
class Refuse(TransitionMethod):
    def transition(self, current_state, target_state, instance, default_action, **kwargs):
        return True
class Good(TransitionMixin, InvenTreePlugin):
    NAME = "Good"
    TRANSITION_HANDLERS = [Refuse(), "not a handler"]
class Tuple(TransitionMixin, InvenTreePlugin):
    NAME = "Tuple"
    TRANSITION_HANDLERS = (Refuse(),)
class Classes(TransitionMixin, InvenTreePlugin):
    NAME = "Classes"
    TRANSITION_HANDLERS = [Refuse]
g = Good()
emit([len(g.get_transition_handlers()), g.mixin_enabled("statetransition"),
      Tuple().mixin_enabled("statetransition"), Classes().mixin_enabled("statetransition")])
""",
        db=False,
    )
    assert result == [1, True, False, False]


def test_required_hooks_raise_mixin_not_implemented() -> None:
    result = run_in_standin(
        """
from plugin import InvenTreePlugin, MixinNotImplementedError
import plugin.mixins as m
calls = {
    "EventMixin": lambda p: p.process_event("part_part.created"),
    "LocateMixin": lambda p: p.locate_stock_location(1),
    "CurrencyExchangeMixin": lambda p: p.update_exchange_rates("USD", ["EUR"]),
    "LabelPrintingMixin": lambda p: p.print_label(),
    "SupplierBarcodeMixin": lambda p: p.extract_barcode_fields("x"),
    "IconPackMixin": lambda p: p.icon_packs(),
    "MailMixin": lambda p: p.process_mail_out(None),
    "SupplierMixin": lambda p: p.get_suppliers(),
}
out = {}
for name, call in calls.items():
    cls = type("P" + name, (getattr(m, name), InvenTreePlugin), {"NAME": name, "SETTINGS": {}})
    try:
        call(cls())
        out[name] = "no error"
    except MixinNotImplementedError:
        out[name] = "MixinNotImplementedError"
emit(out)
""",
        db=False,
    )
    assert set(result.values()) == {"MixinNotImplementedError"}


def test_optional_hooks_have_neutral_defaults() -> None:
    result = run_in_standin(
        """
from plugin import InvenTreePlugin
import plugin.mixins as m
class P(m.ValidationMixin, m.ReportMixin, m.EventMixin, m.NotificationMixin, m.ActionMixin,
        m.BarcodeMixin, m.MachineDriverMixin, m.DataExportMixin, InvenTreePlugin):
    NAME = "Neutral"
p = P()
ctx = {}
p.add_report_context(None, None, None, ctx)
emit([p.validate_part_name("x", None), p.wants_process_event("e"), ctx,
      p.send_notification(None, "c", [], {}), p.get_response(None, {}), p.scan("data"),
      p.has_barcode_generation, p.get_machine_types(), p.filter_queryset([1]),
      p.supports_export(object, None)])
""",
        db=False,
    )
    assert result == [
        None,
        True,
        {},
        False,
        {"action": "Neutral", "result": False, "info": None},
        None,
        False,
        [],
        [1],
        True,
    ]


def test_validation_mixin_raise_error_is_a_django_validation_error() -> None:
    result = run_in_standin(
        """
from django.core.exceptions import ValidationError
from plugin import InvenTreePlugin
from plugin.mixins import ValidationMixin
class V(ValidationMixin, InvenTreePlugin):
    NAME = "V"
    def validate_part_name(self, name, part, **kwargs):
        if not name.startswith("X"):
            self.raise_error("Part name must start with X")
try:
    V().validate_part_name("Bolt", None)
except ValidationError as exc:
    emit(exc.messages)
""",
        db=False,
    )
    assert result == ["Part name must start with X"]


def test_supplier_mixin_leaks_into_shared_settings_without_own_dict() -> None:
    result = run_in_standin(
        """
from plugin import InvenTreePlugin
from plugin.mixins import SettingsMixin, SupplierMixin
class Own(SupplierMixin, InvenTreePlugin):
    NAME = "Own"
    SETTINGS = {"KEY": {"name": "Key"}}
class Leaky(SupplierMixin, InvenTreePlugin):
    NAME = "Leaky"
class Bystander(SettingsMixin, InvenTreePlugin):
    NAME = "Bystander"
before = [sorted(Own().settings), sorted(Bystander().settings)]
emit(before + [sorted(Leaky().settings), sorted(Bystander().settings)])
""",
        db=False,
    )
    assert result == [["KEY", "SUPPLIER"], [], ["SUPPLIER"], ["SUPPLIER"]]


def test_label_printing_mixin_print_labels_calls_print_label_per_item() -> None:
    result = run_in_standin(
        """
from plugin import InvenTreePlugin
from plugin.mixins import LabelPrintingMixin
printed = []
class Label:
    width, height = 50, 20
    def render(self, item, request):
        return f"PDF {item}".encode()
class Printer(LabelPrintingMixin, InvenTreePlugin):
    NAME = "Printer"
    def print_label(self, **kwargs):
        printed.append([kwargs["pdf_data"].decode(), kwargs["item_instance"], kwargs["width"]])
Printer().print_labels(Label(), None, ["a", "b"], None)
emit(printed)
""",
        db=False,
    )
    assert result == [["PDF a", "a", 50], ["PDF b", "b", 50]]


def test_label_printer_machine_driver_subclass() -> None:
    result = run_in_standin(
        """
from plugin import InvenTreePlugin
from plugin.machine import BaseDriver
from plugin.machine.machine_types import LabelPrinterBaseDriver, LabelPrinterMachine
from plugin.mixins import MachineDriverMixin
jobs = []
class MyDriver(LabelPrinterBaseDriver):
    SLUG = "my-driver"
    NAME = "My Driver"
    DESCRIPTION = "Prints to a list"
    MACHINE_SETTINGS = {"HOST": {"name": "Host", "default": "localhost"}}
    def print_label(self, machine, label, item, **kwargs):
        jobs.append(item)
class Incomplete(LabelPrinterBaseDriver):
    SLUG = "incomplete"
class P(MachineDriverMixin, InvenTreePlugin):
    NAME = "Machines"
    def get_machine_drivers(self):
        return [MyDriver]
driver = P().get_machine_drivers()[0]()
driver.print_labels(None, None, [1, 2, 3])
emit([jobs, driver.machine_type, LabelPrinterMachine.base_driver is LabelPrinterBaseDriver,
      issubclass(MyDriver, BaseDriver), MyDriver.check_required(), Incomplete.check_required()])
""",
        db=False,
    )
    assert result == [
        [1, 2, 3],
        "label-printer",
        True,
        True,
        [],
        ["NAME", "DESCRIPTION", "print_label"],
    ]


def test_icon_pack_mixin_activation_collects_packs() -> None:
    result = run_in_standin(
        """
from common.icons import IconPack
from plugin import InvenTreePlugin
from plugin.mixins import IconPackMixin
from plugin.registry import registry
class Icons(IconPackMixin, InvenTreePlugin):
    NAME = "Icons"
    def icon_packs(self):
        return [IconPack(name="My", prefix="my", fonts={"woff2": "/static/my.woff2"})]
class Bad(IconPackMixin, InvenTreePlugin):
    NAME = "Bad"
    def icon_packs(self):
        return ["nope"]
registry.load_plugin_class(Icons)
registry.load_plugin_class(Bad)
emit([registry.icon_packs["icons"][0].prefix, list(registry.errors)])
"""
    )
    assert result == ["my", ["activate_plugins"]]


INTERNAL_MODULES = [
    "plugin.base.integration.SettingsMixin",
    "plugin.base.ui.mixins",
    "plugin.base.event.mixins",
    "plugin.base.label.mixins",
    "plugin.base.barcodes.mixins",
    "plugin.base.locate.mixins",
    "plugin.base.icons.mixins",
    "plugin.base.mail.mixins",
    "plugin.helpers",
    "plugin.registry",
    "generic.states",
    "InvenTree.helpers",
    "InvenTree.mixins",
    "InvenTree.serializers",
    "InvenTree.permissions",
    "InvenTree.unit_test",
    "common.models",
    "part.models",
    "stock.models",
    "company.models",
    "report.models",
    "order.models",
    "build.models",
    "users.permissions",
]


def test_internal_module_paths_import() -> None:
    code = "import importlib\nemit([importlib.import_module(m).__name__ for m in %r])"
    assert run_in_standin(code % (INTERNAL_MODULES,), db=False) == INTERNAL_MODULES
