"""The React frontend (`frontend: true`): it installs, builds, type-checks, lints and renders.

For the default answers and for every mixin: render with Copier, `npm ci`, `npm run build`,
then check what InvenTree relies on: every `source` the Python side returns exists in
`static/` with the named export, the built files keep no bare import and no copy of
React/ReactDOM/Mantine, the wheel ships them, and headless Chromium shows each feature through
the preview harness (the page InvenTree's loader is modelled on) with no console error and no
failed request. Screenshots go to $ARTIFACTS_DIR (default: a temporary directory).

Needs node/npm, the `chromium` Debian package (/usr/bin/chromium) and Playwright's Python API.
"""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
import tempfile
import time
import urllib.request
import warnings
import zipfile
from dataclasses import dataclass, field
from pathlib import Path

import pytest
import yaml

from tests.helpers import REPO

CHROMIUM = os.environ.get("CHROMIUM", "/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
FEATURE_FILES = ("Panel.js", "Dashboard.js", "Settings.js")
GLOBAL_PACKAGES = (
    "react",
    "react-dom",
    "react-dom/client",
    "@mantine/core",
    "@mantine/notifications",
    "@lingui/core",
    "@lingui/react",
)
# Strings that only a bundled copy of these libraries contains.
LIBRARY_MARKERS = (
    "react.transitional.element",
    "__CLIENT_INTERNALS_DO_NOT_USE",
    "__SECRET_INTERNALS",
    "react-dom.production",
    "[@mantine/core]",
    "MantineProvider was not found",
    "--mantine-color",
)
ALL_MIXINS = list(
    yaml.safe_load((REPO / "includes" / "catalog.yml").read_text())["catalog"]["default"]
)
ANSWER_SETS = {
    "default": {},
    "all-mixins": {"mixins": ALL_MIXINS},
}

# Run inside the generated project: import the plugin under the stand-in and print the UI
# features exactly as InvenTree's API would send them.
FEATURES_SCRIPT = """
import json, sys
sys.path.insert(0, ".")
from creator.standin import configure, setup_database
configure(apps=sys.argv[3:])
teardown = setup_database()
import importlib
plugin = getattr(importlib.import_module(sys.argv[1] + ".core"), sys.argv[2])()
features = [
    dict(feature, type="panel")
    for feature in plugin.get_ui_panels(None, {"target_model": "part", "target_id": 42})
] + [dict(feature, type="dashboard") for feature in plugin.get_ui_dashboard_items(None, {})]
features.append({
    "type": "settings",
    "title": "Settings",
    "source": plugin.get_admin_source(),
    "context": plugin.get_admin_context(),
})
print(json.dumps(features))
teardown()
"""


@dataclass
class Frontend:
    """A rendered project whose frontend is installed and built."""

    name: str
    project: Path
    answers: dict
    timings: dict[str, float] = field(default_factory=dict)

    @property
    def frontend(self) -> Path:
        return self.project / "frontend"

    @property
    def package(self) -> str:
        return json.loads((self.frontend / "plugin.json").read_text())["package"]

    @property
    def static(self) -> Path:
        return self.project / self.package / "static"

    def npm(self, *args: str, timeout: float = 300) -> subprocess.CompletedProcess:
        started = time.monotonic()
        result = subprocess.run(
            ["npm", *args],
            cwd=self.frontend,
            capture_output=True,
            text=True,
            timeout=timeout,
            env={**os.environ, "NO_COLOR": "1", "npm_config_update_notifier": "false"},
        )
        self.timings[" ".join(args)] = time.monotonic() - started
        assert result.returncode == 0, f"npm {' '.join(args)}:\n{result.stdout}\n{result.stderr}"
        return result


def render(dst: Path, answers: dict) -> Path:
    """Render the template from this checkout (with uncommitted changes) with Copier."""
    import copier

    copier.run_copy(
        str(REPO), dst, data=answers, defaults=True, vcs_ref="HEAD", unsafe=False, quiet=True
    )
    return dst


@pytest.fixture(scope="session", params=list(ANSWER_SETS), ids=list(ANSWER_SETS))
def built(request, tmp_path_factory) -> Frontend:
    """Once per answer set: render, `npm ci` (npm's download cache is reused), build."""
    name = request.param
    project = render(tmp_path_factory.mktemp(f"fe-{name}") / "plugin", ANSWER_SETS[name])
    frontend = Frontend(name, project, ANSWER_SETS[name])
    frontend.npm("ci", "--no-audit", "--no-fund", "--prefer-offline")
    frontend.npm("run", "build")
    return frontend


@pytest.fixture(scope="session")
def features(built: Frontend) -> list[dict]:
    """The UI features the generated plugin's Python side returns (under the stand-in)."""
    core = (built.project / built.package / "core.py").read_text()
    class_name = re.search(r"^class (\w+)\(", core, re.MULTILINE).group(1)
    apps = [built.package] if "AppMixin" in core else []
    result = subprocess.run(
        [sys.executable, "-c", FEATURES_SCRIPT, built.package, class_name, *apps],
        cwd=built.project,
        capture_output=True,
        text=True,
        timeout=120,
        env={**os.environ, "PYTHONPATH": os.pathsep.join([str(REPO), str(built.project)])},
    )
    if result.returncode == 0:
        return json.loads(result.stdout.strip().splitlines()[-1])
    # The stand-in cannot import this plugin (yet): read the features from core.py instead.
    warnings.warn(
        f"features parsed from core.py; stand-in import failed:\n{result.stderr[-2000:]}",
        stacklevel=2,
    )
    return parse_features(built, core)


def parse_features(built: Frontend, core: str) -> list[dict]:
    """The UI features as core.py declares them, without importing it."""
    slug = json.loads((built.frontend / "plugin.json").read_text())["slug"]
    base = f"/static/plugins/{slug}/"
    greeting = "Hello from the parsed plugin"
    sources = re.findall(r'plugin_static_file\("([^"]+)"\)', core)
    panel = next(s for s in sources if s.startswith("Panel.js"))
    dashboard = next(s for s in sources if s.startswith("Dashboard.js"))
    admin = re.search(r'^    ADMIN_SOURCE = "([^"]+)"', core, re.MULTILINE).group(1)
    panel_context = {"greeting": greeting}
    if '"api_url": f"{self.base_url}hello/"' in core:
        panel_context["api_url"] = f"plugin/{slug}/hello/"
    return [
        {"type": "panel", "title": "Panel", "source": base + panel, "context": panel_context},
        {
            "type": "dashboard",
            "title": "Dashboard",
            "source": base + dashboard,
            "context": {"greeting": greeting},
        },
        {
            "type": "settings",
            "title": "Settings",
            "source": base + admin,
            "context": {"greeting": greeting, "version": "0.1.0"},
        },
    ]


def split_source(source: str) -> tuple[str, str]:
    """`/static/plugins/<slug>/Panel.js:renderPanel` → (`Panel.js`, `renderPanel`)."""
    path, _, function = source.partition(":")
    return path.rsplit("/", 1)[-1], function


def exported_names(code: str) -> set[str]:
    """Named exports of a built ES module (`export{a as renderPanel}`, `export function f`)."""
    names = set(re.findall(r"\bexport\s+(?:async\s+)?function\s*\*?\s*([\w$]+)", code))
    for clause in re.findall(r"\bexport\s*\{([^}]*)\}", code):
        for part in clause.split(","):
            if part.strip():
                names.add(part.split(" as ")[-1].strip())
    return names


def test_typecheck_and_lint_pass_as_generated(built: Frontend):
    """`npm run typecheck` (tsc --noEmit) and `npm run lint` pass on the untouched project."""
    built.npm("run", "typecheck")
    built.npm("run", "lint")


def test_every_source_exists_with_its_export(built: Frontend, features: list[dict]):
    """Each `source` the Python side returns names a built file and a function it exports."""
    assert {f["type"] for f in features} == {"panel", "dashboard", "settings"}
    for feature in features:
        source = feature["source"]
        assert source.startswith("/static/plugins/"), source
        filename, function = split_source(source)
        path = built.static / filename
        assert path.is_file(), f"{source}: {path} was not built"
        assert function in exported_names(path.read_text()), f"{source}: no export {function}"
    if "UrlsMixin" in built.answers.get("mixins", []):
        panel = next(f for f in features if f["type"] == "panel")
        assert panel["context"]["api_url"].endswith("/hello/")


def test_built_js_has_no_bare_imports_and_no_library_copy(built: Frontend):
    """InvenTree imports the files without an import map and provides the libraries."""
    files = sorted(built.static.rglob("*.js"))
    assert {p.name for p in files} >= set(FEATURE_FILES)
    specifier = re.compile(
        r"""(?:\bimport\s*(?:[\w$*{}\s,]+?\s*from\s*)?|\bimport\s*\()\s*["']([^"']+)["']"""
    )
    for path in files:
        code = path.read_text()
        for spec in specifier.findall(code):
            assert spec.startswith(("./", "../", "/")), f"{path.name}: bare import {spec!r}"
        for marker in LIBRARY_MARKERS:
            assert marker not in code, f"{path.name} bundles a library ({marker!r})"
        for package in GLOBAL_PACKAGES:
            assert f'from"{package}"' not in code.replace(" ", "")
        assert len(code) < 20_000, f"{path.name} is {len(code)} bytes: something got bundled"


def test_wheel_ships_the_static_files(built: Frontend, tmp_path: Path):
    """`python -m build --wheel` puts the built files into the wheel."""
    result = subprocess.run(
        [sys.executable, "-m", "build", "--wheel", "--outdir", str(tmp_path), str(built.project)],
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    (wheel,) = tmp_path.glob("*.whl")
    names = set(zipfile.ZipFile(wheel).namelist())
    for filename in FEATURE_FILES:
        assert f"{built.package}/static/{filename}" in names
    assert not any("node_modules" in n or n.startswith("frontend/") for n in names)


# --- headless Chromium ---------------------------------------------------------------------


@pytest.fixture(scope="session")
def artifacts_dir() -> Path:
    path = Path(os.environ.get("ARTIFACTS_DIR") or tempfile.mkdtemp(prefix="frontend-shots-"))
    path.mkdir(parents=True, exist_ok=True)
    return path


@pytest.fixture(scope="session")
def browser():
    """One headless Chromium (Debian's) for the session, driven by Playwright's Python API."""
    from playwright.sync_api import sync_playwright

    assert Path(CHROMIUM).exists(), f"{CHROMIUM} missing: apt-get install -y chromium"
    with sync_playwright() as playwright:
        # launch() gives Chromium a new, empty user data directory of its own.
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield browser
        browser.close()


@pytest.fixture(scope="session")
def harness(built: Frontend):
    """The preview harness (`npm run preview` without the rebuild) on a port the kernel picks.

    `--port 0` binds whatever port is free and the harness prints the one it got, so no other
    process can take the port between our choosing it and Vite binding it.
    """
    vite = built.frontend / "node_modules" / ".bin" / "vite"
    with tempfile.TemporaryFile(mode="w+") as log:
        process = subprocess.Popen(
            [str(vite), "--config", "preview/vite.config.ts", "--port", "0"],
            cwd=built.frontend,
            stdout=log,
            stderr=subprocess.STDOUT,
        )
        try:
            url = wait_for_preview(process, log, deadline=time.monotonic() + 90)
            metadata = built.frontend / "node_modules" / ".vite" / "deps" / "_metadata.json"
            deadline = time.monotonic() + 60
            while not metadata.exists() and time.monotonic() < deadline:
                time.sleep(0.1)
            yield url
        finally:
            process.terminate()
            process.wait(timeout=10)


def wait_for_preview(process: subprocess.Popen, log, deadline: float) -> str:
    """The harness's URL once it answers, after warming Vite's dependency optimizer.

    The warm-up lets Vite pre-bundle React/Mantine/Lingui before the first page is measured,
    so no test sees the optimizer's one-off reload. A request the server drops while it is
    still starting is tried again; if the server exits, the failure shows its log.
    """

    def server_log() -> str:
        # pread: Vite writes through the same open file, so moving its offset would let Vite
        # overwrite what it wrote before.
        fd = log.fileno()
        return os.pread(fd, os.fstat(fd).st_size, 0).decode(errors="replace")

    url = None
    while time.monotonic() < deadline:
        assert process.poll() is None, f"preview server exited:\n{server_log()}"
        if url is None:
            found = re.search(r"Preview: (http://127\.0\.0\.1:\d+/)", server_log())
            url = found.group(1) if found else None
        if url is not None:
            try:
                for path in ("", "harness.tsx"):
                    urllib.request.urlopen(url + path, timeout=60).read()
                return url
            except OSError:  # refused or reset while Vite starts
                pass
        time.sleep(0.2)
    raise AssertionError(f"preview server never answered:\n{server_log()}")


# The frontend's own messages (frontend/src/locales.ts) that the checks below expect.
MESSAGES = {
    "en": {
        "where": "This is part #42.",
        "signed": "Signed in as alice.",
        "api": "The plugin's API answered: Hello from the API (alice)",
        "version": "Plugin version {}",
    },
    "de": {
        "where": "Das ist part #42.",
        "signed": "Angemeldet als alice.",
        "api": "Die API des Plugins antwortet: Hello from the API (alice)",
        "version": "Plugin-Version {}",
    },
}


def expected_texts(features: list[dict], locale: str) -> dict[str, list[str]]:
    """What each feature must show for the mock context (part #42, user alice)."""
    by_type = {f["type"]: f for f in features}
    messages = MESSAGES[locale]
    panel_context = by_type["panel"]["context"]
    admin_context = by_type["settings"]["context"]
    texts = {
        "panel": [panel_context["greeting"], messages["where"], messages["signed"]],
        "dashboard": [by_type["dashboard"]["context"]["greeting"], messages["signed"]],
        "settings": [
            admin_context["greeting"],
            messages["version"].format(admin_context["version"]),
        ],
    }
    if "api_url" in panel_context:
        texts["panel"].append(messages["api"])
    return texts


@pytest.mark.parametrize("locale", ["en", "de"])
def test_features_render_in_chromium(
    built: Frontend, features: list[dict], harness: str, browser, artifacts_dir: Path, locale
):
    """Each feature, loaded like InvenTree loads it, shows the context's data, cleanly."""
    panel = next(f for f in features if f["type"] == "panel")
    api = {}
    if "api_url" in panel["context"]:
        api[panel["context"]["api_url"]] = {"greeting": "Hello from the API", "user": "alice"}
    page = browser.new_page(viewport={"width": 1000, "height": 800})
    problems: list[str] = []
    page.on("console", lambda m: m.type == "error" and problems.append(f"console: {m.text}"))
    page.on("pageerror", lambda e: problems.append(f"page error: {e}"))
    page.on("requestfailed", lambda r: problems.append(f"request failed: {r.url}"))
    page.on("response", lambda r: r.status >= 400 and problems.append(f"HTTP {r.status}: {r.url}"))
    page.add_init_script(
        f"window.HARNESS_FEATURES = {json.dumps(features)};window.HARNESS_API = {json.dumps(api)};"
    )
    try:
        page.goto(f"{harness}?locale={locale}")
        page.wait_for_function("window.HARNESS_DONE === true", timeout=30_000)
        for feature_type, texts in expected_texts(features, locale).items():
            slot = page.locator(f'[data-feature="{feature_type}"]')
            assert slot.get_attribute("data-state") == "rendered", slot.inner_text()
            for text in texts:
                slot.get_by_text(text, exact=True).wait_for(timeout=10_000)
        page.screenshot(
            path=str(artifacts_dir / f"frontend-{built.name}-{locale}.png"), full_page=True
        )
    finally:
        page.close()
    assert not problems, "\n".join(problems)


def test_harness_reports_a_missing_export(built: Frontend, harness: str, browser):
    """A renamed export (a broken build) shows as an error, as InvenTree would show it."""
    slug = json.loads((built.frontend / "plugin.json").read_text())["slug"]
    broken = [
        {
            "type": "panel",
            "title": "Broken",
            "source": f"/static/plugins/{slug}/Panel.js:renderRenamedPanel",
            "context": {},
        }
    ]
    page = browser.new_page()
    errors: list[str] = []
    page.on("console", lambda m: m.type == "error" and errors.append(m.text))
    page.add_init_script(f"window.HARNESS_FEATURES = {json.dumps(broken)};")
    try:
        page.goto(harness)
        page.wait_for_function("window.HARNESS_DONE === true", timeout=30_000)
        slot = page.locator('[data-feature="panel"]')
        assert slot.get_attribute("data-state") == "error"
        assert 'no exported function "renderRenamedPanel"' in slot.inner_text()
    finally:
        page.close()
    assert any("Error Loading Content" in e for e in errors)


def test_loader_check_passes_the_build_and_catches_a_renamed_export(
    built: Frontend, tmp_path: Path
):
    """The check accepts the real build; after renaming an export it reports UI002."""
    import shutil

    from creator.check import run

    report = run(built.project, static_only=True, select=["UI"])
    assert [f for f in report.findings if f.severity != "info"] == []
    broken = tmp_path / "broken"
    shutil.copytree(built.project, broken, ignore=shutil.ignore_patterns("node_modules"))
    panel = broken / built.package / "static" / "Panel.js"
    text = panel.read_text(encoding="utf-8")
    assert "renderPanel" in text
    panel.write_text(text.replace("renderPanel", "renderPanelRenamed"), encoding="utf-8")
    report = run(broken, static_only=True, select=["UI"])
    # The plugin still loads; the panel is what fails (a "feature" finding, as InvenTree says).
    failing = [(f.rule, f.severity) for f in report.findings if f.severity in ("error", "feature")]
    assert failing == [("UI002", "feature")], report.findings
