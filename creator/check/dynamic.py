"""The dynamic layer: import and activate the plugin in an isolated subprocess.

Plugin code never runs in the CLI's process. `run(ctx)` runs the harness (creator/check/harness/)
in creator.sandbox (no network, read-only plugin and environments, one scratch directory,
limits, the whole process tree killed at the end) through creator.check.harness_process, and
returns a `DynamicResult` (creator.check.dynamic_result: its fields and records are the
schema), the Context's `dynamic` input for the DYN rules.

Third-party requirements: modules InvenTree's own environment provides (creator.facts.host:
PIL, tablib, django_q, structlog, ...) that the plugin imports and this Python lacks are
installed, like the plugin's declared requirements when one of those is missing, into a cached
venv (creator.check.environments); the harness then runs there, again after each install a
run still misses (at most MAX_ROUNDS runs). Never the user's environment. A missing module is
never the plugin's finding: it is installed, or the result is undecided naming it. Imports of
modules creator.check.versions lists as removed from the target InvenTree are left to CLS010.
`CREATE_INVENTREE_PLUGIN_CHECK_TIMEOUT` sets the time limit.
"""

from __future__ import annotations

import ast
import os
import re
import sys
from importlib.util import find_spec
from pathlib import Path
from typing import TYPE_CHECKING, Any

from creator.check import versions
from creator.check.dynamic_result import DynamicResult, ErrorInfo
from creator.check.environments import (
    ALLOW_DIRECT_ENV,
    NO_INSTALL_ENV,
    PIP_ARGS_ENV,
    cache_dir,
    cached_environment,
    check_requirements,
)
from creator.check.harness_process import HARNESS, TIMEOUT_ENV, Prestarted, run_harness
from creator.facts import provided
from creator.facts.host import INVENTREE_PROVIDED, INVENTREE_REQUIREMENTS

if TYPE_CHECKING:
    from creator.check.context import Context

__all__ = [  # the names callers of the dynamic layer use (some live in its helper modules)
    "ALLOW_DIRECT_ENV",
    "HARNESS",
    "NO_INSTALL_ENV",
    "PIP_ARGS_ENV",
    "TIMEOUT_ENV",
    "DynamicResult",
    "cache_dir",
    "cached_environment",
    "provided_requirements",
    "run",
]

#: Seconds the harness may run (the stand-in's Django setup takes about one).
DEFAULT_TIMEOUT = 20.0
#: Harness runs at most: each further one follows an install of what the last run missed.
MAX_ROUNDS = 4


#: Seconds the harness may run (the stand-in's Django setup takes about one).


def prestart(roots: list[Path], inventree_version: str, timeout: float | None = None) -> Prestarted:
    """Start the harness now for a plugin that will be under `roots` (existing directories).

    The stand-in's set-up (most of a run) overlaps the caller's own work; pass the handle to
    `run(ctx, prestarted=...)` (or `runner.run`), which uses it when it fits (same Python,
    target version, the plugin inside `roots`) and cancels it otherwise. Call `cancel()` when
    no check follows. `timeout`: as `--timeout`, else CREATE_INVENTREE_PLUGIN_CHECK_TIMEOUT.
    """
    limit = timeout or _env_timeout()
    return Prestarted(sys.executable, inventree_version, [Path(r) for r in roots], limit)


def _env_timeout() -> float:
    value = os.environ.get(TIMEOUT_ENV)
    try:
        return float(value) if value else DEFAULT_TIMEOUT
    except ValueError:
        return DEFAULT_TIMEOUT


def timeout_for(ctx: Context) -> float:
    """The time limit: the check's option, the env variable, else the default."""
    value = ctx.options.dynamic_timeout or os.environ.get(TIMEOUT_ENV)
    try:
        return float(value) if value else DEFAULT_TIMEOUT
    except ValueError:
        return DEFAULT_TIMEOUT


def spec_for(ctx: Context) -> dict[str, Any]:
    """What the harness needs to know about the plugin (JSON)."""
    project = ctx.project
    modules = sorted({cls.module.name for cls in ctx.classes.plugin_classes})
    return {
        "import_root": str(Path(project.import_root).resolve()),  # the harness's cwd differs
        "module_prefix": project.module_prefix,
        "inventree_version": ctx.inventree_version,
        "distribution": project.name,
        "requires": list(project.requires),
        "entry_points": [
            {"name": e.name, "value": e.value, "module": e.module, "attr": e.attr}
            for e in project.entry_points
        ]
        if not project.module_prefix
        else [],
        "modules": modules,
    }


def run(ctx: Context, prestarted: Prestarted | None = None) -> DynamicResult:
    """The dynamic result for the plugin; a `prestarted` harness is used or cancelled."""
    try:
        return _rounds(ctx, prestarted)
    finally:
        if prestarted is not None:
            prestarted.cancel()  # nothing when it ran the plugin


def _rounds(ctx: Context, prestarted: Prestarted | None) -> DynamicResult:
    """Run the harness; again in a cached venv when a module the plugin needs is missing.

    Missing modules that InvenTree's own environment provides (INVENTREE_REQUIREMENTS) are
    installed like declared dependencies: a plugin may use them without declaring them, so
    their absence here is a question about our environment, never a finding. The modules the
    plugin's sources import are looked up first, so one install usually covers them all;
    whatever is still missing at run time is added and the harness runs again.
    A `prestarted` harness (see `prestart`) serves the first run when it fits, and is
    cancelled otherwise.
    """
    spec = spec_for(ctx)
    timeout = timeout_for(ctx)
    requires = [r for r in ctx.project.requires if r.strip()]
    imported = _imported_modules(ctx)
    extras = provided_requirements(imported)
    needs = sorted(m for m in imported & INVENTREE_PROVIDED if INVENTREE_REQUIREMENTS[m] in extras)
    with_requires = False
    python = sys.executable
    result: DynamicResult | None = None
    for _ in range(MAX_ROUNDS):
        if extras or with_requires:
            packages = ", ".join([*(requires if with_requires else []), *sorted(extras)])
            modules = ", ".join(repr(m) for m in needs)
            if os.environ.get(NO_INSTALL_ENV):
                reason = (
                    f"the plugin needs {modules} ({packages}: declared, or provided by "
                    f"InvenTree's environment); installing is disabled (--no-install or "
                    f"{NO_INSTALL_ENV})"
                )
                return _undecided(result or DynamicResult(), reason)
            refused = check_requirements(
                requires if with_requires else [], bool(os.environ.get(ALLOW_DIRECT_ENV))
            )
            if refused:
                reason = f"the plugin needs {modules}; {refused}"
                return _undecided(result or DynamicResult(), reason)
            env_python, error = cached_environment(
                requires if with_requires else [], sorted(extras)
            )
            if env_python is None:
                reason = f"the plugin needs {modules}; installing {packages} failed: {error}"
                return _undecided(result or DynamicResult(), reason)
            python = str(env_python)
        if prestarted is not None and prestarted.covers(spec, python):
            result = prestarted.finish(spec, timeout)
        else:
            result = run_harness(spec, python, timeout)
        prestarted = None  # one run only
        if python != sys.executable:
            result.environment = str(Path(python).parents[1])
        missing = result.missing_module
        if not missing:
            break
        module = missing["module"]
        top = module.split(".")[0]
        needs.append(module)
        if missing["inventree"] and not missing["declared"]:
            requirement = INVENTREE_REQUIREMENTS[top]
            if requirement in extras:
                return _undecided(
                    result,
                    f"the plugin imports {module!r}, which InvenTree provides ({requirement}), "
                    "but it is still missing after installing it",
                )
            extras.add(requirement)
            continue
        if requires and not with_requires:
            with_requires = True
            continue
        if not missing["declared"] and absent_from_inventree(top, ctx.release.name):
            return _not_in_inventree(result, module)
        if not requires:
            return _undecided(
                result,
                f"the plugin imports {module!r}, which is not installed here and not declared "
                "as a dependency: cannot tell whether InvenTree's environment has it",
            )
        return _undecided(
            result, f"the plugin imports {module!r}, which its requirements do not provide"
        )
    assert result is not None
    if result.missing_module:
        return _undecided(result, f"the plugin still misses {result.missing_module['module']!r}")
    for info in [*result.import_errors, *_plugin_errors(result)]:
        name = info.get("standin_gap")
        if not name and info.get("type") == "ModuleNotFoundError":
            match = re.search(r"No module named '([^']+)'", info.get("message", ""))
            name = match.group(1) if match else None
        if name and removed_from_inventree(name, ctx.inventree_version, certain=True):
            # InvenTree removed it: the import fails there too. Not our model's gap; CLS010
            # reports it (the DYN rules leave errors marked "removed" to it).
            info["removed"] = name
            info["standin_gap"] = None
    if any(e.get("removed") for e in result.import_errors):
        result.status = "failed"
    gaps = sorted(
        {
            gap
            for e in [*result.import_errors, *_plugin_errors(result)]
            if (gap := e.get("standin_gap"))
        }
    )
    if gaps and result.decided:
        result = _undecided(
            result,
            f"loading stopped at what our InvenTree model lacks: {', '.join(gaps)}",
        )
    return result


def removed_from_inventree(name: str, version: str, certain: bool = False) -> str | None:
    """`name` (a module or `module.name`) when our model says InvenTree `version` lacks it.

    Then the import fails on the real server too: the plugin's error, not a gap in the
    stand-in. None when the release has it or the model cannot tell. (`certain` is kept for
    callers; the model is read from InvenTree's sources, so every answer is certain.)
    """
    return name if versions.missing_dotted(name, version) is not None else None


def _imported_modules(ctx: Context) -> set[str]:
    """Top-level names of every module the plugin's sources import (anywhere, also guarded)."""
    names: set[str] = set()
    for module in ctx.sources.modules.values():
        for node in ast.walk(module.tree):
            if isinstance(node, ast.Import):
                names.update(alias.name.split(".")[0] for alias in node.names)
            elif isinstance(node, ast.ImportFrom) and node.module and not node.level:
                names.add(node.module.split(".")[0])
    return names


def provided_requirements(modules: set[str]) -> set[str]:
    """InvenTree's requirements for those of `modules` it provides and this Python lacks."""
    found = set()
    for name in modules & INVENTREE_PROVIDED:
        try:
            present = find_spec(name) is not None  # a lookup: runs nothing of the plugin
        except (ImportError, ValueError):
            present = False
        if not present:
            found.add(INVENTREE_REQUIREMENTS[name])
    return found


def _plugin_errors(result: DynamicResult) -> list[ErrorInfo]:
    """Constructor and activation errors of every plugin record (for stand-in gaps)."""
    errors: list[ErrorInfo] = []
    for plugin in result.plugins:
        if error := plugin.get("constructor_error"):
            errors.append(error)
        errors.extend(plugin.get("activation_errors") or [])
    return errors


def absent_from_inventree(top: str, release: str) -> bool:
    """Whether InvenTree `release`'s environment certainly lacks the top-level module `top`.

    Only when the facts know every distribution the release pins (creator.facts.provided):
    then a module none of them installs does not import on the server either, and the
    loader refuses the plugin at discovery, as InvenTree does.
    """
    try:
        return provided.complete(release) and top not in provided.provided(release)
    except KeyError:  # a release the facts do not record: cannot tell
        return False


def _not_in_inventree(result: DynamicResult, module: str) -> DynamicResult:
    """The plugin's import of `module` fails on InvenTree as it failed here: a definite error."""
    for error in [*result.import_errors, *_plugin_errors(result)]:
        missing = error.get("missing_module")
        if missing and missing["module"] == module:
            error["missing_module"] = None
            error["not_in_inventree"] = module
    result.missing_module = None
    result.status = "failed"
    return result


def _undecided(result: DynamicResult, reason: str) -> DynamicResult:
    result.status = "undecided"
    result.reason = reason
    return result
