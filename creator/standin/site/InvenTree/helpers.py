"""Stand-in for ``InvenTree.helpers``: the small conversion helpers plugins call.

Mirrors: ``src/backend/InvenTree/InvenTree/helpers.py``. Provides ``str2bool``, ``is_bool``,
``str2int``, ``isNull``, ``normalize``, ``decimal2string``, ``current_date`` /
``current_time`` (server time zone), ``DownloadFile`` (an attachment response),
``constructPathString``, ``pui_url`` (web-UI URL under ``FRONTEND_URL_BASE``, default
``web``), ``remove_non_printable_characters`` and ``hash_barcode`` (MD5 hex digest of the
stripped, printable barcode text, the key InvenTree stores barcodes under). Everything else in
the real module (image helpers, QR codes...) is not modelled and is absent, so the recorder
reports it as missing.
"""

from __future__ import annotations

import hashlib
import re
from typing import Any

_TRUE = ("1", "y", "yes", "t", "true", "ok", "on")
_FALSE = ("0", "n", "no", "none", "f", "false", "off")


def str2bool(text: Any, test: bool = True) -> bool:
    """Interpret ``text`` as a boolean (``test=False`` asks "is it explicitly false?")."""
    if isinstance(text, bool):
        return text if test else not text
    value = str(text).lower().strip()
    if test:
        return value in _TRUE
    return value in _FALSE


def is_bool(text: Any) -> bool:
    """True if ``text`` reads as an explicit true or false value."""
    return str2bool(text, True) or str2bool(text, False)


def str2int(text: Any, default: int | None = None) -> int | None:
    """``int(text)``, or ``default`` when it does not parse."""
    try:
        return int(text)
    except (TypeError, ValueError):
        return default


def constructPathString(path: list[str], max_chars: int = 250) -> str:
    """Join a tree path with ``/``, trimming from the left to ``max_chars``."""
    text = "/".join(path)
    if len(text) > max_chars:
        text = "..." + text[-(max_chars - 3) :]
    return text


def pui_url(subpath: str) -> str:
    """URL of a page of the web UI, e.g. ``pui_url("/part/7")`` -> ``/web/part/7``."""
    from django.conf import settings

    if not subpath.startswith("/"):
        subpath = "/" + subpath
    return f"/{getattr(settings, 'FRONTEND_URL_BASE', 'web')}{subpath}"


def isNull(text: Any) -> bool:
    """True for values InvenTree treats as "no value" (None, '', 'null', 'none', ...)."""
    return str(text).strip().lower() in ("top", "null", "none", "empty", "false", "f", "0", "")


def normalize(d: Any) -> Any:
    """A Decimal without trailing zeros (``Decimal("1.500")`` -> ``Decimal("1.5")``)."""
    from decimal import Decimal

    d = Decimal(d)
    return d.quantize(Decimal(1)) if d == d.to_integral() else d.normalize()


def decimal2string(d: Any) -> str:
    """A number as text without trailing zeros (``2.500`` -> ``"2.5"``)."""
    from decimal import Decimal, InvalidOperation

    try:
        value = Decimal(str(d))
    except InvalidOperation:
        return str(d)
    text = format(normalize(value), "f")
    return text.rstrip("0").rstrip(".") if "." in text else text


def current_time(local: bool = True) -> Any:
    """The current datetime (in the server's time zone unless ``local`` is False)."""
    from django.utils import timezone

    now = timezone.now()
    return timezone.localtime(now) if local else now


def current_date(local: bool = True) -> Any:
    """Today's date in the server's time zone."""
    return current_time(local=local).date()


def DownloadFile(
    data: Any, filename: str, content_type: str = "application/text", inline: bool = False
) -> Any:
    """An HTTP response that downloads ``data`` as ``filename``."""
    from urllib.parse import quote

    from django.http import StreamingHttpResponse

    if isinstance(data, str):
        data = data.encode("utf-8")
    response = StreamingHttpResponse([data], content_type=content_type)
    disposition = "inline" if inline else "attachment"
    response["Content-Disposition"] = f"{disposition}; filename={quote(filename.replace(' ', '_'))}"
    response["Content-Length"] = len(data)
    return response


def remove_non_printable_characters(value: str, remove_newline: bool = True) -> str:
    """``value`` without control characters (and without newlines unless told to keep them)."""
    cleaned = re.sub(r"[\u0000-\u0009\u000B-\u001F\u007F-\u009F]", "", value)
    if remove_newline:
        cleaned = cleaned.replace("\n", "")
    return re.sub(r"[\u200E\u200F\u202A-\u202E]", "", cleaned)  # direction marks


def hash_barcode(barcode_data: str) -> str:
    """The lookup key of a barcode: MD5 hex digest of its cleaned text."""
    cleaned = remove_non_printable_characters(str(barcode_data).strip())
    return hashlib.md5(cleaned.encode()).hexdigest()
