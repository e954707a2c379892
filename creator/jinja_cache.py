"""Jinja's compiled templates, kept on disk between runs.

copier.yml's strings (creator.questions) and the template's files (creator.render) share one
cache, so a second `create` compiles nothing.
"""

from __future__ import annotations

from pathlib import Path

from jinja2 import FileSystemBytecodeCache
from platformdirs import user_cache_dir


class ByName(FileSystemBytecodeCache):
    """Keyed by template name only; the source checksum still decides reuse.

    An edited or upgraded template recompiles, and temporary template copies (tests) do not
    grow the cache.
    """

    def get_cache_key(self, name: str, filename: str | None = None) -> str:
        """The cache key of `name`, wherever its file is."""
        return super().get_cache_key(name)


def bytecode_cache() -> ByName | None:
    """The on-disk bytecode cache for our templates (None when it cannot be created)."""
    directory = cache_dir()
    return ByName(str(directory)) if directory else None


def cache_dir() -> Path | None:
    """~/.cache/create-inventree-plugin/jinja (None when it cannot be created)."""
    directory = Path(user_cache_dir("create-inventree-plugin", appauthor=False)) / "jinja"
    try:
        directory.mkdir(parents=True, exist_ok=True)
    except OSError:
        return None
    return directory
