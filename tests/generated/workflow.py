"""Run a generated GitHub Actions workflow on this machine, step by step, as GitHub would.

GitHub is out of reach here, so the generated CI is proven by running it locally: the YAML is
parsed, and every `run:` step executes with bash (`bash -e`, as GitHub's default shell) in a
job workspace, with the workflow's, job's and step's `env`. The `uses:` steps are played by
what they do on GitHub:

- actions/checkout: a copy of the project (or, for `repository: inventree/InvenTree`, the
  InvenTree source tree for that ref, from a local mapping);
- actions/setup-python: a fresh venv of that Python version (pyenv), first on PATH;
- actions/setup-node: node from PATH, at least the major version asked for;
- actions/upload-artifact / download-artifact: a copy through a local artifact store.

Only `${{ matrix.* }}`, `${{ runner.temp }}` and `${{ github.workspace }}` expressions are
known; any other expression is an error, so the workflow cannot rely on more than is tested.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import time
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

_EXPRESSION = re.compile(r"\$\{\{\s*([^}]+?)\s*\}\}")
_COPY_IGNORE = shutil.ignore_patterns("node_modules", ".venv", "dist", "__pycache__", ".git")


def _commit_all(folder: Path) -> None:
    """Make `folder` a git repository with one commit, as a checkout is (pre-commit needs it)."""
    identity = {"GIT_AUTHOR_NAME": "ci", "GIT_AUTHOR_EMAIL": "ci@example.com"}
    identity |= {"GIT_COMMITTER_NAME": "ci", "GIT_COMMITTER_EMAIL": "ci@example.com"}
    for command in (["init", "-q"], ["add", "-A"], ["commit", "-q", "-m", "checkout"]):
        subprocess.run(
            ["git", *command],
            cwd=folder,
            env={**os.environ, **identity},
            check=True,
            capture_output=True,
        )


class WorkflowError(AssertionError):
    """A step failed, or the workflow uses something the local runner does not know."""


@dataclass
class StepResult:
    """What one step did: its name, the command, exit code, seconds and output tail."""

    job: str
    name: str
    command: str
    returncode: int
    seconds: float
    output: str


@dataclass
class Runner:
    """Plays one workflow file's jobs; results accumulate in `results`."""

    workflow: Path
    project: Path
    work: Path
    pythons: Mapping[str, Path]  # "3.12" -> an interpreter
    inventree: Mapping[str, Path] = field(default_factory=dict)  # ref -> source tree
    env: Mapping[str, str] = field(default_factory=dict)
    timeout: float = 1800
    results: list[StepResult] = field(default_factory=list)

    def __post_init__(self) -> None:
        self.spec: dict[str, Any] = yaml.safe_load(self.workflow.read_text(encoding="utf-8"))
        self.artifacts = self.work / "artifacts"

    @property
    def jobs(self) -> dict[str, Any]:
        """The workflow's jobs by id."""
        return self.spec["jobs"]

    def matrix(self, job: str) -> list[dict[str, Any]]:
        """Every combination of the job's matrix ([{}] without one)."""
        matrix = self.jobs[job].get("strategy", {}).get("matrix")
        if not matrix:
            return [{}]
        combos: list[dict[str, Any]] = [{}]
        for key, values in matrix.items():
            if key in ("include", "exclude"):
                raise WorkflowError(f"{job}: matrix {key} is not supported locally")
            combos = [{**combo, key: value} for combo in combos for value in values]
        return combos

    def run_job(self, job: str, matrix: Mapping[str, Any]) -> list[StepResult]:
        """Run every step of `job` for one matrix combination; raises on the first failure."""
        spec = self.jobs[job]
        label = job + "".join(f"-{v}" for v in matrix.values())
        root = self.work / re.sub(r"[^A-Za-z0-9._-]+", "_", label)
        shutil.rmtree(root, ignore_errors=True)
        workspace, temp = root / "workspace", root / "temp"
        workspace.mkdir(parents=True)
        temp.mkdir()
        context = {
            "matrix": dict(matrix),
            "runner.temp": str(temp),
            "github.workspace": str(workspace),
        }
        path = os.environ.get("PATH", "")
        env = {
            **os.environ,
            **self.env,
            "CI": "true",
            "GITHUB_ACTIONS": "true",
            "GITHUB_WORKSPACE": str(workspace),
            "RUNNER_TEMP": str(temp),
            # InvenTree's trees may be read-only here: bytecode goes to the job's temp dir.
            "PYTHONPYCACHEPREFIX": str(temp / "pycache"),
        }
        env.pop("VIRTUAL_ENV", None)
        for scope in (self.spec.get("env", {}), spec.get("env", {})):
            env.update({k: self.expand(str(v), context) for k, v in scope.items()})
        defaults = spec.get("defaults", {}).get("run", {}).get("working-directory")
        done: list[StepResult] = []
        for number, step in enumerate(spec["steps"], 1):
            name = step.get("name") or step.get("uses") or f"step {number}"
            started = time.monotonic()
            if "uses" in step:
                path = self.use(step, context, workspace, temp, path)
                result = StepResult(job, name, step["uses"], 0, time.monotonic() - started, "")
            else:
                command = self.expand(step["run"], context)
                cwd = workspace / (step.get("working-directory") or defaults or ".")
                step_env = {**env, "PATH": path}
                step_env.update(
                    {k: self.expand(str(v), context) for k, v in step.get("env", {}).items()}
                )
                completed = subprocess.run(
                    ["bash", "-e", "-c", command],
                    cwd=cwd,
                    env=step_env,
                    capture_output=True,
                    text=True,
                    timeout=self.timeout,
                    check=False,
                )
                # Each stream's tail: a noisy stderr (pip) must not push out stdout's result.
                output = completed.stdout[-6000:] + completed.stderr[-6000:]
                result = StepResult(
                    job, name, command, completed.returncode, time.monotonic() - started, output
                )
            done.append(result)
            self.results.append(result)
            if result.returncode != 0:
                raise WorkflowError(
                    f"{label}: step {name!r} failed ({result.returncode}):\n"
                    f"$ {result.command}\n{result.output}"
                )
        return done

    def expand(self, text: str, context: Mapping[str, Any]) -> str:
        """Replace the known `${{ ... }}` expressions."""

        def value(match: re.Match[str]) -> str:
            expression = match[1]
            if expression.startswith("matrix."):
                return str(context["matrix"][expression.removeprefix("matrix.")])
            if expression in context:
                return str(context[expression])
            raise WorkflowError(f"expression {match[0]} is not supported locally")

        return _EXPRESSION.sub(value, text)

    def use(
        self,
        step: Mapping[str, Any],
        context: Mapping[str, Any],
        workspace: Path,
        temp: Path,
        path: str,
    ) -> str:
        """Play a `uses:` step; returns the PATH for the following steps."""
        action, _, _version = step["uses"].partition("@")
        given = {k: self.expand(str(v), context) for k, v in step.get("with", {}).items()}
        if action == "actions/checkout":
            target = workspace / given.get("path", ".")
            repository = given.get("repository")
            if repository is None:
                shutil.copytree(self.project, target, ignore=_COPY_IGNORE, dirs_exist_ok=True)
                _commit_all(target)
            elif repository.lower() == "inventree/inventree":
                source = self.inventree.get(given.get("ref", ""))
                if source is None:
                    raise WorkflowError(f"no local InvenTree tree for ref {given.get('ref')!r}")
                target.parent.mkdir(parents=True, exist_ok=True)
                target.symlink_to(source, target_is_directory=True)
            else:
                raise WorkflowError(f"checkout of {repository} is not supported locally")
            return path
        if action == "actions/setup-python":
            version = given["python-version"]
            interpreter = self.pythons.get(version)
            if interpreter is None:
                raise WorkflowError(f"no local Python {version}")
            venv = temp / f"python-{version}"
            subprocess.run([str(interpreter), "-m", "venv", str(venv)], check=True)
            return f"{venv / 'bin'}{os.pathsep}{path}"
        if action == "actions/setup-node":
            wanted = int(str(given.get("node-version", "20")).split(".")[0])
            found = subprocess.run(
                ["node", "--version"], capture_output=True, text=True, check=True
            )
            major = int(found.stdout.strip().lstrip("v").split(".")[0])
            if major < wanted:
                raise WorkflowError(f"node {found.stdout.strip()} is older than {wanted}")
            return path
        if action == "actions/upload-artifact":
            store = self.artifacts / given["name"]
            shutil.rmtree(store, ignore_errors=True)
            shutil.copytree(workspace / given["path"], store)
            return path
        if action == "actions/download-artifact":
            store = self.artifacts / given["name"]
            if not store.is_dir():
                raise WorkflowError(f"artifact {given['name']!r} was never uploaded")
            shutil.copytree(store, workspace / given.get("path", "."), dirs_exist_ok=True)
            return path
        raise WorkflowError(f"action {action} is not supported locally")
