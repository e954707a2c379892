"""The questions of copier.yml, evaluated the way Copier evaluates them.

copier.yml is the only list of questions. The CLI needs more than Copier's own prompts offer
(derived names previewed, saved author defaults, unknown keys rejected, one-line errors), so
it reads the same file and renders the same Jinja (defaults, `when`, choices, validators) with
the same filters. Copier then validates everything again when it renders the project.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from functools import cached_property
from pathlib import Path
from typing import Any

import yaml

from creator.errors import CreatorError
from creator.paths import template_root

_TRUE = {"true", "yes", "y", "on", "1"}
_FALSE = {"false", "no", "n", "off", "0", ""}


@dataclass(frozen=True)
class Question:
    """One entry of copier.yml. Jinja-valued fields are kept raw and rendered on demand."""

    name: str
    type: str = "str"
    help: str = ""
    default: Any = None
    choices: Any = None
    validator: str = ""
    when: Any = True
    ask: Any = True
    multiselect: bool = False

    @property
    def is_data(self) -> bool:
        """Data the template reads (catalog, licenses, ...): never asked, never answered."""
        if self.when is not False:
            return False
        return not isinstance(self.default, str) or "{" not in self.default

    @property
    def is_derived(self) -> bool:
        """A name derived from another answer (shown and overridable)."""
        return isinstance(self.default, str) and "derive_" in self.default


def _load_yaml(path: Path) -> list[Any]:
    """All YAML documents of `path`, with Copier's `!include` (paths relative to the root)."""
    root = path.parent

    class Loader(getattr(yaml, "CSafeLoader", yaml.SafeLoader)):  # type: ignore[misc]
        """SafeLoader (libyaml's when available: several times faster) plus `!include`."""

    def include(loader: yaml.SafeLoader, node: yaml.Node) -> Any:
        included = _load_yaml(root / loader.construct_scalar(node))  # type: ignore[arg-type]
        merged: dict[str, Any] = {}
        for document in included:
            merged.update(document or {})
        return merged

    Loader.add_constructor("!include", include)
    with path.open(encoding="utf-8") as stream:
        return list(yaml.load_all(stream, Loader=Loader))


class Template:
    """The template at `root`: its settings, questions and a Jinja environment like Copier's."""

    def __init__(self, root: Path) -> None:
        self.root = root
        merged: dict[str, Any] = {}
        for document in _load_yaml(root / "copier.yml"):
            merged.update(document or {})
        self.settings = {k: v for k, v in merged.items() if k.startswith("_")}
        self.questions = [
            Question(name=k, **{f: v for f, v in spec.items()})
            for k, spec in merged.items()
            if not k.startswith("_")
        ]

    @cached_property
    def by_name(self) -> dict[str, Question]:
        """Questions keyed by answer name."""
        return {q.name: q for q in self.questions}

    @cached_property
    def answerable(self) -> list[Question]:
        """Questions a user may answer (`-d KEY=VALUE`): everything but data and computed values."""
        return [q for q in self.questions if not q.is_data and q.when is not False]

    @cached_property
    def data(self) -> dict[str, Any]:
        """The data questions' values (catalog, licenses, reserved names, ...)."""
        return {q.name: q.default for q in self.questions if q.is_data}

    @cached_property
    def env(self) -> Any:
        """A sandboxed Jinja environment with the loader and filters Copier gives templates.

        copier.yml's strings load as templates named by their hash ("copier.yml#<sha1>"), so
        they and the includes they import share the on-disk bytecode cache with the files
        (creator.render, creator.jinja_cache): a second run compiles nothing.
        """
        # Lazy: Jinja is needed to evaluate answers, not to list the questions (create --help).
        from jinja2 import ChoiceLoader, FileSystemLoader, FunctionLoader
        from jinja2.sandbox import SandboxedEnvironment

        from creator.jinja_cache import bytecode_cache

        return SandboxedEnvironment(
            loader=ChoiceLoader(
                [FunctionLoader(self._strings.get), FileSystemLoader(str(self.root))]
            ),
            extensions=["jinja2_ansible_filters.AnsibleCoreFiltersExtension"],
            keep_trailing_newline=True,
            bytecode_cache=bytecode_cache(),
        )

    @cached_property
    def _strings(self) -> dict[str, str]:
        """copier.yml's Jinja strings by template name (filled as they are first rendered)."""
        return {}

    def render(self, text: str, context: Mapping[str, Any]) -> str:
        """Render a Jinja string from copier.yml with the data and the answers so far."""
        return str(self._compiled(text).render({**self.data, **context}))

    def _compiled(self, text: str) -> Any:
        """Each distinct string is compiled once (a create renders some of them many times)."""
        cache = self.__dict__.setdefault("_compiled_cache", {})
        if text not in cache:
            import hashlib  # lazy: OpenSSL's load; `create --help` imports this module

            name = "copier.yml#" + hashlib.sha1(text.encode(), usedforsecurity=False).hexdigest()
            self._strings[name] = text
            cache[text] = self.env.get_template(name)
        return cache[text]

    # ------------------------------------------------------------------ evaluation

    def is_asked(self, question: Question, context: Mapping[str, Any]) -> bool:
        """Copier's `when`/`ask`: is this question put to the user, given earlier answers?"""
        if question.is_data:
            return False
        for condition in (question.when, question.ask):
            if isinstance(condition, str):
                condition = to_bool(self.render(condition, context))
            if not condition:
                return False
        return True

    def default(self, question: Question, context: Mapping[str, Any]) -> Any:
        """The default answer, rendered and cast to the question's type."""
        value = question.default
        if isinstance(value, str):
            value = self.render(value, context)
        return self.cast(question, value)

    def choices(self, question: Question, context: Mapping[str, Any]) -> list[tuple[str, Any]]:
        """(label, value) pairs, or [] for a free-text question."""
        raw = question.choices
        if raw is None:
            return []
        if isinstance(raw, str):
            raw = json.loads(self.render(raw, context))
        if isinstance(raw, Mapping):
            return [(str(label), value) for label, value in raw.items()]
        return [(str(value), value) for value in raw]

    def cast(self, question: Question, value: Any) -> Any:
        """Convert text (CLI, data file, rendered default) to the question's type."""
        if question.multiselect:
            return to_list(value, question.name)
        if question.type == "bool":
            return value if isinstance(value, bool) else to_bool(value, question.name)
        if question.type == "int":
            try:
                return int(value)
            except (TypeError, ValueError):
                raise CreatorError(
                    f"{question.name} must be a whole number, got {value!r}"
                ) from None
        if question.type in ("json", "yaml"):
            return json.loads(value) if isinstance(value, str) else value
        if not isinstance(value, str):
            if isinstance(value, (bool, list, dict)) or value is None:
                raise CreatorError(f"{question.name} must be text, got {value!r}")
            value = str(value)
        return value

    def problem(self, question: Question, value: Any, context: Mapping[str, Any]) -> str:
        """Why `value` is not a valid answer (empty string when it is)."""
        allowed = self.choices(question, {**context, question.name: value})
        if allowed:
            values = [v for _, v in allowed]
            given = value if question.multiselect else [value]
            for item in given:
                if item not in values:
                    shown = ", ".join(str(v) for v in values)
                    return f"{question.name}: {item!r} is not one of: {shown}"
        extra = answer_problem(question.name, value)
        if extra:
            return extra
        if not question.validator:
            return ""
        message = self.render(question.validator, {**context, question.name: value})
        return " ".join(message.split())

    def resolve(
        self, given: Mapping[str, Any], *, use_defaults: bool
    ) -> tuple[dict[str, Any], list[Question]]:
        """Complete answers in question order.

        Given answers are cast and validated; questions not asked take their default;
        asked questions without an answer take the default with `use_defaults`, and are
        otherwise returned as missing (for the wizard to ask, or for an error without a TTY).
        """
        unknown = sorted(set(given) - {q.name for q in self.answerable})
        if unknown:
            known = ", ".join(q.name for q in self.answerable)
            raise CreatorError(f"unknown answer {unknown[0]!r}; the questions are: {known}")
        answers: dict[str, Any] = {}
        missing: list[Question] = []
        for question in self.answerable:
            if question.name in given:
                value = self.cast(question, given[question.name])
            elif not self.is_asked(question, answers) or use_defaults:
                value = self.default(question, answers)
            else:
                missing.append(question)
                continue
            problem = self.problem(question, value, answers)
            if problem:
                raise CreatorError(problem)
            answers[question.name] = value
        return answers, missing


#: Longest text answer (a description is a paragraph; titles and names are far shorter).
MAX_ANSWER = 1000
#: Longest distribution name: it starts every file name pip and build write (sdist, wheel,
#: the project directory); 255 bytes is the file-name limit. A 100-character title derives 110.
MAX_DISTRIBUTION = 120
#: Bidirectional controls and zero-width characters: they make text display differently from
#: what it is (a title reading "Stock" that sorts or compares as something else).
INVISIBLE = frozenset(
    "\u061c\u200b\u200e\u200f\u202a\u202b\u202c\u202d\u202e\u2060\u2066\u2067\u2068\u2069\ufeff"
)
#: Zero-width (non-)joiners: allowed only inside non-ASCII text (emoji sequences such as
#: 👩‍👩‍👧, Persian and Indic scripts), where they are part of how the text is written.
JOINERS = frozenset("\u200c\u200d")
_TITLES = ("plugin_name", "author_name")


def answer_problem(name: str, value: Any) -> str:
    """Why `value` is refused by the checks copier.yml's validators leave to the CLI ("" if fine).

    Lengths, invisible and control characters, the copyright year, the distribution name's
    length: each would otherwise end up in LICENSE, pyproject.toml or a file name.
    """
    if not isinstance(value, str):
        return ""
    if len(value) > MAX_ANSWER:
        return f"{name} must be at most {MAX_ANSWER} characters (got {len(value)})"
    if name in _TITLES or name == "description":
        hidden = sorted({f"U+{ord(c):04X}" for c in value if c in INVISIBLE})
        hidden += [f"U+{ord(c):04X}" for i, c in enumerate(value) if _stray_joiner(value, i)]
        if hidden:
            return f"{name} must not contain bidirectional or zero-width characters ({hidden[0]})"
    if name == "description":
        control = sorted(
            {
                f"U+{ord(c):04X}"
                for c in value
                if (ord(c) < 32 and c not in "\t\n\r") or 0x7F <= ord(c) <= 0x9F
            }
        )
        if control:
            return f"description must not contain control characters ({control[0]})"
    if name == "copyright_year":
        import datetime  # lazy: `create --help` imports this module

        this_year = datetime.date.today().year
        if not (value.isascii() and value.isdigit() and 1970 <= int(value) <= this_year + 1):
            return f"copyright_year must be a year from 1970 to {this_year + 1}, got {value!r}"
    if name == "distribution_name" and len(value) > MAX_DISTRIBUTION:
        return (
            f"distribution_name must be at most {MAX_DISTRIBUTION} characters "
            f"(got {len(value)}): it names every file of the build"
        )
    return ""


def _stray_joiner(text: str, i: int) -> bool:
    """A zero-width (non-)joiner at `i` that does not sit between two non-ASCII characters."""
    if text[i] not in JOINERS:
        return False
    inside = 0 < i < len(text) - 1
    return not (inside and not text[i - 1].isascii() and not text[i + 1].isascii())


def to_bool(value: Any, name: str = "value") -> bool:
    """A yes/no answer or rendered `when` as Copier reads it ("yes", "off", "1", ...)."""
    text = str(value).strip().lower()
    if text in _TRUE:
        return True
    if text in _FALSE:
        return False
    raise CreatorError(f"{name} must be true or false, got {value!r}")


def to_list(value: Any, name: str) -> list[Any]:
    """A multiselect answer: a list, JSON/YAML list text, or comma-separated names."""
    if isinstance(value, str):
        text = value.strip()
        if text.startswith("["):
            try:
                value = yaml.safe_load(text)
            except yaml.YAMLError as error:
                reason = getattr(error, "problem", None) or str(error).splitlines()[0]
                raise CreatorError(f"{name}: not a valid list: {reason}") from None
        else:
            value = [part.strip() for part in text.split(",") if part.strip()]
    if not isinstance(value, Iterable) or isinstance(value, (str, Mapping)):
        raise CreatorError(f"{name} must be a list, got {value!r}")
    return list(value)


def load(root: Path | None = None) -> Template:
    """The template of this installation (a checkout or the wheel's copy)."""
    return Template(root or template_root())
