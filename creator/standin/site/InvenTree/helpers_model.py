"""Stand-in for ``InvenTree.helpers_model``: helpers that need the database or settings.

Mirrors: ``src/backend/InvenTree/InvenTree/helpers_model.py`` (1.x). Provided:
``get_base_url`` (request, else ``settings.SITE_URL``, else the ``INVENTREE_BASE_URL`` global
setting), ``construct_absolute_url``, ``download_image_from_url`` (URL validated, then fetched
with requests and opened with Pillow; the check blocks the network, so it fails there as it
would on a server without internet), ``getModelsWithMixin``, ``notify_users`` and
``notify_responsible`` (through ``common.notifications.trigger_notification``).

Differences: InvenTree imports requests, Pillow and django-money at module level; here
requests and Pillow are imported when ``download_image_from_url`` runs. ``render_currency``
(django-money formatting) and the multi-site lookup are not modelled.
"""

from __future__ import annotations

import logging
from typing import Any
from urllib.parse import urljoin

from common.notifications import InvenTreeNotificationBodies, NotificationBody, trigger_notification

logger = logging.getLogger("inventree")

#: InvenTree's INVENTREE_DOWNLOAD_IMAGE_MAX_SIZE default, in MiB.
DOWNLOAD_IMAGE_MAX_SIZE = 1


def get_base_url(request: Any = None) -> str:
    """The server's base URL: from the request, SITE_URL, or the INVENTREE_BASE_URL setting."""
    from django.conf import settings

    if request is not None:
        return request.build_absolute_uri("/")
    if site_url := getattr(settings, "SITE_URL", None):
        return site_url
    try:
        from common.models import InvenTreeSetting

        value = InvenTreeSetting.get_setting("INVENTREE_BASE_URL", "")
    except Exception:
        value = ""
    return value or ""


def construct_absolute_url(*arg: str, base_url: str | None = None, request: Any = None) -> str:
    """``base_url`` (or the server's) joined with the relative URL parts."""
    relative = "/".join(arg)
    return urljoin(base_url or get_base_url(request=request), relative)


def download_image_from_url(remote_url: str, timeout: float = 2.5) -> Any:
    """Fetch an image (at most DOWNLOAD_IMAGE_MAX_SIZE MiB) and return it as a PIL image."""
    import io

    from django.core.validators import URLValidator

    URLValidator()(remote_url)
    import requests
    from PIL import Image

    max_size = DOWNLOAD_IMAGE_MAX_SIZE * 1024 * 1024
    try:
        response = requests.get(remote_url, timeout=timeout, allow_redirects=True, stream=True)
        response.raise_for_status()
    except requests.exceptions.Timeout:
        raise
    except Exception as exc:
        raise Exception(f"Connection error: {exc}") from exc
    if int(response.headers.get("Content-Length", 0) or 0) > max_size:
        raise ValueError("Image size is too large")
    data = io.BytesIO()
    for chunk in response.iter_content(chunk_size=64 * 1024):
        data.write(chunk)
        if data.tell() > max_size:
            raise ValueError("Image download exceeded maximum size")
    if data.tell() == 0:
        raise ValueError("Remote server returned empty response")
    try:
        image = Image.open(data).convert()
        image.verify()
    except Exception:
        raise TypeError("Supplied URL is not a valid image file") from None
    return image


def getModelsWithMixin(mixin_class: type) -> list[type]:
    """Installed models that derive from ``mixin_class``."""
    from django.apps import apps

    return [model for model in apps.get_models() if issubclass(model, mixin_class)]


def notify_users(
    users: Any,
    instance: Any,
    sender: Any,
    content: NotificationBody = InvenTreeNotificationBodies.NewOrder,
    exclude: Any = None,
) -> None:
    """Notify ``users`` (users or groups) about ``instance`` of model ``sender``."""
    meta = sender._meta
    values = {
        "instance": str(instance),
        "verbose_name": meta.verbose_name,
        "app_label": meta.app_label,
        "model_name": meta.model_name,
    }
    link = ""
    if hasattr(instance, "get_absolute_url"):
        link = construct_absolute_url(instance.get_absolute_url())
    context = {
        "instance": instance,
        "name": content.name.format(**values),
        "message": content.message.format(**values),
        "link": link,
        "template": {"subject": content.name.format(**values)},
    }
    if content.template:
        context["template"]["html"] = content.template.format(**values)
    trigger_notification(
        instance,
        content.slug.format(**values),
        targets=users,
        target_exclude=[exclude],
        context=context,
    )


def notify_responsible(
    instance: Any,
    sender: Any,
    content: NotificationBody = InvenTreeNotificationBodies.NewOrder,
    exclude: Any = None,
) -> None:
    """Notify the ``responsible`` owner of ``instance``."""
    notify_users(
        [getattr(instance, "responsible", None)], instance, sender, content=content, exclude=exclude
    )


__all__ = [
    "construct_absolute_url",
    "download_image_from_url",
    "getModelsWithMixin",
    "get_base_url",
    "notify_responsible",
    "notify_users",
]
