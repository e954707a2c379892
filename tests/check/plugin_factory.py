"""Small plugin projects for the check's tests, written into a temporary directory.

`make_plugin(tmp_path, files)` writes any files (dedented); `pip_plugin(tmp_path, core=...)`
writes a complete pip-installable plugin (pyproject.toml with the entry point, package
`my_plugin` with `__init__.py` and `core.py`) where the test replaces only what it breaks.
`findings(path, rule)` runs the static check for one rule id.
"""

from __future__ import annotations

import textwrap
from pathlib import Path

PYPROJECT = """\
[build-system]
requires = ["flit_core>=3.12,<5"]
build-backend = "flit_core.buildapi"

[project]
name = "inventree-my-plugin"
description = "An InvenTree plugin."
dynamic = ["version"]
requires-python = ">=3.9"
dependencies = []

[project.entry-points.inventree_plugins]
MyPlugin = "my_plugin.core:MyPlugin"

[tool.flit.module]
name = "my_plugin"
"""

INIT = '__version__ = "0.1.0"\n'

CORE = """\
from plugin import InvenTreePlugin
from plugin.mixins import SettingsMixin

from . import __version__


class MyPlugin(SettingsMixin, InvenTreePlugin):
    NAME = "MyPlugin"
    SLUG = "my-plugin"
    TITLE = "My Plugin"
    DESCRIPTION = "An InvenTree plugin."
    AUTHOR = "Ada"
    LICENSE = "MIT"
    VERSION = __version__
    MIN_VERSION = "1.0.0"

    SETTINGS = {
        "GREETING": {"name": "Greeting", "description": "Text", "default": "Hello"},
    }
"""

#: The class header and metadata of CORE, for tests that write their own class body.
HEADER = """\
from plugin import InvenTreePlugin
from plugin.mixins import {mixins}


class MyPlugin({bases}InvenTreePlugin):
    NAME = "MyPlugin"
    SLUG = "my-plugin"
    DESCRIPTION = "d"
    AUTHOR = "a"
    LICENSE = "MIT"
    VERSION = "0.1.0"
"""


def make_plugin(tmp_path: Path, files: dict[str, str], name: str = "project") -> Path:
    """Write `files` (relative path -> text, dedented) under tmp_path/name; return that dir."""
    root = tmp_path / name
    for rel, text in files.items():
        path = root / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(textwrap.dedent(text), encoding="utf-8")
    root.mkdir(parents=True, exist_ok=True)
    return root


def pip_plugin(
    tmp_path: Path,
    core: str = CORE,
    pyproject: str = PYPROJECT,
    extra: dict[str, str] | None = None,
    name: str = "project",
) -> Path:
    """A pip-installable plugin project: pyproject.toml + my_plugin/{__init__,core}.py."""
    files = {"pyproject.toml": pyproject, "my_plugin/__init__.py": INIT, "my_plugin/core.py": core}
    files.update(extra or {})
    return make_plugin(tmp_path, files, name)


def with_mixins(*mixins: str, body: str = "") -> str:
    """A core.py whose class uses `mixins` (before InvenTreePlugin) plus `body` (dedented)."""
    header = HEADER.format(
        mixins=", ".join(mixins) or "SettingsMixin",
        bases="".join(f"{m}, " for m in mixins),
    )
    return header + textwrap.indent(textwrap.dedent(body), "    ")


def findings(path: Path, rule: str, version: str | None = None) -> list:
    """The findings of one rule (static layer only)."""
    from creator.check import DEFAULT_INVENTREE_VERSION, run

    report = run(
        path,
        static_only=True,
        select=[rule],
        inventree_version=version or DEFAULT_INVENTREE_VERSION,
    )
    assert all(f.rule == rule for f in report.findings), report.findings
    return report.findings
