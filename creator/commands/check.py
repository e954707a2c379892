"""`check`: the loader check's options turned into a call, its report printed.

The check itself is creator.check (`runner.run`, printed by creator.check.output) and, with
`--inventree SRC`, creator.inventree (the real InvenTree's loader).
"""

from __future__ import annotations

import argparse
import contextlib
import json
import os
import sys
from collections.abc import Iterator

from creator.check import dynamic, output
from creator.check.rules import all_rules
from creator.errors import CreatorError


def run(args: argparse.Namespace) -> int:
    """`check`: run the loader check and print the findings and the verdict."""
    if args.list_rules:
        return output.list_rules()
    try:
        if not args.path:
            raise CreatorError("check needs a PATH (or --list-rules)", 2)
        _known_rule_ids([*args.select, *args.ignore])
        with _install_policy(args.no_install, args.allow_direct_references):
            if args.inventree is not None or args.python or args.inventree_as:
                from creator.inventree import command  # lazy: only --inventree needs it

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
        failure = {"loads": None, "error": str(error), "exit_code": error.exit_code}
        print(json.dumps({**failure, "plugin": {}, "findings": []}, indent=2))
        with contextlib.suppress(OSError, ValueError):  # stderr may be closed
            print(f"error: {error}", file=sys.stderr, flush=True)
        return error.exit_code


def _known_rule_ids(ids: list[str]) -> None:
    """--select/--ignore name rules by id prefix; one that matches no rule is a typo."""
    if not ids:
        return
    known = [rule.id for rule in all_rules()]
    for given in ids:
        if not any(rule.startswith(given) for rule in known):
            raise CreatorError(f"unknown rule id {given!r} (see check --list-rules)", 2)


@contextlib.contextmanager
def _install_policy(no_install: bool, allow_direct: bool) -> Iterator[None]:
    """--no-install / --allow-direct-references for this command (as the env variables)."""
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
