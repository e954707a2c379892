"""Reading built ES modules without a JavaScript engine: exports, imports, embedded libraries.

InvenTree loads a plugin's JavaScript with a plain `import()` of the file under
/static/plugins/<slug>/ and then reads one named export (docs/design/frontend.md, Source strings).
So what matters is the module's *interface*: the names it exports, the specifiers it imports (a bare
one such as 'react' cannot resolve in a browser without an import map) and the relative files it
pulls in.

The files are scanned, not parsed: a small lexer blanks out comments and the contents of
strings, template literals and regular-expression literals (keeping every offset and newline),
so that `import`/`export` statements can be matched with regular expressions on what is left,
while specifiers and names are read back from the original text at the same offsets. That is
enough for what bundlers emit (Vite/Rollup/Rolldown/esbuild/webpack ES output) and for
hand-written modules, and it is fast on megabyte bundles.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import unquote

# ---------------------------------------------------------------------------------- lexer

_SPECIAL = re.compile(r"[\"'`/]")
_SPECIAL_IN_TEMPLATE = re.compile(r"[\"'`/{}]")
_STRING = {
    '"': re.compile(r'"[^"\\\n]*(?:\\[\s\S][^"\\\n]*)*"'),
    "'": re.compile(r"'[^'\\\n]*(?:\\[\s\S][^'\\\n]*)*'"),
}
_TEMPLATE_TEXT = re.compile(r"[^`\\$]*(?:(?:\\[\s\S]|\$(?!\{))[^`\\$]*)*")
_REGEX = re.compile(r"/(?![*/])(?:[^/\\\[\n]|\\.|\[(?:[^\]\\\n]|\\.)*\])+/[A-Za-z]*")
_BLOCK_COMMENT_END = re.compile(r"\*/")
# After one of these words a '/' starts a regular expression, not a division.
_REGEX_AFTER_WORDS = frozenset(
    {"return", "typeof", "instanceof", "in", "of", "new", "delete", "void", "throw", "case"}
    | {"do", "else", "yield", "await"}
)


def _blank(text: str) -> str:
    """Same length, newlines kept, everything else a space."""
    if "\n" not in text:
        return " " * len(text)
    return re.sub(r"[^\n]", " ", text)


def _regex_may_start(src: str, pos: int) -> bool:
    """Whether a '/' at `pos` begins a regular expression literal (vs. a division)."""
    j = pos - 1
    while j >= 0 and src[j] in " \t\r\n":
        j -= 1
    if j < 0:
        return True
    char = src[j]
    if char in ")]\"'`":
        return False
    if char.isalnum() or char in "_$":
        start = j
        while start > 0 and (src[start - 1].isalnum() or src[start - 1] in "_$"):
            start -= 1
        return src[start : j + 1] in _REGEX_AFTER_WORDS
    return True  # an operator, punctuation, '{' or '}'


def mask(src: str) -> str:
    """`src` with comments and literal contents blanked; offsets and newlines unchanged.

    Quotes, backticks and the `${`/`}` around template expressions stay, so a masked string
    still shows where it starts and ends; template expressions stay as code.
    """
    out: list[str] = []
    emitted = 0  # src[:emitted] is already in `out`
    pos = 0
    depths: list[int] = []  # brace depth inside each open template expression `${ ... }`

    def skip(start: int, end: int, keep_ends: int) -> None:
        nonlocal emitted
        out.append(src[emitted : start + keep_ends])
        out.append(_blank(src[start + keep_ends : end - keep_ends]))
        out.append(src[end - keep_ends : end])
        emitted = end

    def template_text(start: int) -> int:
        """Blank template text from `start`; return where scanning resumes."""
        nonlocal emitted
        end = _TEMPLATE_TEXT.match(src, start).end()  # type: ignore[union-attr]
        out.append(src[emitted:start])
        out.append(_blank(src[start:end]))
        emitted = end
        if src.startswith("${", end):
            depths.append(0)
            return end + 2
        return end + 1  # the closing backtick (or the end of the text)

    length = len(src)
    while pos < length:
        found = (_SPECIAL_IN_TEMPLATE if depths else _SPECIAL).search(src, pos)
        if found is None:
            break
        i = found.start()
        char = src[i]
        if char in "\"'":
            matched = _STRING[char].match(src, i)
            if matched is None:  # unterminated: leave it
                pos = i + 1
                continue
            skip(i, matched.end(), 1)
            pos = matched.end()
        elif char == "`":
            pos = template_text(i + 1)
        elif char == "{":
            depths[-1] += 1
            pos = i + 1
        elif char == "}":
            if depths[-1]:
                depths[-1] -= 1
                pos = i + 1
            else:
                depths.pop()
                pos = template_text(i + 1)
        elif src.startswith("//", i):
            end = src.find("\n", i)
            end = length if end < 0 else end
            skip(i, end, 0)
            pos = end
        elif src.startswith("/*", i):
            closing = _BLOCK_COMMENT_END.search(src, i + 2)
            end = length if closing is None else closing.end()
            skip(i, end, 0)
            pos = end
        elif _regex_may_start(src, i) and (matched := _REGEX.match(src, i)) is not None:
            skip(i, matched.end(), 1)
            pos = matched.end()
        else:
            pos = i + 1
    out.append(src[emitted:])
    return "".join(out)


# ---------------------------------------------------------------------------------- statements

_IMPORT_FROM = re.compile(r"import\s*(?:[\w$*{}\s,]*?\s*from\s*)?([\"'])")
_IMPORT_CALL = re.compile(r"import\s*\(\s*([\"'`])")
_REQUIRE_CALL = re.compile(r"require\s*\(\s*([\"'`])")
# The messages of the `require` shims Rolldown and esbuild put into an ES bundle when CommonJS
# code requires a module the bundle leaves out (verified in real builds of both).
_REQUIRE_SHIM = re.compile(r"Calling `require` for \"|Dynamic require of \"")
_EXPORT_LIST = re.compile(r"export\s*\{([^}]*)\}(\s*from\s*([\"']))?")
_EXPORT_STAR = re.compile(r"export\s*\*\s*(?:as\s+([\w$]+|[\"'][^\"']*[\"'])\s*)?from\s*([\"'])")
_EXPORT_DEFAULT = re.compile(r"export\s+default\b")
_EXPORT_FUNCTION = re.compile(r"export\s+(?:async\s+)?function\b\s*\*?\s*([\w$]+)")
_EXPORT_CLASS = re.compile(r"export\s+class\s+([\w$]+)")
_EXPORT_VARIABLES = re.compile(r"export\s+(?:const|let|var|using)\s+")
_IDENTIFIER = re.compile(r"\s*([A-Za-z_$][\w$]*)")
_DECLARATOR_SCAN = re.compile(r"[^()\[\]{},;\n]+")


@dataclass(frozen=True)
class Import:
    """One module specifier the file asks the browser to load."""

    specifier: str
    line: int
    kind: str  # "static" (import/export ... from), "dynamic" (import("...")), "require"

    @property
    def bare(self) -> bool:
        """A bare specifier ('react', '@mantine/core'): unresolvable without an import map."""
        return is_bare(self.specifier)


@dataclass
class JSModule:
    """What one ES module file declares: exported names and what it imports."""

    path: Path
    text: str
    exports: set[str] = field(default_factory=set)
    star_exports: list[Import] = field(default_factory=list)  # `export * from "x"`
    imports: list[Import] = field(default_factory=list)
    # False when some exported names cannot be known statically (destructuring exports).
    complete: bool = True
    # The bundle carries a CommonJS `require` shim: some code requires what was not bundled.
    require_shim: bool = False


def is_bare(specifier: str) -> bool:
    """True unless the specifier is relative, absolute, or a URL (what browsers resolve)."""
    if specifier.startswith(("./", "../", "/")):
        return False
    return re.match(r"^[A-Za-z][A-Za-z0-9+.-]*:", specifier) is None or specifier.startswith(
        "node:"
    )


def _closing(masked: str, quote_at: int) -> int:
    """Offset of the quote closing the (masked) literal that opens at `quote_at`."""
    end = masked.find(masked[quote_at], quote_at + 1)
    return len(masked) if end < 0 else end


def _names(export_list: str) -> Iterator[str]:
    """Exported names of `a, b as c, d as default, x as "quoted"`."""
    for item in export_list.split(","):
        item = item.strip()
        if not item:
            continue
        parts = re.split(r"\s+as\s+", item)
        name = parts[-1].strip()
        if name[:1] in "\"'" and name[-1:] == name[:1]:
            name = name[1:-1]
        yield name


def _declared_names(masked: str, start: int) -> tuple[list[str], bool]:
    """Names declared by `export const a = ..., b = ...` starting at `start` (after `const`)."""
    names: list[str] = []
    pos = start
    while True:
        identifier = _IDENTIFIER.match(masked, pos)
        if identifier is None:
            return names, False  # destructuring pattern: names not known here
        names.append(identifier.group(1))
        pos = identifier.end()
        depth = 0
        while pos < len(masked):
            run = _DECLARATOR_SCAN.match(masked, pos)
            if run is not None:
                pos = run.end()
                continue
            char = masked[pos]
            if char in "([{":
                depth += 1
            elif char in ")]}":
                depth -= 1
                if depth < 0:
                    return names, True
            elif depth == 0 and char == ";":
                return names, True
            elif depth == 0 and char == ",":
                pos += 1
                break
            elif depth == 0 and char == "\n":
                before = masked[:pos].rstrip()[-1:]
                after = masked[pos:].lstrip()[:1]
                if after != "," and before not in tuple(",=+-*/%&|^!?:.<>"):
                    return names, True
            pos += 1
        else:
            return names, True


def _statements(pattern: re.Pattern[str], masked: str) -> Iterator[re.Match[str]]:
    """Matches of a pattern starting with `import`/`export`/`require` used as a keyword.

    (The patterns begin with the literal word so the regex engine can skip ahead to it; a
    property `x.import` or a longer name `reimport` is filtered out here.)
    """
    for found in pattern.finditer(masked):
        start = found.start()
        if start and (masked[start - 1].isalnum() or masked[start - 1] in "_$."):
            continue
        yield found


def parse(src: str, path: Path | None = None) -> JSModule:
    """Exported names and imports of an ES module's source text."""
    module = JSModule(path or Path("<module>"), src)
    masked = mask(src)

    def line(offset: int) -> int:
        return src.count("\n", 0, offset) + 1

    def literal(quote_at: int) -> str:
        return src[quote_at + 1 : _closing(masked, quote_at)]

    for found in _statements(_IMPORT_FROM, masked):
        quote_at = found.start(1)
        module.imports.append(Import(literal(quote_at), line(found.start()), "static"))
    for found in _statements(_IMPORT_CALL, masked):
        specifier = literal(found.start(1))
        if found.group(1) == "`" and "${" in specifier:
            continue  # computed at run time
        module.imports.append(Import(specifier, line(found.start()), "dynamic"))
    for found in _statements(_REQUIRE_CALL, masked):
        specifier = literal(found.start(1))
        if found.group(1) != "`" or "${" not in specifier:
            module.imports.append(Import(specifier, line(found.start()), "require"))
    module.require_shim = _REQUIRE_SHIM.search(src) is not None
    for found in _statements(_EXPORT_LIST, masked):
        module.exports.update(_names(src[found.start(1) : found.end(1)]))
        if found.group(2):
            quote_at = found.start(3)
            module.imports.append(Import(literal(quote_at), line(found.start()), "static"))
    for found in _statements(_EXPORT_STAR, masked):
        quote_at = found.start(2)
        target = Import(literal(quote_at), line(found.start()), "static")
        module.imports.append(target)
        if found.group(1):
            module.exports.update(_names(src[found.start(1) : found.end(1)]))
        else:
            module.star_exports.append(target)
    if any(_statements(_EXPORT_DEFAULT, masked)):
        module.exports.add("default")
    for pattern in (_EXPORT_FUNCTION, _EXPORT_CLASS):
        module.exports.update(found.group(1) for found in _statements(pattern, masked))
    for found in _statements(_EXPORT_VARIABLES, masked):
        names, complete = _declared_names(masked, found.end())
        module.exports.update(names)
        module.complete = module.complete and complete
    return module


# ---------------------------------------------------------------------------------- files


def resolve(base: Path, specifier: str) -> Path:
    """The file a relative specifier names, seen from the module file `base`."""
    path = unquote(re.split(r"[?#]", specifier, maxsplit=1)[0])
    return (base.parent / path).resolve()


class ModuleCache:
    """Parsed modules by resolved path, shared by the rules of one check."""

    def __init__(self) -> None:
        self._modules: dict[Path, JSModule | None] = {}

    def get(self, path: Path) -> JSModule | None:
        """The module at `path`; None when the file is missing or unreadable."""
        path = path.resolve()
        if path not in self._modules:
            try:
                text = path.read_text(encoding="utf-8", errors="replace")
            except OSError:
                self._modules[path] = None
            else:
                self._modules[path] = parse(text, path) if path.is_file() else None
        return self._modules[path]

    def exported_names(self, path: Path) -> tuple[set[str], bool]:
        """All names `import(path)` exposes, following `export * from './x.js'`.

        The flag is False when some names cannot be known (a star re-export of a bare or
        missing module, a destructuring export): then a name not in the set may still exist.
        """
        names: set[str] = set()
        complete = True
        seen: set[Path] = set()
        pending = [path.resolve()]
        first = True
        while pending:
            current = pending.pop()
            if current in seen:
                continue
            seen.add(current)
            module = self.get(current)
            if module is None:
                complete = False
                continue
            own = module.exports if first else module.exports - {"default"}
            first = False
            names |= own
            complete = complete and module.complete
            for star in module.star_exports:
                if star.bare or not star.specifier.startswith(("./", "../")):
                    complete = False
                else:
                    pending.append(resolve(current, star.specifier))
        return names, complete

    def closure(self, path: Path) -> Iterator[tuple[JSModule | None, Path, bool, Import | None]]:
        """The module and every relative file it pulls in, breadth first.

        Yields (module or None when missing, path, reached by static imports only, the import
        that reached it). Files reached only through `import("./x.js")` are loaded when that
        code runs, not when InvenTree imports the entry file.
        """
        start = path.resolve()
        queue: list[tuple[Path, bool, Import | None]] = [(start, True, None)]
        best: dict[Path, bool] = {}
        index = 0
        while index < len(queue):
            current, static, via = queue[index]
            index += 1
            if current in best and (best[current] or not static):
                continue
            best[current] = static
            module = self.get(current)
            yield module, current, static, via
            if module is None:
                continue
            for item in module.imports:
                if item.specifier.startswith(("./", "../")):
                    target = resolve(current, item.specifier)
                    queue.append((target, static and item.kind == "static", item))


# ---------------------------------------------------------------------------------- libraries

# Signatures of a library's own code, checked against real builds (React 18.3 and 19.2,
# react-dom 18/19 with and without react, Mantine 7 and 9, minified and not, Vite/Rolldown).
# A library that only *uses* React (reads React.__CLIENT_INTERNALS..., calls useState) does
# not match: each signature is a definition, not a use.
_REACT_19_INTERNALS = re.compile(
    r"__CLIENT_INTERNALS_DO_NOT_USE_OR_WARN_USERS_THEY_CANNOT_UPGRADE\s*=(?!=)"
)
_REACT_HOOK_EXPORT = re.compile(r"\.useState\s*=\s*function\b")
_REACT_DOM_19_INTERNALS = re.compile(
    r"__DOM_INTERNALS_DO_NOT_USE_OR_WARN_USERS_THEY_CANNOT_UPGRADE\s*=(?!=)"
)
_MANTINE_DISPLAY_NAME = re.compile(r"[\"'`]@mantine/core/(\w+)[\"'`]")
_NOTIFICATIONS_STORE = re.compile(
    r"\bclean\s*:\s*[\w$.]+\s*,\s*cleanQueue\s*:\s*[\w$.]+\s*,\s*updateState\s*:"
)


def _react(text: str) -> bool:
    # React 19 defines its internals object (react-dom only reads it); React 16-19 core
    # assigns `exports.useState = function` (react-dom's dispatchers write `useState:function`).
    return bool(_REACT_19_INTERNALS.search(text) or _REACT_HOOK_EXPORT.search(text))


def _react_dom(text: str) -> bool:
    # The keys react-dom stores its fibers and roots under on DOM nodes (17+, then 16), or
    # React 19's `react-dom` entry (createPortal, flushSync) defining its internals object.
    return (
        ("__reactFiber$" in text and "__reactContainer$" in text)
        or ("__reactInternalInstance$" in text and "_reactRootContainer" in text)
        or _REACT_DOM_19_INTERNALS.search(text) is not None
    )


def _mantine_core(text: str) -> bool:
    # useMantineTheme's error (Mantine 7+) or components' displayName '@mantine/core/Button'.
    if "MantineProvider was not found" in text:
        return True
    return len(set(_MANTINE_DISPLAY_NAME.findall(text))) >= 3


def _mantine_notifications(text: str) -> bool:
    # The store object `notifications = {show, hide, update, clean, cleanQueue, updateState}`
    # (a private store: notifications.show() then shows nothing) or a component displayName.
    return bool(
        _NOTIFICATIONS_STORE.search(text) or re.search(r"[\"'`]@mantine/notifications/\w", text)
    )


EMBEDDED = (
    ("React", _react),
    ("ReactDOM", _react_dom),
    ("@mantine/core", _mantine_core),
    ("@mantine/notifications", _mantine_notifications),
)
_QUICK = re.compile(
    r"__CLIENT_INTERNALS|useState|__react|__DOM_INTERNALS|@mantine|Mantine|cleanQueue"
)


def embedded_libraries(text: str) -> list[str]:
    """Which libraries InvenTree provides as globals this code carries its own copy of."""
    if _QUICK.search(text) is None:
        return []
    return [name for name, present in EMBEDDED if present(text)]
