"""Stand-in for ``plugin.machine.machine_types``: the label-printer machine type.

Mirrors: ``src/backend/InvenTree/machine/machine_types/label_printer.py``.
``LabelPrinterBaseDriver.print_label`` must be implemented; ``print_labels`` calls it per item.
``render_to_pdf`` delegates to ``label.render`` (the stand-in's templates do not render).
Left out: printer status/location settings storage and the print API.
"""

from __future__ import annotations

from typing import Any, ClassVar

from rest_framework import serializers

from plugin.machine import BaseDriver, BaseMachineType, _abstract


class LabelPrinterBaseDriver(BaseDriver):
    """Base of label-printer drivers."""

    machine_type = "label-printer"
    REQUIRED_METHODS: ClassVar[list[str]] = ["print_label"]

    class PrintingOptionsSerializer(serializers.Serializer):
        copies = serializers.IntegerField(default=1, min_value=1)

    @_abstract
    def print_label(self, machine: Any, label: Any, item: Any, **kwargs: Any) -> None:
        raise NotImplementedError("print_label must be implemented by the driver")

    def print_labels(self, machine: Any, label: Any, items: Any, **kwargs: Any) -> None:
        """Print each item; override for batch printing."""
        for item in items:
            self.print_label(machine, label, item, **kwargs)

    def render_to_pdf(self, label: Any, item: Any, **kwargs: Any) -> bytes:
        return label.render(item, kwargs.get("request"))

    def get_printers(self, label: Any, items: Any, **kwargs: Any) -> list[Any]:
        raise NotImplementedError("stand-in: the machine registry is not modelled")


class LabelPrinterMachine(BaseMachineType):
    """The ``label-printer`` machine type."""

    SLUG = "label-printer"
    NAME = "Label Printer"
    DESCRIPTION = "Device used to print labels"
    base_driver = LabelPrinterBaseDriver
    MACHINE_SETTINGS: ClassVar[dict[str, dict[str, Any]]] = {
        "LOCATION": {
            "name": "Printer Location",
            "description": "Scope the printer to a specific location",
            "model": "stock.stocklocation",
        }
    }


__all__ = ["LabelPrinterBaseDriver", "LabelPrinterMachine"]
