"""Mutation suite: break a generated plugin in one way per rule, and that rule must fire.

One project with every mixin of includes/catalog.yml is rendered with our template (once per
module) and must pass the check without findings. Each mutation below is a small text edit of
the copy of that project (core.py, pyproject.toml, a static file, ...) that breaks it in
exactly one way; the check must then report the mutated rule, and no other error-level rule
except those the mutation lists as consequences. Static rules are checked with the static
layer only (fast); dynamic rules with both layers.

Every registered rule has a mutation, or is in NOT_MUTABLE with the reason.
"""

from __future__ import annotations

import shutil
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

import pytest

from creator.check import run
from creator.check.model import Finding, Rule
from creator.check.rules import all_rules
from creator.check.runner import Report
from tests.helpers import REPO

pytestmark = pytest.mark.xdist_group("mutations")

PKG = "my_plugin"
CORE = f"{PKG}/core.py"
PYPROJECT = "pyproject.toml"

Edit = Callable[[Path], None]


def replace(file: str, old: str, new: str) -> Edit:
    """Replace the one occurrence of `old` in `file` (fails when it is not exactly one)."""

    def edit(root: Path) -> None:
        path = root / file
        text = path.read_text(encoding="utf-8")
        count = text.count(old)
        assert count == 1, f"{file}: {old!r} occurs {count} times (the template changed?)"
        path.write_text(text.replace(old, new), encoding="utf-8")

    return edit


def insert_after(file: str, anchor: str, text: str) -> Edit:
    """Insert `text` right after the one occurrence of `anchor`."""
    return replace(file, anchor, anchor + text)


def append(file: str, text: str) -> Edit:
    """Add `text` at the end of `file`."""

    def edit(root: Path) -> None:
        path = root / file
        path.write_text(path.read_text(encoding="utf-8") + text, encoding="utf-8")

    return edit


def prepend(file: str, text: str) -> Edit:
    """Add `text` at the start of `file`."""

    def edit(root: Path) -> None:
        path = root / file
        path.write_text(text + path.read_text(encoding="utf-8"), encoding="utf-8")

    return edit


def write(file: str, text: str) -> Edit:
    """Create (or overwrite) `file`."""

    def edit(root: Path) -> None:
        path = root / file
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")

    return edit


def delete(file: str) -> Edit:
    """Remove `file`."""

    def edit(root: Path) -> None:
        (root / file).unlink()

    return edit


@dataclass(frozen=True)
class Mutation:
    """Edits that break one rule; `also`: other error rules that follow from the same break."""

    edits: tuple[Edit, ...]
    also: frozenset[str] = field(default_factory=frozenset)
    target: str = ""  # what to check, relative to the project ("": the project directory)


def mutation(*edits: Edit, also: tuple[str, ...] = (), target: str = "") -> Mutation:
    """A Mutation from its edits."""
    return Mutation(tuple(edits), frozenset(also), target)


def replace_line(file: str, prefix: str, new: str) -> Edit:
    """Replace the one line of `file` that starts with `prefix` (its newline kept) by `new`."""

    def edit(root: Path) -> None:
        path = root / file
        lines = path.read_text(encoding="utf-8").splitlines(keepends=True)
        found = [i for i, line in enumerate(lines) if line.startswith(prefix)]
        assert len(found) == 1, f"{file}: {len(found)} lines start with {prefix!r}"
        lines[found[0]] = new
        path.write_text("".join(lines), encoding="utf-8")

    return edit


# The class body's MIN_VERSION line (its value follows the chosen mixins' releases).
MIN_VERSION_LINE = "    MIN_VERSION = "


def in_class(text: str) -> Edit:
    """Add lines to the plugin class body (after MIN_VERSION)."""

    def edit(root: Path) -> None:
        path = root / CORE
        lines = path.read_text(encoding="utf-8").splitlines(keepends=True)
        (index,) = [i for i, line in enumerate(lines) if line.startswith(MIN_VERSION_LINE)]
        lines.insert(index + 1, text)
        path.write_text("".join(lines), encoding="utf-8")

    return edit


def at_module_top(file: str, text: str) -> Edit:
    """Add lines after the module docstring's first import (`import logging`)."""
    return insert_after(file, "import logging\n", text)


MUTATIONS: dict[str, Mutation] = {
    # ------------------------------------------------------------------ CLS: the class
    "CLS001": mutation(replace(CORE, 'SLUG = "my-plugin"', 'SLUG = "My Plugin"')),
    # an entry-point plugin is keyed by SLUG when NAME is empty: both must go
    "CLS002": mutation(
        replace(CORE, 'NAME = "MyPlugin"', 'NAME = ""'),
        replace(CORE, '    SLUG = "my-plugin"\n', ""),
    ),
    "CLS003": mutation(in_class("\n    def is_active(self):\n        return True\n")),
    "CLS004": mutation(in_class('    description = "A plain attribute"\n')),
    "CLS005": mutation(replace_line(CORE, MIN_VERSION_LINE, '    MIN_VERSION = "1.0"\n')),
    # a MAX_VERSION below the checked release (a MIN_VERSION above the model only warns)
    "CLS006": mutation(in_class('    MAX_VERSION = "1.1.0"\n')),
    "CLS007": mutation(in_class('    PUBLISH_DATE = "31/01/2024"\n')),
    "CLS008": mutation(replace(CORE, "    VERSION = __version__\n", "")),
    "CLS009": mutation(insert_after(CORE, "from plugin.mixins import (\n", "    PanelMixin,\n")),
    "CLS010": mutation(at_module_top(CORE, "from label.models import LabelTemplate\n")),
    # A plugin folder (my_plugin/ dropped into InvenTree's plugins/) importing itself by name.
    "CLS011": mutation(
        replace(CORE, "from .machines import", f"from {PKG}.machines import"), target=PKG
    ),
    "CLS012": mutation(replace(CORE, "from .machines import", "from .machine import")),
    "CLS013": mutation(replace(CORE, '"schedule": "I",', '"schedule": "X",')),
    "CLS014": mutation(replace(CORE, '            "link": "plugin:my-plugin:hello",\n', "")),
    "CLS015": mutation(replace(CORE, 'API_URL_SETTING = "API_URL"', 'API_URL_SETTING = "API"')),
    "CLS016": mutation(
        replace(CORE, "TRANSITION_HANDLERS = [ExampleTransition()]", "TRANSITION_HANDLERS = ()")
    ),
    # A base before its own subclass: no consistent MRO, the class statement raises.
    "CLS017": mutation(
        replace(
            CORE,
            "    SupplierBarcodeMixin,\n    BarcodeMixin,\n",
            "    BarcodeMixin,\n    SupplierBarcodeMixin,\n",
        )
    ),
    "CLS018": mutation(replace(CORE, "def process_event(", "def handle_event(")),
    "CLS019": mutation(
        replace(
            CORE,
            '"description": "Text the plugin shows to users",',
            '"descripton": "Text the plugin shows to users",',
        )
    ),
    "CLS020": mutation(write(f"{PKG}/helpers.py", "def broken(:\n    pass\n")),
    # ------------------------------------------------------------------ PKG: packaging
    "HOOK001": mutation(
        replace(
            CORE,
            "def scan(self, barcode_data, user=None, **kwargs):",
            "def scan(self, barcode_data):",
        )
    ),
    "PKG001": mutation(
        replace(
            PYPROJECT,
            '[project.entry-points.inventree_plugins]\nMyPlugin = "my_plugin.core:MyPlugin"\n',
            "",
        )
    ),
    "PKG002": mutation(replace(PYPROJECT, '"my_plugin.core:MyPlugin"', '"my_plugin.core:MyPlugn"')),
    "PKG003": mutation(replace(PYPROJECT, 'dynamic = ["version"]\n', "")),
    "PKG004": mutation(
        insert_after(
            PYPROJECT,
            'MyPlugin = "my_plugin.core:MyPlugin"\n',
            '\n[project.entry-points.inventree_plugin]\nOther = "my_plugin.core:MyPlugin"\n',
        )
    ),
    "PKG005": mutation(replace(PYPROJECT, "dependencies = []", 'dependencies = ["Django>=4.2"]')),
    "PKG006": mutation(replace(CORE, "VERSION = __version__", 'VERSION = "9.9.9"')),
    "PKG007": mutation(
        insert_after(
            PYPROJECT,
            'MyPlugin = "my_plugin.core:MyPlugin"\n',
            'SecondPlugin = "my_plugin.second:SecondPlugin"\n',
        ),
        write(
            f"{PKG}/second.py",
            '"""A second plugin class."""\n\nfrom plugin import InvenTreePlugin\n\n\n'
            "class SecondPlugin(InvenTreePlugin):\n"
            '    """Same NAME and SLUG as MyPlugin."""\n\n'
            '    NAME = "MyPlugin"\n    SLUG = "my-plugin"\n    VERSION = "0.1.0"\n'
            '    AUTHOR = "Plugin Author"\n    DESCRIPTION = "Second"\n    LICENSE = "MIT"\n',
        ),
    ),
    "PKG008": mutation(delete(f"{PKG}/migrations/0001_initial.py")),
    # ------------------------------------------------------------------ UI: user interface
    "UI001": mutation(replace(CORE, '"Dashboard.js:renderDashboardItem"', '"Dash.js:render"')),
    "UI002": mutation(
        replace(
            f"{PKG}/static/Panel.js",
            "export function renderPanel(context)",
            "export function renderThePanel(context)",
        )
    ),
    # A bare specifier left in the module: the browser cannot resolve it without an import map.
    "UI003": mutation(
        insert_after(
            f"{PKG}/static/Panel.js",
            "const { Alert, Stack, Text } = window.MantineCore;\n",
            'import { Badge } from "@mantine/core";\n',
        )
    ),
    # A copy of React inside the panel module: React's core defines its hooks on exports.
    "UI004": mutation(
        insert_after(
            f"{PKG}/static/Panel.js",
            "const { Alert, Stack, Text } = window.MantineCore;\n",
            "const bundled = {};\nbundled.useState = function (initial) {\n"
            "  return [initial, () => {}];\n};\n",
        )
    ),
    "UI005": mutation(replace(CORE, '"key": f"{self.SLUG}-panel",', '"key": "",')),
    "UI006": mutation(
        replace(
            CORE,
            '"key": f"{self.SLUG}-panel",\n                "title": self.human_name,\n',
            '"key": f"{self.SLUG}-panel",\n',
        )
    ),
    "UI007": mutation(replace(CORE, '"icon": "ti:puzzle:outline",', '"icon": "puzzle",')),
    "UI008": mutation(
        replace(
            CORE,
            'return {"greeting": self.ui_greeting(), "version": self.VERSION}',
            'return {"greeting": self.ui_greeting(), "js": "/static/plugins/my_plugin/Panel.js"}',
        )
    ),
    # ------------------------------------------------------------------ DYN: dynamic layer
    "DYN001": mutation(append(f"{PKG}/transitions.py", '\nraise RuntimeError("broken import")\n')),
    "DYN002": mutation(
        in_class(
            "\n    def __init__(self, *args, **kwargs):\n"
            '        raise RuntimeError("constructor fails")\n'
        )
    ),
    # Computed, so the static CLS006 cannot read it.
    "DYN003": mutation(in_class('    MAX_VERSION = ".".join(["1", "1", "0"])\n')),
    # Computed, so the static CLS013 cannot read it; "IX" is no django-q schedule type.
    "DYN004": mutation(replace(CORE, '"schedule": "I",', '"schedule": "I" + "X",')),
    "DYN005": mutation(
        replace(
            CORE,
            'path("hello/", views.HelloView.as_view(plugin=self), name="hello"),',
            'path("hello/", views.HelloView.as_view(plugin=self), name="hello"),\n'
            '            "not-a-pattern",',
        )
    ),
    "DYN006": mutation(
        insert_after(
            f"{PKG}/models.py",
            "    count = models.PositiveIntegerField(default=0)\n",
            "    extra = models.IntegerField(default=0)\n",
        )
    ),
    "DYN007": mutation(
        replace(
            CORE,
            '"context": {"greeting": self.ui_greeting()},',
            '"context": {"greeting": self.ui_greeting(), "now": timezone.now()},',
        )
    ),
    "DYN008": mutation(
        replace(
            CORE,
            '        if context.get("target_model") != "part":\n            return []\n',
            '        if context.get("target_model") != "part":\n'
            '            raise KeyError(context.get("target_model"))\n',
        )
    ),
    "DYN009": mutation(
        append(f"{PKG}/transitions.py", "\nimport os\n\nos._exit(3)\n"),
    ),
    "DYN010": mutation(
        # InvenTree's environment has qrcode; the suite runs with installing disabled, so the
        # stand-in cannot fetch it and cannot decide (a module no release provides is DYN001).
        prepend(f"{PKG}/views.py", "import qrcode  # noqa\n"),
    ),
    "DYN011": mutation(
        at_module_top(
            CORE,
            # a name InvenTree has (creator.facts) that the stand-in does not model
            "try:\n    from part.models import PartCategoryStar\n"
            "except ImportError:\n    PartCategoryStar = None\n",
        )
    ),
    "DYN013": mutation(
        in_class(
            "\n    def __init__(self, *args, **kwargs):\n"
            "        super().__init__(*args, **kwargs)\n"
            "        import socket\n"
            '        socket.create_connection(("inventree-check.invalid", 80), timeout=2)\n'
        )
    ),
    "DYN012": mutation(replace(CORE, "def process_event(", "def handle_event("), also=("CLS018",)),
}

# Rules that no edit of a generated plugin can trigger, with the reason.
NOT_MUTABLE: dict[str, str] = {
    rule.id: "real-InvenTree layer: judged by the fidelity suite against the real loader"
    for rule in all_rules()
    if rule.layer == "inventree"
}

# Known defects found by this suite (test id -> what is wrong), run as strict xfails: when
# the defect is fixed the test passes, the xfail fails, and the entry must be removed.
KNOWN_ISSUES: dict[str, str] = {}


# ---------------------------------------------------------------------------------- fixtures


@pytest.fixture(scope="module")
def generated(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The all-mixins project, rendered once with our template (plain JavaScript UI)."""
    import copier

    from creator import catalog

    names = [mixin.name for mixin in catalog.load()]
    destination = tmp_path_factory.mktemp("mutations") / "all-mixins"
    copier.run_copy(
        str(REPO),
        str(destination),
        data={"mixins": names, "frontend": False},
        defaults=True,
        vcs_ref="HEAD",
        unsafe=False,
        quiet=True,
    )
    return destination


_baselines: dict[tuple[str, bool], Report] = {}


def check(root: Path, target: str, dynamic: bool) -> Report:
    """Run the check on `root/target`, without installing anything."""
    return run(root / target if target else root, static_only=not dynamic)


def baseline(generated: Path, target: str, dynamic: bool) -> Report:
    """The unmodified project's report (per target and layer selection, cached)."""
    key = (target, dynamic)
    if key not in _baselines:
        _baselines[key] = check(generated, target, dynamic)
    return _baselines[key]


def show(findings: list[Finding]) -> str:
    """Findings, one per line, for assertion messages."""
    return "\n".join(f"  {f.rule} {f.severity} {f.file}:{f.line} {f.message}" for f in findings)


def rule_class(rule_id: str) -> type[Rule]:
    """The registered rule with this id."""
    return {rule.id: rule for rule in all_rules()}[rule_id]


# ---------------------------------------------------------------------------------- tests


@pytest.fixture(autouse=True)
def _no_install(monkeypatch: pytest.MonkeyPatch) -> None:
    # The dynamic layer must not try to pip-install the mutations' made-up modules.
    monkeypatch.setenv("CREATE_INVENTREE_PLUGIN_NO_INSTALL", "1")


def xfail_known(request: pytest.FixtureRequest, key: str) -> None:
    """Apply a strict xfail when `key` is in KNOWN_ISSUES."""
    if key in KNOWN_ISSUES:
        request.applymarker(pytest.mark.xfail(reason=KNOWN_ISSUES[key], strict=True))


def test_unmodified_project_has_no_findings(
    generated: Path, request: pytest.FixtureRequest
) -> None:
    """The generated all-mixins plugin passes every rule, static and dynamic."""
    xfail_known(request, "unmodified")
    report = baseline(generated, "", True)
    assert not report.findings, show(report.findings)
    assert report.loads is True


def test_every_rule_has_a_mutation() -> None:
    """Each registered rule is mutated here or explained in NOT_MUTABLE."""
    registered = {rule.id for rule in all_rules()}
    uncovered = registered - set(MUTATIONS) - set(NOT_MUTABLE)
    assert not uncovered, f"rules without a mutation or a NOT_MUTABLE reason: {sorted(uncovered)}"
    stale = (set(MUTATIONS) | set(NOT_MUTABLE)) - registered
    assert not stale, f"mutations of rules that are not registered: {sorted(stale)}"
    assert not set(MUTATIONS) & set(NOT_MUTABLE)


def _mutated_ids() -> list[str]:
    registered = {rule.id for rule in all_rules()}
    return sorted(rule_id for rule_id in MUTATIONS if rule_id in registered)


@pytest.mark.parametrize("rule_id", _mutated_ids())
def test_mutation_fires_its_rule(
    rule_id: str, generated: Path, tmp_path: Path, request: pytest.FixtureRequest
) -> None:
    """The mutated project is reported by the rule, and by no other error-level rule."""
    xfail_known(request, rule_id)
    rule = rule_class(rule_id)
    mutation = MUTATIONS[rule_id]
    dynamic = rule.layer == "dynamic"
    project = tmp_path / "project"
    shutil.copytree(generated, project, ignore=shutil.ignore_patterns(".git"))
    for edit in mutation.edits:
        edit(project)

    before = baseline(generated, mutation.target, dynamic).findings
    report = check(project, mutation.target, dynamic)
    known = {(f.rule, f.message) for f in before}
    new = [f for f in report.findings if (f.rule, f.message) not in known]

    assert any(f.rule == rule_id for f in new), f"{rule_id} did not fire; new findings:\n" + show(
        new
    )
    allowed = {rule_id, *mutation.also}
    others = [f for f in new if f.severity == "error" and f.rule not in allowed]
    assert not others, f"other error rules fired besides {rule_id}:\n" + show(others)
    if rule.severity == "error" and any(f.rule == rule_id and f.severity == "error" for f in new):
        assert report.loads is False, show(report.findings)
