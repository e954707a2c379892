"""Stand-in for ``InvenTree.helpers``: the small conversion helpers plugins call.

Mirrors: ``src/backend/InvenTree/InvenTree/helpers.py``. Provides ``str2bool``, ``is_bool``,
``str2int``, ``constructPathString`` and ``pui_url`` (web-UI URL under ``FRONTEND_URL_BASE``,
default ``web``). Everything else in the real module (image helpers,
barcode hashing, file download, QR codes...) is not modelled and is absent, so the recorder
reports it as missing.
"""

from __future__ import annotations

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
