"""The Context computes each input once, and `Rule.run` passes the inputs `check` names."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from creator.check import project as project_module
from creator.check.analysis.hierarchy import ProjectClass
from creator.check.context import Context
from creator.check.model import Finding, Rule
from creator.check.project import Project
from creator.check.runner import DEFAULT_INVENTREE_VERSION
from tests.check.plugin_factory import pip_plugin


@pytest.fixture
def ctx(tmp_path: Path) -> Iterator[Context]:
    project = project_module.load(pip_plugin(tmp_path))
    yield Context(project, DEFAULT_INVENTREE_VERSION)
    project.close()


class _NamedInputs(Rule):
    """Test rule (not registered: no id) reading inputs by name."""

    def check(self, project: Project, targets: list[ProjectClass]) -> Iterator[Finding]:
        yield Finding("T1", "info", f"{project.kind}: {[cls.name for cls in targets]}")


class _WholeContext(Rule):
    """Test rule taking the Context itself, as rules written before the Context did."""

    def check(self, ctx: Context) -> Iterator[Finding]:
        yield Finding("T2", "info", ctx.inventree_version)


class _NeedsDynamic(Rule):
    """Test rule whose input is absent in a static-only check."""

    def check(self, dynamic: object) -> Iterator[Finding]:
        yield Finding("T3", "info", "ran")


class _OptionalDynamic(Rule):
    """Test rule that runs without the dynamic result too."""

    def check(self, dynamic: object = None) -> Iterator[Finding]:
        yield Finding("T4", "info", f"dynamic={dynamic}")


def test_run_passes_the_inputs_check_names(ctx: Context) -> None:
    (found,) = _NamedInputs().run(ctx)
    assert found.message == "project: ['MyPlugin']"


def test_a_parameter_named_ctx_gets_the_context(ctx: Context) -> None:
    assert [f.message for f in _WholeContext().run(ctx)] == [DEFAULT_INVENTREE_VERSION]


def test_an_absent_input_skips_the_rule_unless_it_has_a_default(ctx: Context) -> None:
    assert ctx.dynamic is None
    assert _NeedsDynamic().run(ctx) == []
    assert [f.message for f in _OptionalDynamic().run(ctx)] == ["dynamic=None"]


def test_inputs_are_computed_once(ctx: Context) -> None:
    """The hierarchy (and everything derived from it) is built on first use, then reused."""
    assert ctx.classes is ctx.classes
    assert ctx.sources is ctx.classes.sources
    first = ctx.targets[0]
    assert ctx.plugin_class is first
    assert ctx.classes.lineage(first) is ctx.classes.lineage(first)


def test_package_modules_and_loaded_modules(ctx: Context) -> None:
    assert ctx.package_tops == {"my_plugin"}
    assert {m.name for m in ctx.package_modules} == {"my_plugin", "my_plugin.core"}
    assert ctx.loaded_modules == {"my_plugin", "my_plugin.core"}
