"""Stand-in for ``plugin.machine.machine_types``: the machine types plugins build drivers for.

Mirrors: ``src/backend/InvenTree/plugin/machine/machine_types.py``, which re-exports
``machine.machine_types``: exactly ``LabelPrinterMachine`` and ``LabelPrinterBaseDriver``. See
``_label_printer`` for what the label printer type models and leaves out.
"""

from plugin.machine.machine_types._label_printer import (
    LabelPrinterBaseDriver,
    LabelPrinterMachine,
)

__all__ = ["LabelPrinterBaseDriver", "LabelPrinterMachine"]
