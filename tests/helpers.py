"""Shared helpers for the test suite: render projects, parse them, run their tools."""

from __future__ import annotations

import ast
import json
import os
import subprocess
import sys
import tomllib
from pathlib import Path
from typing import Any

import yaml

REPO = Path(__file__).resolve().parent.parent
PYTHON = sys.executable
BIN = Path(sys.executable).parent


def tool(name: str) -> str:
    """An executable of the test environment (ruff, ...), falling back to PATH."""
    candidate = BIN / name
    return str(candidate) if candidate.exists() else name


def render(root: Path, dest: Path, **answers: Any) -> Path:
    """Generate a project with our library API (complete, validated answers)."""
    from creator import generate, questions

    template = questions.Template(root)
    resolved, _ = template.resolve(answers, use_defaults=True)
    return generate.create(dest, resolved, root=root).path


def parse_all(project: Path) -> dict[str, int]:
    """Parse every file a tool would read: Python, TOML, YAML, JSON. Raises on the first error."""
    counts = {"py": 0, "toml": 0, "yaml": 0, "json": 0}
    for path in sorted(project.rglob("*")):
        if not path.is_file() or "node_modules" in path.parts:
            continue
        if path.suffix not in (".py", ".toml", ".yml", ".yaml", ".json"):
            continue  # other text is free-form; binaries (fonts) are not text
        text = path.read_text(encoding="utf-8")
        if path.suffix == ".py":
            ast.parse(text, filename=str(path))
            counts["py"] += 1
        elif path.suffix == ".toml":
            tomllib.loads(text)
            counts["toml"] += 1
        elif path.suffix in (".yml", ".yaml"):
            list(yaml.safe_load_all(text))
            counts["yaml"] += 1
        elif path.suffix == ".json":
            json.loads(text)
            counts["json"] += 1
    return counts


def run(cmd: list[str], cwd: Path, timeout: float = 600, **env: str) -> subprocess.CompletedProcess:
    """Run a command, capturing output as text."""
    return subprocess.run(
        cmd,
        cwd=cwd,
        capture_output=True,
        text=True,
        timeout=timeout,
        env={**os.environ, **env},
        check=False,
    )


def ruff_clean(project: Path) -> str:
    """Empty when `ruff check` and `ruff format --check` pass with the project's own config."""
    problems = []
    for cmd in (["check", "--no-cache", "."], ["format", "--no-cache", "--check", "."]):
        result = run([tool("ruff"), *cmd], project)
        if result.returncode != 0:
            problems.append(result.stdout + result.stderr)
    return "\n".join(problems)


def project_tests(project: Path) -> subprocess.CompletedProcess:
    """Run the generated project's own test suite (stand-in InvenTree, no server)."""
    return run(
        [PYTHON, "-m", "pytest", "-q", "-p", "no:cacheprovider"],
        project,
        PYTHONPATH=str(REPO),
    )
