"""Property: whatever lines a user added to the old tool's files, the migration keeps them.

The base (the real old tool's render, 1.20.1) and ours (our template's render for the same
answers) are made once; hypothesis generates user edits (lines inserted, replaced or
appended in the old tool's text files, new files of the user's) and `threeway.plan` decides.
Every line the user added must be in the file afterwards (merged, replayed, kept, or inside
the conflict markers of a listed conflict), and every file the user did not touch becomes
exactly ours (or goes, when ours has no such file).
"""

from __future__ import annotations

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from creator import adopt, generate, questions
from creator.migrate import oldrender, threeway
from tests.test_adopt import incumbent

pytestmark = pytest.mark.xdist_group("test_adopt")  # the old tool's cache: one worker

VERSION = "1.20.1"


@pytest.fixture(scope="module")
def sides(ours, tmp_path_factory) -> tuple[dict[str, bytes], dict[str, bytes]]:
    """(base, theirs) for the old tool's default plugin of VERSION."""
    project = incumbent(VERSION)
    base = oldrender.base(project, VERSION)
    found, sources, _ = adopt.infer(project, ours)
    template = questions.load(ours)
    valid, _ = adopt.validate(template, found, sources)
    answers, _ = template.resolve(valid, use_defaults=True)
    dest = tmp_path_factory.mktemp("theirs") / "project"
    generate.render(answers, dest, ours)
    return base, oldrender.files(dest)


WORDS = st.text(alphabet="abcdefghijklmnopqrstuvwxyz _=()", min_size=1, max_size=24)
EDIT = st.tuples(
    st.integers(min_value=0, max_value=10_000),  # which file
    st.sampled_from(["insert", "replace", "append", "new"]),
    st.floats(min_value=0, max_value=1),  # where in the file
    st.lists(WORDS, min_size=1, max_size=3),  # the lines
)


def apply_edits(
    base: dict[str, bytes], edits: list[tuple[int, str, float, list[str]]]
) -> tuple[dict[str, bytes], dict[str, list[str]]]:
    """The user's project after `edits`, and the lines added per file."""
    texts = sorted(name for name, data in base.items() if b"\0" not in data)
    ours = dict(base)
    added: dict[str, list[str]] = {}
    for number, (which, kind, where, words) in enumerate(edits):
        lines = [f"user{number}.{i} {word}" for i, word in enumerate(words)]
        if kind == "new":
            name = f"mine/file{number}.txt"
            ours[name] = ("\n".join(lines) + "\n").encode()
        else:
            name = texts[which % len(texts)]
            current = ours[name].decode().splitlines(keepends=True)
            if current and not current[-1].endswith("\n"):
                current[-1] += "\n"  # an editor ends the last line before adding one
            at = len(current) if kind == "append" else int(where * len(current))
            cut = 1 if kind == "replace" and at < len(current) else 0
            if cut and current[at].startswith("user"):
                cut = 0  # a line the user added earlier stays (it is tracked as added)
            current[at : at + cut] = [line + "\n" for line in lines]
            ours[name] = "".join(current).encode()
        added.setdefault(name, []).extend(lines)
    return ours, added


@settings(
    max_examples=40,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(edits=st.lists(EDIT, min_size=1, max_size=4))
def test_added_lines_survive_and_untouched_files_become_ours(sides, edits):
    base, theirs = sides
    ours, added = apply_edits(base, edits)
    changes = {change.path: change for change in threeway.plan(base, ours, theirs)}

    def final(name: str) -> bytes | None:
        change = changes.get(name)
        if change is None or change.action == "kept":
            return ours.get(name)
        return None if change.action == "removed" else change.content

    for name, lines in added.items():
        text = final(name)
        assert text is not None, f"{name} was removed although the user edited it"
        present = text.decode().splitlines()
        for line in lines:
            assert line in present, (name, line, changes.get(name))
        if changes.get(name) and changes[name].action == "conflict":
            assert b"<<<<<<< before updating" in text
    for name in set(base) - set(added):
        assert final(name) == theirs.get(name), name
    for name in set(theirs) - set(ours):
        assert final(name) == theirs[name]
