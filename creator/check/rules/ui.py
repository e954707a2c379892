"""UI: user-interface features, static files and the JavaScript InvenTree imports.

The rules read the `ui` input (creator.check.ui_model.UiModel: static-file references and
feature dicts found in the source) and the `js_modules` input (creator.check.jsmodule: the
shipped JavaScript, parsed once). What InvenTree's frontend provides (the JS globals, the
icon form) comes from creator.facts.host.
"""

from __future__ import annotations

import ast
from collections.abc import Iterator
from pathlib import Path

from creator.check import jsmodule
from creator.check.model import Finding, Rule
from creator.check.slugs import slugify as django_slugify
from creator.check.ui_model import (
    DOM_STYLE,
    StaticRef,
    UiModel,
    awaiting_build,
    frontend_build,
    similar_files,
)
from creator.facts.host import HOST_GLOBALS, ICON_FORM


class StaticFilePresent(Rule):
    """Every static file the plugin references exists under `static/` next to its class.

    InvenTree copies `<directory of the plugin class's module>/static/` to
    /static/plugins/<slug>/ and the browser imports the file a feature's `source` names from
    there. Checked: `self.plugin_static_file("X.js:fn")` calls with literal arguments in the
    plugin's package, `ADMIN_SOURCE`, and hard-coded `/static/plugins/<slug>/...` strings; the
    `:function` suffix and query strings are not part of the file name. A missing file is a 404
    and the panel shows "Error Loading Content". In a project directory whose `static/` is a
    frontend build output (a package.json, and `static/` missing or git-ignored) a missing file
    only means "not built yet" (warning); in a wheel, sdist or plugin folder it is an error.

    Fix: build the frontend (`npm run build`), fix the file name (a build that emits hashed
    names, `Panel-1a2b3c.js`, must be referenced by that name or configured to emit stable
    names), and build the frontend before the wheel: projects made by create-inventree-plugin do it
    in `python -m build` (their `build_ui.py` runs `npm ci && npm run build`); elsewhere make sure
    the build backend includes `<package>/static/` in the wheel.
    """

    id = "UI001"
    severity = "feature"

    def check(self, ui: UiModel) -> Iterator[Finding]:
        project = ui.project
        build = frontend_build(project.root) if project.kind == "project" else None
        reported: set[tuple[Path, str]] = set()
        unbuilt: dict[Path, list[StaticRef]] = {}
        for ref in ui.refs():
            file, where = ui.rel(ref.module_file), f"{ref.origin} {ref.written!r}"
            if ref.absolute_part:
                yield self.finding(
                    f"{where}: a part starting with '/' makes os.path.join drop "
                    f"/static/plugins/<slug>/, so the URL is {ref.written.split(':')[0]!r}",
                    file=file, line=ref.line,
                    hint=f"write plugin_static_file({ref.written.lstrip('/')!r})",
                )  # fmt: skip
                continue
            if not ref.path or ref.path.endswith("/"):
                yield self.finding(
                    f"{where} names no file",
                    file=file, line=ref.line, hint="name the JS file, e.g. 'Panel.js:renderPanel'",
                )  # fmt: skip
                continue
            target = ref.target
            if target.is_file() or (target, file) in reported:
                continue
            reported.add((target, file))
            static = ref.static_dir
            if build is not None and awaiting_build(project, static):
                unbuilt.setdefault(static, []).append(ref)
                continue
            shown = ui.rel(target)
            similar = similar_files(ref)
            if similar:
                hint = f"the folder has {', '.join(similar)}: reference the file by its real name"
            elif project.kind in ("wheel", "sdist"):
                hint = (
                    "build the frontend before the wheel (cd frontend && npm ci && npm run build), "
                    "and make sure the wheel includes <package>/static/"
                )
            else:
                hint = f"create {shown}, or fix the name in {ref.origin}"
            yield self.finding(
                f"{where}: {shown} is not in the {project.kind} (the browser gets a 404)",
                file=file, line=ref.line, hint=hint,
            )  # fmt: skip
        for static, refs in unbuilt.items():
            assert build is not None
            frontend = ui.rel(build) if build != project.root else "."
            install = "npm ci" if (build / "package-lock.json").is_file() else "npm install"
            names = ", ".join(dict.fromkeys(ref.path for ref in refs))
            if static.is_dir():
                state = f"{names} missing from {ui.rel(static)}/"
            else:
                state = f"{ui.rel(static)}/ does not exist; referenced: {names}"
            yield self.finding(
                f"frontend not built yet ({state}): run npm run build",
                file=ui.rel(refs[0].module_file), line=refs[0].line, severity="warning",
                hint=f"cd {frontend} && {install} && npm run build (if a file is still missing, "
                "add it to the build's inputs)",
            )  # fmt: skip


class ExportPresent(Rule):
    """The function a `source` names is a named export of its JS module.

    InvenTree imports the module and calls `module[name]`, where the name is the part after ':'
    in the source (`Panel.js:renderMyPanel`) or the feature's default: `renderPanel` for panels,
    `renderDashboardItem` for dashboard items, `renderPluginSettings` for ADMIN_SOURCE,
    `executeAction` for spotlight actions, `getFeature` for template editors and previews.
    A `default` export is ignored. A missing or renamed export shows "Error Loading Content".
    InvenTree reads the name from the URL path only, so in `Panel.js?v=2:fn` newer releases
    call the default function (older ones split the whole string and call `fn`).

    Fix: `export function renderMyPanel(context) {...}` in the module (keep
    `preserveEntrySignatures: "exports-only"` in the bundler), or correct the name after ':'.
    """

    id = "UI002"
    severity = "feature"

    def check(self, ui: UiModel, js_modules: jsmodule.ModuleCache) -> Iterator[Finding]:
        cache = js_modules
        done: set[tuple[Path, str | None, str | None]] = set()
        for ref in ui.refs():
            if ref.absolute_part or not ref.needs_js or not ref.path.endswith((".js", ".mjs")):
                continue
            target = ref.target
            wanted = ref.function or ref.query_function or ref.default_function
            key = (target, wanted, ref.default_function)
            if wanted is None or key in done or not target.is_file():
                continue
            done.add(key)
            names, complete = cache.exported_names(target)
            file, shown = ui.rel(ref.module_file), ui.rel(target)
            exported = ", ".join(sorted(names)) or "nothing"
            if wanted not in names:
                if not complete:
                    continue  # a star re-export we cannot follow may provide it
                hint = f"export function {wanted}(context) {{ ... }} in the module"
                if wanted == ref.default_function and not ref.function:
                    hint += f", or name the export after ':' ({ref.path}:<function>)"
                if names == {"default"}:
                    hint = "InvenTree ignores the default export: " + hint
                yield self.finding(
                    f"{ref.origin} {ref.written!r}: {shown} does not export {wanted!r} "
                    f"(it exports {exported})",
                    file=file, line=ref.line, hint=hint,
                )  # fmt: skip
            elif (
                ref.query_function
                and not ref.function
                and ref.default_function
                and ref.default_function not in names
            ):
                yield self.finding(
                    f"{ref.origin} {ref.written!r}: ':' after the query string; newer InvenTree "
                    f"reads the function name from the URL path only and calls "
                    f"{ref.default_function!r}, which {shown} does not export",
                    file=file, line=ref.line, severity="warning",
                    hint=f"write '{ref.path}:{ref.query_function}' (drop the query string), or "
                    f"also export {ref.default_function}",
                )  # fmt: skip


class NoBareImports(Rule):
    """The JS InvenTree imports loads in a browser: no bare specifiers, no missing chunks.

    InvenTree loads plugin code with a native `import()` and no import map, so a specifier
    such as `import React from 'react'` or `import { Button } from '@mantine/core'` left in the
    built file (or a chunk it imports) fails to resolve and the whole module fails to load. A
    relative import of a file that is not shipped is a 404 with the same effect. Files reached
    only through `import("...")` or `require("...")` fail when that code runs (warning).

    Fix: bundle the frontend, and map the libraries InvenTree provides to its window globals
    (`window.React`, `window.ReactDOM`, `window.ReactDOMClient`, `window.MantineCore`,
    `window.MantineNotifications`, `window.LinguiCore`, `window.LinguiReact`) instead of
    marking them `external`; bundle every other dependency; ship every emitted chunk.
    """

    id = "UI003"
    severity = "feature"

    def check(self, ui: UiModel, js_modules: jsmodule.ModuleCache) -> Iterator[Finding]:
        cache = js_modules
        reported: set[tuple[Path, str, str]] = set()
        for _, entry in ui.js_files():
            for module, path, static, via in cache.closure(entry):
                if module is None:
                    if via is not None and (path, "", "") not in reported:
                        reported.add((path, "", ""))
                        yield self.finding(
                            f"{via.specifier!r} is imported but {ui.rel(path)} is not shipped",
                            file=_importer(ui, cache, entry, path), line=via.line,
                            severity=None if static and via.kind == "static" else "warning",
                            hint="ship every file the build emits (e.g. the chunks/ folder)",
                        )  # fmt: skip
                    continue
                shown = ui.rel(path)
                for item in module.imports:
                    key = (path, item.specifier, item.kind)
                    if not item.bare or key in reported:
                        continue
                    reported.add(key)
                    fatal = static and item.kind == "static"
                    what = {"static": "import", "dynamic": "import()", "require": "require()"}
                    yield self.finding(
                        f"bare {what[item.kind]} of {item.specifier!r}: the browser cannot "
                        f"resolve it without an import map"
                        + ("" if fatal else " (fails when that code runs)"),
                        file=shown, line=item.line, severity=None if fatal else "warning",
                        hint=_bare_hint(item.specifier),
                    )  # fmt: skip
                if module.require_shim and (path, "", "shim") not in reported:
                    reported.add((path, "", "shim"))
                    yield self.finding(
                        "the bundle carries a `require` shim: CommonJS code requires a module "
                        "the bundle left out, which throws in the browser when it runs",
                        file=shown, severity="warning",
                        hint="do not mark CommonJS dependencies' imports external; bundle them "
                        "or map them to InvenTree's globals",
                    )  # fmt: skip


def _bare_hint(specifier: str) -> str:
    if specifier in HOST_GLOBALS:
        provided = HOST_GLOBALS[specifier]
        return f"read it from window.{provided} (InvenTree provides it) at build time"
    if specifier.startswith("react/jsx"):
        return "compile JSX to React.createElement (classic runtime) so the React global is used"
    return f"bundle {specifier!r} into the plugin's JS (do not mark it external)"


def _importer(ui: UiModel, cache: jsmodule.ModuleCache, entry: Path, missing: Path) -> str:
    for module, path, _static, _via in cache.closure(entry):
        if module is not None and any(
            i.specifier.startswith(("./", "../")) and jsmodule.resolve(path, i.specifier) == missing
            for i in module.imports
        ):
            return ui.rel(path)
    return ui.rel(entry)


class NoBundledHostLibraries(Rule):
    """The JS does not bundle its own React, ReactDOM or Mantine.

    InvenTree gives plugins its own copies as window globals (React, ReactDOM, ReactDOMClient,
    MantineCore, MantineNotifications, LinguiCore, LinguiReact). A second React breaks hooks
    ("Invalid hook call") as soon as the plugin's components render inside InvenTree's tree; a
    second Mantine has no theme (MantineProvider not found) and a second notifications store
    shows nothing. Detected from the libraries' own code (their internals objects, DOM keys,
    component display names) in the referenced modules and every chunk they import.

    Fix: map `react`, `react-dom`, `react-dom/client`, `@mantine/core`, `@mantine/notifications`
    and `@lingui/*` to the globals at build time (the template's inventree-globals Vite plugin
    does this), and compile JSX with the classic runtime.
    """

    id = "UI004"
    severity = "warning"

    def check(self, ui: UiModel, js_modules: jsmodule.ModuleCache) -> Iterator[Finding]:
        cache = js_modules
        reported: set[tuple[Path, str]] = set()
        for refs, entry in ui.js_files():
            found: dict[str, Path] = {}
            for module, path, _static, _via in cache.closure(entry):
                if module is None:
                    continue
                for library in jsmodule.embedded_libraries(module.text):
                    if (path, library) not in reported:
                        found.setdefault(library, path)
                        reported.add((path, library))
            if not found:
                continue
            where = sorted({ui.rel(p) for p in found.values()})
            # Template editors/previews render into their own DOM node: a private copy works
            # there (it only doubles the download).
            own_dom = all(ref.feature in DOM_STYLE for ref in refs)
            yield self.finding(
                f"{ui.rel(entry)} bundles its own {', '.join(found)} "
                f"(in {', '.join(where)}): InvenTree already provides "
                + ", ".join(_provided(name) for name in found)
                + (
                    " (it renders into its own DOM node, so this only costs size)"
                    if own_dom
                    else ""
                ),
                file=ui.rel(entry),
                severity="info" if own_dom else None,
                hint="map these packages to InvenTree's window globals instead of bundling them",
            )


def _provided(library: str) -> str:
    """The window global(s) InvenTree provides a library embedded in a bundle as."""
    packages = {"React": ("react",), "ReactDOM": ("react-dom", "react-dom/client")}
    names = [f"window.{HOST_GLOBALS[p]}" for p in packages.get(library, (library,))]
    return " / ".join(names) or library


class FeatureRequiredKeys(Rule):
    """UI feature dicts have a non-blank `key` and `source`, and dict `options`/`context`.

    InvenTree's UI API serializes each dict a get_ui_* method returns, without validating it:
    a dict without `key`, or with `options`/`context` that are not dicts (or None), cannot be
    serialized and is logged and dropped, so the panel never appears. Without a `source` the
    frontend has nothing to render. A blank `key` passes (a warning: the frontend tells
    features apart by key). A relative `source` ('Panel.js') resolves against the server root,
    not the plugin's static folder. Checked for dicts written as literals in get_ui_* methods.
    The plugin loads in every case: the feature is what fails.

    Fix: give every feature `"key": "my-panel"` and
    `"source": self.plugin_static_file("Panel.js:renderPanel")`.
    """

    id = "UI005"
    severity = "feature"

    def check(self, ui: UiModel) -> Iterator[Finding]:
        for feature in ui.features():
            file, line = ui.rel(feature.module_file), feature.node.lineno
            for key in ("key", "source"):
                value = feature.items.get(key)
                if value is None:
                    if not feature.open_ended and feature.feature not in ("navigation",):
                        yield self.finding(
                            f"{feature.feature} feature without {key!r}: InvenTree drops it",
                            file=file, line=line, hint=_required_hint(key),
                        )  # fmt: skip
                elif _blank(value) and key == "source":
                    yield self.finding(
                        f"{feature.feature} feature with a blank 'source': the frontend has "
                        "nothing to render",
                        file=file, line=value.lineno, hint=_required_hint(key),
                    )  # fmt: skip
                elif _blank(value):
                    yield self.finding(
                        f"{feature.feature} feature with a blank 'key': InvenTree's API passes "
                        "it, but the frontend tells features apart by key",
                        file=file, line=value.lineno, hint=_required_hint(key),
                        severity="warning",
                    )  # fmt: skip
            source = feature.items.get("source")
            if isinstance(source, ast.Constant) and isinstance(source.value, str):
                text = source.value.strip()
                if text and not text.startswith("/") and "://" not in text:
                    yield self.finding(
                        f"source {text!r} is relative: the browser loads it from the server "
                        "root, not from the plugin's static folder",
                        file=file, line=source.lineno,
                        hint=f"use self.plugin_static_file({text!r})",
                    )  # fmt: skip
            for key in ("options", "context"):
                value = feature.items.get(key)
                if isinstance(value, ast.List | ast.Tuple | ast.Set | ast.JoinedStr) or (
                    isinstance(value, ast.Constant) and value.value is not None
                ):
                    yield self.finding(
                        f"{feature.feature} feature {key!r} is not a dict: InvenTree drops it",
                        file=file, line=value.lineno, hint=f'"{key}": {{...}} (or leave it out)',
                    )  # fmt: skip


def _blank(value: ast.expr) -> bool:
    return (
        isinstance(value, ast.Constant) and isinstance(value.value, str) and not value.value.strip()
    )


def _required_hint(key: str) -> str:
    if key == "key":
        return 'add "key": "<unique-dom-safe-id>"'
    return 'add "source": self.plugin_static_file("Panel.js:renderPanel")'


class FeatureTitle(Rule):
    """UI feature dicts have a `title`.

    The serializer accepts a feature without a title, but InvenTree shows the title as the
    panel's tab label and the dashboard item's name in the "add widget" list; without it the
    user sees an empty label. Checked for dicts written as literals in get_ui_* methods.

    Fix: add `"title": "My panel"` (a human-readable, translatable text).
    """

    id = "UI006"
    severity = "warning"

    def check(self, ui: UiModel) -> Iterator[Finding]:
        for feature in ui.features():
            value = feature.items.get("title")
            if value is None and feature.open_ended:
                continue
            if value is None or _blank(value):
                yield self.finding(
                    f"{feature.feature} feature without a title: the UI shows an empty label",
                    file=ui.rel(feature.module_file),
                    line=(value or feature.node).lineno,
                    hint='add "title": "<label users see>"',
                )


class FeatureIcon(Rule):
    """UI feature icons are written `pack:name:variant`, e.g. `ti:puzzle:outline`.

    The frontend's ApiIcon splits the icon at ':' into icon pack (`ti` is Tabler), name and
    variant; any other form ('puzzle', 'ti-puzzle', 'fa-solid fa-plug') renders no icon.
    Checked for literal `icon` values in get_ui_* feature dicts (blank means no icon).

    Fix: `"icon": "ti:<tabler-icon-name>:outline"` (see tabler.io/icons for names).
    """

    id = "UI007"
    severity = "warning"

    def check(self, ui: UiModel) -> Iterator[Finding]:
        for feature in ui.features():
            value = feature.items.get("icon")
            if not (isinstance(value, ast.Constant) and isinstance(value.value, str)):
                continue
            icon = value.value.strip()
            if icon and not ICON_FORM.match(icon):
                name = icon.split(":")[-1].removeprefix("ti-").removeprefix("ti ") or "puzzle"
                yield self.finding(
                    f"icon {icon!r} is not in 'pack:name:variant' form: no icon is shown",
                    file=ui.rel(feature.module_file), line=value.lineno,
                    hint=f'"icon": "ti:{name}:outline"',
                )  # fmt: skip


class StaticUrlSlug(Rule):
    """Hard-coded `/static/plugins/<slug>/` URLs use the plugin's own slug.

    InvenTree copies the plugin's static files to /static/plugins/<key>/, where the key is
    `slugify(SLUG or NAME)`. A URL written by hand with another slug (an old SLUG, the package
    name, the NAME) is a 404.

    Fix: build the URL with `self.plugin_static_file("Panel.js:fn")`, or correct the slug.
    """

    id = "UI008"
    severity = "feature"

    def check(self, ui: UiModel) -> Iterator[Finding]:
        for ref in ui.refs():
            if ref.origin != "URL" or ref.url_slug is None:
                continue
            slug = ref.cls.literal("SLUG") or ref.cls.literal("NAME")
            if not isinstance(slug, str) or not slug:
                continue
            key = django_slugify(slug)
            if ref.url_slug != key:
                yield self.finding(
                    f"{ref.written!r} uses slug {ref.url_slug!r}, but {ref.cls.name}'s static "
                    f"files are served from /static/plugins/{key}/",
                    file=ui.rel(ref.module_file), line=ref.line,
                    hint=f"use self.plugin_static_file({ref.written.split('/', 4)[-1]!r})",
                )  # fmt: skip
