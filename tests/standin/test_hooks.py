"""Hooks whose signature changed between releases take the played release's (creator.facts).

creator.standin.hooks gives each versioned hook the signature InvenTree's sources have in the
release the stand-in plays, and refuses a call that release would refuse, so a plugin calling a
hook the way another release does fails here as it would there.
"""

from __future__ import annotations

import pytest

from creator.standin.hooks import parse

from .helpers import run_in_standin

VERSIONED = [
    ("BarcodeMixin", "scan"),
    ("SupplierBarcodeMixin", "scan"),
    ("ReportMixin", "add_report_context"),
    ("ReportMixin", "add_label_context"),
    ("ReportMixin", "report_callback"),
    ("DataExportMixin", "export_data"),
    ("DataExportMixin", "supports_export"),
    ("DataExportMixin", "update_headers"),
    ("LabelPrintingMixin", "render_to_pdf"),
    ("LabelPrintingMixin", "render_to_html"),
    ("LabelPrintingMixin", "render_to_png"),
]


def test_parse_reads_facts_signature_text() -> None:
    """Names, kinds and literal defaults; annotations are dropped."""
    signature = parse("(self, data: str, user, *args, cache: bool=False, sep: str=',', **kwargs)")
    assert str(signature) == "(self, data, user, *args, cache=False, sep=',', **kwargs)"


@pytest.mark.parametrize("release", ["1.0", "1.2", "1.4", "1.5"])
def test_versioned_hooks_have_the_release_signature(release: str) -> None:
    """inspect.signature of each versioned hook is the one extracted from that release."""
    from creator import facts

    found = run_in_standin(
        f"""
import inspect
import plugin.mixins as m
hooks = {VERSIONED!r}
emit({{f"{{c}}.{{h}}": str(inspect.signature(getattr(getattr(m, c), h))) for c, h in hooks}})
""",
        version=f"{release}.0",
        db=False,
    )
    hooks = facts.release(release).mixins
    assert found == {
        f"{mixin}.{hook}": str(parse(hooks[mixin].hooks[hook])) for mixin, hook in VERSIONED
    }


SCAN = """
from django.contrib.auth.models import User
from plugin import InvenTreePlugin
from plugin.mixins import BarcodeMixin
from part.models import Part
class Scanner(BarcodeMixin, InvenTreePlugin):
    NAME = "scanner"
part = Part.objects.create(name="P", description="d")
user = User.objects.create_superuser(username="u", password="x")
results = {}
for name, call in {
    "without user": lambda: Scanner().scan("x"),
    "with user": lambda: Scanner().scan("x", user=user),
}.items():
    try:
        results[name] = call()
    except TypeError as error:
        results[name] = "TypeError: " + str(error)
try:
    results["response"] = part.format_matched_response(user=user)
except TypeError as error:
    results["response"] = "TypeError: " + str(error)
emit(results)
"""


def test_scan_before_1_4_takes_only_the_barcode() -> None:
    """1.3: scan(data) is fine, scan(data, user=...) is a TypeError naming the release."""
    results = run_in_standin(SCAN, version="1.3.0")
    assert results["without user"] is None
    assert results["with user"].startswith("TypeError: BarcodeMixin.scan() got an unexpected")
    assert "InvenTree 1.3" in results["with user"]
    assert results["response"].startswith("TypeError")


def test_scan_from_1_4_takes_the_user() -> None:
    """1.4: the user is required, and format_matched_response checks the user's permission."""
    results = run_in_standin(SCAN, version="1.4.0")
    assert "missing a required argument: 'user'" in results["without user"]
    assert results["with user"] is None
    assert results["response"]["pk"] == 1


def test_matched_response_refuses_users_without_view_permission() -> None:
    """1.4 on: a user who may not view the object gets PermissionDenied."""
    denied = run_in_standin(
        """
from django.contrib.auth.models import User
from django.core.exceptions import PermissionDenied
from part.models import Part
part = Part.objects.create(name="P", description="d")
user = User.objects.create_user(username="nobody", password="x")
try:
    part.format_matched_response(user=user)
    emit(False)
except PermissionDenied:
    emit(True)
""",
        version="1.5.0",
    )
    assert denied is True


@pytest.mark.parametrize(("release", "seen"), [("1.1.0", None), ("1.2.0", 1)])
def test_export_data_hands_serializer_context_on_from_1_2(release: str, seen: int | None) -> None:
    """1.2 added serializer_context and gives it to the serializer; 1.1 takes it in **kwargs."""
    result = run_in_standin(
        """
from rest_framework import serializers
from plugin import InvenTreePlugin
from plugin.mixins import DataExportMixin
from part.models import Part
Part.objects.create(name="P", description="d")
class Rows(serializers.ModelSerializer):
    class Meta:
        model = Part
        fields = ["pk"]
    def __init__(self, *args, exporting=False, **kwargs):
        super().__init__(*args, **kwargs)
        seen.append(self.context.get("marker"))
class Exporter(DataExportMixin, InvenTreePlugin):
    NAME = "exporter"
seen = []
rows = Exporter().export_data(
    Part.objects.all(), Rows, {}, {}, None, serializer_context={"marker": 1}
)
emit([seen, len(rows)])
""",
        version=release,
    )
    assert result == [[seen], 1]


@pytest.mark.parametrize(
    ("release", "present", "absent"),
    [("1.1.0", "validate_part_parameter", "validate_parameter"),
     ("1.2.0", "validate_parameter", "validate_part_parameter")],
)  # fmt: skip
def test_validation_parameter_hook_renamed_in_1_2(release: str, present: str, absent: str) -> None:
    """ValidationMixin has the parameter hook under the name the release uses."""
    names = run_in_standin(
        "from plugin.mixins import ValidationMixin\n"
        f"emit([hasattr(ValidationMixin, {present!r}), hasattr(ValidationMixin, {absent!r})])",
        version=release,
        db=False,
    )
    assert names == [True, False]


LABELS = """
from types import SimpleNamespace
from plugin import InvenTreePlugin
from plugin.mixins import LabelPrintingMixin
seen = []
class Label:
    width = height = 10
    def render(self, instance, request=None, **kwargs):
        seen.append(kwargs.get("user") or getattr(request, "user", None))
        return b"PDF"
class Printer(LabelPrintingMixin, InvenTreePlugin):
    NAME = "printer"
    def print_label(self, **kwargs):
        seen.append(kwargs["user"])
request = SimpleNamespace(user="requester")
Printer().print_labels(Label(), None, [SimpleNamespace(pk=1)], request, **KWARGS)
emit(seen)
"""


@pytest.mark.parametrize(
    ("release", "kwargs", "user"),
    [("1.3.0", {}, "requester"), ("1.4.0", {"user": "printer"}, "printer")],
)
def test_print_labels_passes_the_user_from_1_4(
    release: str, kwargs: dict[str, str], user: str
) -> None:
    """1.4 on: the user given to print_labels reaches the label and print_label."""
    seen = run_in_standin(LABELS.replace("KWARGS", repr(kwargs)), version=release)
    assert seen == [user, user]
