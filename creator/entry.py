"""The console script's entry point: `create-inventree-plugin --help` without argparse.

Importing argparse (with re, enum and gettext) is most of what `--help` costs over a bare
Python start. The top-level help text only changes with creator/cli.py and the terminal
width, so the first `--help` renders it with argparse (creator.cli, the one source of the
text) and keeps a copy in the user cache; later ones print that copy. Every other command
line goes straight to `creator.cli.main`.
"""

# os.path, not pathlib: pathlib imports re, the cost this module exists to avoid.
# ruff: noqa: PTH103, PTH105, PTH108, PTH111, PTH116, PTH118, PTH120, PTH123
import os
import sys

from creator import __version__
from creator.terminal import columns

HELP_FLAGS = (["--help"], ["-h"])


def main() -> int:
    """Run the CLI (the console script calls `sys.exit(main())`)."""
    argv = sys.argv[1:]
    if argv in HELP_FLAGS:
        path = _help_file()
        text = _read(path) if path else None
        if text is None:
            text = _render_help()
            if path:
                _keep(path, text)
        try:
            sys.stdout.write(text)
            sys.stdout.flush()
        except BrokenPipeError:
            return 141
        return 0
    try:
        # lazy: the cached --help path never imports these (signal imports enum)
        from creator import interrupts

        interrupts.unwind_on_interrupts()  # from here a `kill` unwinds like Ctrl-C
        from creator.cli import main as cli_main  # lazy, as above
    except KeyboardInterrupt:
        sys.stderr.write("\nAborted.\n")
        return _interrupted_code()
    code = cli_main(argv)
    _ignore_late_interrupts()
    return code


def _interrupted_code() -> int:
    """The exit code of an interrupt while the CLI loads (130 if it came before our handler)."""
    interrupts = sys.modules.get("creator.interrupts")
    return interrupts.interrupted_exit_code() if interrupts is not None else 130


def _ignore_late_interrupts() -> None:
    """Ctrl-C and SIGTERM are ignored once the command is done and its exit code decided.

    What is left is the interpreter's shutdown (joining threads, at-exit clean-ups of the
    check's sandbox): an interrupt there could only turn a finished command into a traceback
    or a death by signal, and leave that clean-up half done.
    """
    import signal  # the command has run: importing it costs nothing that matters now

    for signum in (signal.SIGINT, signal.SIGTERM):
        signal.signal(signum, signal.SIG_IGN)


def _help_file() -> str | None:
    """Where the rendered help for this CLI source and width is kept (None: do not cache).

    os.path only: pathlib would import re, which is what this module avoids.
    """
    if not sys.platform.startswith("linux"):
        return None  # other systems keep caches elsewhere (platformdirs): render each time
    base = os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
    try:
        stat = os.stat(os.path.join(os.path.dirname(__file__), "cli.py"))
    except OSError:
        return None
    key = f"{__version__}-{stat.st_mtime_ns}-{stat.st_size}-{columns()}"
    return os.path.join(base, "create-inventree-plugin", "help", f"{key}.txt")


def _read(path: str) -> str | None:
    try:
        with open(path, encoding="utf-8") as file:
            return file.read()
    except OSError:
        return None


def _render_help() -> str:
    # lazy: only a stale help cache needs the full parser
    from creator.cli import build_parser

    return build_parser(only="").format_help()


def _keep(path: str, text: str) -> None:
    """Write the copy atomically; a cache that cannot be written is no error."""
    partial = f"{path}.{os.getpid()}.partial"
    try:
        os.makedirs(os.path.dirname(path), exist_ok=True)
        with open(partial, "w", encoding="utf-8") as file:
            file.write(text)
        os.replace(partial, path)
    except OSError:
        try:  # noqa: SIM105 (contextlib costs milliseconds to import, which --help avoids)
            os.unlink(partial)
        except OSError:
            pass
