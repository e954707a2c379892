"""The interactive wizard: copier.yml's questions as questionary prompts.

Questions, defaults, choices and validators all come from copier.yml (creator.questions);
this module only decides how to show them: derived names are previewed together and can be
accepted in one go, licenses offer a short list first, validation errors show inline. Every
prompt uses `unsafe_ask()`, so Ctrl-C raises KeyboardInterrupt and the CLI exits with
"Aborted." before anything is written.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

import questionary
from prompt_toolkit.formatted_text import FormattedText

from creator import titles
from creator.questions import Question, Template

_OTHER = "__other__"


def ask(
    template: Template, given: Mapping[str, Any], defaults: Mapping[str, Any]
) -> dict[str, Any]:
    """Ask every question without an answer in `given`; `defaults` override copier.yml's."""
    answers: dict[str, Any] = {}
    derived = [q for q in template.answerable if q.is_derived]
    derived_done = False
    for question in template.answerable:
        name = question.name
        if question.is_derived:
            continue  # previewed together, right after the answer they derive from
        if name in given:
            answers[name] = template.cast(question, given[name])
        elif not template.is_asked(question, answers):
            answers[name] = template.default(question, answers)
        else:
            default = defaults.get(name, template.default(question, answers))
            answers[name] = _ask_one(template, question, default, answers)
        if not derived_done and any(name in str(q.default) for q in derived):
            derived_done = True
            _ask_derived(template, given, answers)
    for question in derived:
        answers.setdefault(question.name, template.default(question, answers))
    return answers


def _ask_derived(template: Template, given: Mapping[str, Any], answers: dict[str, Any]) -> None:
    """Preview all derived names, then accept them or go through them one by one."""
    derived = [q for q in template.answerable if q.is_derived and q.name not in given]
    if "plugin_slug" not in given and not titles.has_ascii_name(template, answers["plugin_name"]):
        # "在庫アラーム" would derive `my-plugin`: ask for the slug, derive the rest from it.
        print(f"  No names can be derived from {answers['plugin_name']!r} (no Latin letters).")
        slug_question = template.by_name["plugin_slug"]
        answers["plugin_slug"] = _ask_one(template, slug_question, "", answers)
        answers.update(titles.names_from_slug(template, {**answers, **given}))
        derived = [q for q in derived if q.name not in answers]
    preview: dict[str, Any] = dict(answers)
    for question in derived:
        preview[question.name] = template.default(question, preview)
    problems = [template.problem(q, preview[q.name], preview) for q in derived]
    lines = "\n".join(f"    {q.name:<18} {preview[q.name]}" for q in derived)
    print(f"  Derived names:\n{lines}")
    if not any(problems) and questionary.confirm("Use these names?", default=True).unsafe_ask():
        answers.update({q.name: preview[q.name] for q in derived})
        return
    for question in derived:
        default = template.default(question, answers)
        answers[question.name] = _ask_one(template, question, default, answers)


def _ask_one(
    template: Template,
    question: Question,
    default: Any,
    answers: Mapping[str, Any],
) -> Any:
    """One prompt of the right kind for the question; returns a validated, typed answer."""
    message = question.help or question.name
    choices = template.choices(question, answers)

    shown = "" if default is None else str(default)

    def validate(text: str) -> bool | str:
        try:
            value = template.cast(question, text or shown)
        except Exception as error:
            return str(error)
        return template.problem(question, value, answers) or True

    if question.multiselect:
        picked = questionary.checkbox(
            message,
            choices=[
                questionary.Choice(label, value=value, checked=value in (default or []))
                for label, value in choices
            ],
            validate=lambda values: template.problem(question, values, answers) or True,
        ).unsafe_ask()
        return list(picked)
    if question.type == "bool":
        return bool(questionary.confirm(message, default=bool(default)).unsafe_ask())
    if choices:
        options = [questionary.Choice(label, value=value) for label, value in choices]
        return questionary.select(
            message, choices=options, default=next((c for c in options if c.value == default), None)
        ).unsafe_ask()
    if question.name == "license":
        return _ask_license(template, question, default, validate)
    # The default is a grey placeholder, not pre-filled text: typing replaces it, Enter keeps it.
    text = questionary.text(
        message, validate=validate, placeholder=FormattedText([("fg:ansibrightblack", shown)])
    ).unsafe_ask()
    return template.cast(question, text or shown)


def _ask_license(template: Template, question: Question, default: Any, validate: Any) -> str:
    """The licenses flagged `shortlist` first, then any bundled SPDX id by typing it."""
    licenses = template.data["licenses"]
    short = [spdx for spdx, info in licenses.items() if info.get("shortlist")]
    if default and default not in short:
        short.insert(0, default)
    choices = [
        questionary.Choice(f"{spdx} ({licenses[spdx]['name']})", value=spdx)
        for spdx in short
        if spdx in licenses
    ]
    choices.append(questionary.Choice("Other SPDX id...", value=_OTHER))
    picked = questionary.select(
        question.help,
        choices=choices,
        default=next((c for c in choices if c.value == default), None),
    ).unsafe_ask()
    if picked != _OTHER:
        return str(picked)
    return str(questionary.text("SPDX license id", validate=validate).unsafe_ask()).strip()


def confirm(message: str) -> bool:
    """A yes/no question (Ctrl-C aborts like everywhere else)."""
    return bool(questionary.confirm(message, default=True).unsafe_ask())
