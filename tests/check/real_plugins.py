"""A corpus of real, published InvenTree plugins, and a cached downloader for their archives.

The loader check must accept the plugins people actually run (no false alarms). Each entry pins
one release on PyPI that declares an `inventree_plugins` entry point, and says which loader
pattern it exercises. Versions are chosen to target InvenTree 1.0/1.1 (the newest release our
model of the loader describes): later releases of some of them need InvenTree 1.2+.

`fetch(plugin, "wheel" | "sdist")` downloads the archive once with `pip download --no-deps`
into a cache directory (`$CIP_TEST_CACHE/corpus`, else the user cache dir's
`create-inventree-plugin/corpus`) and returns its path; later runs read the cache and need no
network. `fetch_release(name, version, kind)` does the same for any release (the fidelity
corpus, tests/fidelity/corpus.yml, uses it), and `fetch_newest(name)` asks pip for the newest
release (wheel preferred, else the sdist) once, when the corpus is (re)discovered.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
import tempfile
from dataclasses import dataclass, field
from pathlib import Path

CACHE_ENV = "CIP_TEST_CACHE"
KINDS = ("wheel", "sdist")


@dataclass(frozen=True)
class RealPlugin:
    """One published plugin release and what it exercises."""

    name: str  # distribution name on PyPI
    version: str  # pinned release
    exercises: str  # the loader patterns it covers
    sdist: bool = False  # check the sdist as well as the wheel
    # Error findings InvenTree itself would hit with this release: rule id -> evidence.
    expected: dict[str, str] = field(default_factory=dict)
    # Third-party modules that may fail to install here (C extensions needing system headers):
    # the check may then answer loads=None, but only naming one of these modules.
    may_be_undecided: tuple[str, ...] = ()

    @property
    def id(self) -> str:
        """The pytest id: `name-version`."""
        return f"{self.name}-{self.version}"


CORPUS: tuple[RealPlugin, ...] = (
    RealPlugin(
        "inventree-brother-plugin",
        "2.0.6",
        "machine driver (LabelPrinterBaseDriver) for label printers; MachineDriverMixin imported "
        "in try/except ImportError with a fallback class; third-party dependency "
        "(brother-ql-inventree, Pillow); mixin before InvenTreePlugin; computed VERSION",
        sdist=True,
    ),
    RealPlugin(
        "inventree-zebra-plugin",
        "0.9.0",
        "LabelPrintingMixin label printer with SettingsMixin; ScheduleMixin listed AFTER "
        "InvenTreePlugin in the bases; static JS without a UI feature; dependency zpl",
    ),
    RealPlugin(
        "inventree-zebra",
        "0.2.0",
        "machine driver with MachineProperty and report.models.DataOutput; MIN_VERSION 1.1.0 "
        "(exactly the target); pinned dependency zpl==0.1.12",
    ),
    RealPlugin(
        "inventree-dymo-plugin",
        "1.1.1",
        "machine driver; InvenTreePlugin BEFORE MachineDriverMixin in the bases; no "
        "dependencies; several modules",
        sdist=True,
    ),
    RealPlugin(
        "inventree-cups-plugin",
        "1.1.2",
        "machine driver whose dependency (pycups) is a C extension that needs libcups headers "
        "to build: the check must either load it or name the missing module",
        may_be_undecided=("cups",),
    ),
    RealPlugin(
        "inventree-bulk-plugin",
        "1.4.3",
        "AppMixin with models and migrations, UserInterfaceMixin panels whose source is a "
        "nested static path (dist/bulk-creation-panel.js:renderPanel) chosen at run time, "
        "UrlsMixin with DRF views, a settings validator, pydantic/Jinja2 dependencies",
    ),
    RealPlugin(
        "inventree-kicad-plugin",
        "1.5.1",
        "AppMixin with eight migrations and admin, UrlsMixin with a DRF router, guarded import "
        "of a mixin InvenTree removed (SettingsContentMixin) with a fallback, templates, "
        "settings-heavy; entry point module named like its class",
        sdist=True,
    ),
    RealPlugin(
        "inventree-wled-locator",
        "0.4.0",
        "LocateMixin + UrlsMixin + SettingsMixin; entry point naming the package (class "
        "re-exported by __init__); unpinned Django in Requires-Dist; InvenTree.helpers_model",
        sdist=True,
    ),
    RealPlugin(
        "inventree-ipn-generator",
        "0.1.2",
        "EventMixin + SettingsMixin with a setting validator; import package (ipn_generator) "
        "named unlike the distribution; ships tests inside the package",
        sdist=True,
    ),
    RealPlugin(
        "inventree-order-history",
        "1.0.3",
        "UserInterfaceMixin panels and dashboard items from a Vite build (hashed chunks under "
        "static/ and static/assets/), users.permissions / users.ruleset imports, slug with '_'",
    ),
    RealPlugin(
        "inventree-report-lsp-plugin",
        "0.1.2",
        "UI template-editor feature with source dist/main.js:getReportEditor (nested path, "
        "hashed chunks in dist/assets), UrlsMixin, context computed per request, pinned deps",
    ),
    RealPlugin(
        "inventree-stock-forecasting",
        "0.7.0",
        "UserInterfaceMixin panel from a hashed Vite bundle plus .vite/manifest.json, "
        "SettingsMixin + UrlsMixin with InvenTree.mixins API views",
    ),
    RealPlugin(
        "inventree-apprise",
        "1.3.4",
        "NotificationMixin + SettingsMixin, `from plugin import registry`, third-party "
        "dependency apprise with a version range",
    ),
    RealPlugin(
        "inventree-supplier-panel",
        "0.7.1",
        "legacy-UI plugin: PanelMixin, order.views / part.views, users.models.check_user_role",
        expected={
            # `from plugin.mixins import PanelMixin` at module level: InvenTree 1.x's
            # plugin/mixins/__init__.py no longer exports PanelMixin (it belonged to the old
            # Django-template UI; docs/design/mixins.md says what 1.0 dropped).
            # The import raises ImportError, so InvenTree 1.x never loads this release.
            "CLS009": "PanelMixin is not in plugin.mixins in InvenTree 1.x",
            # `from order.views import ...` / `part.views` / `users.models.check_user_role`
            # at module level: no 1.x release has these (creator/facts/data, read from
            # InvenTree's sources 1.0 to 1.5), so the import fails there too.
            "CLS010": "order.views, part.views and check_user_role are gone in InvenTree 1.x",
        },
    ),
)

BY_NAME = {plugin.name: plugin for plugin in CORPUS}


def cache_dir() -> Path:
    """Where downloaded archives are kept between runs."""
    configured = os.environ.get(CACHE_ENV)
    if configured:
        return Path(configured) / "corpus"
    from platformdirs import user_cache_dir

    return Path(user_cache_dir("create-inventree-plugin")) / "corpus"


def normalise(name: str) -> str:
    """The file-name form of a distribution name (PEP 427/625: runs of -_. become '_')."""
    return re.sub(r"[-_.]+", "_", name).lower()


def archive_kind(path: Path) -> str:
    """'wheel' or 'sdist', from the file name."""
    return "wheel" if path.name.endswith(".whl") else "sdist"


def _find(directory: Path, name: str, version: str, kind: str) -> Path | None:
    """The cached archive of `name` `version` in `directory`, whatever the file name's spelling."""
    prefix = normalise(f"{name}-{version}") + "_"
    suffixes = (".whl",) if kind == "wheel" else (".tar.gz", ".zip")
    if not directory.is_dir():
        return None
    for path in sorted(directory.iterdir()):
        if path.name.endswith(suffixes) and normalise(path.name).startswith(prefix):
            return path
    return None


class DownloadError(RuntimeError):
    """pip could not fetch the archive (no network, release withdrawn)."""


#: The Python the newest InvenTree runs on: pip filters releases by Requires-Python, and the
#: plugins are judged on that interpreter, not on the one running the tests.
TARGET_PYTHON = "3.12"


def _pip_download(arguments: list[str], scratch: Path, what: str) -> list[Path]:
    """Run `pip download --no-deps` into `scratch`; the archives it wrote."""
    command = [
        sys.executable, "-m", "pip", "download", "--no-deps", "--disable-pip-version-check",
        "--quiet", "--python-version", TARGET_PYTHON, "--dest", str(scratch), *arguments,
    ]  # fmt: skip
    try:
        done = subprocess.run(command, capture_output=True, text=True, timeout=300)
    except subprocess.TimeoutExpired:
        raise DownloadError(f"pip download {what} timed out") from None
    got = sorted(p for p in scratch.iterdir() if p.name.endswith((".whl", ".tar.gz", ".zip")))
    if done.returncode != 0 or not got:
        tail = (done.stderr or done.stdout).strip().splitlines()[-3:]
        raise DownloadError(f"pip download {what} failed: {' '.join(tail)}")
    return got


def fetch_release(name: str, version: str, kind: str = "wheel") -> Path:
    """The cached wheel or sdist of release `name`==`version`, downloading it on first use."""
    if kind not in KINDS:
        raise ValueError(f"kind must be one of {KINDS}")
    directory = cache_dir() / kind
    found = _find(directory, name, version, kind)
    if found is not None:
        return found
    directory.mkdir(parents=True, exist_ok=True)
    requirement = f"{name}=={version}"
    # An sdist: only this package from source (its build requirements may come as wheels).
    selection = ["--only-binary", ":all:"] if kind == "wheel" else ["--no-binary", name]
    with tempfile.TemporaryDirectory(dir=directory) as scratch:
        _pip_download([*selection, requirement], Path(scratch), f"{requirement} ({kind})")
        got = _find(Path(scratch), name, version, kind)
        if got is None:
            raise DownloadError(f"pip download {requirement} ({kind}) wrote no such archive")
        target = directory / got.name
        shutil.move(str(got), target)  # atomic within the cache directory
    return target


def fetch_newest(name: str, pre: bool = False) -> Path:
    """Download the newest release of `name` (pip's choice: wheel preferred, else the sdist).

    Always asks the index (this is how the corpus is discovered); the archive lands in the
    cache where `fetch_release` finds it again.
    """
    base = cache_dir()
    base.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(dir=base) as scratch:
        got = _pip_download([*(["--pre"] if pre else []), name], Path(scratch), name)[0]
        directory = base / archive_kind(got)
        directory.mkdir(parents=True, exist_ok=True)
        target = directory / got.name
        shutil.move(str(got), target)
    return target


def fetch(plugin: RealPlugin, kind: str = "wheel") -> Path:
    """The cached wheel or sdist of `plugin`, downloading it with pip on first use."""
    return fetch_release(plugin.name, plugin.version, kind)


def main() -> int:
    """`python -m tests.check.real_plugins`: fill the cache and list the corpus."""
    for plugin in CORPUS:
        kinds = KINDS if plugin.sdist else ("wheel",)
        paths = [fetch(plugin, kind) for kind in kinds]
        print(f"{plugin.id:42} {' '.join(p.name for p in paths)}")
        print(f"    {plugin.exercises}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
