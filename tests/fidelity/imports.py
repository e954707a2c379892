"""Which InvenTree modules and names published plugins import, and who provides them where.

`corpus_imports()` reads every Python file of every corpus archive (AST, nothing imported) and
collects the imports of InvenTree's own packages (`from part.models import Part` ->
("part.models", "Part"); `import InvenTree.version` -> ("InvenTree.version", None)), also the
guarded ones inside try/except and functions. `provides(root, module, name)` answers, by
reading sources, whether a tree of packages (a release's src/backend/InvenTree, or our
stand-in's site) has that module and defines or re-exports that name at module level.

`python -m tests.fidelity.imports` prints, per imported name, the releases where InvenTree has
it and whether the stand-in has it: the work list for stand-in coverage (issue 10, part 3).
"""

from __future__ import annotations

import ast
import sys
import tarfile
import warnings
import zipfile
from collections.abc import Iterator
from functools import cache
from pathlib import Path

from tests.fidelity import corpus
from tests.fidelity.verdicts import inventree_src

#: InvenTree's top-level backend packages (src/backend/InvenTree/*): what a plugin imports
#: from the server rather than from its own requirements.
APPS = frozenset(
    {
        "InvenTree", "build", "common", "company", "data_exporter", "generic", "importer",
        "machine", "order", "part", "plugin", "report", "stock", "users", "web",
    }
)  # fmt: skip
STANDIN_SITE = Path(__file__).resolve().parents[2] / "creator" / "standin" / "site"
RELEASE_DIRS = ("1.0", "1.1", "1.2", "1.3", "1.4", "1.5-dev")

Import = tuple[str, str | None]  # (module, name or None for `import module`)


def _python_files(archive: Path) -> Iterator[tuple[str, str]]:
    """(member name, text) of every .py file in a wheel or sdist."""
    if archive.name.endswith((".whl", ".zip")):
        with zipfile.ZipFile(archive) as zf:
            for info in zf.infolist():
                if info.filename.endswith(".py"):
                    yield info.filename, zf.read(info).decode("utf-8", "replace")
    else:
        with tarfile.open(archive) as tf:
            for member in tf.getmembers():
                handle = tf.extractfile(member) if member.isfile() else None
                if handle is not None and member.name.endswith(".py"):
                    yield member.name, handle.read().decode("utf-8", "replace")


def imports_of(text: str) -> set[Import]:
    """InvenTree imports in one module's source (absolute imports only)."""
    try:
        with warnings.catch_warnings():  # old plugins' invalid escape sequences
            warnings.simplefilter("ignore", SyntaxWarning)
            warnings.simplefilter("ignore", DeprecationWarning)
            tree = ast.parse(text)
    except SyntaxError:
        return set()
    found: set[Import] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            for alias in node.names:
                if alias.name.split(".")[0] in APPS:
                    found.add((alias.name, None))
        elif (
            isinstance(node, ast.ImportFrom)
            and node.module
            and not node.level
            and node.module.split(".")[0] in APPS
        ):
            found.update((node.module, alias.name) for alias in node.names)
    return found


def corpus_imports() -> dict[Import, set[str]]:
    """Every InvenTree import of the corpus -> the plugins (ids) importing it."""
    users: dict[Import, set[str]] = {}
    for entry in corpus.plugins():
        for member, text in _python_files(entry.archive()):
            if "/tests/" in member or member.rsplit("/", 1)[-1].startswith("test_"):
                continue  # a plugin's own tests run in InvenTree's test runner, not at load
            for item in imports_of(text):
                users.setdefault(item, set()).add(entry.id)
    return users


def _module_file(root: Path, module: str) -> Path | None:
    """The source file of `module` under `root` (package __init__ or module file)."""
    base = root.joinpath(*module.split("."))
    for candidate in (base / "__init__.py", base.with_suffix(".py")):
        if candidate.is_file():
            return candidate
    return None


@cache
def _defined(root: Path, module: str) -> frozenset[str]:
    """Names `module` binds at module level (any branch of if/try; imports and `*` included)."""
    path = _module_file(root, module)
    if path is None:
        return frozenset()
    tree = ast.parse(path.read_text(encoding="utf-8"))
    names: set[str] = set()
    package = module if path.name == "__init__.py" else module.rpartition(".")[0]

    def star(node: ast.ImportFrom) -> None:
        source = node.module or ""
        if node.level:
            base = package.rsplit(".", node.level - 1)[0] if node.level > 1 else package
            source = f"{base}.{source}" if source else base
        names.update(n for n in _defined(root, source) if not n.startswith("_"))

    def visit(body: list[ast.stmt]) -> None:
        for node in body:
            if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef | ast.ClassDef):
                names.add(node.name)
            elif isinstance(node, ast.Assign | ast.AnnAssign | ast.AugAssign):
                targets = node.targets if isinstance(node, ast.Assign) else [node.target]
                for target in targets:
                    for sub in ast.walk(target):
                        if isinstance(sub, ast.Name):
                            names.add(sub.id)
            elif isinstance(node, ast.ImportFrom) and any(a.name == "*" for a in node.names):
                star(node)
            elif isinstance(node, ast.Import | ast.ImportFrom):
                for alias in node.names:
                    names.add((alias.asname or alias.name).split(".")[0])
            elif isinstance(node, ast.If | ast.Try | ast.With | ast.For | ast.While):
                for field in ("body", "orelse", "finalbody"):
                    visit(getattr(node, field, []) or [])
                for handler in getattr(node, "handlers", []) or []:
                    visit(handler.body)

    visit(tree.body)
    return frozenset(names)


def provides(root: Path, module: str, name: str | None) -> bool:
    """Whether the package tree at `root` has `module` (and `name` in it, or as a submodule)."""
    path = _module_file(root, module)
    if path is None:
        return False
    if name is None or name == "*":
        return True
    return name in _defined(root, module) or _module_file(root, f"{module}.{name}") is not None


def release_roots() -> dict[str, Path]:
    """Release folder -> its backend package root, for the releases present."""
    roots = {}
    for release in RELEASE_DIRS:
        root = inventree_src() / release / "src" / "backend" / "InvenTree"
        if root.is_dir():
            roots[release] = root
    return roots


def coverage() -> list[tuple[Import, list[str], bool, set[str]]]:
    """(import, releases where InvenTree has it, stand-in has it, importing plugins)."""
    roots = release_roots()
    rows = []
    for item, users in sorted(corpus_imports().items(), key=lambda kv: (kv[0][0], kv[0][1] or "")):
        module, name = item
        have = [release for release, root in roots.items() if provides(root, module, name)]
        rows.append((item, have, provides(STANDIN_SITE, module, name), users))
    return rows


def main() -> int:
    """Print the coverage list: MISSING first (InvenTree has it, the stand-in does not)."""
    rows = coverage()
    for flag in ("MISSING", "extra", "ok"):
        for (module, name), have, standin, users in rows:
            label = "ok" if standin == bool(have) else ("MISSING" if have else "extra")
            if label != flag:
                continue
            shown = f"{module}.{name}" if name else module
            releases = ",".join(have) if have else "never"
            print(f"{label:8} {shown:60} inventree:{releases:28} used by {len(users)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
