"""Stand-in for ``common.models``: global settings and the settings-definition type.

Mirrors: ``src/backend/InvenTree/common/models.py`` and the ``SettingsKeyType`` TypedDict.
``InvenTreeSetting`` stores global settings (e.g. the ``ENABLE_PLUGINS_*`` switches) as text.
Also as real Django models with their main fields: ``ProjectCode``; ``Attachment`` (a file or
link attached to any model row, by ``model_type``/``model_id``); ``DataOutput`` (a generated
label/report/export file and its progress); ``SelectionList``/``SelectionListEntry``;
``WebhookEndpoint`` (token or HMAC verification of incoming calls, stored as
``WebhookMessage``); and, from InvenTree 1.2 on only (the parameter rework, which replaced
``part.models.PartParameter*``), the generic ``ParameterTemplate``/``Parameter`` bound to a
model through a content type. Left out: the built-in settings table with its defaults and
validators, per-user settings, notifications, currencies, custom states, barcode scan
history, e-mail models, and the models' validation and API.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import json
import uuid
from collections.abc import Callable
from enum import Enum
from typing import Any, TypedDict

from django.core.exceptions import PermissionDenied
from django.db import models
from InvenTree.fields import InvenTreeURLField
from InvenTree.models import InvenTreeModel
from InvenTree.version import inventreeVersionTuple


class SettingsKeyType(TypedDict, total=False):
    """Shape of one entry in ``SETTINGS``/``USER_SETTINGS`` (every key optional)."""

    name: str
    description: str
    units: str
    validator: Callable[..., Any] | type | list[Any] | tuple[Any, ...]
    default: Any
    choices: list[tuple[str, str]] | Callable[..., Any]
    hidden: bool
    before_save: Callable[..., Any]
    after_save: Callable[..., Any]
    protected: bool
    required: bool
    model: str
    model_filters: dict[str, Any]


class InvenTreeSetting(models.Model):
    """A global setting stored as text (no built-in definitions in the stand-in)."""

    key = models.CharField(max_length=50, unique=True)
    value = models.CharField(max_length=2000, blank=True)

    class Meta:
        app_label = "common"

    @classmethod
    def get_setting(cls, key: str, backup_value: Any = None) -> Any:
        """Stored text for ``key``, else ``backup_value``."""
        row = cls.objects.filter(key=key).first()
        return backup_value if row is None else row.value

    @classmethod
    def set_setting(cls, key: str, value: Any, change_user: Any = None) -> None:
        """Store ``value`` (as text) under ``key``."""
        if isinstance(value, bool):
            value = str(value)
        cls.objects.update_or_create(key=key, defaults={"value": str(value)})


class ProjectCode(InvenTreeModel):
    """A project code that orders and builds can be tagged with."""

    code = models.CharField(max_length=50, unique=True)
    description = models.CharField(max_length=200, blank=True)

    class Meta:
        app_label = "common"

    def __str__(self) -> str:
        return self.code


class Attachment(InvenTreeModel):
    """A file or link attached to one row of an attachment-capable model."""

    model_type = models.CharField(max_length=100)
    model_id = models.PositiveIntegerField()
    attachment = models.FileField(upload_to="attachments", blank=True, null=True)
    link = InvenTreeURLField(blank=True, null=True)
    comment = models.CharField(max_length=250, blank=True)
    upload_user = models.ForeignKey("auth.User", null=True, blank=True, on_delete=models.SET_NULL)
    upload_date = models.DateField(auto_now_add=True, null=True, blank=True)
    file_size = models.PositiveIntegerField(default=0)
    is_image = models.BooleanField(default=False)

    class Meta:
        app_label = "common"

    @property
    def basename(self) -> str | None:
        """The file name of the attachment (None for a link)."""
        return self.attachment.name.rsplit("/", 1)[-1] if self.attachment else None


class DataOutput(models.Model):
    """A generated output (report, labels, data export) and its progress."""

    class OutputType(models.TextChoices):
        LABEL = "label", "Label"
        REPORT = "report", "Report"
        EXPORT = "export", "Data Export"

    created = models.DateField(auto_now_add=True)
    user = models.ForeignKey("auth.User", null=True, blank=True, on_delete=models.SET_NULL)
    total = models.PositiveIntegerField(default=1)
    progress = models.PositiveIntegerField(default=0)
    complete = models.BooleanField(default=False)
    output_type = models.CharField(max_length=100, choices=OutputType.choices, null=True)
    template_name = models.CharField(max_length=100, blank=True, null=True)
    plugin = models.CharField(max_length=100, blank=True, null=True)
    output = models.FileField(upload_to="data_output", blank=True, null=True)
    errors = models.JSONField(blank=True, null=True)

    class Meta:
        app_label = "common"

    def mark_complete(self, progress: int | None = None, output: Any = None) -> None:
        """Mark the output complete (with its file)."""
        self.complete = True
        self.progress = self.total if progress is None else progress
        if output is not None:
            self.output = output
        self.save()

    def mark_failure(self, error: str | None = None, errors: Any = None) -> None:
        """Record a failure."""
        self.complete = False
        self.output = None
        if errors is not None:
            self.errors = errors
        elif error is not None:
            self.errors = {"error": str(error)}
        self.save()


class SelectionList(InvenTreeModel):
    """A named list of values a parameter or setting can choose from."""

    name = models.CharField(max_length=100, unique=True)
    description = models.CharField(max_length=250, blank=True)
    locked = models.BooleanField(default=False)
    active = models.BooleanField(default=True)
    source_plugin = models.ForeignKey(
        "plugin.PluginConfig", on_delete=models.SET_NULL, blank=True, null=True, related_name="+"
    )
    source_string = models.CharField(max_length=1000, blank=True)
    created = models.DateTimeField(auto_now_add=True, null=True)
    last_updated = models.DateTimeField(auto_now=True, null=True)

    class Meta:
        app_label = "common"

    def __str__(self) -> str:
        return self.name

    def get_choices(self) -> list[str]:
        """The values of the active entries."""
        return [entry.value for entry in self.entries.filter(active=True)]


class SelectionListEntry(models.Model):
    """One value of a SelectionList."""

    list = models.ForeignKey(SelectionList, on_delete=models.CASCADE, related_name="entries")
    value = models.CharField(max_length=255)
    label = models.CharField(max_length=255)
    description = models.CharField(max_length=250, blank=True)
    active = models.BooleanField(default=True)

    class Meta:
        app_label = "common"
        unique_together = [("list", "value")]

    def __str__(self) -> str:
        return self.label


class VerificationMethod(Enum):
    """How a webhook call proves where it comes from."""

    NONE = 0
    TOKEN = 1
    HMAC = 2


class WebhookEndpoint(models.Model):
    """An incoming webhook: verification, storage and processing of its payloads."""

    TOKEN_NAME = "Token"
    VERIFICATION_METHOD = VerificationMethod.NONE
    MESSAGE_OK = "Message was received."
    MESSAGE_TOKEN_ERROR = "Incorrect token in header."

    endpoint_id = models.CharField(max_length=255, default=uuid.uuid4, editable=False)
    name = models.CharField(max_length=255, blank=True, null=True)
    active = models.BooleanField(default=True)
    user = models.ForeignKey("auth.User", null=True, blank=True, on_delete=models.SET_NULL)
    token = models.CharField(max_length=255, blank=True, null=True, default=uuid.uuid4)
    secret = models.CharField(max_length=255, blank=True, null=True)

    class Meta:
        app_label = "common"

    def init(self, request: Any, *args: Any, **kwargs: Any) -> None:
        """Start handling a call: the class's verification method."""
        self.verify = self.VERIFICATION_METHOD

    def process_webhook(self) -> bool:
        """Choose the verification from the stored token (static) or secret (HMAC)."""
        if self.token:
            self.verify = VerificationMethod.TOKEN
        if self.secret:
            self.verify = VerificationMethod.HMAC
        return True

    def validate_token(self, payload: Any, headers: Any, request: Any) -> bool:
        """PermissionDenied unless the header token matches the chosen verification."""
        sent = headers.get(self.TOKEN_NAME, "")
        method = getattr(self, "verify", self.VERIFICATION_METHOD)
        if method == VerificationMethod.TOKEN and not hmac.compare_digest(sent, self.token):
            raise PermissionDenied(self.MESSAGE_TOKEN_ERROR)
        if method == VerificationMethod.HMAC:
            digest = hmac.new(self.secret.encode(), request.body, hashlib.sha256).digest()
            if not hmac.compare_digest(base64.b64encode(digest), sent.encode()):
                raise PermissionDenied(self.MESSAGE_TOKEN_ERROR)
        return True

    def save_data(self, payload: Any = None, headers: Any = None, request: Any = None) -> Any:
        """Store the call as a WebhookMessage."""
        return WebhookMessage.objects.create(
            host=request.get_host() if request else "",
            header=json.dumps(dict(headers.items())) if headers else None,
            body=payload,
            endpoint=self,
        )

    def process_payload(self, message: Any, payload: Any = None, headers: Any = None) -> bool:
        """Work on a stored message (subclasses override); True: processed."""
        return True

    def get_return(self, payload: Any = None, headers: Any = None, request: Any = None) -> str:
        """The text answered to the caller."""
        return self.MESSAGE_OK


class WebhookMessage(models.Model):
    """One received webhook call."""

    message_id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    host = models.CharField(max_length=255, blank=True)
    header = models.CharField(max_length=2000, blank=True, null=True)
    body = models.JSONField(blank=True, null=True)
    endpoint = models.ForeignKey(WebhookEndpoint, null=True, blank=True, on_delete=models.SET_NULL)
    worked_on = models.BooleanField(default=False)

    class Meta:
        app_label = "common"


if tuple(inventreeVersionTuple()) >= (1, 2, 0):

    class ParameterTemplate(InvenTreeModel):
        """A kind of parameter (name, units, choices) for one model type or for all."""

        model_type = models.ForeignKey(
            "contenttypes.ContentType", null=True, blank=True, on_delete=models.SET_NULL
        )
        name = models.CharField(max_length=100, unique=True)
        units = models.CharField(max_length=25, blank=True)
        description = models.CharField(max_length=250, blank=True)
        checkbox = models.BooleanField(default=False)
        choices = models.CharField(max_length=5000, blank=True)
        selectionlist = models.ForeignKey(
            SelectionList, null=True, blank=True, on_delete=models.SET_NULL
        )
        enabled = models.BooleanField(default=True)

        class Meta:
            app_label = "common"

        def __str__(self) -> str:
            return f"{self.name} ({self.units})" if self.units else self.name

        def get_choices(self) -> list[str]:
            """The allowed values (comma-separated choices, else the selection list's)."""
            if self.selectionlist is not None:
                return self.selectionlist.get_choices()
            return [c.strip() for c in self.choices.split(",") if c.strip()]

    class Parameter(InvenTreeModel):
        """A value of a ParameterTemplate for one row of some model."""

        model_type = models.ForeignKey("contenttypes.ContentType", on_delete=models.CASCADE)
        model_id = models.PositiveIntegerField()
        template = models.ForeignKey(
            ParameterTemplate, on_delete=models.CASCADE, related_name="parameters"
        )
        data = models.CharField(max_length=500)
        data_numeric = models.FloatField(default=None, null=True, blank=True)
        note = models.CharField(max_length=500, blank=True)

        class Meta:
            app_label = "common"

        def __str__(self) -> str:
            return f"{self.template.name} : {self.data}"
