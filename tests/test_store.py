"""The local git store of template versions (creator.store)."""

from __future__ import annotations

import os
import subprocess
import sys
import time
from pathlib import Path

import pytest
from packaging.version import Version

from creator import store
from creator.errors import CreatorError
from tests.helpers import REPO

pytestmark = pytest.mark.xdist_group("test_store")


def make_root(path: Path, text: str = "one") -> Path:
    """A small stand-in template: the three entries the wheel ships, plus junk to ignore."""
    (path / "includes").mkdir(parents=True)
    (path / "template" / "__pycache__").mkdir(parents=True)
    (path / "template" / "node_modules" / "x").mkdir(parents=True)
    (path / "copier.yml").write_text("_subdirectory: template\n", encoding="utf-8")
    (path / "includes" / "macros.jinja").write_text("{# macros #}\n", encoding="utf-8")
    (path / "template" / "README.md.jinja").write_text(f"{text}\n", encoding="utf-8")
    (path / "template" / "run.sh").write_text("#!/bin/sh\n", encoding="utf-8")
    (path / "template" / "run.sh").chmod(0o755)
    (path / "template" / ".gitignore").write_text("*.md\n", encoding="utf-8")  # not for us
    (path / "template" / "__pycache__" / "x.cpython-311.pyc").write_bytes(b"\0")
    (path / "template" / "node_modules" / "x" / "index.js").write_text("", encoding="utf-8")
    return path


def git(path: Path, *args: str) -> str:
    return subprocess.run(
        ["git", "-C", str(path), *args], capture_output=True, text=True, check=True
    ).stdout.strip()


@pytest.fixture
def repo(tmp_path: Path) -> Path:
    return tmp_path / "data" / "template.git"


def test_store_path_env_override(monkeypatch, tmp_path):
    monkeypatch.setenv(store.STORE_ENV, str(tmp_path / "s"))
    assert store.store_path() == tmp_path / "s"
    monkeypatch.delenv(store.STORE_ENV)
    default = store.store_path()
    assert default.name == "template.git" and default.is_absolute()
    assert "create-inventree-plugin" in default.parts


def test_release_tag_tree_and_history(tmp_path, repo):
    root = make_root(tmp_path / "t")
    src, tag = store.ensure_version(root, "1.0.0", release=True, store=repo)
    assert (src, tag) == (repo.absolute(), "v1.0.0")
    files = git(repo, "ls-tree", "-r", "--name-only", "v1.0.0").splitlines()
    assert files == [
        "copier.yml",
        "includes/macros.jinja",
        "template/.gitignore",
        "template/README.md.jinja",
        "template/run.sh",
    ]
    assert git(repo, "ls-tree", "v1.0.0", "template/run.sh").startswith("100755")
    assert git(repo, "status", "--porcelain") == ""  # the work tree matches the newest commit
    assert (repo / "template" / "README.md.jinja").read_text() == "one\n"

    # Same files, same version: nothing new. Touched (new mtime), same content: nothing new.
    assert store.ensure_version(root, "1.0.0", release=True, store=repo)[1] == "v1.0.0"
    os.utime(root / "copier.yml", ns=(time.time_ns(), time.time_ns() + 10**9))
    assert store.ensure_version(root, "1.0.0", release=True, store=repo)[1] == "v1.0.0"
    assert git(repo, "rev-list", "--count", "main") == "1"

    # The next release: a new commit on top of the previous one.
    (root / "template" / "README.md.jinja").write_text("two\n", encoding="utf-8")
    assert store.ensure_version(root, "1.1.0", release=True, store=repo)[1] == "v1.1.0"
    assert git(repo, "rev-parse", "v1.1.0^") == git(repo, "rev-parse", "v1.0.0")
    assert store.tags(repo) == ["v1.0.0", "v1.1.0"]
    assert store.latest_tag(repo) == "v1.1.0"
    assert store.has_ref(repo, "v1.0.0") and not store.has_ref(repo, "v9")


def test_development_tags_sort_between_releases(tmp_path, repo):
    root = make_root(tmp_path / "t")
    store.ensure_version(root, "1.0.0", release=True, store=repo)
    (root / "template" / "README.md.jinja").write_text("dev one\n", encoding="utf-8")
    _, dev1 = store.ensure_version(root, "1.0.0", release=False, store=repo)
    tree = git(repo, "rev-parse", f"{dev1}^{{tree}}")
    assert dev1 == f"v1.0.0+1.g{tree[:10]}"
    (root / "template" / "README.md.jinja").write_text("dev two\n", encoding="utf-8")
    _, dev2 = store.ensure_version(root, "1.0.0", release=True, store=repo)  # tag taken
    assert dev2.startswith("v1.0.0+2.g")
    (root / "template" / "README.md.jinja").write_text("dev one\n", encoding="utf-8")
    assert store.ensure_version(root, "1.0.0", store=repo)[1] == dev1  # same tree, same tag
    (root / "template" / "README.md.jinja").write_text("release\n", encoding="utf-8")
    store.ensure_version(root, "1.0.1", release=True, store=repo)
    assert store.tags(repo) == ["v1.0.0", dev1, dev2, "v1.0.1"]
    # The counter is numeric in PEP 440's order: +10 sorts above +9.
    assert Version("1.0.0+10.g0000000000") > Version("1.0.0+9.gffffffffff")
    assert not Version(dev1.removeprefix("v")).is_prerelease


def test_a_development_checkout_never_claims_the_plain_tag(tmp_path, repo):
    root = make_root(tmp_path / "t")
    _, tag = store.ensure_version(root, "2.0.0", release=False, store=repo)
    assert tag.startswith("v2.0.0+1.g")
    # A release with the same files still gets its own plain tag.
    assert store.ensure_version(root, "2.0.0", release=True, store=repo)[1] == "v2.0.0"


def test_the_installed_template_is_a_release(monkeypatch, tmp_path, repo):
    from creator import paths

    bundled = make_root(tmp_path / "bundled")
    monkeypatch.setattr(paths, "BUNDLED_ROOT", bundled)
    assert store.ensure_version(bundled, "3.0.0", store=repo)[1] == "v3.0.0"


def test_export_and_invalid_version(tmp_path, repo):
    root = make_root(tmp_path / "t")
    store.ensure_version(root, "1.0.0", release=True, store=repo)
    out = store.export("v1.0.0", tmp_path / "out", repo, "copier.yml")
    assert (out / "copier.yml").read_text() == "_subdirectory: template\n"
    assert not (out / "template").exists()
    with pytest.raises(CreatorError, match="not a PEP 440 version"):
        store.ensure_version(root, "banana", store=repo)


def test_refuses_a_foreign_directory(tmp_path):
    occupied = tmp_path / "occupied"
    occupied.mkdir()
    (occupied / "file").write_text("x", encoding="utf-8")
    with pytest.raises(store.StoreError, match="is not a template store"):
        store.ensure_version(make_root(tmp_path / "t"), "1.0.0", store=occupied)


CONCURRENT = """
import sys
from pathlib import Path
sys.path.insert(0, {repo_root!r})
from creator import store
print(store.ensure_version(Path(sys.argv[1]), "1.0.0", release=True, store=Path(sys.argv[2]))[1])
"""


def test_concurrent_writers_do_not_corrupt_the_store(tmp_path, repo):
    root = make_root(tmp_path / "t")
    script = tmp_path / "writer.py"
    script.write_text(CONCURRENT.format(repo_root=str(REPO)), encoding="utf-8")
    procs = [
        subprocess.Popen(
            [sys.executable, str(script), str(root), str(repo)],
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        for _ in range(4)
    ]
    outputs = [proc.communicate(timeout=120) for proc in procs]
    assert all(proc.returncode == 0 for proc in procs), outputs
    assert {out.strip() for out, _ in outputs} == {"v1.0.0"}
    assert git(repo, "rev-list", "--count", "main") == "1"
    git(repo, "fsck", "--strict")


def test_a_store_locked_too_long_is_a_one_line_error(monkeypatch, tmp_path):
    from filelock import FileLock

    root = make_root(tmp_path / "t")
    target = tmp_path / "s" / "template.git"
    monkeypatch.setattr(store, "LOCK_TIMEOUT", 0.2)
    target.parent.mkdir(parents=True)
    with (
        FileLock(target.with_name("template.git.lock")),
        pytest.raises(store.StoreError, match="is locked by another process"),
    ):
        store.ensure_version(root, "1.0.0", release=True, store=target)
    # Released: the same call goes through.
    assert store.ensure_version(root, "1.0.0", release=True, store=target)[1] == "v1.0.0"


def test_render_source_falls_back_without_git(monkeypatch, tmp_path):
    monkeypatch.setenv(store.STORE_ENV, str(tmp_path / "s"))
    monkeypatch.setenv("PATH", str(tmp_path / "nothing"))
    root = make_root(tmp_path / "t")
    src, ref = store.render_source(root)
    assert (src, ref) == (str(root), None)


def test_render_source_uses_the_store(monkeypatch, tmp_path):
    monkeypatch.setenv(store.STORE_ENV, str(tmp_path / "s"))
    root = make_root(tmp_path / "t")
    src, ref = store.render_source(root)
    assert src == str(tmp_path / "s") and ref and ref.startswith("v")


def test_direct_render_equals_render_from_the_store(tmp_path: Path) -> None:
    """generate.render skips Copier's clone of the store; the result is byte-identical."""
    import filecmp
    import shutil

    from creator import generate, questions
    from tests.helpers import REPO

    root = tmp_path / "template"
    root.mkdir()
    shutil.copy2(REPO / "copier.yml", root / "copier.yml")
    for name in ("includes", "template"):
        shutil.copytree(REPO / name, root / name, ignore=shutil.ignore_patterns("node_modules"))
    answers, _ = questions.Template(root).resolve(
        {"plugin_name": "Zoë's Plugin", "mixins": "AppMixin,UrlsMixin"}, use_defaults=True
    )
    generate.render(answers, tmp_path / "direct", root)
    generate.render(answers, tmp_path / "cloned", root, via_store=True)

    def same(compare: filecmp.dircmp) -> None:
        assert not (compare.left_only or compare.right_only), compare.report()
        _, mismatch, errors = filecmp.cmpfiles(
            compare.left, compare.right, compare.common_files, shallow=False
        )
        assert not mismatch and not errors, mismatch
        for sub in compare.subdirs.values():
            same(sub)

    same(filecmp.dircmp(tmp_path / "direct", tmp_path / "cloned"))
    recorded = (tmp_path / "direct" / ".copier-answers.yml").read_text(encoding="utf-8")
    assert "_commit: v" in recorded and "_src_path: " in recorded
