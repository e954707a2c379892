"""The `create-inventree-plugin` command line.

A thin layer over the library (creator.questions, creator.generate, ...): it parses
arguments, decides between wizard and non-interactive answers, and turns every expected
failure into one line on stderr with a non-zero exit. Heavy modules (Copier, Jinja,
questionary) are imported inside the commands, so `--help` and `--version` stay instant.
"""

from __future__ import annotations

import argparse
import sys

from creator import __version__
from creator.errors import Aborted, CreatorError

TYPE_CHECKING = False  # typing.TYPE_CHECKING without importing typing

if TYPE_CHECKING:  # pathlib and typing cost milliseconds that --help must not pay
    from pathlib import Path
    from typing import Any

PROG = "create-inventree-plugin"
COMMANDS: dict[str, Any] = {}  # filled at the end of the module: name -> handler


def add_data_option(parser: argparse.ArgumentParser, help: str) -> None:
    """`-d/--data KEY=VALUE` (repeatable): answers, as in `copier --data`."""
    parser.add_argument("-d", "--data", action="append", default=[], metavar="KEY=VALUE", help=help)


def build_parser() -> argparse.ArgumentParser:
    """The whole CLI surface (the docs' CLI reference is generated from it)."""
    parser = argparse.ArgumentParser(
        prog=PROG,
        description="Create, check and update InvenTree plugins. "
        "Without a command: create a plugin, asking the questions interactively.",
    )
    parser.add_argument("--version", action="version", version=f"{PROG} {__version__}")
    commands = parser.add_subparsers(dest="command", metavar="COMMAND")

    create = commands.add_parser(
        "create",
        help="create a new plugin project from the template",
        description="Create a new plugin project. Asks for missing answers when run in a "
        "terminal; otherwise every answer must come from --defaults, -d or --data-file.",
    )
    create.add_argument(
        "dest",
        nargs="?",
        help="directory to create (default: ./<distribution_name>)",
    )
    create.add_argument(
        "--defaults",
        action="store_true",
        help="use the default for every answer not given (no questions asked)",
    )
    add_data_option(
        create,
        "an answer, e.g. -d plugin_name='Stock Alarm' -d mixins=SettingsMixin,UrlsMixin "
        "(repeatable; the keys are copier.yml's questions)",
    )
    create.add_argument("--data-file", metavar="FILE", help="answers from a YAML or JSON file")
    create.add_argument(
        "--force",
        action="store_true",
        help="write into a non-empty DEST (template files are overwritten, others kept)",
    )
    create.add_argument(
        "--no-git", action="store_true", help="do not git init and commit the new project"
    )
    create.add_argument(
        "--no-check",
        action="store_true",
        help="skip the loader check that runs on the new project (see `check`)",
    )
    check = commands.add_parser(
        "check",
        help="tell whether InvenTree's plugin loader would accept a plugin, and why not",
        description="Check a plugin project directory, wheel, sdist, or plugin folder without "
        "an InvenTree server. Exit 0: it would load; 1: error findings; 2: the check could "
        "not run.",
    )
    check.add_argument("path", nargs="?", help="plugin project, .whl, .tar.gz or plugin folder")
    check.add_argument("--json", action="store_true", help="print one JSON object")
    check.add_argument(
        "--inventree-version",
        metavar="X.Y.Z",
        help="InvenTree version to check against (default: the newest the model knows)",
    )
    check.add_argument(
        "--static-only", action="store_true", help="only the static layer (no import)"
    )
    check.add_argument(
        "--select", nargs="+", default=[], metavar="RULE", help="only these rules (id prefixes)"
    )
    check.add_argument(
        "--ignore", nargs="+", default=[], metavar="RULE", help="skip these rules (id prefixes)"
    )
    check.add_argument("--list-rules", action="store_true", help="list the rules and exit")
    update_cmd = commands.add_parser(
        "update",
        help="update a plugin project to a newer template version (3-way merge)",
        description="Update the project from the template version recorded in "
        ".copier-answers.yml to a newer one, keeping your changes; only new questions are "
        "asked. Refuses a directory that is not a clean git work tree. Exit 0: updated "
        "without conflicts; 1: conflicts to resolve (listed) or an error. With --check: "
        "0 up to date, 2 an update is available.",
    )
    update_cmd.add_argument("path", nargs="?", help="plugin project (default: .)")
    update_cmd.add_argument(
        "--vcs-ref",
        metavar="REF",
        help="template version to update to, e.g. v0.2.0 (default: the newest on this machine)",
    )
    update_cmd.add_argument(
        "--defaults", action="store_true", help="answer new questions with their defaults"
    )
    add_data_option(update_cmd, "an answer for a new question, or a changed answer (repeatable)")
    update_cmd.add_argument(
        "--check",
        action="store_true",
        help="only tell whether an update is available (exit 2 if so, 0 if not)",
    )
    update_cmd.add_argument(
        "--relink",
        action="store_true",
        help="when the template store recorded in .copier-answers.yml is not on this machine, "
        "point _src_path at this machine's store (committed on its own), then update",
    )
    adopt_cmd = commands.add_parser(
        "adopt",
        help="take over a plugin made by inventree-plugin-creator, so `update` works for it",
        description="Infer the answers from a plugin made by inventree-plugin-creator, and "
        "record them with this template version as the baseline in .copier-answers.yml (the "
        "only file written; the tree must be clean). Later updates merge template changes "
        "into your files.",
    )
    adopt_cmd.add_argument("path", nargs="?", help="plugin project (default: .)")
    add_data_option(adopt_cmd, "use this answer instead of the inferred one (repeatable)")
    return parser


def main(argv: list[str] | None = None) -> int:
    """Run the CLI; returns the exit code."""
    parser = build_parser()
    argv = list(sys.argv[1:] if argv is None else argv)
    if not argv or (argv[0] not in COMMANDS and argv[0] not in ("-h", "--help", "--version")):
        argv.insert(0, "create")  # no command: create, asking the questions
    args = parser.parse_args(argv)
    try:
        return COMMANDS[args.command](args)
    except Aborted:
        print("Aborted.", file=sys.stderr)
        return 130
    except KeyboardInterrupt:
        print("\nAborted.", file=sys.stderr)
        return 130
    except CreatorError as error:
        print(f"error: {error}", file=sys.stderr)
        return error.exit_code
    return 0


def parse_data(pairs: list[str], data_file: Path | None) -> dict[str, Any]:
    """Answers from --data-file, then -d KEY=VALUE (which wins)."""
    answers: dict[str, Any] = {}
    if data_file is not None:
        import yaml

        try:
            loaded = yaml.safe_load(data_file.read_text(encoding="utf-8"))
        except OSError as error:
            raise CreatorError(f"cannot read {data_file}: {error.strerror}", 2) from None
        except yaml.YAMLError as error:
            raise CreatorError(
                f"{data_file} is not valid YAML/JSON: {error}".splitlines()[0]
            ) from None
        if loaded is None:
            loaded = {}
        if not isinstance(loaded, dict):
            raise CreatorError(f"{data_file} must hold a mapping of answers (key: value)")
        answers.update(loaded)
    for pair in pairs:
        key, sep, value = pair.partition("=")
        if not sep or not key.strip():
            raise CreatorError(f"-d expects KEY=VALUE, got {pair!r}")
        answers[key.strip()] = value
    return answers


def _interactive() -> bool:
    return sys.stdin.isatty() and sys.stdout.isatty()


def cmd_create(args: argparse.Namespace) -> int:
    """`create`: collect answers, render atomically, git init, print the next steps."""
    from pathlib import Path

    from creator.generate import sigint_deferred

    with sigint_deferred():  # Ctrl-C inside import machinery prints noise; act on it after
        import copier  # noqa: F401 (warm: generate imports it later)

        from creator import config, generate, questions

    args.dest = Path(args.dest) if args.dest is not None else None
    args.data_file = Path(args.data_file) if args.data_file is not None else None

    if args.dest is not None:
        generate.check_destination(args.dest.absolute(), args.force)
    given = parse_data(args.data, args.data_file)
    template = questions.load()
    saved = _usable_defaults(template, config.load_defaults())

    interactive = _interactive() and not args.defaults
    if args.defaults:
        answers, _ = template.resolve({**saved, **given}, use_defaults=True)
    else:
        if interactive:
            from creator import wizard

            answers = wizard.ask(template, given, saved)
            answers, _ = template.resolve(answers, use_defaults=True)
        else:
            answers, missing = template.resolve({**saved, **given}, use_defaults=False)
            if missing:
                first = missing[0].name
                raise CreatorError(
                    f"missing answer for {first} and no terminal to ask; "
                    f"pass -d {first}=VALUE, --data-file FILE or --defaults"
                )
    dest = args.dest if args.dest is not None else Path(answers["distribution_name"])
    generate.check_destination(dest.absolute(), args.force)
    if interactive:
        from creator import wizard

        if not wizard.confirm(f"Create {answers['plugin_name']!r} in {dest}?"):
            raise Aborted()

    created = generate.create(dest, answers, force=args.force)
    try:
        config.save_defaults(answers)
        print(f"Created {answers['plugin_name']} in {created.path} ({len(created.files)} files)")
        if not args.no_git:
            _git_commit(created)
        verdict = 0 if args.no_check else _check_created(created.path)
        _next_steps(created, dest)
    except KeyboardInterrupt:
        # The project is complete (it was moved into place in one step); say so.
        print(f"\nInterrupted: the project in {created.path} is complete.", file=sys.stderr)
        return 130
    return verdict


def _check_created(path: Path) -> int:
    """Run the loader check on the new project; a finding here is our bug, so show it all."""
    from creator.check import output

    print("Checking that InvenTree's plugin loader accepts it ...")
    return output.check_and_print(
        str(path), as_json=False, inventree_version=None, static_only=False, select=(), ignore=()
    )


def _usable_defaults(template: Any, saved: dict[str, Any]) -> dict[str, Any]:
    """Saved defaults that still pass the template's validators (others are ignored)."""
    usable = {}
    for key, value in saved.items():
        question = template.by_name.get(key)
        if question is None:
            continue
        try:
            problem = template.problem(question, template.cast(question, value), {})
        except CreatorError as error:
            problem = str(error)
        if problem:
            print(f"warning: ignoring saved default {key}: {problem}", file=sys.stderr)
            continue
        usable[key] = value
    return usable


def _git_commit(created: Any) -> None:
    from creator import gitops

    if not gitops.git_available():
        print(
            "git was not found: the project was created without a git repository "
            "(run `git init` there later; `update` needs one)."
        )
        return
    try:
        commit = gitops.init_and_commit(
            created.path,
            created.answers["author_name"],
            created.answers.get("author_email", ""),
            f"Create {created.answers['plugin_name']} from create-inventree-plugin {__version__}",
        )
    except (OSError, RuntimeError) as error:
        print(f"warning: git init/commit failed ({error}); the project itself is complete.")
        return
    print(f"Initialised a git repository (commit {commit}).")


def _next_steps(created: Any, dest: Path) -> None:
    answers = created.answers
    steps = [f"cd {dest}"]
    steps.append('python -m venv .venv && . .venv/bin/activate && pip install -e ".[test,dev]"')
    if answers.get("frontend"):
        steps.append("(cd frontend && npm ci && npm run build)")
    steps += ["pytest", "python -m build"]
    print("\nNext steps:\n" + "\n".join(f"  {step}" for step in steps))
    print("Then install it into InvenTree: see README.md.")


def cmd_check(args: argparse.Namespace) -> int:
    """`check`: run the loader check and print the findings and the verdict."""
    from creator.check import output

    if args.list_rules:
        return output.list_rules()
    if not args.path:
        raise CreatorError("check needs a PATH (or --list-rules)", 2)
    return output.check_and_print(
        args.path,
        as_json=args.json,
        inventree_version=args.inventree_version,
        static_only=args.static_only,
        select=args.select,
        ignore=args.ignore,
    )


def cmd_update(args: argparse.Namespace) -> int:
    """`update`: 3-way update to a newer template version; conflicts listed, exit 1."""
    from creator import update

    return update.run_cli(args)


def cmd_adopt(args: argparse.Namespace) -> int:
    """`adopt`: record answers and a baseline for a plugin made by inventree-plugin-creator."""
    from creator import adopt

    return adopt.run_cli(args)


COMMANDS.update(
    {"create": cmd_create, "check": cmd_check, "update": cmd_update, "adopt": cmd_adopt}
)
