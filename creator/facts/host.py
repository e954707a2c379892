"""What an InvenTree server gives a plugin besides its Python API: one home for these facts.

They are not read from the backend sources per release (creator/facts/data): the JS globals
come from InvenTree's frontend (src/frontend/src/main.tsx), the packages from its requirement
files, the icon form from its icon validator. The check's rules (UI, DYN), the dynamic
harness, the stand-in and the template's TypeScript (`inventree-globals.ts`, compared with
`HOST_GLOBALS` by tests/facts/test_host.py) all read them from here.

Standard library only: the check's harness imports this module inside the sandbox.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from types import MappingProxyType

#: JS package -> the window global InvenTree's frontend assigns it to for plugin UI code.
HOST_GLOBALS: Mapping[str, str] = MappingProxyType(
    {
        "react": "React",
        "react-dom": "ReactDOM",
        "react-dom/client": "ReactDOMClient",
        "@mantine/core": "MantineCore",
        "@mantine/notifications": "MantineNotifications",
        "@lingui/core": "LinguiCore",
        "@lingui/react": "LinguiReact",
    }
)

#: An icon as InvenTree reads it: `<pack>:<name>:<variant>` (e.g. `ti:puzzle:outline`). Its
#: validator splits at ':' into exactly three parts; the frontend's ApiIcon does the same.
ICON_FORM = re.compile(r"^[A-Za-z0-9_-]+:[A-Za-z0-9_.-]+:[A-Za-z0-9_-]+$")

#: What InvenTree's own Python environment provides to plugins: top-level import name -> the
#: requirement that provides it. Source: InvenTree's src/backend/requirements.in and the
#: requirements.txt compiled from it (1.x, mid 2025), direct requirements and the transitive
#: ones plugins import; extras as InvenTree requests them. A plugin may import these without
#: declaring them. When the check's environment lacks one, the dynamic layer installs it
#: (creator.check.dynamic) like a declared dependency; it is never "the plugin's fault".
INVENTREE_REQUIREMENTS: Mapping[str, str] = MappingProxyType(
    {
        "PIL": "pillow",
        "allauth": "django-allauth",
        "anymail": "django-anymail",
        "barcode": "python-barcode[images]",
        "bleach": "bleach",
        "blessed": "blessed",
        "corsheaders": "django-cors-headers",
        "cryptography": "cryptography",
        "dateutil": "python-dateutil",
        "dbbackup": "django-dbbackup",
        "django_filters": "django-filter",
        "django_ical": "django-ical",
        "django_mailbox": "django-mailbox",
        "django_otp": "django-otp",
        "django_q": "django-q2",
        "django_redis": "django-redis",
        "django_structlog": "django-structlog",
        "djmoney": "django-money",
        "docutils": "docutils",
        "dotenv": "python-dotenv",
        "drf_spectacular": "drf-spectacular",
        "dulwich": "dulwich",
        "error_report": "django-error-report-2",
        "feedparser": "feedparser",
        "flags": "django-flags",
        "maintenance_mode": "django-maintenance-mode",
        "markdownify": "django-markdownify",
        "moneyed": "py-moneyed",
        "mptt": "django-mptt",
        "oauth2_provider": "django-oauth-toolkit",
        "openpyxl": "openpyxl",
        "opentelemetry": "opentelemetry-api",
        "pdf2image": "pdf2image",
        "pint": "pint",
        "pypdf": "pypdf",
        "qrcode": "qrcode[pil]",
        "rapidfuzz": "rapidfuzz",
        "redis": "redis",
        "requests": "requests",
        "rest_framework_simplejwt": "djangorestframework-simplejwt",
        "sentry_sdk": "sentry-sdk",
        "sesame": "django-sesame",
        "sql_util": "django-sql-utils",
        "stdimage": "django-stdimage",
        "structlog": "structlog",
        "tablib": "tablib[xls,xlsx,yaml]",
        "taggit": "django-taggit",
        "urllib3": "urllib3",
        "weasyprint": "weasyprint",
        "whitenoise": "whitenoise",
        "yaml": "pyyaml",
    }
)

#: Top-level modules InvenTree's environment provides (the keys above).
INVENTREE_PROVIDED: frozenset[str] = frozenset(INVENTREE_REQUIREMENTS)
