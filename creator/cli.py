"""The `create-inventree-plugin` command line.

A thin layer over the library (creator.questions, creator.generate, ...): it parses
arguments, decides between wizard and non-interactive answers, and turns every expected
failure into one line on stderr with a non-zero exit. Heavy modules (Copier, Jinja,
questionary) are imported inside the commands, so `--help` and `--version` stay instant.
"""

from __future__ import annotations

import argparse
import contextlib
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
        "--list-mixins",
        action="store_true",
        help="list the mixins (-d mixins=A,B) with what each example does, and exit",
    )
    create.add_argument("--json", action="store_true", help="with --list-mixins: print JSON")
    create.format_help = _with_answer_keys(create.format_help)  # type: ignore[method-assign]
    create.add_argument(
        "--force",
        action="store_true",
        help="write into a non-empty DEST; a template file replaces a file there only when "
        "git has it committed unchanged (others are refused, see --overwrite); other files "
        "are kept, and only the files written are committed",
    )
    create.add_argument(
        "--overwrite",
        action="store_true",
        help="with --force: also replace changed or untracked files, keeping a copy of each "
        "in .create-inventree-plugin-backup/ (listed)",
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
        "an InvenTree server. The plugin's code and the packages it needs run in a sandbox "
        "(see docs/security.md). Exit codes: 0 it would load; 1 it would not load (with "
        "--strict: also when a feature will fail); 2 the check could not run; 3 undecided.",
    )
    check.add_argument(
        "--no-install",
        action="store_true",
        help="never install the plugin's dependencies (installing runs their code); a plugin "
        "that needs one is then undecided (also $CREATE_INVENTREE_PLUGIN_NO_INSTALL=1)",
    )
    check.add_argument(
        "--allow-direct-references",
        action="store_true",
        help="also install dependencies given as URLs or files (`name @ file://...`), which "
        "are refused by default",
    )
    check.add_argument("path", nargs="?", help="plugin project, .whl, .tar.gz or plugin folder")
    check.add_argument("--json", action="store_true", help="print one JSON object")
    check.add_argument(
        "--inventree-version",
        metavar="X.Y[.Z]",
        help="InvenTree release to check against, any our model covers, 1.0 to 1.5 "
        "(docs/inventree-releases.md; default: the newest, 1.5)",
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
    check.add_argument(
        "--strict",
        action="store_true",
        help="exit 1 also when the plugin loads but some of its features will fail",
    )
    check.add_argument("--list-rules", action="store_true", help="list the rules and exit")
    check.add_argument(
        "--inventree",
        metavar="SRC",
        help="check with a real InvenTree: its own registry loads and activates the plugin; "
        "SRC is an InvenTree source tree (checkout root or src/backend). Sets up a cached "
        "environment on first use (minutes)",
    )
    check.add_argument(
        "--python",
        metavar="PATH",
        help="with --inventree: the interpreter for InvenTree's environment (default: found; "
        "also $CREATE_INVENTREE_PLUGIN_PYTHON)",
    )
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
        description="Infer the answers from a plugin made by inventree-plugin-creator and "
        "migrate it onto this template: the release of the old tool that made it is found and "
        "rendered again as the merge base, so its untouched files go, ours arrive and your "
        "edits are replayed onto them (conflicts are listed, exit 1). The tree must be clean; "
        "the result is left uncommitted for review.",
    )
    adopt_cmd.add_argument("path", nargs="?", help="plugin project (default: .)")
    adopt_cmd.add_argument(
        "--from-version",
        metavar="X.Y.Z",
        help="the inventree-plugin-creator release that made the plugin (default: detected)",
    )
    adopt_cmd.add_argument(
        "--no-migrate",
        action="store_true",
        help="only record .copier-answers.yml with this template as the baseline; change no "
        "file (later updates then count the old tool's files as yours)",
    )
    add_data_option(adopt_cmd, "use this answer instead of the inferred one (repeatable)")
    commands.add_parser(
        "wheelhouse",
        help="write the inventree-plugin-standin wheel locally and print its directory",
        description="Generated plugins' tests need inventree-plugin-standin, which is not on "
        "PyPI yet: this writes its wheel (from this CLI's sources) into a directory under the "
        "user cache dir and prints it, for `pip install --find-links DIR`.",
    )
    # No prefix matching: `--inventree` must never be read as `--inventree-version`, etc.
    for each in (parser, *commands.choices.values()):
        each.allow_abbrev = False
    return parser


def _with_answer_keys(format_help: Any) -> Any:
    """`create --help` plus copier.yml's answer keys (read only when help is shown)."""

    def with_keys() -> str:
        import textwrap

        from creator import questions

        lines = ["", "answer keys (-d KEY=VALUE; the questions of copier.yml):"]
        for question in questions.load().answerable:
            text = " ".join(str(question.help).split())
            wrapped = textwrap.wrap(text, 56) or [""]
            lines.append(f"  {question.name:<22}{wrapped[0]}")
            lines += [f"  {'':<22}{more}" for more in wrapped[1:]]
        return format_help() + "\n".join(lines) + "\n"

    return with_keys


def main(argv: list[str] | None = None) -> int:
    """Run the CLI; returns the exit code."""
    terminated: list[bool] = []
    previous = _terminate_as_interrupt(terminated)
    try:
        parser = build_parser()
        argv = list(sys.argv[1:] if argv is None else argv)
        if not argv or (argv[0] not in COMMANDS and argv[0] not in ("-h", "--help", "--version")):
            argv.insert(0, "create")  # no command: create, asking the questions
        args = parser.parse_args(argv)
        code = COMMANDS[args.command](args)
        sys.stdout.flush()  # a full disk or closed pipe shows here, not at interpreter exit
        return code
    except Aborted as error:
        _say(str(error) or "Aborted.")
        return 143 if terminated else 130
    except KeyboardInterrupt:
        _say("\nAborted.")
        return 143 if terminated else 130
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
        if previous is not None:
            import signal

            signal.signal(signal.SIGTERM, previous)


def _terminate_as_interrupt(flag: list[bool]) -> Any:
    """SIGTERM unwinds like Ctrl-C (cleanups run, the sandbox is killed); `flag` records it.

    Returns the previous handler (None when it could not be set: not the main thread).
    """
    import signal

    def handler(signum: int, frame: object) -> None:
        flag.append(True)
        raise KeyboardInterrupt

    try:
        return signal.signal(signal.SIGTERM, handler)
    except ValueError:
        return None


def _say(line: str) -> None:
    """A line on stderr that never raises (stderr may be closed or full)."""
    with contextlib.suppress(OSError, ValueError, AttributeError):
        print(line, file=sys.stderr, flush=True)


def _quiet_stdout() -> None:
    """Point stdout at /dev/null so the interpreter's final flush cannot fail again."""
    import os

    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        os.close(devnull)
    except (OSError, ValueError, AttributeError):
        pass


def parse_data(pairs: list[str], data_file: Path | None) -> dict[str, Any]:
    """Answers from --data-file, then -d KEY=VALUE (which wins)."""
    answers: dict[str, Any] = {}
    if data_file is not None:
        import yaml

        try:
            loaded = yaml.safe_load(_data_file_text(data_file))
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


#: An answers file is a few hundred bytes; anything near this is not one.
MAX_DATA_FILE_BYTES = 2**20


def _data_file_text(data_file: Path) -> str:
    """--data-file's text: bounded in size, UTF-8, and without YAML aliases.

    Aliases are refused outright: answers never need them, and a few hundred bytes of nested
    aliases expand to gigabytes (the "billion laughs").
    """
    import yaml

    with data_file.open("rb") as handle:
        raw = handle.read(MAX_DATA_FILE_BYTES + 1)
    if len(raw) > MAX_DATA_FILE_BYTES:
        raise CreatorError(f"{data_file} is larger than {MAX_DATA_FILE_BYTES // 1024} KB", 2)
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError:
        raise CreatorError(f"{data_file} is not UTF-8 text (YAML or JSON expected)", 2) from None
    if "\0" in text:
        raise CreatorError(f"{data_file} is not UTF-8 text (YAML or JSON expected)", 2)
    if "*" in text:  # cheap pre-test; the parser decides
        for event in yaml.parse(text, Loader=yaml.SafeLoader):
            if isinstance(event, yaml.AliasEvent):
                raise CreatorError(f"{data_file} uses YAML aliases (*name), which are refused")
    return text


def _interactive() -> bool:
    streams = (sys.stdin, sys.stdout)
    try:
        return all(s is not None and not s.closed and s.isatty() for s in streams)
    except (OSError, ValueError):
        return False


def cmd_create(args: argparse.Namespace) -> int:
    """`create`: collect answers, render atomically, git init, print the next steps."""
    from pathlib import Path

    from creator.generate import sigint_deferred

    if args.list_mixins:
        return _list_mixins(args.json)
    with sigint_deferred():  # Ctrl-C inside import machinery prints noise; act on it after
        # No Copier here: an installed CLI renders with creator.render (same output).
        from creator import config, generate, questions

    args.dest = Path(args.dest) if args.dest is not None else None
    args.data_file = Path(args.data_file) if args.data_file is not None else None

    if args.dest is not None:
        generate.check_destination(args.dest.absolute(), args.force)
    given = parse_data(args.data, args.data_file)
    template = questions.load()
    saved = _author_defaults(template, _usable_defaults(template, config.load_defaults()), given)

    interactive = _interactive() and not args.defaults
    if not interactive:
        from creator import titles

        given = titles.complete(template, {**saved, **given})
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
    _refuse_unused_frontend(template, answers)
    dest = args.dest if args.dest is not None else Path(answers["distribution_name"])
    generate.check_destination(dest.absolute(), args.force)
    if interactive:
        from creator import wizard

        if not wizard.confirm(f"Create {answers['plugin_name']!r} in {dest}?"):
            raise Aborted()

    answers["standin_wheelhouse"] = _standin_wheelhouse()
    created = generate.create(dest, answers, force=args.force, overwrite=args.overwrite)
    try:
        config.save_defaults(answers)
        print(f"Created {answers['plugin_name']} in {created.path} ({len(created.files)} files)")
        if created.backups:
            print(f"Replaced {len(created.backups)} file(s) of yours; copies are kept at:")
            print("\n".join(f"  {backup}" for backup in created.backups))
        for name in answers.get("mixins", []):  # a legacy mixin was asked for by name
            if legacy := template.data["catalog"].get(name, {}).get("legacy"):
                print(f"warning: {name}: {legacy}", file=sys.stderr)
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


def _refuse_unused_frontend(template: Any, answers: dict[str, Any]) -> None:
    """A frontend only builds UserInterfaceMixin's panels: without it, it would sit unused."""
    if not answers.get("frontend"):
        return
    enabled = template.default(template.by_name["enabled_mixins"], answers)
    if "UserInterfaceMixin" not in enabled:
        raise CreatorError(
            "frontend=true needs UserInterfaceMixin (the frontend builds its panels): add it "
            "to mixins, or leave frontend out"
        )


def _list_mixins(as_json: bool) -> int:
    """`create --list-mixins`: the catalog's mixins, in base-class order."""
    from creator import questions

    catalog = questions.load().data["catalog"]
    if as_json:
        import json

        keys = ("summary", "doc", "requires", "since", "legacy")
        listed = [
            {"name": name, **{k: m[k] for k in keys if k in m}} for name, m in catalog.items()
        ]
        print(json.dumps(listed, indent=2))
        return 0
    width = max(map(len, catalog))
    for name, mixin in catalog.items():
        note = f" (legacy: {mixin['legacy']})" if mixin.get("legacy") else ""
        since = f" [InvenTree {mixin['since']}+]" if mixin.get("since") else ""
        print(f"{name:<{width}}  {mixin['summary']}{since}{note}")
    print("\nUse: create-inventree-plugin create -d mixins=SettingsMixin,UrlsMixin")
    return 0


def _author_defaults(template: Any, saved: dict[str, Any], given: dict[str, Any]) -> dict[str, Any]:
    """Saved defaults, else the git identity for the author; says which ones are used."""
    from creator import config

    used = {k: v for k, v in saved.items() if k not in given}
    if used:
        shown = ", ".join(f"{k}={v!r}" for k, v in used.items())
        print(f"Using saved defaults from {config.config_path()}: {shown}")
    wanted = [k for k in ("author_name", "author_email") if k not in given and k not in saved]
    if not wanted:
        return saved
    identity = {k: v for k, v in config.git_identity().items() if k in wanted}
    identity = {
        k: v for k, v in identity.items()
        if not template.problem(template.by_name[k], v, {})
    }  # fmt: skip
    if identity:
        name, email = identity.get("author_name", ""), identity.get("author_email")
        print(f"Author from git config: {name}{f' <{email}>' if email else ''}".rstrip())
    return {**saved, **identity}


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
            files=created.files if created.existed else None,
        )
        others = gitops.other_changes(created.path, created.files) if created.existed else []
    except (OSError, RuntimeError) as error:
        print(f"warning: git init/commit failed ({error}); the project itself is complete.")
        return
    if created.existed and not commit:
        print("Nothing to commit: git already has the files written, as they are.")
    elif created.existed:
        print(f"Committed the {len(created.files)} files written (commit {commit}).")
    else:
        print(f"Initialised a git repository (commit {commit}).")
    if others:
        shown = ", ".join(others[:5]) + (", ..." if len(others) > 5 else "")
        print(f"note: {len(others)} other uncommitted path(s) were left out of it: {shown}")


def _standin_wheelhouse() -> str:
    """The local wheelhouse for the unpublished test dependency ("" once it is on PyPI)."""
    from creator import wheelhouse
    from creator.generate import interrupts_deferred

    try:
        # Held like the file moves: an interrupt mid-write would leave a half wheel (and
        # zipfile's finaliser prints a traceback); it takes effect right after.
        with interrupts_deferred():
            return wheelhouse.find_links()
    except OSError as error:
        print(
            f"warning: could not write the {wheelhouse.STANDIN} wheel ({error}); the project's "
            "install line assumes it is on PyPI",
            file=sys.stderr,
        )
        return ""


def _next_steps(created: Any, dest: Path) -> None:
    answers = created.answers
    find_links = answers.get("standin_wheelhouse")
    option = f"--find-links {find_links} " if find_links else ""
    steps = [f"cd {dest}"]
    steps.append(
        f'python -m venv .venv && . .venv/bin/activate && pip install {option}-e ".[test,dev]"'
    )
    if answers.get("frontend"):
        steps.append("(cd frontend && npm ci && npm run build)")
    steps += ["pytest", "python -m build"]
    print("\nNext steps:\n" + "\n".join(f"  {step}" for step in steps))
    if find_links:
        print(
            "(--find-links: the tests' InvenTree stand-in, inventree-plugin-standin, is not on "
            f"PyPI yet; its wheel is in {find_links}.)"
        )
    print("Then install it into InvenTree: see README.md.")


def cmd_check(args: argparse.Namespace) -> int:
    """`check`: run the loader check and print the findings and the verdict."""
    from creator.check import output

    if args.list_rules:
        return output.list_rules()
    try:
        if not args.path:
            raise CreatorError("check needs a PATH (or --list-rules)", 2)
        _known_rule_ids([*args.select, *args.ignore])
        with _install_policy(args.no_install, args.allow_direct_references):
            if args.inventree is not None or args.python is not None:
                from creator.inventree import command

                return command.check_and_print(args)
            return output.check_and_print(
                args.path,
                as_json=args.json,
                inventree_version=args.inventree_version,
                static_only=args.static_only,
                select=args.select,
                ignore=args.ignore,
                strict=args.strict,
            )
    except CreatorError as error:
        if not args.json:
            raise
        # --json always prints one object, also when the check could not run.
        import json

        failure = {"loads": None, "error": str(error), "exit_code": error.exit_code}
        print(json.dumps({**failure, "plugin": {}, "findings": []}, indent=2))
        _say(f"error: {error}")
        return error.exit_code


def _known_rule_ids(ids: list[str]) -> None:
    """--select/--ignore name rules by id prefix; one that matches no rule is a typo."""
    if not ids:
        return
    from creator.check.model import all_rules

    known = [rule.id for rule in all_rules()]
    with_inventree = _inventree_rule_ids()
    for given in ids:
        if not any(rule.startswith(given) for rule in [*known, *with_inventree]):
            raise CreatorError(f"unknown rule id {given!r} (see check --list-rules)", 2)


def _inventree_rule_ids() -> list[str]:
    """Ids of the real-InvenTree rules (INV...), when that package is present."""
    try:
        from creator.check.rules import inventree as rules
    except ImportError:
        return []
    return [getattr(v, "id", "") for v in vars(rules).values() if isinstance(v, type)]


def _install_policy(no_install: bool, allow_direct: bool) -> Any:
    """--no-install / --allow-direct-references for this command (as the env variables)."""
    import contextlib
    import os

    from creator.check import dynamic

    @contextlib.contextmanager
    def scoped() -> Any:
        wanted = {dynamic.NO_INSTALL_ENV: no_install, dynamic.ALLOW_DIRECT_ENV: allow_direct}
        saved = {name: os.environ.get(name) for name in wanted}
        for name, on in wanted.items():
            if on:
                os.environ[name] = "1"
        try:
            yield
        finally:
            for name, value in saved.items():
                if value is None:
                    os.environ.pop(name, None)
                else:
                    os.environ[name] = value

    return scoped()


def cmd_update(args: argparse.Namespace) -> int:
    """`update`: 3-way update to a newer template version; conflicts listed, exit 1."""
    from creator import update

    return update.run_cli(args)


def cmd_wheelhouse(args: argparse.Namespace) -> int:
    """`wheelhouse`: write the stand-in wheel and print the --find-links directory."""
    from creator import wheelhouse

    try:
        wheelhouse.write_wheel(wheelhouse.default_location())
    except OSError as error:
        raise CreatorError(f"cannot write the wheelhouse: {error}") from None
    print(wheelhouse.default_location())
    return 0


def cmd_adopt(args: argparse.Namespace) -> int:
    """`adopt`: record answers and a baseline for a plugin made by inventree-plugin-creator."""
    from creator import adopt

    return adopt.run_cli(args)


COMMANDS.update(
    {
        "create": cmd_create,
        "check": cmd_check,
        "update": cmd_update,
        "adopt": cmd_adopt,
        "wheelhouse": cmd_wheelhouse,
    }
)
