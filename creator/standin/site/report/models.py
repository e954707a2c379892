"""Stand-in for ``report.models``: ``LabelTemplate`` and ``ReportTemplate`` rows.

Mirrors: ``src/backend/InvenTree/report/models.py``. Fields kept: name, description, template,
model_type, enabled, and width/height for labels. ``template`` holds the Django template SOURCE
text (InvenTree stores an uploaded file).

Rendering is modelled minimally, without WeasyPrint: ``get_context(instance, request, user=...)``
(the user given, else the request's: InvenTree 1.4 passes the user) is the
base context (``base_url``, ``date``, ``datetime``, ``template``, ``template_name``,
``template_description``, ``template_revision``, ``user``) plus ``instance.report_context()``
when the instance has one (the stand-in models do not) plus, for labels, ``width``/``height``/
``page_style``. ``render_as_string`` renders the template text with Django's template engine.
``render`` returns real PDF bytes like InvenTree 1.x's ``render`` (bytes): a one-page PDF of the
label/page size whose content is the rendered text with HTML tags stripped, drawn in Helvetica.
It is NOT a layout engine: CSS, images, barcodes and QR codes are not drawn.
``generate_filename`` renders ``filename_pattern``. The context TypedDicts
``BaseContextExtension``, ``LabelContextExtension`` and ``ReportContextExtension`` name what
``get_context`` adds; ``ReportSnippet`` is a template fragment reports include (its text). Left
out: printing/merging reports, attachments, plugin report context for labels, template upload
handling and the API.
"""

from __future__ import annotations

import datetime
import html
import re
from typing import Any, TypedDict

from common.models import DataOutput  # noqa: F401  (InvenTree's report.models imports it)
from django.db import models
from django.template import Context, Template

_MM = 72 / 25.4  # PDF points per millimetre


def _pdf_text(text: str) -> str:
    text = text.encode("latin-1", "replace").decode("latin-1")
    return text.replace("\\", "\\\\").replace("(", "\\(").replace(")", "\\)")


def minimal_pdf(text: str, width_mm: float, height_mm: float) -> bytes:
    """A valid one-page PDF (page ``width_mm`` x ``height_mm``) showing ``text`` line by line."""
    width, height = max(width_mm, 1) * _MM, max(height_mm, 1) * _MM
    size = 8
    lines = [line.strip() for line in text.splitlines() if line.strip()]
    ops = [f"BT /F1 {size} Tf {size + 2} TL 2 {height - size - 2:.2f} Td"]
    ops += [f"({_pdf_text(line)}) Tj T*" for line in lines]
    ops.append("ET")
    stream = "\n".join(ops).encode("latin-1")
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        (
            f"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 {width:.2f} {height:.2f}] "
            "/Resources << /Font << /F1 4 0 R >> >> /Contents 5 0 R >>"
        ).encode(),
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
        b"<< /Length " + str(len(stream)).encode() + b" >>\nstream\n" + stream + b"\nendstream",
    ]
    out = bytearray(b"%PDF-1.4\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += f"{number} 0 obj\n".encode() + body + b"\nendobj\n"
    xref = len(out)
    out += f"xref\n0 {len(objects) + 1}\n0000000000 65535 f \n".encode()
    out += b"".join(f"{offset:010d} 00000 n \n".encode() for offset in offsets)
    out += (
        f"trailer\n<< /Size {len(objects) + 1} /Root 1 0 R >>\nstartxref\n{xref}\n%%EOF\n".encode()
    )
    return bytes(out)


def _strip_html(markup: str) -> str:
    markup = re.sub(r"(?is)<(style|script|head)\b.*?</\1>", "", markup)
    markup = re.sub(r"(?i)<br\s*/?>|</(p|div|tr|li|h[1-6])>", "\n", markup)
    return html.unescape(re.sub(r"<[^>]+>", "", markup))


class BaseContextExtension(TypedDict):
    """What every report and label context has besides the instance's own context."""

    base_url: str
    date: datetime.date
    datetime: datetime.datetime
    template: Any
    template_description: str
    template_name: str
    template_revision: int
    user: Any


class LabelContextExtension(TypedDict):
    """What a label context adds: its size in mm and the CSS page rule."""

    width: float
    height: float
    page_style: str | None


class ReportContextExtension(TypedDict):
    """What a report context adds: page size, orientation, merged output."""

    page_size: str
    landscape: bool
    merge: bool


class _Template(models.Model):
    name = models.CharField(max_length=100)
    description = models.CharField(max_length=250, blank=True)
    template = models.TextField(blank=True)
    model_type = models.CharField(max_length=100, blank=True)
    enabled = models.BooleanField(default=True)
    filename_pattern = models.CharField(max_length=100, default="output.pdf")
    revision = models.PositiveIntegerField(default=1, editable=False)

    class Meta:
        abstract = True

    def __str__(self) -> str:
        return self.name

    def page_size_mm(self) -> tuple[float, float]:
        return (210.0, 297.0)

    def base_context(self, request: Any = None, **kwargs: Any) -> dict[str, Any]:
        # InvenTree 1.4 passes the user (`user=`); earlier releases the request.
        user = kwargs.get("user") or (getattr(request, "user", None) if request else None)
        return {
            "base_url": "",
            "date": datetime.date.today(),
            "datetime": datetime.datetime.now(),
            "template": self,
            "template_description": self.description,
            "template_name": self.name,
            "template_revision": self.revision,
            "user": user,
        }

    def get_context(self, instance: Any, request: Any = None, **kwargs: Any) -> dict[str, Any]:
        context = self.base_context(request, **kwargs)
        report_context = getattr(instance, "report_context", None)
        if callable(report_context):
            context.update(report_context())
        return context

    def generate_filename(self, context: dict[str, Any], **kwargs: Any) -> str:
        return Template(self.filename_pattern).render(Context(context))

    def render_as_string(
        self,
        instance: Any,
        request: Any = None,
        context: dict[str, Any] | None = None,
        **kwargs: Any,
    ) -> str:
        """The template text rendered against ``instance`` (HTML)."""
        if context is None:
            context = self.get_context(instance, request, **kwargs)
        return Template(self.template).render(Context(context))

    def render(
        self,
        instance: Any,
        request: Any = None,
        context: dict[str, Any] | None = None,
        **kwargs: Any,
    ) -> bytes:
        """PDF bytes of the rendered template (text only, see the module docstring)."""
        markup = self.render_as_string(instance, request, context, **kwargs)
        return minimal_pdf(_strip_html(markup), *self.page_size_mm())


class LabelTemplate(_Template):
    width = models.FloatField(default=50)
    height = models.FloatField(default=20)

    class Meta:
        app_label = "report"

    def page_size_mm(self) -> tuple[float, float]:
        return (self.width, self.height)

    def get_context(self, instance: Any, request: Any = None, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context(instance, request, **kwargs)
        context.update(width=self.width, height=self.height, page_style=None)
        return context


class ReportTemplate(_Template):
    page_size = models.CharField(max_length=20, default="A4")
    landscape = models.BooleanField(default=False)

    class Meta:
        app_label = "report"


class ReportSnippet(models.Model):
    """A template fragment reports include (the text, where InvenTree stores a file)."""

    snippet = models.TextField(blank=True)
    description = models.CharField(max_length=250, blank=True)

    class Meta:
        app_label = "report"
