"""The check's own failure: it could not run (bad path, unreadable archive, refused input)."""

from __future__ import annotations

from creator.errors import CreatorError


class CheckError(CreatorError):
    """The check itself could not run (bad path, unreadable archive): exit code 2."""

    def __init__(self, message: str) -> None:
        super().__init__(message, exit_code=2)
