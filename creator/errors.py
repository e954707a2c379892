"""Errors the CLI reports as one line on stderr, never as a traceback."""


class CreatorError(Exception):
    """A problem the user can fix; the message is the whole report.

    `exit_code` follows the CLI's conventions: 1 for bad input or a failed step,
    2 when a command could not run at all (bad path, unreadable file).
    """

    def __init__(self, message: str, exit_code: int = 1) -> None:
        super().__init__(message)
        self.exit_code = exit_code


class Aborted(Exception):
    """The user pressed Ctrl-C: nothing was written, exit 130."""
