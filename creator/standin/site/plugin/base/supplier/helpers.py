"""Stand-in for ``plugin.base.supplier.helpers`` (exported as ``plugin.mixins.supplier``).

Mirrors: ``src/backend/InvenTree/plugin/base/supplier/helpers.py`` (newest master). Left out:
``ImportParameter`` looking up a matching ParameterTemplate (the stand-in has no parameters).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any


@dataclass
class Supplier:
    """One supplier a plugin connects to."""

    slug: str
    name: str


@dataclass
class SearchResult:
    """A supplier search hit; ``id`` defaults to ``sku``."""

    sku: str
    name: str
    exact: bool
    description: str | None = None
    price: str | None = None
    link: str | None = None
    image_url: str | None = None
    id: str | None = None
    existing_part: Any = None

    def __post_init__(self) -> None:
        if not self.id:
            self.id = self.sku


@dataclass
class ImportParameter:
    """A parameter to set on an imported part."""

    name: str
    value: str
    on_category: bool | None = False
    parameter_template: Any = None


class PartNotFoundError(Exception):
    """The supplier does not know the requested part."""


class PartImportError(Exception):
    """Importing the part failed."""
