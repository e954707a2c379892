"""Stand-in for ``machine.models``: the stored configuration of a machine.

Mirrors: ``src/backend/InvenTree/machine/models.py``. ``MachineConfig`` has a unique name, the
machine type and driver slugs and the active flag. It is declared with app label ``machine``,
which the stand-in does not install: importing and referring to it works, querying does not.
Left out: machine settings, the registry and the machine's status.
"""

from __future__ import annotations

import uuid

from django.db import models


class MachineConfig(models.Model):
    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    name = models.CharField(max_length=255, unique=True)
    machine_type = models.CharField(max_length=255)
    driver = models.CharField(max_length=255)
    active = models.BooleanField(default=True)

    class Meta:
        app_label = "machine"

    def __str__(self) -> str:
        return self.name
