"""Render the template's files the way Copier does, without importing Copier.

`create` renders a template version straight from its files (creator.generate, direct mode).
Copier's own run spends most of its time on things a fresh, complete set of answers does not
need: importing Copier, pydantic and plumbum, re-validating every answer, compiling each
question's Jinja again, and one `git config` subprocess per file. This module does only what
decides the output, with the same Jinja set-up Copier gives templates (sandboxed environment,
the template root as loader path, jinja2-ansible-filters, `keep_trailing_newline`, the
`to_json` default and `pathjoin`):

* walk `_subdirectory`, render every path part (a part rendering empty drops the entry), drop
  the `.jinja` suffix, skip `_exclude` matches and plain files shadowed by a `.jinja` sibling;
* render `.jinja` files with the answers, the data questions and `_copier_answers`; copy the
  others byte for byte, keeping the file mode.

Compiled templates are cached on disk (Jinja's bytecode cache, keyed by source checksum), so
a second `create` compiles nothing. tests/test_render.py renders a set of answers both ways
and requires identical trees and answers files; generate.render falls back to Copier for
anything this module does not model (e.g. a `_tasks` or `_jinja_extensions` entry).
"""

from __future__ import annotations

import os
import stat
import sys
from collections.abc import Iterator, Mapping
from fnmatch import fnmatchcase
from functools import partial
from pathlib import Path, PurePath, PurePosixPath
from typing import Any

from creator.jinja_cache import bytecode_cache
from creator.questions import Template

SUFFIX = ".jinja"

#: copier.yml settings this module implements; any other `_setting` means: use Copier.
SUPPORTED = {
    "_subdirectory",
    "_answers_file",
    "_min_copier_version",
    "_exclude",
    "_message_after_copy",
    "_templates_suffix",
}


def supported(template: Template) -> bool:
    """True when copier.yml uses only settings this renderer reproduces."""
    return (
        set(template.settings) <= SUPPORTED
        and template.settings.get("_templates_suffix", SUFFIX) == SUFFIX
    )


def _environment(root: Path, strings: dict[str, str]) -> Any:
    """Copier's Jinja environment for templates (minus its `{% yield %}` extension).

    `strings` maps names to template text (path names) loaded like files, bytecode cached.
    """
    # lazy: create asks its questions before anything renders
    from jinja2 import ChoiceLoader, FileSystemLoader, FunctionLoader
    from jinja2.sandbox import SandboxedEnvironment
    from jinja2_ansible_filters.core_filters import to_json

    env = SandboxedEnvironment(
        loader=ChoiceLoader([FunctionLoader(strings.get), FileSystemLoader([str(root.resolve())])]),
        extensions=["jinja2_ansible_filters.AnsibleCoreFiltersExtension"],
        keep_trailing_newline=True,
        bytecode_cache=bytecode_cache(),
    )

    def fallback(value: Any) -> Any:
        return str(value) if isinstance(value, PurePath) else value

    env.filters["to_json"] = partial(to_json, default=fallback)
    env.globals["pathjoin"] = lambda *parts, mode="posix": str(PurePosixPath(*parts))
    return env


def context(
    template: Template, answers: Mapping[str, Any], src: str, ref: str | None
) -> dict[str, Any]:
    """What templates see: data questions, every answer, computed values, `_copier_*`."""
    values: dict[str, Any] = {**template.data, **answers}
    for question in template.questions:
        if question.name not in values:
            values[question.name] = template.default(question, values)
        elif question.multiselect and isinstance(values[question.name], list):
            # Copier keeps a multiselect answer in the order of its choices.
            order = [value for _, value in template.choices(question, values)]
            picked = values[question.name]
            values[question.name] = [v for v in order if v in picked] + [
                v for v in picked if v not in order
            ]
    remembered: dict[str, Any] = {"_commit": ref} if ref is not None else {}
    remembered["_src_path"] = src
    for question in template.questions:
        if question.when is False or question.is_data:
            continue
        if template.is_asked(question, values) or question.ask is False:
            remembered[question.name] = values[question.name]
    answers_file = template.settings.get("_answers_file", ".copier-answers.yml")
    return {
        **values,
        "_copier_answers": remembered,
        "_copier_conf": {"answers_file": answers_file, "sep": os.sep, "src_path": src},
        "_copier_python": sys.executable,
    }


def _excluder(patterns: list[str]) -> Any:
    """A matcher for `_exclude` patterns with Copier's (gitignore) semantics.

    Patterns that are plain names or globs without '/', '!' or '**' match any path component
    (gitignore's rule for them), checked with fnmatch; anything else goes to pathspec, which
    Copier itself uses (importing it costs more than the rest of this function).
    """
    if any(c in pattern for pattern in patterns for c in ("/", "!", "**", "\\")):
        # lazy: costs more than the rest of this function (see above)
        from pathspec import PathSpec
        from pathspec import __version__ as pathspec_version

        style = "gitignore" if int(pathspec_version.split(".")[0]) >= 1 else "gitwildmatch"
        return PathSpec.from_lines(style, patterns).match_file

    def match(path: str) -> bool:
        parts = path.split("/")
        return any(fnmatchcase(part, pattern) for part in parts for pattern in patterns)

    return match


def _entries(root: Path) -> Iterator[Path]:
    """Every file and folder under `root`, parents before children, names sorted."""
    for path in sorted(root.iterdir(), key=lambda p: p.name):
        yield path
        if path.is_dir() and not path.is_symlink():
            yield from _entries(path)


def render(
    template: Template, answers: Mapping[str, Any], into: Path, src: str, ref: str | None
) -> list[Path]:
    """Render the template into the new directory `into`; returns the files written."""
    root = template.root
    source_root = root / template.settings.get("_subdirectory", "")
    strings: dict[str, str] = {}
    env = _environment(root, strings)
    values = context(template, answers, src, ref)
    excluded = _excluder(template.settings.get("_exclude", []))
    rendered_parts: dict[str, str] = {}

    def render_part(part: str) -> str:
        if "{" not in part:
            return part
        if part not in rendered_parts:
            name = f"path#{part}"
            strings[name] = part
            rendered_parts[part] = env.get_template(name).render(values)
        return rendered_parts[part]

    into.mkdir(parents=True, exist_ok=False)
    written = []
    for path in _entries(source_root):
        relative = path.relative_to(source_root)
        is_template = path.is_file() and path.name.endswith(SUFFIX)
        if path.is_file() and not is_template and path.with_name(path.name + SUFFIX).exists():
            continue  # Copier renders the .jinja sibling instead
        parts = list(relative.parts)
        if is_template:
            parts[-1] = parts[-1][: -len(SUFFIX)]
        target_parts = [render_part(part) for part in parts]
        if not all(target_parts):
            continue
        target_relative = PurePosixPath(*target_parts)
        if excluded(str(target_relative)):
            continue
        target = into.joinpath(*target_parts)
        if not target.resolve().is_relative_to(into.resolve()):
            raise ValueError(f"template path {relative} renders outside the project")
        if path.is_dir():
            target.mkdir(parents=True, exist_ok=True)
            continue
        if is_template:
            name = relative.as_posix()
            prefix = source_root.relative_to(root).as_posix()
            content = env.get_template(f"{prefix}/{name}" if prefix != "." else name).render(values)
            data = content.encode()
        else:
            data = path.read_bytes()
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(data)
        mode = stat.S_IMODE(path.stat().st_mode)
        if stat.S_IMODE(target.stat().st_mode) != mode:
            target.chmod(mode)
        written.append(target)
    return written
