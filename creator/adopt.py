"""`adopt`: take over a plugin made by `inventree-plugin-creator` (the cookiecutter tool).

That tool records nothing about how a plugin was made, so there is no template version to
update from. `adopt` reconstructs one:

1. Infer our answers from the plugin's own files: the entry point (pyproject.toml, or
   setup.py in older releases) names the distribution, package and class; the class body in
   core.py gives TITLE, SLUG, DESCRIPTION, AUTHOR, WEBSITE, LICENSE, MIN_VERSION; its bases
   give the mixins; `frontend/package.json` the frontend; `.github/` or `.gitlab-ci.yml` the
   CI; the LICENSE file the copyright year. Deprecated license ids (`GPL-3.0+`, ...) map to
   their SPDX successors. `-d KEY=VALUE` overrides any of them.
2. Validate them with copier.yml's own questions (creator.questions). A value that fails is
   dropped and reported (its default is recorded); a name the code depends on (slug, package,
   class, distribution) that fails stops the adoption instead, because a different value would
   not describe this project.
3. Render our template at this CLI's version (from the local store, creator.store) with those
   answers into a temporary directory.
4. Migrate (the default; creator.migrate): find the old tool's release that made the plugin,
   render that release again as the merge base, and merge the old render, the project and our
   render file by file. The old tool's untouched boilerplate goes, our files arrive, the
   user's edits are replayed onto them, and collisions are marked and listed (exit 1, as
   `update`). The answers file comes with our render, so `update` works from then on. The
   result is left in the work tree for review; an interruption restores it.

Without a release to migrate from (`--no-migrate`, or no release of the old tool resembles
the project), only `.copier-answers.yml` is written, with our render as the recorded
baseline. Copier's update then counts every difference between our template and the
project as the user's own work, so:

- a file our template did not change between the two versions keeps the user's content
  exactly (core.py, frontend sources, ...);
- a file both sides changed is merged 3-way, and where they collide the conflict is marked
  and reported by `update` (never silently resolved either way);
- a file our template has and the project lacks counts as deleted by the user and stays
  absent (adopt lists these files, so the user can copy any of them from a fresh render);
- the old tool's own files (setup.cfg, biome.json, ...) are the user's files: never touched.
"""

from __future__ import annotations

import ast
import contextlib
import re
import shutil
import tempfile
import tomllib
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from creator import generate, store
from creator.errors import CreatorError
from creator.update import ANSWERS_FILE, _require_clean_git

# Deprecated SPDX ids the old tool offered (from the `license` package) -> current ids.
LICENSE_ALIASES = {
    "GPL-2.0": "GPL-2.0-only",
    "GPL-2.0+": "GPL-2.0-or-later",
    "GPL-3.0": "GPL-3.0-only",
    "GPL-3.0+": "GPL-3.0-or-later",
    "LGPL-2.1": "LGPL-2.1-only",
    "LGPL-2.1+": "LGPL-2.1-or-later",
    "LGPL-3.0": "LGPL-3.0-only",
    "LGPL-3.0+": "LGPL-3.0-or-later",
    "AGPL-3.0": "AGPL-3.0-only",
    "AGPL-3.0+": "AGPL-3.0-or-later",
    "BSD-2": "BSD-2-Clause",
    "BSD-3": "BSD-3-Clause",
}
# Names the code depends on: a value that fails validation cannot be replaced by a default.
IDENTITY = ("plugin_slug", "package_name", "class_name", "distribution_name")
ENTRY_GROUP = "inventree_plugins"


@dataclass
class Adopted:
    """What `adopt()` recorded and what it could not infer."""

    path: Path
    version: str
    answers: dict[str, Any]
    inferred: dict[str, str] = field(default_factory=dict)  # answer -> where it came from
    not_inferred: dict[str, str] = field(default_factory=dict)  # answer -> why (default used)
    notes: list[str] = field(default_factory=list)
    missing: list[str] = field(default_factory=list)  # our template's files the project lacks
    shared: list[str] = field(default_factory=list)  # files both have (merged on update)
    migration: Any = None  # creator.migrate.Migration when the project was migrated
    release_note: str = ""  # why it was not migrated, when it was not

    @property
    def conflicts(self) -> list[str]:
        """Files the migration left with conflicts to resolve."""
        return self.migration.conflicts if self.migration else []


# ---------------------------------------------------------------------------- reading


def _read_pyproject(path: Path, notes: list[str]) -> dict[str, Any]:
    file = path / "pyproject.toml"
    if not file.is_file():
        return {}
    try:
        return tomllib.loads(file.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError) as error:
        notes.append(f"pyproject.toml could not be read ({error}); skipped")
        return {}


def _literal(node: ast.AST) -> Any:
    try:
        return ast.literal_eval(node)
    except (ValueError, TypeError, SyntaxError, MemoryError, RecursionError):
        return None


def _read_setup_py(path: Path, notes: list[str]) -> dict[str, Any]:
    """The literal keyword arguments of setup(...) in setup.py (older releases of the tool)."""
    file = path / "setup.py"
    if not file.is_file():
        return {}
    try:
        tree = ast.parse(file.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, SyntaxError) as error:
        notes.append(f"setup.py could not be parsed ({error}); skipped")
        return {}
    for node in ast.walk(tree):
        if isinstance(node, ast.Call):
            func = node.func
            name = func.attr if isinstance(func, ast.Attribute) else getattr(func, "id", "")
            if name == "setup":
                return {
                    kw.arg: value
                    for kw in node.keywords
                    if kw.arg and (value := _literal(kw.value)) is not None
                }
    return {}


def _entry_point(pyproject: Mapping[str, Any], setup: Mapping[str, Any]) -> tuple[str, str]:
    """(module, class) of the first `inventree_plugins` entry point, or ("", "")."""
    targets: list[str] = []
    group = pyproject.get("project", {}).get("entry-points", {}).get(ENTRY_GROUP, {})
    if isinstance(group, Mapping):
        targets += [str(v) for v in group.values()]
    points = setup.get("entry_points", {})
    if isinstance(points, Mapping):
        items = points.get(ENTRY_GROUP, [])
        if isinstance(items, str):
            items = items.splitlines()
        targets += [str(item).partition("=")[2].strip() for item in items if "=" in str(item)]
    for target in targets:
        module, _, attr = target.partition(":")
        if module.strip() and attr.strip():
            return module.strip(), attr.strip()
    return "", ""


def _find_plugin_class(path: Path) -> tuple[str, str]:
    """Fallback without an entry point: a class deriving from InvenTreePlugin in <pkg>/core.py."""
    for core in sorted(path.glob("*/core.py")):
        try:
            tree = ast.parse(core.read_text(encoding="utf-8"))
        except (OSError, UnicodeDecodeError, SyntaxError):
            continue
        for node in tree.body:
            if isinstance(node, ast.ClassDef) and "InvenTreePlugin" in _base_names(node):
                return f"{core.parent.name}.core", node.name
    return "", ""


def _base_names(node: ast.ClassDef) -> list[str]:
    names = []
    for base in node.bases:
        if isinstance(base, ast.Name):
            names.append(base.id)
        elif isinstance(base, ast.Attribute):
            names.append(base.attr)
    return names


def _read_class(path: Path, module: str, name: str) -> tuple[list[str], dict[str, str]]:
    """(base class names, string constants of the class body) of the plugin class."""
    parts = module.split(".")
    candidates = [path.joinpath(*parts).with_suffix(".py"), path.joinpath(*parts, "__init__.py")]
    for file in candidates:
        if not file.is_file():
            continue
        try:
            tree = ast.parse(file.read_text(encoding="utf-8"))
        except (OSError, UnicodeDecodeError, SyntaxError):
            return [], {}
        for node in tree.body:
            if isinstance(node, ast.ClassDef) and node.name == name:
                constants = {}
                for item in node.body:
                    if (
                        isinstance(item, ast.Assign)
                        and len(item.targets) == 1
                        and isinstance(item.targets[0], ast.Name)
                        and isinstance(item.value, ast.Constant)
                        and isinstance(item.value.value, str)
                    ):
                        constants[item.targets[0].id] = item.value.value
                return _base_names(node), constants
    return [], {}


def infer(path: Path, root: Path | None = None) -> tuple[dict[str, Any], dict[str, str], list[str]]:
    """(answers, where each came from, notes) read from an inventree-plugin-creator plugin.

    `root` is the template whose mixin catalog names the mixins (default: this CLI's).
    """
    from creator import questions

    notes: list[str] = []
    pyproject = _read_pyproject(path, notes)
    setup = _read_setup_py(path, notes)
    project = pyproject.get("project", {}) if isinstance(pyproject.get("project"), dict) else {}
    module, class_name = _entry_point(pyproject, setup)
    origin = "the inventree_plugins entry point"
    if not module:
        module, class_name = _find_plugin_class(path)
        origin = "the class deriving from InvenTreePlugin"
    if not module:
        raise CreatorError(
            f"{path} does not look like an InvenTree plugin: no inventree_plugins entry point "
            "in pyproject.toml or setup.py, and no <package>/core.py with an InvenTreePlugin "
            "class"
        )
    bases, constants = _read_class(path, module, class_name)
    core = f"{module.replace('.', '/')}.py"

    found: dict[str, Any] = {}
    sources: dict[str, str] = {}

    def put(key: str, value: Any, source: str) -> None:
        if key not in found and value not in (None, ""):
            found[key] = value
            sources[key] = source

    authors = project.get("authors") or [{}]
    first_author = authors[0] if isinstance(authors, list) and authors else {}
    if not isinstance(first_author, Mapping):
        first_author = {}
    urls = project.get("urls") if isinstance(project.get("urls"), Mapping) else {}

    put("plugin_name", constants.get("TITLE"), f"{core} TITLE")
    put("plugin_name", constants.get("NAME"), f"{core} NAME")
    put("description", project.get("description"), "pyproject.toml description")
    put("description", setup.get("description"), "setup.py description")
    put("description", constants.get("DESCRIPTION"), f"{core} DESCRIPTION")
    put("author_name", first_author.get("name"), "pyproject.toml authors")
    put("author_name", setup.get("author"), "setup.py author")
    put("author_name", constants.get("AUTHOR"), f"{core} AUTHOR")
    put("author_email", first_author.get("email"), "pyproject.toml authors")
    put("author_email", setup.get("author_email"), "setup.py author_email")
    for key, value in urls.items():
        if str(key).lower() in ("homepage", "home", "repository", "source"):
            put("website", value, f"pyproject.toml urls.{key}")
    put("website", setup.get("url"), "setup.py url")
    put("website", constants.get("WEBSITE"), f"{core} WEBSITE")
    for raw, source in (
        (project.get("license"), "pyproject.toml license"),
        (setup.get("license"), "setup.py license"),
        (constants.get("LICENSE"), f"{core} LICENSE"),
    ):
        original = str(raw.get("text", "") if isinstance(raw, Mapping) else raw or "").strip()
        if original:
            put("license", LICENSE_ALIASES.get(original, original), source)
            if original in LICENSE_ALIASES:
                notes.append(
                    f"license {original!r} is a deprecated SPDX id: recorded "
                    f"{LICENSE_ALIASES[original]}"
                )
            break
    put("plugin_slug", constants.get("SLUG"), f"{core} SLUG")
    put("package_name", module.split(".")[0], origin)
    put("class_name", class_name, origin)
    put("distribution_name", project.get("name"), "pyproject.toml name")
    put("distribution_name", setup.get("name"), "setup.py name")
    if constants.get("MIN_VERSION"):
        put("min_inventree_version", constants["MIN_VERSION"], f"{core} MIN_VERSION")

    template = questions.load(root)
    catalog = template.data.get("catalog", {})
    mixins = [name for name in bases if name.endswith("Mixin")]
    unknown = [name for name in mixins if name not in catalog]
    if unknown:
        notes.append(f"mixins our catalog does not know, left out: {', '.join(unknown)}")
    if bases:
        found["mixins"] = [name for name in mixins if name in catalog]
        sources["mixins"] = f"{core} base classes of {class_name}"
    if "UserInterfaceMixin" in found.get("mixins", []):
        found["frontend"] = (path / "frontend" / "package.json").is_file()
        sources["frontend"] = "frontend/package.json " + (
            "exists" if found["frontend"] else "is absent"
        )
    if (path / ".github" / "workflows").is_dir():
        put("ci", "github", ".github/workflows/")
    elif (path / ".gitlab-ci.yml").is_file():
        put("ci", "gitlab", ".gitlab-ci.yml")
    else:
        put("ci", "none", "no .github/workflows/ or .gitlab-ci.yml")
    try:
        license_text = (path / "LICENSE").read_text(encoding="utf-8", errors="replace")
    except OSError:
        license_text = ""
    for line in license_text.splitlines():
        year = re.search(r"Copyright\s+(?:\([cC]\)\s*|©\s*)?(\d{4})", line)
        if year and "Free Software Foundation" not in line:  # the GPL texts' own notice
            put("copyright_year", year.group(1), "LICENSE copyright line")
            break
    return found, sources, notes


# ---------------------------------------------------------------------------- adopting


def _validate(
    template: Any, found: dict[str, Any], sources: dict[str, str]
) -> tuple[dict[str, Any], dict[str, str]]:
    """Keep the inferred answers that pass copier.yml's validators (in question order)."""
    context: dict[str, Any] = {}
    valid: dict[str, Any] = {}
    rejected: dict[str, str] = {}
    names = {q.name for q in template.answerable}
    for key in sorted(set(found) - names):
        rejected[key] = f"not a question of this template version (found {found[key]!r})"
    for question in template.answerable:
        if question.name in found:
            try:
                value = template.cast(question, found[question.name])
                problem = template.problem(question, value, context)
            except CreatorError as error:
                problem = str(error)
            if not problem:
                valid[question.name] = context[question.name] = value
                continue
            if question.name in IDENTITY:
                raise CreatorError(
                    f"cannot adopt: {problem} (found in {sources.get(question.name, '?')}); "
                    "our template cannot describe this project under that name"
                )
            rejected[question.name] = f"{found[question.name]!r} was rejected: {problem}"
        with contextlib.suppress(CreatorError):
            context[question.name] = template.default(question, context)
    return valid, rejected


def _applies(template: Any, question: Any, answers: Mapping[str, Any]) -> bool:
    """Whether a question's `when` holds (a question that does not apply is not reported)."""
    from creator.questions import _to_bool

    when = question.when
    if isinstance(when, str):
        try:
            when = _to_bool(template.render(when, answers))
        except CreatorError:
            return True
    return bool(when)


def adopt(
    path: Path | str,
    *,
    data: Mapping[str, Any] | None = None,
    root: Path | None = None,
    migrate: bool = True,
    from_version: str | None = None,
    progress: Callable[[str], None] | None = None,
    hook: object = None,
) -> Adopted:
    """Adopt the plugin at `path`, migrating it unless `migrate` is False (module docstring).

    `root` is the template to adopt into (default: this CLI's, at this CLI's version);
    `from_version` names the old tool's release instead of detecting it; `hook` is passed to
    creator.migrate.apply (tests interrupt through it).
    """
    from creator import questions

    path = Path(path).absolute()
    if (path / ANSWERS_FILE).exists():
        raise CreatorError(
            f"{path} already has {ANSWERS_FILE}: it is a Copier project already (run "
            "`create-inventree-plugin update`), or delete that file to adopt again"
        )
    _require_clean_git(path, "adopting")
    found, sources, notes = infer(path, root)
    template = questions.load(root)
    for key, value in (data or {}).items():
        found[key] = value
        sources[key] = "-d (given)"
    unknown = sorted(set(data or {}) - {q.name for q in template.answerable})
    if unknown:
        known = ", ".join(q.name for q in template.answerable)
        raise CreatorError(f"unknown answer {unknown[0]!r}; the questions are: {known}")
    valid, rejected = _validate(template, found, sources)
    answers, _ = template.resolve(valid, use_defaults=True)

    _, tag = store.ensure_version(root)  # adopting needs a recorded version: no fallback
    with tempfile.TemporaryDirectory(prefix="cip-adopt.") as folder:
        base = Path(folder) / "baseline"
        try:
            generate.render(answers, base, root)
        except Exception as error:  # Copier's errors: one line
            first = str(error).strip().splitlines()
            raise CreatorError(
                f"rendering the baseline failed: {first[0] if first else error!r}"
            ) from None
        rendered = sorted(
            p.relative_to(base).as_posix()
            for p in base.rglob("*")
            if p.is_file() and p.name != ANSWERS_FILE
        )
        missing = [name for name in rendered if not (path / name).exists()]
        shared = [name for name in rendered if (path / name).is_file()]
        migration, release_note = None, ""
        if migrate or from_version:
            from creator.migrate import migrate as migrating
            from creator.migrate import oldrender

            try:
                migration = migrating(
                    path,
                    oldrender.files(base),
                    from_version=from_version,
                    progress=progress,
                    hook=hook,
                )
            except CreatorError as error:
                hint = "" if from_version else "; `adopt --no-migrate` adopts without migrating"
                raise CreatorError(f"cannot migrate: {error}{hint}", error.exit_code) from None
            if migration is None:
                release_note = (
                    "could not find the release of inventree-plugin-creator that made this "
                    "plugin (no release renders like it); adopted without migrating"
                )
        if migration is None:
            shutil.copyfile(base / ANSWERS_FILE, path / ANSWERS_FILE)

    result = Adopted(
        path,
        tag,
        answers,
        notes=notes,
        missing=missing,
        shared=shared,
        migration=migration,
        release_note=release_note,
    )
    for question in template.answerable:
        key = question.name
        if key in valid:
            result.inferred[key] = sources.get(key, "")
        elif key in rejected:
            result.not_inferred[key] = rejected[key]
        elif _applies(template, question, answers):
            result.not_inferred[key] = "not found in the plugin's files"
    return result


_VERBS = {
    "added": "added     {} (our template)",
    "removed": "removed   {} (the old tool's, unchanged by you)",
    "replaced": "replaced  {} (the old tool's, unchanged by you: now ours)",
    "merged": "merged    {} (your edits merged into ours)",
    "replayed": "merged    {} (the lines you added, put into ours)",
    "kept": "kept      {} (the old tool's, changed by you; our template has no such file)",
    "conflict": "conflict  {}",
}


def _inferred_lines(result: Adopted) -> list[str]:
    width = max((len(k) for k in result.answers), default=10)
    lines = ["Inferred:"]
    for key, source in result.inferred.items():
        lines.append(f"  {key:<{width}}  {result.answers[key]!r}  ({source})")
    if result.not_inferred:
        lines.append("Not inferred (the default was recorded):")
        for key, why in result.not_inferred.items():
            lines.append(f"  {key:<{width}}  {result.answers[key]!r}  ({why})")
    lines += [f"Note: {note}" for note in result.notes]
    return lines


def format_migration(result: Adopted) -> str:
    """The CLI's report of a migration: the release found, then every file it touched."""
    migration = result.migration
    lines = [
        f"Migrated {result.path} to template {result.version}.",
        f"Made by {migration.detection.describe()}.",
        *_inferred_lines(result),
    ]
    counts = migration.counts()
    lines.append(
        "Files: "
        + ", ".join(
            f"{counts[a]} {a}" for a in ("added", "removed", "replaced", "kept") if counts[a]
        )
        + f", {counts['merged'] + counts['replayed']} merged, {counts['conflict']} in conflict."
    )
    for action in ("added", "removed", "replaced", "merged", "replayed", "kept"):
        lines += [f"  {_VERBS[action].format(p)}" for p in migration.paths(action)]
    if migration.conflicts:
        lines.append(
            f"{len(migration.conflicts)} file(s) with conflicts, resolve them, then commit:"
        )
        lines += [f"  {_VERBS['conflict'].format(p)}" for p in migration.conflicts]
        lines.append(
            "Look for <<<<<<< before updating (yours) / >>>>>>> after updating (our "
            "template); `git diff` shows the whole migration."
        )
    else:
        lines.append("No conflicts.")
    lines.append(
        "Nothing is committed: review with `git status` and `git diff`; "
        "`git restore --staged --worktree . && git clean -fd` undoes it. Then "
        "`git add --all && git commit -m 'Migrate to create-inventree-plugin'`; "
        "`create-inventree-plugin update` brings later template versions."
    )
    return "\n".join(lines)


def format_result(result: Adopted) -> str:
    """The CLI's report."""
    if result.migration is not None:
        return format_migration(result)
    lines = [f"Adopted {result.path} at template {result.version}: wrote {ANSWERS_FILE}."]
    if result.release_note:
        lines.append(f"Note: {result.release_note}.")
    lines += _inferred_lines(result)
    if result.missing:
        shown = ", ".join(result.missing[:8]) + (", ..." if len(result.missing) > 8 else "")
        lines.append(
            f"{len(result.missing)} file(s) of our template are not in the project; updates "
            f"treat them as deleted and will not add them: {shown}"
        )
    lines.append(
        f"{len(result.shared)} file(s) exist in both: later template changes to them are "
        "merged into your versions, and collisions are reported as conflicts."
    )
    lines.append(
        "To change an answer: delete .copier-answers.yml and rerun adopt with -d KEY=VALUE."
    )
    lines.append(
        f"Next: git add {ANSWERS_FILE} && git commit -m 'Adopt the create-inventree-plugin "
        "template'; then `create-inventree-plugin update` brings later template versions."
    )
    return "\n".join(lines)


def run_cli(args: Any) -> int:
    """`create-inventree-plugin adopt PATH`: exit 0 adopted, 1 conflicts to resolve or refused."""
    import sys

    from creator.cli import parse_data

    if getattr(args, "no_migrate", False) and getattr(args, "from_version", None):
        raise CreatorError(
            "--from-version names the release to migrate from; --no-migrate "
            "does not migrate: give one of them"
        )
    result = adopt(
        Path(args.path or "."),
        data=parse_data(getattr(args, "data", []), None),
        migrate=not getattr(args, "no_migrate", False),
        from_version=getattr(args, "from_version", None),
        progress=lambda message: print(message, file=sys.stderr),
    )
    print(format_result(result))
    return 1 if result.conflicts else 0
