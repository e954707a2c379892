"""`create`: ask or take the answers, render the project, commit it, check it, say what next.

The library parts are creator.questions (the answers), creator.generate (the rendering, all
or nothing), creator.git (the first commit) and creator.check (the loader check); this module
decides between the wizard and non-interactive answers and prints.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Any

from creator import __version__, config, generate, git, questions, titles, wheelhouse
from creator.answers import parse_data
from creator.errors import Aborted, CreatorError
from creator.generate import Created
from creator.interrupts import interrupts_deferred
from creator.questions import Template

if TYPE_CHECKING:
    from creator.check.harness_process import Prestarted


def _interactive() -> bool:
    """Whether questions can be asked: stdin and stdout are a terminal."""
    streams = (sys.stdin, sys.stdout)
    try:
        return all(s is not None and not s.closed and s.isatty() for s in streams)
    except (OSError, ValueError):
        return False


def run(args: argparse.Namespace) -> int:
    """`create`: collect answers, render atomically, git init, print the next steps."""
    if args.list_mixins:
        return _list_mixins(args.json)
    chosen = Path(args.dest) if args.dest is not None else None
    data_file = Path(args.data_file) if args.data_file is not None else None
    if chosen is not None:
        generate.check_destination(chosen.absolute(), args.force)
    given = parse_data(args.data, data_file)
    template = questions.load()
    saved = _author_defaults(template, _usable_defaults(template, config.load_defaults()), given)

    interactive = _interactive() and not args.defaults
    if not interactive:
        given = titles.complete(template, {**saved, **given})
    if args.defaults:
        answers, _ = template.resolve({**saved, **given}, use_defaults=True)
    else:
        if interactive:
            from creator import wizard  # lazy: questionary and prompt_toolkit, for a terminal only

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
    dest = chosen if chosen is not None else Path(answers["distribution_name"])
    generate.check_destination(dest.absolute(), args.force)
    if interactive:
        from creator import wizard  # lazy: questionary and prompt_toolkit, for a terminal only

        if not wizard.confirm(f"Create {answers['plugin_name']!r} in {dest}?"):
            raise Aborted()

    prestarted = None if args.no_check else _prestart_check(dest)
    try:
        return _create(args, template, answers, dest, prestarted)
    finally:
        if prestarted is not None:
            prestarted.cancel()  # returns at once; nothing when the check used it


def _create(
    args: argparse.Namespace,
    template: Template,
    answers: dict[str, Any],
    dest: Path,
    prestarted: Prestarted | None,
) -> int:
    """Render, remember the author, commit, check, and print what was done and what next."""
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
        verdict = 0 if args.no_check else _check_created(created.path, prestarted)
        _next_steps(created, dest)
    except KeyboardInterrupt:
        # The project is complete (it was moved into place in one step); say so.
        print(f"\nInterrupted: the project in {created.path} is complete.", file=sys.stderr)
        return 130
    return verdict


def _prestart_check(dest: Path) -> Prestarted | None:
    """Start the loader check's sandboxed harness now: its set-up overlaps the rendering.

    The sandbox shows it the folder the project will be in, read-only: `dest` itself when
    create merges into it (--force), else its parent (the new project appears there by a
    rename, which a view of the empty `dest` would not see). The plugin it will run is the
    template's own code. None when that folder cannot be made (the check starts later).
    """
    from creator.check import dynamic  # lazy: only a create with the check pays for it
    from creator.check.versions import DEFAULT_VERSION

    merging = dest.is_dir() and any(dest.iterdir())
    folder = dest.absolute() if merging else dest.absolute().parent
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError:
        return None
    return dynamic.prestart([folder], DEFAULT_VERSION)


def _check_created(path: Path, prestarted: Prestarted | None) -> int:
    """Run the loader check on the new project; a finding here is our bug, so show it all."""
    from creator.check import output, runner  # lazy: only a create with the check pays for it
    from creator.check.versions import DEFAULT_VERSION

    print("Checking that InvenTree's plugin loader accepts it ...")
    report = runner.run(path, inventree_version=DEFAULT_VERSION, prestarted=prestarted)
    output.print_human(report, str(path), DEFAULT_VERSION)
    return report.exit_code()


def _refuse_unused_frontend(template: Template, answers: dict[str, Any]) -> None:
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
    catalog = questions.load().data["catalog"]
    if as_json:
        import json  # lazy: only --json prints JSON

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


def _author_defaults(
    template: Template, saved: dict[str, Any], given: dict[str, Any]
) -> dict[str, Any]:
    """Saved defaults, else the git identity for the author; says which ones are used."""
    used = {k: v for k, v in saved.items() if k not in given}
    if used:
        shown = ", ".join(f"{k}={v!r}" for k, v in used.items())
        print(f"Using saved defaults from {config.config_path()}: {shown}")
    wanted = [k for k in ("author_name", "author_email") if k not in given and k not in saved]
    if not wanted:
        return saved
    identity = {k: v for k, v in git.identity().items() if k in wanted}
    identity = {
        k: v for k, v in identity.items()
        if not template.problem(template.by_name[k], v, {})
    }  # fmt: skip
    if identity:
        name, email = identity.get("author_name", ""), identity.get("author_email")
        print(f"Author from git config: {name}{f' <{email}>' if email else ''}".rstrip())
    return {**saved, **identity}


def _usable_defaults(template: Template, saved: dict[str, Any]) -> dict[str, Any]:
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


def _git_commit(created: Created) -> None:
    """Commit the files written (a new repository, or the one the destination is in)."""
    if not git.available():
        print(
            "git was not found: the project was created without a git repository "
            "(run `git init` there later; `update` needs one)."
        )
        return
    try:
        commit = git.init_and_commit(
            created.path,
            created.answers["author_name"],
            created.answers.get("author_email", ""),
            f"Create {created.answers['plugin_name']} from create-inventree-plugin {__version__}",
            files=created.files if created.existed else None,
        )
        others = git.other_changes(created.path, created.files) if created.existed else []
    except (OSError, git.GitError) as error:
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


def _next_steps(created: Created, dest: Path) -> None:
    """The commands that take the new project from here to a wheel."""
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
