"""Hostile plugins under `check`: each attack is stopped, seen from outside the sandbox.

A plugin's module-level code runs when the stand-in harness imports it. These plugins try
what issue 11 lists (network, writes outside scratch, a `.pth` in the environment, a forged
"done" event, a fork bomb, killing the checker, endless output); the check must finish,
never say the plugin loads when the harness did not finish on its own, and leave nothing.
"""

from __future__ import annotations

import os
import pwd
import secrets
import site
import sys
import time
from pathlib import Path

import pytest

from creator.check import dynamic, environments, run
from tests.check.test_dynamic import make_project
from tests.safety.helpers import fork_bomb, processes_left


@pytest.fixture(autouse=True)
def _offline(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    monkeypatch.setenv(dynamic.NO_INSTALL_ENV, "1")
    monkeypatch.setenv(dynamic.TIMEOUT_ENV, "20")
    monkeypatch.delenv("CREATE_INVENTREE_PLUGIN_NO_BWRAP", raising=False)


def check(project: Path):
    return run(project, select=["DYN"])


def test_plugin_cannot_reach_the_network(tmp_path: Path, listener: int) -> None:
    """Raw `_socket` and a child process: no connection reaches the host (`listener` checks)."""
    port = listener
    prelude = f"""
        import _socket, subprocess, sys
        try:
            s = _socket.socket(_socket.AF_INET, _socket.SOCK_STREAM)
            s.settimeout(2)
            s.connect(("127.0.0.1", {port}))
        except OSError:
            pass
        subprocess.run([sys.executable, "-c",
            "import socket; socket.create_connection(('127.0.0.1', {port}), timeout=2)"])
    """
    check(make_project(tmp_path, prelude=prelude))


def test_plugin_cannot_write_outside_scratch(tmp_path: Path) -> None:
    """The real home (via pwd), the plugin's own files, /tmp: all unchanged."""
    name = f"cip-owned-{secrets.token_hex(4)}"
    home = Path(pwd.getpwuid(os.getuid()).pw_dir)
    prelude = f"""
        import os, pwd, pathlib
        for target in [pathlib.Path(pwd.getpwuid(os.getuid()).pw_dir) / "{name}",
                       pathlib.Path(__file__).parent / "{name}", pathlib.Path("/tmp/{name}")]:
            try:
                target.write_text("owned")
            except OSError:
                pass
        try:
            pathlib.Path(__file__).write_text("HACKED = True\\n")
        except OSError:
            pass
    """
    project = make_project(tmp_path, prelude=prelude)
    before = (project / "demo_plugin" / "core.py").read_text()
    check(project)
    assert not (home / name).exists()
    assert not (project / "demo_plugin" / name).exists()
    assert not Path("/tmp", name).exists()
    assert (project / "demo_plugin" / "core.py").read_text() == before


def test_plugin_cannot_poison_the_environment_with_a_pth(tmp_path: Path) -> None:
    """A `.pth` written into the environment's site-packages would run on every later check."""
    name = f"cip_poison_{secrets.token_hex(4)}.pth"
    prelude = f"""
        import site, pathlib
        for directory in site.getsitepackages():
            try:
                (pathlib.Path(directory) / "{name}").write_text("import os; os.system('id')")
            except OSError:
                pass
    """
    check(make_project(tmp_path, prelude=prelude))
    for directory in [*site.getsitepackages(), *Path(sys.base_prefix).rglob("site-packages")]:
        assert not (Path(directory) / name).exists()


def test_a_touched_cached_environment_is_rebuilt(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """The manifest check: a `.pth` that appeared in a cached venv makes it rebuilt, not used."""
    from tests.check.test_environments import _wheel

    wheels = tmp_path / "wheels"
    wheels.mkdir()
    _wheel(wheels, "cip_extra_a")
    monkeypatch.setattr("creator.check.environments._pinned", lambda: [])
    monkeypatch.setenv(environments.PIP_ARGS_ENV, f"--no-index --find-links {wheels}")
    python, error = environments.cached_environment([], ["cip_extra_a"])
    assert python is not None, error
    assert "installing cip_extra_a" in capsys.readouterr().err
    site_packages = next(python.parents[1].glob("lib/python*/site-packages"))
    poison = site_packages / "zz_poison.pth"
    poison.write_text("import os; os.system('echo poisoned')\n")
    again, error = environments.cached_environment([], ["cip_extra_a"])
    assert again == python, error
    assert "changed since it was built; rebuilding" in capsys.readouterr().err
    assert not poison.exists()
    assert (site_packages / "cip_extra_a.py").is_file()


def test_forged_done_event_is_not_trusted(tmp_path: Path) -> None:
    """A fake "done" written to every open fd, then exit 0: never an OK verdict."""
    prelude = """
        import json, os
        fake = json.dumps({"event": "done", "result": {"import_errors": [], "plugins": []}})
        for fd in range(3, 64):
            try:
                os.write(fd, (fake + "\\n").encode())
                os.write(fd, (json.dumps({"mac": "0" * 64, "body": fake}) + "\\n").encode())
            except OSError:
                pass
        os._exit(0)
    """
    report = check(make_project(tmp_path, prelude=prelude))
    assert report.loads is not True


def test_fork_bomb_is_stopped(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Forking without end at import: the check ends at its time limit and no process is left.

    The bomb runs as `python -c` so that each of its processes carries the marker.
    """
    monkeypatch.setenv(dynamic.TIMEOUT_ENV, "4")
    marker = f"bomb{secrets.token_hex(4)}"
    prelude = f"""
        import subprocess, sys
        subprocess.run([sys.executable, "-c", {fork_bomb(marker)!r}])
    """
    started = time.monotonic()
    report = check(make_project(tmp_path, prelude=prelude))
    assert time.monotonic() - started < 30
    assert report.loads is not True
    assert processes_left(marker) == []


def test_killing_the_parent_does_not_kill_the_checker(tmp_path: Path) -> None:
    """os.kill(os.getppid()) and kill(-1) at import: the check still returns a verdict."""
    prelude = """
        import os, signal
        os.kill(os.getppid(), signal.SIGKILL)
        os.kill(-1, signal.SIGKILL)
    """
    report = check(make_project(tmp_path, prelude=prelude))
    assert report.loads is not True


def test_endless_output_is_cut(tmp_path: Path) -> None:
    """Printing 200 MB at import: the check keeps at most a tail, and returns."""
    prelude = """
        import sys
        chunk = "x" * 2**20
        for _ in range(200):
            sys.stdout.write(chunk)
    """
    report = check(make_project(tmp_path, prelude=prelude))
    assert report.loads is True  # printing is allowed; it just is not kept
