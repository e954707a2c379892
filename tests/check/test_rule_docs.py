"""The rule reference (docs/rules/) is generated from the rules and never drifts from them.

After adding or changing a rule, regenerate with `python -m creator.check.rule_docs docs/rules`.
"""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import pytest

from creator.check import rule_docs
from creator.check.rules import all_rules
from tests.helpers import REPO

RULES_DIR = REPO / "docs" / "rules"
REGENERATE = "regenerate with `python -m creator.check.rule_docs docs/rules`"


def test_committed_pages_match_the_rules() -> None:
    """Every page in docs/rules/ is exactly what the rules render, and no page is missing."""
    expected = rule_docs.pages()
    committed = {path.name: path.read_text(encoding="utf-8") for path in RULES_DIR.glob("*.md")}
    missing = sorted(set(expected) - set(committed))
    assert not missing, f"pages missing from docs/rules/: {missing}; {REGENERATE}"
    extra = sorted(set(committed) - set(expected))
    assert not extra, f"pages of rules that do not exist: {extra}; {REGENERATE}"
    stale = sorted(name for name in expected if committed[name] != expected[name])
    assert not stale, f"pages that differ from their rules: {stale}; {REGENERATE}"


@pytest.mark.parametrize("rule", all_rules(), ids=lambda rule: rule.id)
def test_docstring_is_documentation(rule) -> None:
    """A title sentence, a body saying what and why, and a "Fix:" paragraph."""
    title, description, fixes = rule_docs.sections(rule)
    assert 15 <= len(title) <= 100, f"{rule.id}: title should be one line: {title!r}"
    assert title.endswith("."), f"{rule.id}: the title is a sentence: {title!r}"
    body = " ".join(description)
    assert len(body) >= 120, f"{rule.id}: say what the rule checks and why InvenTree cares"
    assert fixes and len(" ".join(fixes)) >= 10, f"{rule.id}: add a 'Fix: ...' paragraph"


def test_every_rule_is_indexed_and_linked() -> None:
    """The index links every rule page once, and every page links back to the index."""
    rendered = rule_docs.pages()
    index = rendered[rule_docs.INDEX]
    for rule in all_rules():
        assert index.count(f"]({rule.id}.md)") == 1, rule.id
        page = rendered[f"{rule.id}.md"]
        assert page.count(f"# {rule.id}: ") == 1
        assert f"**{rule.severity}**" in page
        assert "(index.md)" in page


def test_markdown_escapes_prose_but_not_code() -> None:
    """Angle brackets in prose would be read as HTML tags; in code spans they stay."""
    text = rule_docs.markdown("copied to /static/plugins/<slug>/ from `static/<file>` * 2")
    assert text == "copied to /static/plugins/&lt;slug&gt;/ from `static/<file>` \\* 2"


def test_render_writes_pages_and_removes_stale_ones(tmp_path: Path) -> None:
    """render_rule_pages() writes what pages() returns and deletes pages of removed rules."""
    (tmp_path / "ZZZ999.md").write_text("a rule that is gone\n")
    (tmp_path / "notes.md").write_text("not a rule page: kept\n")
    written = rule_docs.render_rule_pages(tmp_path)
    assert {path.name for path in written} == set(rule_docs.pages())
    assert not (tmp_path / "ZZZ999.md").exists()
    assert (tmp_path / "notes.md").exists()
    for path in written:
        assert path.read_text(encoding="utf-8") == rule_docs.pages()[path.name]


def test_module_command(tmp_path: Path) -> None:
    """`python -m creator.check.rule_docs OUTDIR` regenerates the pages."""
    done = subprocess.run(
        [sys.executable, "-m", "creator.check.rule_docs", str(tmp_path)],
        cwd=REPO,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert done.returncode == 0, done.stderr
    assert re.search(r"\d+ pages", done.stdout)
    assert (tmp_path / "index.md").is_file()
