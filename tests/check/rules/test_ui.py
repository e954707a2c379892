"""UI rules: static files, exports, bare imports, bundled host libraries, feature dicts, slugs.

Each rule has a plugin that passes and one that fails it (small projects written into
tmp_path); the generated plugins must pass: plain JS (`frontend=false`) as generated, the React
frontend once built, and before the build with only the "not built yet" warning. With npm, real
Vite builds that bundle React or leave bare imports check the JS signatures end to end.
"""

from __future__ import annotations

import shutil
import subprocess
import textwrap
import zipfile
from pathlib import Path

import pytest

from creator.check import jsmodule, run
from tests.helpers import render

PANEL = """
    def get_ui_panels(self, request, context, **kwargs):
        return [
            {
                "key": "demo-panel",
                "title": "Demo",
                "icon": "ti:puzzle:outline",
                "source": self.plugin_static_file("Panel.js:renderDemo"),
            }
        ]
"""
PANEL_JS = "export function renderDemo(context) {\n  return window.React.createElement('b');\n}\n"


def plugin(
    root: Path,
    body: str = PANEL,
    static: dict[str, str] | None = None,
    files: dict[str, str] | None = None,
) -> Path:
    """A plugin project: pyproject.toml, demo/core.py (class DemoPlugin, SLUG 'demo'), static/."""
    root.mkdir(parents=True, exist_ok=True)
    (root / "pyproject.toml").write_text(
        textwrap.dedent(
            """\
            [project]
            name = "inventree-demo"
            version = "0.1.0"

            [project.entry-points.inventree_plugins]
            Demo = "demo.core:DemoPlugin"
            """
        )
    )
    package = root / "demo"
    package.mkdir(exist_ok=True)
    (package / "__init__.py").write_text("")
    (package / "core.py").write_text(
        "from plugin import InvenTreePlugin\n"
        "from plugin.mixins import UserInterfaceMixin\n\n\n"
        "class DemoPlugin(UserInterfaceMixin, InvenTreePlugin):\n"
        '    NAME = "Demo"\n'
        '    SLUG = "demo"\n' + textwrap.dedent(body).replace("\n", "\n    ").rstrip() + "\n"
    )
    for name, text in ({"Panel.js": PANEL_JS} if static is None else static).items():
        path = package / "static" / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text)
    for name, text in (files or {}).items():
        path = root / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text)
    return root


def wheel(project: Path, dest: Path) -> Path:
    """The project's package as a wheel (no build backend needed)."""
    path = dest / "inventree_demo-0.1.0-py3-none-any.whl"
    with zipfile.ZipFile(path, "w") as archive:
        for file in sorted((project / "demo").rglob("*")):
            if file.is_file():
                archive.write(file, file.relative_to(project).as_posix())
        info = "inventree_demo-0.1.0.dist-info"
        archive.writestr(f"{info}/METADATA", "Metadata-Version: 2.1\nName: inventree-demo\n")
        archive.writestr(
            f"{info}/entry_points.txt", "[inventree_plugins]\nDemo = demo.core:DemoPlugin\n"
        )
    return path


def findings(path: Path, rule: str) -> list:
    """(severity, message, file, line, hint) of one rule's findings."""
    report = run(path, static_only=True, select=[rule])
    return [(f.severity, f.message, f.file, f.line, f.hint) for f in report.findings]


# ---------------------------------------------------------------------------------- UI001


def test_ui001_passes_for_present_nested_query_and_hashed_files(tmp_path: Path) -> None:
    body = """
        ADMIN_SOURCE = "settings/Settings.js:renderSettings"

        def get_ui_panels(self, request, context, **kwargs):
            return [
                {"key": "a", "title": "A", "source": self.plugin_static_file("js", "a.js:fn")},
                {"key": "b", "title": "B", "source": self.plugin_static_file("b.js?v=2:fn")},
                {"key": "c", "title": "C", "source": self.plugin_static_file("c-1a2b3c4d.js:fn")},
                {"key": "d", "title": "D", "source": "/static/plugins/demo/d%20e.js:fn"},
            ]
    """
    js = "export function fn() {}\nexport function renderSettings() {}\n"
    names = ("js/a.js", "b.js", "c-1a2b3c4d.js", "d e.js", "settings/Settings.js")
    project = plugin(tmp_path / "p", body, {name: js for name in names})
    assert findings(project, "UI001") == []
    assert findings(wheel(project, tmp_path), "UI001") == []


def test_ui001_missing_file_is_an_error(tmp_path: Path) -> None:
    project = plugin(tmp_path / "p", static={"Other.js": PANEL_JS})
    [(severity, message, file, line, hint)] = findings(project, "UI001")
    assert severity == "feature" and "demo/static/Panel.js" in message
    assert (file, line) == ("demo/core.py", 15)
    [(severity, message, _, _, hint)] = findings(wheel(project, tmp_path), "UI001")
    assert severity == "feature" and "not in the wheel" in message and "<package>/static/" in hint


def test_ui001_hashed_bundle_names_get_a_hint(tmp_path: Path) -> None:
    project = plugin(tmp_path / "p", static={"Panel-Bx3kLm9q.js": PANEL_JS})
    [(severity, _, _, _, hint)] = findings(project, "UI001")
    assert severity == "feature" and "Panel-Bx3kLm9q.js" in hint


def test_ui001_absolute_part_drops_the_static_prefix(tmp_path: Path) -> None:
    project = plugin(tmp_path / "p", PANEL.replace('"Panel.js:', '"/Panel.js:'))
    [(severity, message, _, _, _)] = findings(project, "UI001")
    assert severity == "feature" and "os.path.join" in message


def test_ui001_unbuilt_frontend_is_one_warning(tmp_path: Path) -> None:
    body = PANEL + '\n    ADMIN_SOURCE = "Settings.js:renderPluginSettings"\n'
    project = plugin(tmp_path / "p", body, static={}, files={"frontend/package.json": "{}"})
    [(severity, message, _, _, hint)] = findings(project, "UI001")
    assert severity == "warning" and "not built yet" in message and "npm run build" in message
    assert "Panel.js, Settings.js" in message and hint.startswith("cd frontend && npm install")
    # static/ present but git-ignored (a build output): still a warning
    (project / ".gitignore").write_text("frontend/node_modules/\ndemo/static/\n")
    (project / "demo" / "static").mkdir()
    (project / "demo" / "static" / "Settings.js").write_text("export function x() {}\n")
    [(severity, message, _, _, _)] = findings(project, "UI001")
    assert severity == "warning" and "Panel.js missing from demo/static/" in message
    # ... but a wheel built that way lacks the file: an error
    [(severity, _, _, _, _)] = findings(wheel(project, tmp_path), "UI001")
    assert severity == "feature"


# ---------------------------------------------------------------------------------- UI002

EXPORT_FORMS = {
    "list.js": "function a(){}\nconst b = 1;\nexport { a as renderDemo, b };\n",
    "function.js": "/* export function nope() {} */\nexport async function renderDemo(c) {}\n",
    "const.js": "export const x = 1, renderDemo = (c) => ({a: [1, 2]}), y = `${x}`;\n",
    "star.js": "export * from './impl/deep.js';\n",
    "from.js": "export { renderDemo } from './impl/deep.js';\n",
    "impl/deep.js": "export function renderDemo() {}\nexport default 1;\n",
    "Panel.js": "export function renderPanel() {}\n",
    "Dashboard.js": "export { d as renderDashboardItem };\nfunction d() {}\n",
    "Settings.js": "export function renderPluginSettings() {}\n",
}


def test_ui002_passes_for_every_export_form_and_default_names(tmp_path: Path) -> None:
    sources = [f"{name}:renderDemo" for name in ("list.js", "function.js", "const.js")]
    sources += ["star.js:renderDemo", "from.js:renderDemo", "Panel.js"]
    body = (
        'ADMIN_SOURCE = "Settings.js"\n\n'
        "def get_ui_panels(self, request, context, **kwargs):\n"
        + "".join(f"    self.plugin_static_file({s!r})\n" for s in sources)
        + "    return []\n\n"
        "def get_ui_dashboard_items(self, request, context, **kwargs):\n"
        '    return [{"key": "d", "title": "D",\n'
        '             "source": self.plugin_static_file("Dashboard.js")}]\n'
    )
    project = plugin(tmp_path / "p", body, EXPORT_FORMS)
    assert findings(project, "UI002") == []


def test_ui002_missing_or_renamed_export_is_an_error(tmp_path: Path) -> None:
    static = {
        "Panel.js": "// export function renderDemo() {}\nconst s = 'export function renderDemo';\n"
        "export function renderDemoPanel() {}\n",
        "Settings.js": "export default function renderPluginSettings() {}\n",
    }
    project = plugin(tmp_path / "p", PANEL + '\n    ADMIN_SOURCE = "Settings.js"\n', static)
    found = findings(project, "UI002")
    assert [(f[0], f[3]) for f in found] == [("feature", 15), ("feature", 19)]
    assert "does not export 'renderDemo' (it exports renderDemoPanel)" in found[0][1]
    assert "'renderPluginSettings'" in found[1][1] and "default export" in found[1][4]


def test_ui002_function_after_the_query_string_warns(tmp_path: Path) -> None:
    project = plugin(tmp_path / "p", PANEL.replace("Panel.js:", "Panel.js?v=2:"))
    [(severity, message, _, _, _)] = findings(project, "UI002")
    assert severity == "warning" and "'renderPanel'" in message


# ---------------------------------------------------------------------------------- UI003


def test_ui003_passes_for_relative_chunks_and_globals(tmp_path: Path) -> None:
    static = {
        "Panel.js": 'import { t } from "./chunks/i18n-Ab12Cd34.js";\n'
        "// import React from 'react'\n"
        "const text = \"import x from 'react'\", re = /import\\s+'react'/;\n"
        "const R = window.React;\nexport function renderDemo() { return import('./lazy.js'); }\n",
        "chunks/i18n-Ab12Cd34.js": "export const t = (s) => s;\n",
        "lazy.js": "export default 1;\n",
    }
    assert findings(plugin(tmp_path / "p", static=static), "UI003") == []


def test_ui003_bare_imports_and_missing_chunks(tmp_path: Path) -> None:
    static = {
        "Panel.js": 'import{t as e}from"./chunks/a.js";import"./chunks/gone.js";\n'
        "export function renderDemo(){return import(`lodash`)}\n",
        "chunks/a.js": 'import*as e from"react";import{Button as t}from"@mantine/core";\n'
        "export const t2 = 1;\n",
    }
    found = findings(plugin(tmp_path / "p", static=static), "UI003")
    summary = sorted((f[0], f[2], f[1].split(":")[0]) for f in found)
    gone = "'./chunks/gone.js' is imported but demo/static/chunks/gone.js is not shipped"
    assert summary == [
        ("feature", "demo/static/Panel.js", gone),
        ("feature", "demo/static/chunks/a.js", "bare import of '@mantine/core'"),
        ("feature", "demo/static/chunks/a.js", "bare import of 'react'"),
        ("warning", "demo/static/Panel.js", "bare import() of 'lodash'"),
    ]  # fmt: skip
    react = next(f for f in found if "'react'" in f[1])
    assert "window.React" in react[4]


# ---------------------------------------------------------------------------------- UI004

# Small stand-ins reproducing what real builds contain (checked against Vite/Rolldown and
# esbuild output of React 18/19, react-dom 18/19 and Mantine 7/9).
REACT_CORE = (
    'var t=Symbol.for("react.transitional.element");'
    "e.useState=function(e){return w.H.useState(e)},"
    "e.__CLIENT_INTERNALS_DO_NOT_USE_OR_WARN_USERS_THEY_CANNOT_UPGRADE=w;export{e as r};\n"
)
REACT_DOM = (
    "var T=r.__CLIENT_INTERNALS_DO_NOT_USE_OR_WARN_USERS_THEY_CANNOT_UPGRADE,k=Math.random();"
    "var ht=`__reactFiber$`+k,yt=`__reactContainer$`+k;var D={useState:function(e){}};\n"
)
MANTINE = (
    "function tt(){if(!e)throw Error(`@mantine/core: MantineProvider was not found in "
    "component tree, make sure you have it in your app`)}nt.displayName=`@mantine/core/Box`;\n"
)


def test_ui004_passes_when_react_comes_from_the_globals(tmp_path: Path) -> None:
    static = {
        "Panel.js": "const R = window.React, M = window.MantineCore;\n"
        "const I = R.__CLIENT_INTERNALS_DO_NOT_USE_OR_WARN_USERS_THEY_CANNOT_UPGRADE;\n"
        "export function renderDemo() { const [a] = R.useState(0); return a; }\n"
    }
    assert findings(plugin(tmp_path / "p", static=static), "UI004") == []


def test_ui004_bundled_react_reactdom_and_mantine_warn(tmp_path: Path) -> None:
    static = {
        "Panel.js": 'import{r as e}from"./chunks/react-x1.js";\n' + REACT_DOM + MANTINE
        + "export function renderDemo(){}\n",
        "chunks/react-x1.js": REACT_CORE,
    }  # fmt: skip
    [(severity, message, file, _, _)] = findings(plugin(tmp_path / "p", static=static), "UI004")
    assert severity == "warning" and file == "demo/static/Panel.js"
    assert "own ReactDOM, @mantine/core, React" in message
    assert "demo/static/chunks/react-x1.js" in message


def test_ui004_template_editors_render_into_their_own_node(tmp_path: Path) -> None:
    body = PANEL.replace("get_ui_panels", "get_ui_template_editors")
    static = {"Panel.js": REACT_CORE + REACT_DOM + "export function renderDemo(){}\n"}
    [(severity, message, _, _, _)] = findings(plugin(tmp_path / "p", body, static), "UI004")
    assert severity == "info" and "own DOM node" in message


def test_embedded_library_signatures() -> None:
    assert jsmodule.embedded_libraries(REACT_CORE) == ["React"]
    assert jsmodule.embedded_libraries(REACT_DOM) == ["ReactDOM"]
    assert jsmodule.embedded_libraries(MANTINE) == ["@mantine/core"]
    # React 18: core and react-dom both assign __SECRET_INTERNALS; only core exports useState
    react_dom_18 = (
        "n.__SECRET_INTERNALS_DO_NOT_USE_OR_YOU_WILL_BE_FIRED={usingClientEntryPoint:!1};"
        'var a="__reactFiber$"+r,b="__reactContainer$"+r;'
    )
    assert jsmodule.embedded_libraries(react_dom_18) == ["ReactDOM"]
    notifications = "var nr={show:Zn,hide:Qn,update:$n,clean:er,cleanQueue:tr,updateState:Xn};"
    assert jsmodule.embedded_libraries(notifications) == ["@mantine/notifications"]
    hooks_queue = "return{state:a,queue:b,add:c,update:d,cleanQueue:f}"
    assert jsmodule.embedded_libraries(hooks_queue) == []


# ---------------------------------------------------------------------------------- UI005-8


def test_ui005_required_keys(tmp_path: Path) -> None:
    good = plugin(tmp_path / "good")
    assert findings(good, "UI005") == []
    body = """
        def get_ui_panels(self, request, context, **kwargs):
            extra = {"key": "x", "title": "X"}
            extra["source"] = self.plugin_static_file("Panel.js:renderDemo")
            return [
                extra,
                {"title": "No key", "source": self.plugin_static_file("Panel.js:renderDemo")},
                {"key": "blank", "title": "Blank", "source": " "},
                {"key": "rel", "title": "Relative", "source": "Panel.js:renderDemo"},
                dict(key="opts", title="Opts", source="/static/plugins/demo/Panel.js",
                     options=["width"]),
            ]
    """
    found = findings(plugin(tmp_path / "bad", body), "UI005")
    assert [(f[0], f[3]) for f in found] == [("feature", line) for line in (14, 15, 16, 18)]
    assert "without 'key'" in found[0][1] and "blank 'source'" in found[1][1]
    assert "relative" in found[2][1] and "'options' is not a dict" in found[3][1]


def test_ui006_title(tmp_path: Path) -> None:
    assert findings(plugin(tmp_path / "good"), "UI006") == []
    project = plugin(tmp_path / "bad", PANEL.replace('"title": "Demo",', ""))
    [(severity, message, _, line, _)] = findings(project, "UI006")
    assert severity == "warning" and "without a title" in message and line == 11


def test_ui007_icon_form(tmp_path: Path) -> None:
    assert findings(plugin(tmp_path / "good"), "UI007") == []
    project = plugin(tmp_path / "bad", PANEL.replace("ti:puzzle:outline", "ti-puzzle"))
    [(severity, message, _, _, hint)] = findings(project, "UI007")
    assert severity == "warning" and "'ti-puzzle'" in message and "ti:puzzle:outline" in hint


def test_ui008_hard_coded_slug(tmp_path: Path) -> None:
    body = """
        def get_ui_panels(self, request, context, **kwargs):
            return [
                {"key": "a", "title": "A", "source": "/static/plugins/demo/Panel.js:renderDemo"},
                {"key": "b", "title": "B", "source": f"/static/plugins/{self.SLUG}/Panel.js"},
            ]
    """
    assert findings(plugin(tmp_path / "good", body), "UI008") == []
    project = plugin(tmp_path / "bad", body.replace("plugins/demo/", "plugins/demo-plugin/"))
    [(severity, message, _, line, hint)] = findings(project, "UI008")
    assert (
        severity == "feature" and "'demo-plugin'" in message and "/static/plugins/demo/" in message
    )
    assert line == 11 and hint == "use self.plugin_static_file('Panel.js:renderDemo')"


# ---------------------------------------------------------------------------------- jsmodule


def test_jsmodule_reads_exports_and_imports_past_literals() -> None:
    source = textwrap.dedent(
        r"""
        import a, { b as c } from "./a.js";
        import * as ns from '../b.js';
        const re = /["'`]import x from 'q'/g, half = 10 / 2 / 1;
        const tpl = `export function no() {} ${ {k: "}"}["k"] } import('x')`;
        /* export const hidden = 1; */
        export const one = 1, two = f(1, 2),
          three = 3;
        export default function named() {}
        export class Klass {}
        export function* gen() {}
        export * as space from "./c.js";
        export { x as "string name", y };
        const lazy = import("./lazy.js"), bare = import("pkg");
        """
    )
    module = jsmodule.parse(source)
    assert module.exports == {
        "one", "two", "three", "default", "Klass", "gen", "space", "string name", "y",
    }  # fmt: skip
    assert [(i.specifier, i.kind, i.line) for i in module.imports] == [
        ("./a.js", "static", 2),
        ("../b.js", "static", 3),
        ("./lazy.js", "dynamic", 14),
        ("pkg", "dynamic", 14),
        ("./c.js", "static", 12),
    ]
    assert jsmodule.is_bare("react") and jsmodule.is_bare("node:fs")
    assert not any(map(jsmodule.is_bare, ("./x.js", "/static/x.js", "https://cdn/x.js")))


# ---------------------------------------------------------------------------------- generated


def ui_findings(path: Path) -> list:
    report = run(path, static_only=True, select=["UI"])
    return [(f.rule, f.severity, f.message) for f in report.findings]


def test_generated_plain_js_plugin_passes(template_root: Path, tmp_path: Path) -> None:
    project = render(template_root, tmp_path / "plain", frontend=False)
    assert ui_findings(project) == []


def test_generated_frontend_plugin_before_the_build(template_root: Path, tmp_path: Path) -> None:
    project = render(template_root, tmp_path / "fe")
    [(rule, severity, message)] = ui_findings(project)
    assert (rule, severity) == ("UI001", "warning") and "not built yet" in message


@pytest.fixture(scope="module")
def built_frontend(template_root: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The default frontend project after `npm ci && npm run build` (setup.sh installs npm)."""
    npm = shutil.which("npm")
    assert npm is not None, "npm is required (scripts/setup.sh installs it)"
    project = render(template_root, tmp_path_factory.mktemp("built") / "fe")
    frontend = project / "frontend"
    for command in ([npm, "ci", "--no-audit", "--no-fund"], [npm, "run", "build"]):
        result = subprocess.run(command, cwd=frontend, capture_output=True, text=True, check=False)
        assert result.returncode == 0, f"{' '.join(command[1:])} failed: {result.stderr[-500:]}"
    return project


def test_generated_frontend_plugin_after_the_build(built_frontend: Path) -> None:
    assert ui_findings(built_frontend) == []


REAL_BUILD_CONFIG = """\
import {{ defineConfig }} from "vite";
export default defineConfig({{
  oxc: {{ jsx: {{ runtime: "classic" }} }},
  publicDir: false,
  build: {{
    outDir: "../demo/static", emptyOutDir: true,
    rolldownOptions: {{
      input: {{ Panel: "src/Probe.jsx" }},
      preserveEntrySignatures: "exports-only",
      external: {external},
      output: {{ format: "es", entryFileNames: "[name].js", chunkFileNames: "c/[name]-[hash].js" }},
    }},
  }},
}});
"""
PROBE = """\
import * as React from "react";
import { createRoot } from "react-dom/client";
import { Button, MantineProvider } from "@mantine/core";
export function renderDemo() {
  const [n, setN] = React.useState(0);
  return <MantineProvider><Button onClick={() => setN(n + 1)}>{n}</Button></MantineProvider>;
}
export function mount(element) { createRoot(element).render(<span />); }
"""


@pytest.mark.parametrize("external", ["[]", "[/^react/, /^@mantine\\//]"])
def test_real_vite_builds(built_frontend: Path, tmp_path: Path, external: str) -> None:
    """Bundling React/Mantine on purpose warns (UI004); leaving them external fails (UI003)."""
    project = plugin(tmp_path / "p", static={})
    frontend = project / "frontend"
    (frontend / "src").mkdir(parents=True)
    (frontend / "src" / "Probe.jsx").write_text(PROBE)
    (frontend / "vite.config.js").write_text(REAL_BUILD_CONFIG.format(external=external))
    (frontend / "package.json").write_text('{"type": "module", "private": true}')
    (frontend / "node_modules").symlink_to(built_frontend / "frontend" / "node_modules")
    vite = frontend / "node_modules" / ".bin" / "vite"
    result = subprocess.run(
        [str(vite), "build"], cwd=frontend, capture_output=True, text=True, check=False
    )
    assert result.returncode == 0, result.stderr
    report = run(project, static_only=True, select=["UI"])
    found = {(f.rule, f.severity) for f in report.findings}
    if external == "[]":
        assert found == {("UI004", "warning")}
        [warning] = report.findings
        assert "React" in warning.message and "ReactDOM" in warning.message
        assert "@mantine/core" in warning.message
    else:
        assert found == {("UI003", "feature")}
        bare = sorted(f.message.split("'")[1] for f in report.findings)
        assert bare == ["@mantine/core", "react", "react-dom/client"]
