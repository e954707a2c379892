"""Stand-in for ``plugin.base.label.mixins`` (``LabelPrintingMixin``).

Mirrors: ``src/backend/InvenTree/plugin/base/label/mixins.py`` (docs/design/mixins.md).
``print_label`` must be overridden. ``print_labels`` follows InvenTree's loop: for each item render
the label to PDF (``render_to_pdf`` -> ``label.render(item, request)``) and call ``print_label``
with the documented kwargs; from InvenTree 1.4 on it finds the user in ``user=``, the request or the
output (in that order) and passes it to ``render_to_pdf(..., user=user)`` and ``label.render``,
whose ``render_to_*`` take ``user=None`` from 1.4 on (the played release's signature,
creator.standin.hooks). ``label.render`` returns PDF bytes as in InvenTree 1.x; the stand-in's
``report.models.LabelTemplate`` renders a text-only PDF (see its docstring), and tests may pass
any label object with their own ``render``. ``png_file`` is not provided (no
pdf2image); ``BLOCKING_PRINT = False`` still prints inline (no worker).
"""

from __future__ import annotations

from typing import Any

from django.core.files.base import ContentFile
from rest_framework import serializers

from creator.standin.hooks import signature, versioned
from plugin.helpers import MixinNotImplementedError
from plugin.plugin import PluginMixinEnum


def passes_user() -> bool:
    """True from InvenTree 1.4 on: the render hooks take `user` (the facts' signature).

    Printing then hands the printing user on to them and to the label's renderer.
    """
    render = signature("LabelPrintingMixin", "render_to_pdf")
    return render is not None and "user" in render.parameters


class LabelPrintingMixin:
    """Send rendered labels to a printer."""

    BLOCKING_PRINT = True
    PrintingOptionsSerializer: type[serializers.Serializer] | None = None

    class MixinMeta:
        MIXIN_NAME = "Label printing"

    def __init__(self) -> None:
        super().__init__()
        self.add_mixin(PluginMixinEnum.LABELS.value, True, __class__)  # type: ignore[attr-defined]

    @versioned("LabelPrintingMixin")
    def render_to_pdf(
        self, label: Any, instance: Any, request: Any, user: Any = None, **kwargs: Any
    ) -> bytes:
        if passes_user():
            return label.render(instance, request=request, user=user)
        return label.render(instance, request)

    @versioned("LabelPrintingMixin")
    def render_to_html(
        self, label: Any, instance: Any, request: Any, user: Any = None, **kwargs: Any
    ) -> str:
        if passes_user():
            return label.render_as_string(instance, request=request, user=user)
        return label.render_as_string(instance, request)

    @versioned("LabelPrintingMixin")
    def render_to_png(
        self, label: Any, instance: Any = None, request: Any = None, user: Any = None, **kw: Any
    ) -> Any:
        raise NotImplementedError("stand-in: PNG rendering (pdf2image) is not modelled")

    def get_printing_options_serializer(
        self, request: Any, *args: Any, **kwargs: Any
    ) -> serializers.Serializer | None:
        cls = getattr(self, "PrintingOptionsSerializer", None)
        return cls(*args, **kwargs) if cls else None

    def before_printing(self) -> None:
        """Hook before a batch is printed."""

    def after_printing(self) -> None:
        """Hook after a batch is printed."""

    def print_labels(
        self, label: Any, output: Any, items: list[Any], request: Any, **kwargs: Any
    ) -> None:
        """Render each item and hand it to ``print_label``."""
        self.before_printing()
        if passes_user():
            user = (
                kwargs.pop("user", None)
                or getattr(request, "user", None)
                or getattr(output, "user", None)
            )
            extra = {"user": user}
        else:
            user, extra = getattr(request, "user", None), {}
        printing_options = kwargs.get("printing_options", {})
        for item in items:
            pdf_data = self.render_to_pdf(label, item, request, **extra, **kwargs)
            filename = f"label_{getattr(item, 'pk', '')}.pdf"
            self.print_label(
                pdf_file=ContentFile(pdf_data, name=filename),
                pdf_data=pdf_data,
                filename=filename,
                context=None,
                output=output,
                label_instance=label,
                item_instance=item,
                user=user,
                width=getattr(label, "width", None),
                height=getattr(label, "height", None),
                printing_options=printing_options,
            )
        self.after_printing()

    def print_label(self, **kwargs: Any) -> None:
        raise MixinNotImplementedError("This Plugin must implement a `print_label` method")
