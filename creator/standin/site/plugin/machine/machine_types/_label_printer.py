"""Stand-in for ``machine.machine_types.label_printer`` (via ``plugin.machine.machine_types``).

Mirrors: ``src/backend/InvenTree/machine/machine_types/label_printer.py`` (1.x).
``LabelPrinterBaseDriver`` has ``print_label`` (must be implemented) and ``print_labels`` (calls
it per item), ``get_printing_options_serializer`` and the render helpers:
``render_to_pdf(label, item, **kwargs)`` renders through ``label.render(item, request)`` with a
dummy anonymous request; ``render_to_pdf_data`` returns the PDF bytes (for a rendered response
object with ``get_document()``, as older InvenTree returned, it calls ``.get_document()
.write_pdf()``); ``render_to_html`` returns ``label.render_as_string(item, request)``. With the
stand-in's ``report.models.LabelTemplate`` these give real (text-only) PDF bytes and HTML.
``render_to_png`` is NOT modelled (needs pdf2image/poppler) and raises NotImplementedError.
``LabelPrinterMachine`` has ``MACHINE_STATUS = LabelPrinterStatus``, ``default_machine_status``
``UNKNOWN`` and the ``location`` property. As in InvenTree, ``LabelPrinterStatus`` is not exported
by ``plugin.machine.machine_types``: reach it as ``LabelPrinterMachine.MACHINE_STATUS``.
Left out: the builtin ``inventreelabelmachine`` plugin InvenTree routes rendering through (its
error wrapping into ValidationError), ``get_printers`` (needs the machine registry),
``USE_BACKGROUND_WORKER`` offloading and the print API.
"""

from __future__ import annotations

from typing import Any, ClassVar

from generic.states import ColorEnum
from rest_framework import serializers

from plugin.machine import BaseDriver, BaseMachineType, MachineStatus, _abstract


class LabelPrinterBaseDriver(BaseDriver):
    """Base of label-printer drivers."""

    machine_type = "label-printer"
    USE_BACKGROUND_WORKER = True
    REQUIRED_METHODS: ClassVar[list[str]] = ["print_label"]

    class PrintingOptionsSerializer(serializers.Serializer):
        copies = serializers.IntegerField(default=1, label="Copies")

    @_abstract
    def print_label(self, machine: Any, label: Any, item: Any, **kwargs: Any) -> None:
        raise NotImplementedError("print_label must be implemented by the driver")

    def print_labels(self, machine: Any, label: Any, items: Any, **kwargs: Any) -> None:
        """Print each item; override for batch printing."""
        for item in items:
            self.print_label(machine, label, item, **kwargs)

    def get_printers(self, label: Any, items: Any, **kwargs: Any) -> list[Any]:
        raise NotImplementedError("stand-in: the machine registry is not modelled")

    def get_printing_options_serializer(self, request: Any, *args: Any, **kwargs: Any) -> Any:
        return self.PrintingOptionsSerializer(*args, **kwargs)

    def render_to_pdf(self, label: Any, item: Any, **kwargs: Any) -> Any:
        """Render ``label`` for ``item`` to PDF (bytes with the stand-in's LabelTemplate)."""
        return label.render(item, self._get_dummy_request())

    def render_to_pdf_data(self, label: Any, item: Any, **kwargs: Any) -> bytes:
        """Render ``label`` for ``item`` and return the PDF as bytes."""
        pdf = self.render_to_pdf(label, item, **kwargs)
        if hasattr(pdf, "get_document"):
            return pdf.get_document().write_pdf()
        return pdf

    def render_to_html(self, label: Any, item: Any, **kwargs: Any) -> str:
        """Render ``label`` for ``item`` to an HTML string."""
        return label.render_as_string(item, self._get_dummy_request())

    def render_to_png(self, label: Any, item: Any, **kwargs: Any) -> Any:
        raise NotImplementedError("stand-in: PNG rendering (pdf2image) is not modelled")

    def _get_dummy_request(self) -> Any:
        from django.contrib.auth.models import AnonymousUser
        from django.http import HttpRequest

        request = HttpRequest()
        request.META["SERVER_PORT"] = "80"
        request.META["SERVER_NAME"] = "localhost"
        request.user = AnonymousUser()
        return request


class LabelPrinterStatus(MachineStatus):
    """Status codes of a label printer."""

    CONNECTED = 100, "Connected", ColorEnum.success
    UNKNOWN = 101, "Unknown", ColorEnum.secondary
    PRINTING = 110, "Printing", ColorEnum.primary
    NO_MEDIA = 301, "No media", ColorEnum.warning
    PAPER_JAM = 302, "Paper jam", ColorEnum.warning
    DISCONNECTED = 400, "Disconnected", ColorEnum.danger


class LabelPrinterMachine(BaseMachineType):
    """The ``label-printer`` machine type."""

    SLUG = "label-printer"
    NAME = "Label Printer"
    DESCRIPTION = "Directly print labels for various items."
    base_driver = LabelPrinterBaseDriver
    MACHINE_SETTINGS: ClassVar[dict[str, dict[str, Any]]] = {
        "LOCATION": {
            "name": "Printer Location",
            "description": "Scope the printer to a specific location",
            "model": "stock.stocklocation",
        }
    }
    MACHINE_STATUS = LabelPrinterStatus
    default_machine_status = LabelPrinterStatus.UNKNOWN

    @property
    def location(self) -> Any:
        """The StockLocation of the LOCATION machine setting, or None."""
        location_pk = self.get_setting("LOCATION", "M")
        if not location_pk:
            return None
        from stock.models import StockLocation

        return StockLocation.objects.get(pk=location_pk)
