"""Packaging metadata is read once, from every place a distribution declares it."""

from __future__ import annotations

import zipfile
from pathlib import Path

import pytest

from creator.check import distribution
from creator.check import project as project_module
from creator.check.errors import CheckError
from tests.check.plugin_factory import make_plugin

SETUP_PY = """\
from setuptools import setup

setup(
    name="old-plugin",
    version="0.3.0",
    install_requires=["requests"],
    entry_points={
        "inventree_plugins": ["Old = old_plugin.core:OldPlugin"],
        "console_scripts": ["old = old_plugin.cli:main"],
    },
    description=DESCRIPTION,
)
"""


def test_setup_py_literals_and_every_group(tmp_path: Path) -> None:
    meta = distribution.read_tree(make_plugin(tmp_path, {"setup.py": SETUP_PY}), str)
    assert (meta.name, meta.version, meta.requires) == ("old-plugin", "0.3.0", ["requests"])
    assert [(e.name, e.module, e.attr) for e in meta.entry_points] == [
        ("Old", "old_plugin.core", "OldPlugin")
    ]
    assert meta.declared_groups == [
        ("inventree_plugins", "setup.py"),
        ("console_scripts", "setup.py"),
    ]
    assert "description" not in meta.setup_literals  # not a literal: never evaluated
    assert meta.setup_literals["name"] == "old-plugin" and meta.metadata_file == "setup.py"


def test_pyproject_wins_and_other_files_still_declare_groups(tmp_path: Path) -> None:
    files = {
        "pyproject.toml": '[project]\nname = "new"\nversion = "1.0"\n'
        '[project.entry-points.inventree_plugins]\nNew = "new.core:NewPlugin"\n'
        '[tool.poetry.plugins.inventree_plugin]\nX = "y:z"\n',
        "setup.cfg": "[options.entry_points]\ninventree-plugins =\n    A = a:b\n",
    }
    meta = distribution.read_tree(make_plugin(tmp_path, files), str)
    assert [e.value for e in meta.entry_points] == ["new.core:NewPlugin"]
    assert meta.declared_groups == [
        ("inventree_plugins", "pyproject.toml"),
        ("inventree_plugin", "pyproject.toml"),
        ("inventree-plugins", "setup.cfg"),
    ]


def _wheel(tmp_path: Path, entry_points: str, metadata: str = "") -> Path:
    wheel = tmp_path / "demo-1.0-py3-none-any.whl"
    with zipfile.ZipFile(wheel, "w") as archive:
        archive.writestr(
            "demo-1.0.dist-info/METADATA",
            metadata or "Metadata-Version: 2.1\nName: demo\nVersion: 1.0\nRequires-Dist: django\n",
        )
        archive.writestr("demo-1.0.dist-info/entry_points.txt", entry_points)
        archive.writestr("demo/__init__.py", "")
    return wheel


def test_a_wheel_is_read_with_importlib_metadata(tmp_path: Path) -> None:
    points = "[inventree_plugins]\nDemo = demo.core:Demo\n\n[console_scripts]\ndemo = demo:main\n"
    project = project_module.load(_wheel(tmp_path, points))
    try:
        assert (project.name, project.version, project.requires) == ("demo", "1.0", ["django"])
        assert [e.value for e in project.entry_points] == ["demo.core:Demo"]
        file = "demo-1.0.dist-info/entry_points.txt"
        assert project.declared_groups == [("inventree_plugins", file), ("console_scripts", file)]
        assert project.metadata_file == "demo-1.0.dist-info/METADATA"
    finally:
        project.close()


def test_an_oversized_metadata_file_is_refused(tmp_path: Path) -> None:
    huge = "Name: demo\n" + "X: " + "a" * (distribution.MAX_METADATA_BYTES + 1) + "\n"
    with pytest.raises(CheckError, match="refused"):
        project_module.load(_wheel(tmp_path, "", metadata=huge))
