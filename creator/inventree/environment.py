"""A ready-to-run InvenTree per source tree: a venv from its own requirements and a migrated db.

Setting one up takes minutes (pip installs ~150 pinned wheels, `manage.py migrate` builds the
SQLite schema), so it happens once per source tree and Python, cached under
`<user cache>/create-inventree-plugin/inventree/<key>/`. The key hashes the tree's location,
its requirements.txt, the names of its migrations and the Python version: a `git pull` that
changes any of them gets a fresh environment. The source tree itself is only read.

A set-up that stops half-way (Ctrl-C, full disk, pip failure) is never reused: the directory
counts only once `complete.json` exists, which is written last. An exclusive lock serialises
concurrent set-ups of the same key (two test workers, two terminals): the second waits and
then finds the first one's result.
"""

from __future__ import annotations

import argparse
import contextlib
import hashlib
import json
import os
import re
import shutil
import subprocess
import sys
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from filelock import FileLock, Timeout

from creator.errors import CreatorError
from creator.inventree import python as python_finder

FORMAT = 1  # bump when the layout or the set-up steps change
MARKER = "complete.json"
ADMIN_USER = "cip-admin"  # the superuser probes act as (activation, settings, UI features)
SECRET_KEY = "create-inventree-plugin-check-not-secret"
INSTALL_TIMEOUT = 1800.0
MIGRATE_TIMEOUT = 1800.0

Progress = Callable[[str], None]


class SourceError(CreatorError):
    """The path given as InvenTree source is not one (exit code 2)."""

    def __init__(self, message: str) -> None:
        super().__init__(message, exit_code=2)


class SetupError(CreatorError):
    """Setting up the environment failed; the message names the step (exit code 2)."""

    def __init__(self, message: str) -> None:
        super().__init__(message, exit_code=2)


@dataclass(frozen=True)
class Environment:
    """A prepared InvenTree: where its code, venv and template database are."""

    source: Path  # what the user named (checkout root or backend dir)
    backend: Path  # .../src/backend (holds requirements.txt and InvenTree/)
    root: Path  # the cache directory of this environment
    python: Path  # the venv's interpreter
    site_packages: Path  # the venv's site-packages (layered under each plugin's scratch venv)
    python_version: str  # "3.12.1"
    inventree_version: str  # what version.py says, e.g. "1.5.0 dev"

    @property
    def manage_dir(self) -> Path:
        """The directory holding manage.py (the working directory InvenTree expects)."""
        return self.backend / "InvenTree"

    @property
    def data(self) -> Path:
        """The set-up's data: migrated database, config file, keys."""
        return self.root / "data"

    @property
    def database(self) -> Path:
        """The migrated SQLite database probes copy (never used in place)."""
        return self.data / "db.sqlite3"

    @property
    def pycache(self) -> Path:
        """Bytecode of InvenTree's sources (PYTHONPYCACHEPREFIX: the tree stays untouched)."""
        return self.root / "pycache"

    def variables(self, data: Path) -> dict[str, str]:
        """The environment InvenTree runs with, its writable files under `data`."""
        return {
            "DJANGO_SETTINGS_MODULE": "InvenTree.settings",
            "INVENTREE_DB_ENGINE": "sqlite3",
            "INVENTREE_DB_NAME": str(data / "db.sqlite3"),
            "INVENTREE_CONFIG_FILE": str(data / "config.yaml"),
            "INVENTREE_SECRET_KEY": SECRET_KEY,
            "INVENTREE_OIDC_PRIVATE_KEY_FILE": str(data / "oidc.pem"),
            "INVENTREE_MEDIA_ROOT": str(data / "media"),
            "INVENTREE_STATIC_ROOT": str(data / "static"),
            "INVENTREE_BACKUP_DIR": str(data / "backup"),
            "INVENTREE_SITE_URL": "http://localhost:8000",
            "INVENTREE_ALLOWED_HOSTS": "localhost,testserver,127.0.0.1",
            "INVENTREE_PLUGINS_ENABLED": "True",
            "INVENTREE_PLUGIN_NOINSTALL": "True",
            "INVENTREE_DEBUG": "False",
            "INVENTREE_AUTO_UPDATE": "True",
            "INVENTREE_LOG_LEVEL": "WARNING",
            # InvenTree 1.0-1.2 fetch exchange rates from the internet at start-up, in the
            # process, on the first start of each day (1.3+ queue it for a worker). With no
            # network here that failure would be blamed on the plugin under check, from the
            # day after set-up on. Interval 0 is InvenTree's own "never update".
            "INVENTREE_GLOBAL_SETTINGS": json.dumps({"CURRENCY_UPDATE_INTERVAL": 0}),
            "PYTHONPYCACHEPREFIX": str(self.pycache),
            "PYTHONUNBUFFERED": "1",
        }


# ------------------------------------------------------------------------ the source tree


def backend_dir(src: Path) -> Path:
    """The backend directory of `src` (a checkout root or the backend dir); SourceError if none."""
    src = Path(src).expanduser()
    if not src.exists():
        raise SourceError(f"InvenTree source {src} does not exist")
    for candidate in (src / "src" / "backend", src, src.parent):
        if (candidate / "InvenTree" / "manage.py").is_file() and (
            candidate / "requirements.txt"
        ).is_file():
            return candidate.resolve()
    raise SourceError(
        f"{src} is not an InvenTree source tree (no src/backend/InvenTree/manage.py "
        "and requirements.txt)"
    )


def inventree_version(backend: Path) -> str:
    """INVENTREE_SW_VERSION from version.py ("unknown" when unreadable)."""
    try:
        text = (backend / "InvenTree" / "InvenTree" / "version.py").read_text(encoding="utf-8")
    except OSError:
        return "unknown"
    found = re.search(r"INVENTREE_SW_VERSION\s*=\s*['\"]([^'\"]+)", text)
    return found.group(1) if found else "unknown"


def cache_root() -> Path:
    """`<user cache>/create-inventree-plugin/inventree`."""
    # lazy: creator.check's __init__ loads the whole check (~0.2 s)
    from creator.check.dynamic import cache_dir

    return cache_dir() / "inventree"


def environment_key(backend: Path, python_short: str) -> str:
    """Readable and exact: `<version>-py<X.Y>-<hash of location, requirements, migrations>`."""
    digest = hashlib.sha256(f"{FORMAT}\n{backend}\n{python_short}\n".encode())
    digest.update((backend / "requirements.txt").read_bytes())
    for migration in sorted((backend / "InvenTree").glob("*/migrations/*.py")):
        digest.update(f"{migration.parent.parent.name}/{migration.name}\n".encode())
    version = re.sub(r"[^0-9A-Za-z.]+", "", inventree_version(backend).replace(" ", "-"))
    return f"{version or 'inventree'}-py{python_short}-{digest.hexdigest()[:12]}"


# ----------------------------------------------------------------------------- prepare()

_prepared: dict[tuple[Path, str | None], Environment] = {}


def prepare(
    src: Path, *, python: str | None = None, progress: Progress | None = None
) -> Environment:
    """The environment for `src`, set up on first use; cached in this process and on disk."""
    backend = backend_dir(src)
    requested = python or os.environ.get(python_finder.PYTHON_ENV) or None
    memo = (backend, requested)
    if memo in _prepared and (_prepared[memo].root / MARKER).is_file():
        return _prepared[memo]
    say = progress or (lambda line: None)
    interpreter = python_finder.find(python_finder.minimum_python(backend), requested)
    root = cache_root() / environment_key(backend, interpreter.short)
    root.parent.mkdir(parents=True, exist_ok=True)
    with _locked(root.parent / f"{root.name}.lock", say):
        env = _load(Path(src), backend, root)
        if env is None:
            env = _set_up(Path(src), backend, root, interpreter, say)
    _prepared[memo] = env
    return env


def _load(source: Path, backend: Path, root: Path) -> Environment | None:
    """The finished environment in `root`, or None (missing, half-finished, or damaged)."""
    try:
        state = json.loads((root / MARKER).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    env = _environment(source, backend, root, str(state.get("python_version", "")))
    if not (env.python.exists() and env.database.is_file() and env.site_packages.is_dir()):
        return None
    return env


def _environment(source: Path, backend: Path, root: Path, version: str) -> Environment:
    venv = root / "venv"
    short = ".".join(version.split(".")[:2])
    return Environment(
        source=source,
        backend=backend,
        root=root,
        python=venv / "bin" / "python",
        site_packages=venv / "lib" / f"python{short}" / "site-packages",
        python_version=version,
        inventree_version=inventree_version(backend),
    )


def _set_up(
    source: Path,
    backend: Path,
    root: Path,
    interpreter: python_finder.Interpreter,
    say: Progress,
) -> Environment:
    """Build the environment in `root` from scratch; the marker is written last."""
    started = time.monotonic()
    version = ".".join(map(str, interpreter.version))
    say(
        f"Setting up InvenTree {inventree_version(backend)} from {backend} "
        f"(once; takes a few minutes) in {root}"
    )
    shutil.rmtree(root, ignore_errors=True)
    root.mkdir(parents=True)
    env = _environment(source, backend, root, version)
    timings: dict[str, float] = {}

    step = time.monotonic()
    say(f"  creating a venv with Python {version} ({interpreter.path}, {interpreter.origin})")
    _run([interpreter.path, "-m", "venv", str(root / "venv")], "creating the venv", 300)
    if not env.site_packages.is_dir():
        raise SetupError(f"the new venv has no {env.site_packages}")
    # The pip of older interpreters (23.x) mishandles hash-pinned extras found through extra
    # indexes; InvenTree's own installer upgrades pip first as well.
    say("  upgrading pip in the venv")
    _run(
        [str(env.python), "-m", "pip", "install", "--disable-pip-version-check", "--no-input",
         "--progress-bar", "off", "-U", "pip"],
        "upgrading pip",
        600,
    )  # fmt: skip
    timings["venv"] = time.monotonic() - step

    step = time.monotonic()
    requirements = backend / "requirements.txt"
    total = sum(1 for line in requirements.read_text(encoding="utf-8").splitlines() if "==" in line)
    say(f"  installing InvenTree's {total} pinned requirements (pip --require-hashes)")
    pip = [
        str(env.python), "-m", "pip", "install", "--disable-pip-version-check", "--no-input",
        "--progress-bar", "off", "--require-hashes", "-r", str(requirements),
    ]  # fmt: skip
    _run(pip, "installing InvenTree's requirements", INSTALL_TIMEOUT, say, _pip_counter(total))
    timings["requirements"] = time.monotonic() - step

    step = time.monotonic()
    data = env.data
    for sub in ("media", "static", "backup"):
        (data / sub).mkdir(parents=True, exist_ok=True)
    variables = {**_base_env(), **env.variables(data)}
    say("  migrating a new SQLite database (manage.py migrate)")
    _run(
        [str(env.python), "manage.py", "migrate", "--noinput"],
        "migrating the database",
        MIGRATE_TIMEOUT,
        say,
        _migrate_counter(),
        env=variables,
        cwd=env.manage_dir,
    )
    timings["migrate"] = time.monotonic() - step

    step = time.monotonic()
    say("  creating the admin user and turning on the plugin switches")
    probe = Path(__file__).with_name("probe.py")
    _run(
        [str(env.python), str(probe), "--prepare", ADMIN_USER],
        "preparing the database",
        600,
        env=variables,
        cwd=env.manage_dir,
    )
    _checkpoint(env.database)
    timings["prepare"] = time.monotonic() - step

    step = time.monotonic()
    say("  compiling bytecode (into the cache: the source tree is only read)")
    compile_bytecode(env, say)
    timings["bytecode"] = time.monotonic() - step
    timings["total"] = time.monotonic() - started
    state = {
        "format": FORMAT,
        "source": str(backend),
        "python": interpreter.path,
        "python_version": version,
        "inventree_version": env.inventree_version,
        "timings": {key: round(value, 1) for key, value in timings.items()},
        "created": time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime()),
    }
    # Written last, atomically: only now does the directory count as an environment.
    partial = root / f"{MARKER}.partial"
    partial.write_text(json.dumps(state, indent=2), encoding="utf-8")
    partial.replace(root / MARKER)
    say(f"InvenTree environment ready in {timings['total']:.0f} s")
    return env


def compile_bytecode(env: Environment, say: Progress | None = None) -> None:
    """Byte-compile InvenTree and its venv under PYTHONPYCACHEPREFIX (probes only read it)."""
    variables = {**_base_env(), "PYTHONPYCACHEPREFIX": str(env.pycache)}
    _run(
        [str(env.python), "-m", "compileall", "-q", "-j", "0", str(env.manage_dir),
         str(env.site_packages)],
        "compiling bytecode",
        1800,
        env=variables,
    )  # fmt: skip


def _checkpoint(database: Path) -> None:
    """Fold SQLite's write-ahead log into the database file, which probes copy."""
    # lazy: only the set-up's checkpoint needs it
    import sqlite3

    with contextlib.closing(sqlite3.connect(database)) as connection:
        connection.execute("PRAGMA wal_checkpoint(TRUNCATE)")


def state(env: Environment) -> dict[str, Any]:
    """What the marker recorded (Python, timings of the set-up)."""
    try:
        recorded: dict[str, Any] = json.loads((env.root / MARKER).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    return recorded


# --------------------------------------------------------------------------- subprocesses


def _base_env() -> dict[str, str]:
    """The parent's environment minus what would change InvenTree's or pip's behaviour."""
    drop = (
        "TESTING", "TESTING_ENV", "PYTHONPATH", "VIRTUAL_ENV", "PYTHONHOME", "PIP_USER",
        "PYTHONDONTWRITEBYTECODE",  # without bytecode, every probe compiles InvenTree: minutes
    )  # fmt: skip
    env = {k: v for k, v in os.environ.items() if k not in drop and not k.startswith("INVENTREE_")}
    env.pop("DJANGO_SETTINGS_MODULE", None)
    return env


def _pip_counter(total: int) -> Callable[[str], str | None]:
    seen = {"count": 0, "next": 25}

    def on_line(line: str) -> str | None:
        if line.startswith("Collecting "):
            seen["count"] += 1
            if seen["count"] >= seen["next"] or seen["count"] == total:
                seen["next"] += 25
                return f"    pip: {seen['count']}/{total} requirements collected"
        if line.startswith("Installing collected packages"):
            return "    pip: installing the packages"
        return None

    return on_line


def _migrate_counter() -> Callable[[str], str | None]:
    seen = {"count": 0}

    def on_line(line: str) -> str | None:
        if line.strip().startswith("Applying "):
            seen["count"] += 1
            if seen["count"] % 100 == 0:
                return f"    migrate: {seen['count']} migrations applied"
        return None

    return on_line


def _run(
    argv: list[str],
    what: str,
    timeout: float,
    say: Progress | None = None,
    on_line: Callable[[str], str | None] | None = None,
    *,
    env: dict[str, str] | None = None,
    cwd: Path | None = None,
) -> None:
    """Run a set-up step, streaming its output to `on_line`; SetupError with its last lines."""
    tail: list[str] = []
    deadline = time.monotonic() + timeout
    try:
        process = subprocess.Popen(
            argv,
            stdout=subprocess.PIPE,
            stderr=subprocess.STDOUT,
            stdin=subprocess.DEVNULL,
            text=True,
            env=env if env is not None else _base_env(),
            cwd=cwd,
            start_new_session=True,
        )
    except OSError as error:
        raise SetupError(f"{what} failed: {error}") from None
    try:
        assert process.stdout is not None
        for raw in process.stdout:
            line = raw.rstrip()
            tail = [*tail[-19:], line]
            if on_line and say and (message := on_line(line)):
                say(message)
            if time.monotonic() > deadline:
                raise subprocess.TimeoutExpired(argv, timeout)
        process.wait(timeout=max(1.0, deadline - time.monotonic()))
    except subprocess.TimeoutExpired:
        _kill(process)
        raise SetupError(f"{what} did not finish within {timeout:.0f} s") from None
    except BaseException:
        _kill(process)
        raise
    if process.returncode != 0:
        errors = [line for line in tail if re.match(r"\s*(error|\w*Error\b)", line, re.I)]
        last = (errors or [line for line in tail if line.strip()] or ["(no output)"])[-1]
        raise SetupError(f"{what} failed (exit {process.returncode}): {last.strip()}")


def _kill(process: subprocess.Popen[str]) -> None:
    with contextlib.suppress(OSError):
        os.killpg(process.pid, 9)
    with contextlib.suppress(subprocess.TimeoutExpired):
        process.wait(timeout=10)


@contextlib.contextmanager
def _locked(path: Path, say: Progress) -> Iterator[None]:
    """An exclusive lock on `path`; says so when another set-up holds it."""
    lock = FileLock(path)
    try:
        lock.acquire(timeout=0)
    except Timeout:
        say("Waiting for another set-up of this InvenTree environment to finish ...")
        lock.acquire()
    try:
        yield
    finally:
        lock.release()


def main(argv: list[str] | None = None) -> int:
    """`python -m creator.inventree.environment SRC [--python P]`: set up and print the path."""
    parser = argparse.ArgumentParser(prog="python -m creator.inventree.environment")
    parser.add_argument("src", type=Path)
    parser.add_argument("--python")
    args = parser.parse_args(argv)
    try:
        env = prepare(args.src, python=args.python, progress=lambda s: print(s, file=sys.stderr))
    except CreatorError as error:
        print(f"error: {error}", file=sys.stderr)
        return error.exit_code
    print(json.dumps({"root": str(env.root), **state(env)}, indent=2))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
