"""Set-up once per source tree: where it is cached, what counts as finished, bad sources."""

from __future__ import annotations

import json
import shutil
import threading
from pathlib import Path

import pytest

from creator.inventree import environment
from tests.inventree.conftest import NEWEST, source

pytestmark = [pytest.mark.inventree, pytest.mark.xdist_group("inventree")]


def test_a_checkout_root_and_its_backend_dir_are_both_accepted() -> None:
    """The user may name the checkout or src/backend; both mean the same tree."""
    root = source(NEWEST)
    assert environment.backend_dir(root) == environment.backend_dir(root / "src" / "backend")
    assert (environment.backend_dir(root) / "requirements.txt").is_file()


@pytest.mark.parametrize("kind", ["missing", "not-inventree"])
def test_a_bad_source_is_one_line(tmp_path: Path, kind: str) -> None:
    """A path that does not exist, or is not an InvenTree tree: SourceError, exit code 2."""
    path = tmp_path / "nothing" if kind == "missing" else tmp_path
    with pytest.raises(environment.SourceError) as caught:
        environment.backend_dir(path)
    assert "\n" not in str(caught.value)
    assert caught.value.exit_code == 2


def test_prepared_environment_is_cached_and_complete(newest_env) -> None:
    """Under the user cache dir, keyed by version and Python; venv, db and marker present."""
    root = newest_env.root
    assert root.parent == environment.cache_root()
    assert root.name.startswith("1.5.0dev-py3.12-")
    assert newest_env.python.exists()
    assert newest_env.database.stat().st_size > 100_000  # a migrated schema, not an empty file
    state = environment.state(newest_env)
    assert state["python_version"].startswith("3.12")
    assert set(state["timings"]) >= {"venv", "requirements", "migrate", "total"}
    assert (newest_env.site_packages / "django").is_dir()
    baseline = json.loads((newest_env.data / "baseline.json").read_text())
    assert "ENABLE_PLUGINS_INTERFACE" in baseline["switches"]


def test_prepare_twice_is_instant_and_the_same(newest_env) -> None:
    """The second call (also from another thread) reuses the set-up."""
    results = []
    threads = [
        threading.Thread(target=lambda: results.append(environment.prepare(source(NEWEST))))
        for _ in range(2)
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=120)
    assert [env.root for env in results] == [newest_env.root] * 2


def test_a_half_finished_set_up_is_never_reused(newest_env, tmp_path: Path) -> None:
    """Without the completion marker (written last) the directory does not count."""
    copy = tmp_path / "half"
    copy.mkdir()
    shutil.copytree(newest_env.data, copy / "data")
    (copy / "venv").symlink_to(newest_env.root / "venv")
    backend = newest_env.backend
    assert environment._load(newest_env.source, backend, copy) is None
    shutil.copy2(newest_env.root / environment.MARKER, copy / environment.MARKER)
    loaded = environment._load(newest_env.source, backend, copy)
    assert loaded is not None and loaded.root == copy
    (copy / "data" / "db.sqlite3").unlink()  # damaged: the database went missing
    assert environment._load(newest_env.source, backend, copy) is None


def test_the_source_tree_is_not_written(newest_env) -> None:
    """InvenTree's bytecode goes to the cache (PYTHONPYCACHEPREFIX), not into the tree."""
    assert not list((newest_env.manage_dir / "plugin").glob("__pycache__"))
    assert any(newest_env.pycache.rglob("*.pyc"))
