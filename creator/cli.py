"""The `create-inventree-plugin` command line: it parses the arguments and runs a command.

Each command lives in creator.commands.<name> (`run(args) -> exit code`), over library
functions that take explicit arguments and return results. This module turns every expected
failure into one line on stderr with a non-zero exit. It imports nothing heavy, and only the
command asked for is imported (and only its options are built), so `--help` and `--version`
stay instant.
"""

import argparse
import contextlib
import os
import sys

from creator import __version__
from creator.errors import Aborted, CreatorError
from creator.terminal import columns

TYPE_CHECKING = False  # typing.TYPE_CHECKING without importing typing

if TYPE_CHECKING:  # typing costs milliseconds that --help must not pay
    from collections.abc import Callable
    from typing import Any

PROG = "create-inventree-plugin"
COMMANDS = ("create", "check", "update", "adopt", "wheelhouse")  # creator.commands.<name>


class Formatter(argparse.HelpFormatter):
    """argparse's help layout, with the terminal width read without `shutil`.

    argparse asks `shutil.get_terminal_size()`, and importing shutil imports bz2, lzma and
    zlib: about a third of what `--help` costs. This reads the same width the same way
    ($COLUMNS, else the terminal's, else 80 columns).
    """

    def __init__(
        self,
        prog: str,
        indent_increment: int = 2,
        max_help_position: int = 24,
        width: int | None = None,
    ) -> None:
        super().__init__(prog, indent_increment, max_help_position, width or columns() - 2)


class Parser(argparse.ArgumentParser):
    """An ArgumentParser whose help may end with text computed only when the help is shown.

    `commands` holds the parser of each command (the docs' CLI reference walks them).
    """

    help_tail: "Callable[[], str] | None" = None

    def __init__(self, *args: "Any", **kwargs: "Any") -> None:
        kwargs.setdefault("formatter_class", Formatter)
        super().__init__(*args, **kwargs)
        self.commands: dict[str, argparse.ArgumentParser] = {}

    def format_help(self) -> str:
        """The help, plus `help_tail()` when set."""
        text = super().format_help()
        return text + self.help_tail() if self.help_tail is not None else text


def add_data_option(parser: argparse.ArgumentParser, help: str) -> None:
    """`-d/--data KEY=VALUE` (repeatable): answers, as in `copier --data`."""
    parser.add_argument("-d", "--data", action="append", default=[], metavar="KEY=VALUE", help=help)


def build_parser(only: str | None = None) -> Parser:
    """The whole CLI surface (the docs' CLI reference is generated from it).

    `only` names the one command whose arguments are added ("" for none): `main` builds just
    what the command line needs, so `--help` does not pay for the other commands' options.
    """
    parser = Parser(
        prog=PROG,
        description="Create, check and update InvenTree plugins. "
        "Without a command: create a plugin, asking the questions interactively.",
    )
    parser.add_argument("--version", action="version", version=f"{PROG} {__version__}")
    commands = parser.add_subparsers(dest="command", metavar="COMMAND", parser_class=Parser)
    for name, summary, description, add_arguments in _commands():
        sub = commands.add_parser(name, help=summary, description=description)
        if add_arguments is not None and only in (None, name):
            add_arguments(sub)
    # No prefix matching: `--inventree` must never be read as `--inventree-version`, etc.
    parser.commands.update(commands.choices)
    for each in (parser, *parser.commands.values()):
        each.allow_abbrev = False
    return parser


def _commands() -> "list[tuple[str, str, str, Callable[[argparse.ArgumentParser], None] | None]]":
    """Each command: name, one-line help, description, and the function adding its options."""
    return [
        (
            "create",
            "create a new plugin project from the template",
            "Create a new plugin project. Asks for missing answers when run in a "
            "terminal; otherwise every answer must come from --defaults, -d or --data-file.",
            _create_arguments,
        ),
        (
            "check",
            "tell whether InvenTree's plugin loader would accept a plugin, and why not",
            "Check a plugin project directory, wheel, sdist, or plugin folder without "
            "an InvenTree server. The plugin's code and the packages it needs run in a sandbox "
            "(see docs/security.md). Exit codes: 0 it would load; 1 it would not load (with "
            "--strict: also when a feature will fail); 2 the check could not run; 3 undecided.",
            _check_arguments,
        ),
        (
            "update",
            "update a plugin project to a newer template version (3-way merge)",
            "Update the project from the template version recorded in "
            ".copier-answers.yml to a newer one, keeping your changes; only new questions are "
            "asked. Refuses a directory that is not a clean git work tree. Exit 0: updated "
            "without conflicts; 1: conflicts to resolve (listed) or an error. With --check: "
            "0 up to date, 2 an update is available.",
            _update_arguments,
        ),
        (
            "adopt",
            "take over a plugin made by inventree-plugin-creator, so `update` works for it",
            "Infer the answers from a plugin made by inventree-plugin-creator and "
            "migrate it onto this template: the release of the old tool that made it is found and "
            "rendered again as the merge base, so its untouched files go, ours arrive and your "
            "edits are replayed onto them (conflicts are listed, exit 1). The tree must be clean; "
            "the result is left uncommitted for review.",
            _adopt_arguments,
        ),
        (
            "wheelhouse",
            "write the inventree-plugin-standin wheel locally and print its directory",
            "Generated plugins' tests need inventree-plugin-standin, which is not on "
            "PyPI yet: this writes its wheel (from this CLI's sources) into a directory under the "
            "user cache dir and prints it, for `pip install --find-links DIR`.",
            None,
        ),
    ]


def _create_arguments(parser: argparse.ArgumentParser) -> None:
    """The options of `create`."""
    parser.add_argument(
        "dest",
        nargs="?",
        help="directory to create (default: ./<distribution_name>)",
    )
    parser.add_argument(
        "--defaults",
        action="store_true",
        help="use the default for every answer not given (no questions asked)",
    )
    add_data_option(
        parser,
        "an answer, e.g. -d plugin_name='Stock Alarm' -d mixins=SettingsMixin,UrlsMixin "
        "(repeatable; the keys are copier.yml's questions)",
    )
    parser.add_argument("--data-file", metavar="FILE", help="answers from a YAML or JSON file")
    parser.add_argument(
        "--list-mixins",
        action="store_true",
        help="list the mixins (-d mixins=A,B) with what each example does, and exit",
    )
    parser.add_argument("--json", action="store_true", help="with --list-mixins: print JSON")
    if isinstance(parser, Parser):  # always, through add_subparsers(parser_class=Parser)
        parser.help_tail = _answer_keys
    parser.add_argument(
        "--force",
        action="store_true",
        help="write into a non-empty DEST; a template file replaces a file there only when "
        "git has it committed unchanged (others are refused, see --overwrite); other files "
        "are kept, and only the files written are committed",
    )
    parser.add_argument(
        "--overwrite",
        action="store_true",
        help="with --force: also replace changed or untracked files, keeping a copy of each "
        "in .create-inventree-plugin-backup/ (listed)",
    )
    parser.add_argument(
        "--no-git", action="store_true", help="do not git init and commit the new project"
    )
    parser.add_argument(
        "--no-check",
        action="store_true",
        help="skip the loader check that runs on the new project (see `check`)",
    )


def _check_arguments(parser: argparse.ArgumentParser) -> None:
    """The options of `check`."""
    parser.add_argument(
        "--no-install",
        action="store_true",
        help="never install the plugin's dependencies (installing runs their code); a plugin "
        "that needs one is then undecided (also $CREATE_INVENTREE_PLUGIN_NO_INSTALL=1)",
    )
    parser.add_argument(
        "--allow-direct-references",
        action="store_true",
        help="also install dependencies given as URLs or files (`name @ file://...`), which "
        "are refused by default",
    )
    parser.add_argument("path", nargs="?", help="plugin project, .whl, .tar.gz or plugin folder")
    parser.add_argument("--json", action="store_true", help="print one JSON object")
    parser.add_argument(
        "--inventree-version",
        metavar="X.Y[.Z]",
        help="InvenTree release to check against, any our model covers, 1.0 to 1.5 "
        "(docs/inventree-releases.md; default: the newest, 1.5)",
    )
    parser.add_argument(
        "--static-only", action="store_true", help="only the static layer (no import)"
    )
    parser.add_argument(
        "--select", nargs="+", default=[], metavar="RULE", help="only these rules (id prefixes)"
    )
    parser.add_argument(
        "--ignore", nargs="+", default=[], metavar="RULE", help="skip these rules (id prefixes)"
    )
    parser.add_argument(
        "--strict",
        action="store_true",
        help="exit 1 also when the plugin loads but some of its features will fail",
    )
    parser.add_argument("--list-rules", action="store_true", help="list the rules and exit")
    parser.add_argument(
        "--inventree",
        metavar="SRC",
        help="check with a real InvenTree: its own registry loads and activates the plugin; "
        "SRC is an InvenTree source tree (checkout root or src/backend). Sets up a cached "
        "environment on first use (minutes)",
    )
    parser.add_argument(
        "--python",
        metavar="PATH",
        help="with --inventree: the interpreter for InvenTree's environment (default: found; "
        "also $CREATE_INVENTREE_PLUGIN_PYTHON)",
    )
    parser.add_argument(
        "--inventree-as",
        metavar="VERSION",
        help="with --inventree: the release the source tree stands for, when its version.py "
        "lags behind (the 1.0 content of master says 0.18.0 dev): InvenTree then compares "
        "MIN_VERSION/MAX_VERSION with VERSION (docs/real-inventree.md)",
    )


def _update_arguments(parser: argparse.ArgumentParser) -> None:
    """The options of `update`."""
    parser.add_argument("path", nargs="?", help="plugin project (default: .)")
    parser.add_argument(
        "--vcs-ref",
        metavar="REF",
        help="template version to update to, e.g. v0.2.0 (default: the newest on this machine)",
    )
    parser.add_argument(
        "--defaults", action="store_true", help="answer new questions with their defaults"
    )
    add_data_option(parser, "an answer for a new question, or a changed answer (repeatable)")
    parser.add_argument(
        "--check",
        action="store_true",
        help="only tell whether an update is available (exit 2 if so, 0 if not)",
    )
    parser.add_argument(
        "--relink",
        action="store_true",
        help="when the template store recorded in .copier-answers.yml is not on this machine, "
        "point _src_path at this machine's store (committed on its own), then update",
    )
    parser.add_argument(
        "--no-check",
        action="store_true",
        help="skip the loader check that runs after an update without conflicts",
    )


def _adopt_arguments(parser: argparse.ArgumentParser) -> None:
    """The options of `adopt`."""
    parser.add_argument("path", nargs="?", help="plugin project (default: .)")
    parser.add_argument(
        "--from-version",
        metavar="X.Y.Z",
        help="the inventree-plugin-creator release that made the plugin (default: detected)",
    )
    parser.add_argument(
        "--no-migrate",
        action="store_true",
        help="only record .copier-answers.yml with this template as the baseline; change no "
        "file (later updates then count the old tool's files as yours)",
    )
    add_data_option(parser, "use this answer instead of the inferred one (repeatable)")


def _answer_keys() -> str:
    """copier.yml's answer keys, for `create --help` (read only when that help is shown)."""
    import textwrap  # lazy: only `create --help` wraps these lines

    from creator import questions  # lazy: YAML and copier.yml, only for `create --help`

    lines = ["", "answer keys (-d KEY=VALUE; the questions of copier.yml):"]
    for question in questions.load().answerable:
        text = " ".join(str(question.help).split())
        wrapped = textwrap.wrap(text, 56) or [""]
        lines.append(f"  {question.name:<22}{wrapped[0]}")
        lines += [f"  {'':<22}{more}" for more in wrapped[1:]]
    return "\n".join(lines) + "\n"


def main(argv: list[str] | None = None) -> int:
    """Run the CLI; returns the exit code."""
    # lazy: a top-level --help never gets here (creator.entry keeps its text); `CMD --help` does
    from creator.interrupts import interrupted_exit_code, restore, unwind_on_interrupts

    previous = unwind_on_interrupts()
    try:
        argv = list(sys.argv[1:] if argv is None else argv)
        if not argv or (argv[0] not in COMMANDS and argv[0] not in ("-h", "--help", "--version")):
            argv.insert(0, "create")  # no command: create, asking the questions
        args = build_parser(only=argv[0] if argv[0] in COMMANDS else "").parse_args(argv)
        code = _run(args)
        sys.stdout.flush()  # a full disk or closed pipe shows here, not at interpreter exit
        return code
    except Aborted as error:
        _say(str(error) or "Aborted.")
        return interrupted_exit_code()
    except KeyboardInterrupt:
        _say("\nAborted.")
        return interrupted_exit_code()
    except CreatorError as error:
        _say(f"error: {error}")
        return error.exit_code
    except BrokenPipeError:
        _quiet_stdout()
        return 141
    except OSError as error:  # e.g. ENOSPC writing the output: one line, never a traceback
        _quiet_stdout()
        _say(f"error: {error.strerror or error}")
        return 2
    finally:
        restore(previous)


def _run(args: argparse.Namespace) -> int:
    """Import the command's module (and only it) and run it."""
    import importlib  # lazy (here and below): --help and --version never run a command
    import tempfile  # lazy, as above

    from creator.interrupts import interrupts_deferred  # lazy, as above

    with interrupts_deferred():  # Ctrl-C inside import machinery prints noise; act after
        command = importlib.import_module(f"creator.commands.{args.command}")
        # The first gettempdir() proves TMPDIR writable with a probe file it then deletes;
        # an interrupt between the two would leave that file behind.
        tempfile.gettempdir()
    code: int = command.run(args)
    return code


def _say(line: str) -> None:
    """A line on stderr that never raises (stderr may be closed or full)."""
    with contextlib.suppress(OSError, ValueError, AttributeError):
        print(line, file=sys.stderr, flush=True)


def _quiet_stdout() -> None:
    """Point stdout at /dev/null so the interpreter's final flush cannot fail again."""
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        os.close(devnull)
    except (OSError, ValueError, AttributeError):
        pass
