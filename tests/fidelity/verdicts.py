"""Two judges of one plugin: our stand-in check and InvenTree's own loader, as comparable data.

`standin(path, release)` runs `creator.check.runner.run` (static rules + the dynamic layer on
our stand-in) for the InvenTree release; `real(path, release)` runs
`creator.inventree.loader.check` on the InvenTree source of that release. Both give a
`Verdict`: `loads` (True / False / None = undecided) and the findings that explain it, cut
down to what the agreement table shows (rule ids of errors and features first, a few messages).

Releases are the folder names under the InvenTree source directory (`1.5-dev`, `1.0`): the
setting `INVENTREE_SRC` (default `../shared/inventree` next to the repository) holds them.
"""

from __future__ import annotations

import os
import time
import traceback
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

from tests.helpers import REPO

SRC_ENV = "INVENTREE_SRC"
DEFAULT_SRC = REPO.parent / "shared" / "inventree"

#: The releases every case is judged at: the newest source we have, and the oldest 1.x.
NEWEST = "1.5-dev"
OLDEST = "1.0"
RELEASES = (NEWEST, OLDEST)

#: Setting: the release a folder's content stands for, where its version.py lags behind
#: ("FOLDER=VERSION,..."). The "1.0" folder is master just before the bump to 1.1.0 dev, the
#: 1.0 release content, but its version.py says 0.18.0 dev (../shared/inventree/README.md):
#: judged as it is, InvenTree would refuse every plugin declaring MIN_VERSION 1.0.x.
STANDS_FOR_ENV = "INVENTREE_STANDS_FOR"
DEFAULT_STANDS_FOR = "1.0=1.0.0"
#: Setting: which real loader judges: "session" (one InvenTree start per release and test
#: worker, a forked probe per plugin; creator.inventree.session) or "fresh" (a process each).
REAL_LOADER_ENV = "FIDELITY_REAL_LOADER"

#: Findings that explain a verdict come first in the table, in this order.
_RANK = {"error": 0, "feature": 1, "warning": 2, "info": 3}


def inventree_src() -> Path:
    """The directory holding one InvenTree source tree per release (setting INVENTREE_SRC)."""
    configured = os.environ.get(SRC_ENV)
    return Path(configured).expanduser().resolve() if configured else DEFAULT_SRC.resolve()


def source(release: str) -> Path:
    """The InvenTree source tree of `release` (a folder of INVENTREE_SRC)."""
    return inventree_src() / release


def standin_version(release: str) -> str:
    """The `--inventree-version` our check is given for a release folder: '1.5-dev' -> '1.5.0'."""
    major, minor = release.split("-")[0].split(".")[:2]
    return f"{major}.{minor}.0"


def stands_for(release: str) -> str | None:
    """The version InvenTree is told it is for `release` (setting INVENTREE_STANDS_FOR)."""
    pairs = os.environ.get(STANDS_FOR_ENV, DEFAULT_STANDS_FOR)
    for pair in pairs.split(","):
        folder, _, version = pair.partition("=")
        if folder.strip() == release and version.strip():
            return version.strip()
    return None


def release_tuple(release: str) -> tuple[int, int, int]:
    """The version InvenTree at `release` reports, to compare with a plugin's MIN_VERSION.

    The version it stands for (`stands_for`), else read from its InvenTree/version.py. Falls
    back to the folder name ('1.5-dev' -> (1, 5, 0)) when the file cannot be read.
    """
    import re

    stated = stands_for(release)
    if stated and (numbers := re.match(r"(\d+)\.(\d+)\.(\d+)", stated)):
        return int(numbers[1]), int(numbers[2]), int(numbers[3])
    version_py = source(release) / "src" / "backend" / "InvenTree" / "InvenTree" / "version.py"
    try:
        text = version_py.read_text(encoding="utf-8")
    except OSError:
        text = ""
    found = re.search(r"INVENTREE_SW_VERSION\s*=\s*['\"](\d+)\.(\d+)\.(\d+)", text)
    if found:
        return int(found[1]), int(found[2]), int(found[3])
    major, minor, patch = standin_version(release).split(".")
    return int(major), int(minor), int(patch)


@dataclass
class Verdict:
    """One judge's answer for one plugin at one release."""

    loads: bool | None
    rules: list[str] = field(default_factory=list)  # error/feature rule ids, most severe first
    messages: list[str] = field(default_factory=list)  # the first few explaining messages
    seconds: float = 0.0
    crashed: str | None = None  # the judge itself raised: the traceback's last line

    def as_dict(self) -> dict[str, Any]:
        """JSON form for results.json."""
        return asdict(self)

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Verdict:
        """Inverse of as_dict."""
        return cls(**data)


def summarise(report: Any, seconds: float) -> Verdict:
    """A Verdict from a creator.check.runner.Report (the stand-in's or the real loader's)."""
    findings = sorted(report.findings, key=lambda f: _RANK.get(f.severity, 9))
    explaining = [f for f in findings if f.severity in ("error", "feature")]
    if report.loads is None:  # what made it undecided: the notes as well
        explaining = explaining or findings
    rules: list[str] = []
    for finding in explaining:
        if finding.rule not in rules:
            rules.append(finding.rule)
    messages = [f"{f.rule}: {f.message}"[:300] for f in explaining[:3]]
    return Verdict(loads=report.loads, rules=rules, messages=messages, seconds=round(seconds, 2))


def _crash(started: float) -> Verdict:
    """The judge raised: undecided, with the exception's last line kept."""
    last = traceback.format_exc().strip().splitlines()[-1]
    return Verdict(loads=None, seconds=round(time.monotonic() - started, 2), crashed=last[:300])


def standin(path: Path, release: str) -> Verdict:
    """Our check's verdict (static + dynamic layers) at `release`."""
    from creator.check.runner import run

    started = time.monotonic()
    try:
        report = run(path, inventree_version=standin_version(release))
    except Exception:
        return _crash(started)
    return summarise(report, time.monotonic() - started)


#: release -> why InvenTree could not be set up there (not retried for every case).
_SETUP_FAILED: dict[str, str] = {}


def real(path: Path, release: str, session: Any = None) -> Verdict:
    """InvenTree's own loader's verdict at `release`.

    In `session` (a started creator.inventree.session.Session) when given, else in a fresh
    process (creator.inventree.loader.check).
    """
    if release in _SETUP_FAILED:
        return Verdict(loads=None, crashed=_SETUP_FAILED[release])
    started = time.monotonic()
    try:
        from creator.inventree import loader

        if session is not None:
            report = session.check(path)
        else:
            report = loader.check(path, source(release), stands_for=stands_for(release))
    except Exception as error:
        verdict = _crash(started)
        if type(error).__name__ in ("SetupError", "SourceError", "ModuleNotFoundError"):
            _SETUP_FAILED[release] = f"(set-up failed earlier) {verdict.crashed}"
        return verdict
    return summarise(report, time.monotonic() - started)


def real_loader() -> str:
    """Which real loader judges (setting FIDELITY_REAL_LOADER): "session" (default) or "fresh"."""
    chosen = os.environ.get(REAL_LOADER_ENV, "session").strip()
    if chosen not in ("session", "fresh"):
        raise ValueError(f"{REAL_LOADER_ENV} must be session or fresh, not {chosen!r}")
    return chosen


def releases() -> tuple[str, ...]:
    """Releases judged this run: env FIDELITY_RELEASES (e.g. "1.5-dev"; default all)."""
    chosen = os.environ.get("FIDELITY_RELEASES")
    if not chosen:
        return RELEASES
    return tuple(r for r in RELEASES if r in {n.strip() for n in chosen.split(",")})


def judges() -> tuple[str, ...]:
    """Which judges run: env FIDELITY_JUDGES ("standin", "real"; default both).

    "standin" alone gives a quick table while InvenTree's side is being set up or changed
    (cases then fail as "a judge gave no verdict").
    """
    chosen = os.environ.get("FIDELITY_JUDGES", "standin,real")
    return tuple(name.strip() for name in chosen.split(",") if name.strip())


def min_version(path: Path) -> str | None:
    """The plugin class's literal MIN_VERSION (None when absent or computed), read statically."""
    from creator.check import project as project_module
    from creator.check.context import Context
    from creator.check.runner import DEFAULT_INVENTREE_VERSION

    project = project_module.load(path)
    try:
        cls = Context(project, DEFAULT_INVENTREE_VERSION).plugin_class
        value = cls.literal("MIN_VERSION") if cls is not None else None
    finally:
        project.close()
    return value if isinstance(value, str) else None


def allows(minimum: str | None, release: str) -> bool:
    """Whether a plugin with MIN_VERSION `minimum` may be judged at `release`.

    InvenTree compares the first three numbers; an unreadable MIN_VERSION does not stop it.
    """
    from creator.check.versions import inventree_tuple

    if not minimum:
        return True
    wanted = inventree_tuple(minimum)
    return not wanted or tuple(wanted) <= release_tuple(release)
