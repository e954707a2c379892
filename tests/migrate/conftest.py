"""Fixtures of the migration tests: our template snapshot and a throwaway template store."""

from __future__ import annotations

from tests.test_adopt import isolated_store, ours

__all__ = ["isolated_store", "ours"]
