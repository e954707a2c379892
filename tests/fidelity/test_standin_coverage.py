"""Stand-in coverage: the InvenTree names published plugins import, at the right releases.

What the corpus imports from InvenTree exists in the stand-in exactly at the releases where
InvenTree has it.

The imports are read from the corpus archives (tests/fidelity/imports.py, AST). For each
release folder of INVENTREE_SRC, InvenTree "has" a name when its source defines or re-exports
it; the stand-in "has" it when, configured as that release (a subprocess per release), the
module imports and has the attribute. The stand-in must never have a name InvenTree lacks (it
would say "loads" where InvenTree fails on the import); a name InvenTree has and the stand-in
lacks makes the check undecided for plugins importing it, and is allowed only when listed in
GAPS below with the reason.
"""

from __future__ import annotations

import json
import subprocess
import sys

import pytest

from tests.fidelity import imports, verdicts
from tests.helpers import REPO

pytestmark = [pytest.mark.inventree, pytest.mark.network, pytest.mark.slow]

#: "module.name" -> why the stand-in does not provide it (the check is undecided on it).
GAPS: dict[str, str] = {
    "plugin.templatetags.plugin_extras.register": (
        "the plugin package of the stand-in (creator/standin/site/plugin) has no template tag "
        "library; a plugin importing it is judged undecided"
    ),
}

#: "module.name" -> why the stand-in has it at releases where InvenTree does not yet. Strict:
#: an entry that no longer applies fails. (These are in creator/standin/site/plugin, which the
#: model of the plugin API owns; reported there.)
EXTRA: dict[str, str] = {
    "plugin.base.supplier.helpers.ImportParameter": (
        "InvenTree adds it in 1.1 (with SupplierMixin); the stand-in defines it at every release"
    ),
    "plugin.machine.MachineProperty": (
        "InvenTree adds it in 1.1; the stand-in defines it at every release"
    ),
}

# A stand-in module that needs one of InvenTree's own requirements this venv lacks (e.g.
# django_filters) counts as present: the check installs those requirements when needed.
PROBE = """
import importlib, json, sys
from creator.standin import STANDIN_PACKAGES, configure
configure(version=sys.argv[1])
present = []
for module, name in json.loads(sys.stdin.read()):
    try:
        loaded = importlib.import_module(module)
    except ModuleNotFoundError as error:
        if (error.name or "").split(".")[0] not in (*STANDIN_PACKAGES, *sys.argv[2:]):
            present.append([module, name])
        continue
    except ImportError:
        continue
    if name is None or hasattr(loaded, name):
        present.append([module, name])
        continue
    try:
        importlib.import_module(f"{module}.{name}")
        present.append([module, name])
    except ImportError:
        pass
print(json.dumps(present))
"""


@pytest.fixture(scope="module")
def corpus_imports() -> list[imports.Import]:
    """Every InvenTree import of the corpus, sorted."""
    return sorted(imports.corpus_imports(), key=lambda item: (item[0], item[1] or ""))


def standin_has(release: str, wanted: list[imports.Import]) -> set[imports.Import]:
    """The imports the stand-in, pretending to be `release`, satisfies."""
    done = subprocess.run(
        [sys.executable, "-c", PROBE, verdicts.standin_version(release), *sorted(imports.APPS)],
        input=json.dumps(wanted),
        capture_output=True,
        text=True,
        cwd=REPO,
        timeout=300,
        check=False,
    )
    assert done.returncode == 0, done.stderr[-3000:]
    return {(module, name) for module, name in json.loads(done.stdout.strip().splitlines()[-1])}


def shown(item: imports.Import) -> str:
    """'module.name' (or the module)."""
    return f"{item[0]}.{item[1]}" if item[1] else item[0]


@pytest.mark.parametrize("release", imports.RELEASE_DIRS)
def test_standin_has_what_inventree_has(release: str, corpus_imports: list[imports.Import]) -> None:
    """At each release: no name InvenTree lacks; every name it has, or a listed gap."""
    root = imports.release_roots()[release]
    inventree = {item for item in corpus_imports if imports.provides(root, *item)}
    standin = standin_has(release, corpus_imports)
    extra = {shown(item) for item in standin - inventree}
    unexplained = sorted(extra - set(EXTRA))
    assert not unexplained, f"the stand-in has what InvenTree {release} lacks: {unexplained}"
    missing = {shown(item) for item in inventree - standin}
    unlisted = sorted(missing - set(GAPS))
    assert not unlisted, f"InvenTree {release} has, the stand-in lacks: {unlisted}"
    has = {shown(item) for item in inventree}
    stale = sorted(name for name in set(GAPS) & has if name not in missing)
    assert not stale, f"listed as gaps but now provided: {stale}"


def test_listed_extras_still_occur(corpus_imports: list[imports.Import]) -> None:
    """Each EXTRA entry is still a name the stand-in has before InvenTree does (at 1.0)."""
    root = imports.release_roots()["1.0"]
    standin = {shown(item) for item in standin_has("1.0", corpus_imports)}
    inventree = {shown(item) for item in corpus_imports if imports.provides(root, *item)}
    stale = sorted(name for name in EXTRA if name not in standin - inventree)
    assert not stale, f"EXTRA entries that no longer apply: {stale}"


def test_corpus_imports_inventree() -> None:
    """The corpus reaches deep into InvenTree: over a hundred distinct module names."""
    assert len(imports.corpus_imports()) > 100
