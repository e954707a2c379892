"""Find a Python interpreter that meets an InvenTree source tree's minimum version.

InvenTree states its minimum in `InvenTree/version.py` (`MIN_PYTHON_VERSION = (3, 12)` from
1.2 on; older trees say "requires Python 3.9 or above" in the text of the check). Candidates,
in order: the one the user names (`--python` or $CREATE_INVENTREE_PLUGIN_PYTHON; then it is
the only candidate), the running interpreter, `python3.X` on PATH, and pyenv's installed
versions (`pyenv prefix X.Y.Z`: pyenv's shims on PATH fail unless that version is selected).
Each candidate is run once to learn its real version, so a broken shim is skipped, not used.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

from creator.errors import CreatorError

PYTHON_ENV = "CREATE_INVENTREE_PLUGIN_PYTHON"
DEFAULT_MINIMUM = (3, 9)  # what InvenTree 1.0 asks for; used when version.py says nothing
_NEWEST_MINOR = 14
_PROBE = "import sys, venv; print('%d.%d.%d' % sys.version_info[:3]); print(sys.executable)"


@dataclass(frozen=True)
class Interpreter:
    """A working interpreter: its path (as found), full version and where it came from."""

    path: str
    version: tuple[int, int, int]
    origin: str

    @property
    def short(self) -> str:
        """X.Y ("3.12"): the cache key's part (a patch release keeps the environment)."""
        return f"{self.version[0]}.{self.version[1]}"


class PythonNotFound(CreatorError):
    """No interpreter meets the minimum: one line naming what is needed (exit code 2)."""

    def __init__(self, message: str) -> None:
        super().__init__(message, exit_code=2)


def minimum_python(backend: Path) -> tuple[int, int]:
    """The (major, minor) InvenTree at `backend` requires, read from its version.py."""
    version_py = backend / "InvenTree" / "InvenTree" / "version.py"
    try:
        text = version_py.read_text(encoding="utf-8")
    except OSError:
        return DEFAULT_MINIMUM
    found = re.search(r"MIN_PYTHON_VERSION\s*=\s*\(\s*(\d+)\s*,\s*(\d+)", text)
    if found is None:
        found = re.search(r"Python (\d+)\.(\d+) or above", text)
    if found is None:
        return DEFAULT_MINIMUM
    return int(found.group(1)), int(found.group(2))


def inspect(path: str, origin: str, env: dict[str, str] | None = None) -> Interpreter | None:
    """Run `path` once; its version when it works and has venv, else None."""
    try:
        done = subprocess.run(
            [path, "-c", _PROBE],
            capture_output=True,
            text=True,
            timeout=30,
            env=env,
            check=False,
        )
    except (OSError, subprocess.TimeoutExpired):
        return None
    lines = done.stdout.split()
    if done.returncode != 0 or len(lines) < 2:
        return None
    major, minor, micro = (int(part) for part in lines[0].split("."))
    # The real executable: a pyenv shim only works with its environment, the binary always.
    return Interpreter(lines[1], (major, minor, micro), origin)


def _pyenv_candidates(minimum: tuple[int, int]) -> list[tuple[str, str]]:
    """(python path, origin) for every pyenv version meeting `minimum`, oldest first."""
    pyenv = shutil.which("pyenv")
    if pyenv is None:
        return []
    try:
        listed = subprocess.run(
            [pyenv, "versions", "--bare"], capture_output=True, text=True, timeout=30, check=False
        ).stdout.split()
    except (OSError, subprocess.TimeoutExpired):
        return []
    versions = []
    for name in listed:
        match = re.fullmatch(r"(\d+)\.(\d+)\.(\d+)", name)
        if match and (int(match[1]), int(match[2])) >= minimum:
            versions.append(((int(match[1]), int(match[2]), int(match[3])), name))
    found = []
    for _, name in sorted(versions):
        try:
            prefix = subprocess.run(
                [pyenv, "prefix", name], capture_output=True, text=True, timeout=30, check=False
            ).stdout.strip()
        except (OSError, subprocess.TimeoutExpired):
            continue
        if prefix:
            found.append((str(Path(prefix) / "bin" / "python3"), f"pyenv {name}"))
    return found


def find(minimum: tuple[int, int], requested: str | None = None) -> Interpreter:
    """The first working interpreter meeting `minimum`; PythonNotFound (one line) otherwise."""
    wanted = ".".join(map(str, minimum))
    requested = requested or os.environ.get(PYTHON_ENV) or None
    if requested:
        path = shutil.which(requested) or requested
        found = inspect(path, "requested")
        if found is None:
            raise PythonNotFound(f"the Python given ({requested}) does not run or lacks venv")
        if found.version[:2] < minimum:
            raise PythonNotFound(
                f"this InvenTree needs Python >= {wanted}; {requested} is "
                f"{'.'.join(map(str, found.version))}"
            )
        return found
    tried = []
    major, minor, micro = sys.version_info[:3]
    running = Interpreter(sys.executable, (major, minor, micro), "running")
    if running.version[:2] >= minimum:
        return running
    tried.append(f"the running {running.short}")
    for minor in range(minimum[1], _NEWEST_MINOR + 1):
        name = f"python{minimum[0]}.{minor}"
        where = shutil.which(name)
        if where and (found := inspect(where, f"{name} on PATH")) and found.version[:2] >= minimum:
            return found
    tried.append(f"python{minimum[0]}.{minimum[1]}+ on PATH")
    for path, origin in _pyenv_candidates(minimum):
        if (found := inspect(path, origin)) and found.version[:2] >= minimum:
            return found
    if shutil.which("pyenv"):
        tried.append("pyenv versions")
    raise PythonNotFound(
        f"this InvenTree needs Python >= {wanted} and none was found (tried {', '.join(tried)}); "
        f"install one, or name it with --python PATH or ${PYTHON_ENV}"
    )
