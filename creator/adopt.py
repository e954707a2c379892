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

import contextlib
import re
import shutil
import tempfile
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from creator import generate, git, plugin_files, questions, store
from creator.answers import ANSWERS_FILE
from creator.errors import CreatorError
from creator.migrate import Migration, oldrender
from creator.migrate import migrate as migrating

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
    migration: Migration | None = None  # when the project was migrated
    release_note: str = ""  # why it was not migrated, when it was not

    @property
    def conflicts(self) -> list[str]:
        """Files the migration left with conflicts to resolve."""
        return self.migration.conflicts if self.migration else []


def infer(path: Path, root: Path | None = None) -> tuple[dict[str, Any], dict[str, str], list[str]]:
    """(answers, where each came from, notes) read from an inventree-plugin-creator plugin.

    `root` is the template whose mixin catalog names the mixins (default: this CLI's).
    """
    notes: list[str] = []
    pyproject = plugin_files.read_pyproject(path, notes)
    setup = plugin_files.read_setup_py(path, notes)
    project = pyproject.get("project", {}) if isinstance(pyproject.get("project"), dict) else {}
    module, class_name = plugin_files.entry_point(pyproject, setup)
    origin = "the inventree_plugins entry point"
    if not module:
        module, class_name = plugin_files.find_plugin_class(path)
        origin = "the class deriving from InvenTreePlugin"
    if not module:
        raise CreatorError(
            f"{path} does not look like an InvenTree plugin: no inventree_plugins entry point "
            "in pyproject.toml or setup.py, and no <package>/core.py with an InvenTreePlugin "
            "class"
        )
    bases, constants = plugin_files.read_class(path, module, class_name)
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
    urls = project.get("urls")
    urls = urls if isinstance(urls, Mapping) else {}

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


def validate(
    template: questions.Template, found: dict[str, Any], sources: dict[str, str]
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


def _applies(
    template: questions.Template, question: questions.Question, answers: Mapping[str, Any]
) -> bool:
    """Whether a question's `when` holds (a question that does not apply is not reported)."""
    when = question.when
    if isinstance(when, str):
        try:
            when = questions.to_bool(template.render(when, answers))
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
    path = Path(path).absolute()
    if (path / ANSWERS_FILE).exists():
        raise CreatorError(
            f"{path} already has {ANSWERS_FILE}: it is a Copier project already (run "
            "`create-inventree-plugin update`), or delete that file to adopt again"
        )
    git.require_clean(path, "adopting")
    found, sources, notes = infer(path, root)
    template = questions.load(root)
    for key, value in (data or {}).items():
        found[key] = value
        sources[key] = "-d (given)"
    unknown = sorted(set(data or {}) - {q.name for q in template.answerable})
    if unknown:
        known = ", ".join(q.name for q in template.answerable)
        raise CreatorError(f"unknown answer {unknown[0]!r}; the questions are: {known}")
    valid, rejected = validate(template, found, sources)
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
