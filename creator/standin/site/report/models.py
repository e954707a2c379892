"""Stand-in for ``report.models``: ``LabelTemplate`` and ``ReportTemplate`` rows.

Mirrors: ``src/backend/InvenTree/report/models.py``. Fields kept: name, description, template
text, model_type, and width/height for labels. Rendering (WeasyPrint, PDF/PNG output) is NOT
modelled: ``render``/``render_as_string`` raise NotImplementedError so a plugin test that
relies on rendering fails loudly instead of receiving fake output.
"""

from __future__ import annotations

from typing import Any

from django.db import models


class _Template(models.Model):
    name = models.CharField(max_length=100)
    description = models.CharField(max_length=250, blank=True)
    template = models.TextField(blank=True)
    model_type = models.CharField(max_length=100, blank=True)
    enabled = models.BooleanField(default=True)

    class Meta:
        abstract = True

    def __str__(self) -> str:
        return self.name

    def render(self, instance: Any, request: Any = None, **kwargs: Any) -> bytes:
        raise NotImplementedError("stand-in: template rendering is not modelled")

    def render_as_string(self, instance: Any, request: Any = None, **kwargs: Any) -> str:
        raise NotImplementedError("stand-in: template rendering is not modelled")


class LabelTemplate(_Template):
    width = models.FloatField(default=50)
    height = models.FloatField(default=20)

    class Meta:
        app_label = "report"


class ReportTemplate(_Template):
    page_size = models.CharField(max_length=20, default="A4")
    landscape = models.BooleanField(default=False)

    class Meta:
        app_label = "report"
