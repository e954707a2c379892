"""A local git store of template versions, so projects can be updated offline.

Copier records a template version (`_commit`) only when it renders from a git repository, and
`update` needs the old *and* the new version. The wheel ships the template as plain files, so
this module keeps a git repository of template versions in the user's data directory
(`platformdirs.user_data_dir("create-inventree-plugin")/template.git`; the environment
variable CREATE_INVENTREE_PLUGIN_STORE overrides it, tests use that).

`ensure_version()` commits the template files this CLI ships (copier.yml, includes/,
template/) as one commit tagged `v<version>`, unless a tag for these files exists already, and
returns the store's absolute path and the tag. Every project is rendered with
`run_copy(src_path=<store>, vcs_ref=<tag>)`, so its `.copier-answers.yml` records
`_src_path: <absolute store path>` and `_commit: v<version>`. The store is never pruned: after
`pip install --upgrade`, the new CLI adds its own tag on first use (its commit's parent is the
previous newest commit, so the history accumulates), and both `create-inventree-plugin update`
and plain `copier update` find the old and the new version on this machine, without network.

Tag names (Copier picks versions by PEP 440 order, so the names must sort sensibly):

- `v<version>` for the files of a released CLI (the copy inside the wheel). The first tree to
  claim a tag keeps it: tags are never moved (projects have recorded them).
- `v<version>+<n>.g<tree>` (a PEP 440 *local* version) when `v<version>` already names other
  files, and always for a development checkout (its files change without a version bump).
  `<n>` counts up per version, so newer development trees sort above older ones (a local
  label's numeric segment compares as a number; a bare hash would sort at random), and
  `<tree>` is the first 10 hex digits of the git tree, for recognition. PEP 440 puts
  `1.2.0 < 1.2.0+1.g… < 1.2.0+2.g… < 1.2.1`: a development tree sorts above the release it
  started from and always below the next release, and none is a pre-release (Copier's
  default "newest tag" still sees it).

The fast path costs one directory walk (file sizes and mtimes, hashed) and one
`git rev-parse`: the walk's fingerprint is cached in the store's `.git` directory. Only an
unknown fingerprint hashes the files, and only new files make a commit. Writers take an
exclusive lock (`template.git.lock` beside the store, a `filelock.FileLock`), so two CLIs at
once cannot corrupt it;
git's own ref updates are atomic for readers.
"""

from __future__ import annotations

import contextlib
import hashlib
import io
import json
import os
import stat
import sys
import tarfile
from collections.abc import Iterator
from pathlib import Path

import platformdirs
from filelock import FileLock, Timeout
from packaging.version import InvalidVersion, Version

from creator import __version__, paths
from creator import git as git_command
from creator.errors import CreatorError
from creator.git import GitError

STORE_ENV = "CREATE_INVENTREE_PLUGIN_STORE"
APP_NAME = "create-inventree-plugin"
ENTRIES = ("copier.yml", "includes", "template")  # exactly what the wheel ships
# Never part of a template version (the same patterns as copier.yml's _exclude).
IGNORED_DIRS = {"__pycache__", "node_modules", ".ruff_cache", ".pytest_cache", ".git"}
IGNORED_SUFFIXES = (".pyc", ".pyo")
IGNORED_NAMES = {".DS_Store"}
BRANCH = "refs/heads/main"
_CACHE = "create-inventree-plugin-versions.json"
_IDENTITY = {
    "GIT_AUTHOR_NAME": APP_NAME,
    "GIT_AUTHOR_EMAIL": f"{APP_NAME}@localhost",
    "GIT_COMMITTER_NAME": APP_NAME,
    "GIT_COMMITTER_EMAIL": f"{APP_NAME}@localhost",
    "GIT_TERMINAL_PROMPT": "0",
}
LOCK_TIMEOUT = 120.0


class StoreError(CreatorError):
    """The template store cannot be used (no git, unwritable data directory, ...)."""


def store_path() -> Path:
    """Where the store lives: $CREATE_INVENTREE_PLUGIN_STORE, else the user's data directory."""
    override = os.environ.get(STORE_ENV)
    if override:
        return Path(override).expanduser().absolute()
    return Path(platformdirs.user_data_dir(APP_NAME, appauthor=False)) / "template.git"


# ---------------------------------------------------------------------------------- git


def git(
    store: Path, *args: str, input: str | None = None, env: dict[str, str] | None = None
) -> str:
    """Run git on the store (no hooks, our identity); its output, stripped.

    Raises creator.git.GitError with git's last line on failure.
    """
    options = ("-c", f"core.hooksPath={os.devnull}")
    out = git_command.run(
        store, *options, *args, input=input, env={**_IDENTITY, **(env or {})},
        needed_by="keeping template versions",
    )  # fmt: skip
    return out.strip()


def _try(store: Path, *args: str) -> str | None:
    try:
        return git(store, *args)
    except GitError:
        return None


def is_store(store: Path) -> bool:
    """Whether `store` is a git repository root (what Copier accepts as a versioned source)."""
    return (store / ".git").exists()


def has_ref(store: Path, ref: str) -> bool:
    """Whether `ref` (a tag or commit) exists in the repository at `store`."""
    return (
        is_store(store)
        and _try(store, "rev-parse", "-q", "--verify", f"{ref}^{{commit}}") is not None
    )


def tags(store: Path | None = None) -> list[str]:
    """The store's version tags (PEP 440 names), oldest first."""
    store = store or store_path()
    if not is_store(store):
        return []
    found = []
    for name in (_try(store, "tag", "--list") or "").splitlines():
        try:
            found.append((Version(name), name))
        except InvalidVersion:
            continue
    return [name for _, name in sorted(found)]


def latest_tag(store: Path | None = None) -> str | None:
    """The newest version tag (PEP 440 order, pre-releases included), or None."""
    found = tags(store)
    return found[-1] if found else None


def export(ref: str, dest: Path, store: Path | None = None, *paths: str) -> Path:
    """Write the files of version `ref` (or only `paths` of it) into `dest`."""
    store = store or store_path()
    try:
        archive = git_command.run_bytes(store, "archive", "--format=tar", ref, "--", *paths)
    except GitError as error:
        raise StoreError(f"cannot read {ref} from {store}: {error}") from None
    dest.mkdir(parents=True, exist_ok=True)
    with tarfile.open(fileobj=io.BytesIO(archive)) as tar:
        tar.extractall(dest, filter="data")
    return dest


# ------------------------------------------------------------------------- template files


def template_files(root: Path) -> list[tuple[str, Path]]:
    """(posix relative path, absolute path) of every file of a template version, sorted."""
    files: list[tuple[str, Path]] = []
    for entry in ENTRIES:
        top = root / entry
        if top.is_file():
            files.append((entry, top))
            continue
        if not top.is_dir():
            raise StoreError(f"{root} is not a template: {entry} is missing")
        for dirpath, dirnames, filenames in os.walk(top):
            dirnames[:] = sorted(d for d in dirnames if d not in IGNORED_DIRS)
            for name in filenames:
                if name in IGNORED_NAMES or name.endswith(IGNORED_SUFFIXES):
                    continue
                path = Path(dirpath, name)
                files.append((path.relative_to(root).as_posix(), path))
    return sorted(files)


def fingerprint(root: Path) -> str:
    """A cheap identity of the template files: names, sizes, mtimes and modes (no contents)."""
    digest = hashlib.sha256()
    for rel, path in template_files(root):
        stat = path.stat()
        digest.update(f"{rel}\0{stat.st_size}\0{stat.st_mtime_ns}\0{stat.st_mode}\n".encode())
    return digest.hexdigest()


def _is_release_root(root: Path) -> bool:
    return root.resolve() == paths.BUNDLED_ROOT.resolve()


# -------------------------------------------------------------------------------- versions


def ensure_version(
    root: Path | None = None,
    version: str | None = None,
    *,
    release: bool | None = None,
    store: Path | None = None,
) -> tuple[Path, str]:
    """Make sure the store holds the template at `root` as `version`; return (store, tag).

    `root` defaults to this installation's template, `version` to this CLI's version, and
    `release` to "root is the wheel's copy" (a development checkout gets local-version tags,
    see the module docstring). The returned path is absolute: Copier records it verbatim.
    """
    root = (root or paths.template_root()).absolute()
    version = version or __version__
    store = (store or store_path()).absolute()
    try:
        public = Version(version).public
    except InvalidVersion:
        raise StoreError(f"{version!r} is not a PEP 440 version") from None
    release = _is_release_root(root) if release is None else release
    key = f"{public}|{int(release)}|{fingerprint(root)}"

    cached = _read_cache(store).get(key)
    if cached and has_ref(store, f"refs/tags/{cached}"):
        return store, cached
    with _locked(store):
        _init(store)
        cache = _read_cache(store)
        tag = _commit_version(store, root, public, release)
        cache[key] = tag
        _write_cache(store, cache)
    return store, tag


def _init(store: Path) -> None:
    if is_store(store):
        return
    if store.exists() and any(store.iterdir()):
        raise StoreError(f"{store} exists and is not a template store (a git repository)")
    try:
        store.mkdir(parents=True, exist_ok=True)
    except OSError as error:
        raise StoreError(f"cannot create the template store {store}: {error.strerror}") from None
    git(store, "init", "--quiet")
    git(store, "symbolic-ref", "HEAD", BRANCH)
    git(store, "config", "core.autocrlf", "false")
    (store / ".git" / "description").write_text(
        "Template versions of create-inventree-plugin. Projects record this path as "
        "_src_path; do not delete tags.\n",
        encoding="utf-8",
    )


def _tree(store: Path, root: Path) -> str:
    """Write the template files as blobs and return their git tree id (store untouched)."""
    files = template_files(root)
    blobs = git(
        store,
        "hash-object",
        "-w",
        "--no-filters",
        "--stdin-paths",
        input="".join(f"{path}\n" for _, path in files),
    ).split()
    lines = []
    for (rel, path), blob in zip(files, blobs, strict=True):
        executable = os.name != "nt" and path.stat().st_mode & stat.S_IXUSR
        mode = "100755" if executable else "100644"
        lines.append(f"{mode} {blob}\t{rel}\n")
    index = store / ".git" / f"cip-index.{os.getpid()}"
    try:
        env = {"GIT_INDEX_FILE": str(index)}
        git(store, "update-index", "--add", "--index-info", input="".join(lines), env=env)
        return git(store, "write-tree", env=env)
    finally:
        index.unlink(missing_ok=True)


def _commit_version(store: Path, root: Path, public: str, release: bool) -> str:
    """Under the lock: find or create the tag for the files at `root`."""
    tree = _tree(store, root)
    existing = {}
    listing = git(store, "for-each-ref", "--format=%(refname:strip=2) %(tree)", "refs/tags")
    for line in listing.splitlines():
        name, _, tag_tree = line.partition(" ")
        existing[name] = tag_tree
    plain = f"v{public}"
    prefix = f"{plain}+"
    if existing.get(plain) == tree:
        return plain
    if release and plain not in existing:
        tag = plain  # a release claims its plain tag even if a development tag has these files
    else:
        for name, tag_tree in existing.items():
            if tag_tree == tree and name.startswith(prefix):
                return name
        numbers = [
            int(name[len(prefix) :].split(".")[0])
            for name in existing
            if name.startswith(prefix) and name[len(prefix) :].split(".")[0].isdigit()
        ]
        tag = f"{prefix}{max(numbers, default=0) + 1}.g{tree[:10]}"
    parent = _try(store, "rev-parse", "-q", "--verify", BRANCH)
    commit = git(
        store,
        "commit-tree",
        "--no-gpg-sign",
        tree,
        *(["-p", parent] if parent else []),
        "-m",
        f"Template of create-inventree-plugin {tag[1:]}",
    )
    git(store, "update-ref", BRANCH, commit, *([parent] if parent else []))
    git(store, "update-ref", f"refs/tags/{tag}", commit, "")
    # Keep the work tree equal to the newest commit, so the store is a clean repository
    # for anybody who looks at it (or runs `copier copy --vcs-ref HEAD` on it).
    git(store, "reset", "--hard", "--quiet", BRANCH)
    return tag


def _read_cache(store: Path) -> dict[str, str]:
    try:
        data = json.loads((store / ".git" / _CACHE).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    return data if isinstance(data, dict) else {}


def _write_cache(store: Path, cache: dict[str, str]) -> None:
    target = store / ".git" / _CACHE
    temporary = target.with_name(f"{_CACHE}.{os.getpid()}")
    with contextlib.suppress(OSError):  # only a cache: a failed write costs a rehash later
        temporary.write_text(json.dumps(cache, indent=1, sort_keys=True), encoding="utf-8")
        temporary.replace(target)


@contextlib.contextmanager
def _locked(store: Path) -> Iterator[None]:
    """An exclusive lock on the store (a lock file beside it), waiting up to LOCK_TIMEOUT."""
    lock = FileLock(store.with_name(store.name + ".lock"), timeout=LOCK_TIMEOUT)
    try:
        store.parent.mkdir(parents=True, exist_ok=True)
        lock.acquire()
    except Timeout:
        raise StoreError(f"the template store {store} is locked by another process") from None
    except OSError as error:
        raise StoreError(f"cannot lock the template store {store}: {error.strerror}") from None
    try:
        yield
    finally:
        lock.release()


# ---------------------------------------------------------------------------- rendering


def render_source(root: Path | None = None) -> tuple[str, str | None]:
    """(src_path, vcs_ref) for run_copy: the store and this version's tag.

    Falls back to the plain template folder (the project then records no `_commit`, so it
    cannot be updated) when the store cannot be used, and says so on stderr.
    """
    root = root or paths.template_root()
    try:
        src, tag = ensure_version(root)
    except CreatorError as error:  # the store's own, or git's
        print(
            f"warning: {error}; the project will record no template version, "
            "so `update` will not work for it",
            file=sys.stderr,
        )
        return str(root), "HEAD" if paths.is_git_checkout(root) else None
    return str(src), tag
