// InvenTree provides React, ReactDOM, Mantine and Lingui to plugins as window globals, and it
// loads each plugin file with a plain `import()` (no import map), so a built file must neither
// bundle its own copy of these libraries nor keep a bare `import ... from "react"`. This Vite
// plugin rewrites every import of such a library into a read of the global, in `vite build`
// and in the dev server alike.
import type { Plugin } from "vite";

/** Package → the window global InvenTree assigns it to (InvenTree's src/frontend/src/main.tsx). */
export const INVENTREE_GLOBALS: Readonly<Record<string, string>> = {
  react: "React",
  "react-dom": "ReactDOM",
  "react-dom/client": "ReactDOMClient",
  "@mantine/core": "MantineCore",
  "@mantine/notifications": "MantineNotifications",
  "@lingui/core": "LinguiCore",
  "@lingui/react": "LinguiReact",
};

const SOURCE = /\.[cm]?[jt]sx?$/;
const IMPORT_FROM = /\bimport\s*([\w$*{},\s]+?)\s*from\s*(["'])([^"'\n]+)\2\s*;?/g;
const IMPORT_BARE = /\bimport\s*(["'])([^"'\n]+)\1\s*;?/g;
const REEXPORT = /\bexport\s*[\w$*{},\s]*?from\s*(["'])([^"'\n]+)\1/g;
const IDENTIFIER = /^[A-Za-z_$][\w$]*$/;

function fail(id: string, message: string): never {
  throw new Error(`${id}: ${message}`);
}

/** `{ a, b as c }` → `{ a, b: c }` (a destructuring pattern). */
function pattern(named: string, id: string): string {
  const parts = named
    .replace(/^\{|\}$/g, "")
    .split(",")
    .map((part) => part.trim())
    .filter(Boolean)
    .map((part) => {
      const [imported, local = imported] = part.split(/\s+as\s+/);
      if (!IDENTIFIER.test(imported) || !IDENTIFIER.test(local)) {
        fail(id, `cannot rewrite the import of "${part}"`);
      }
      return imported === local ? imported : `${imported}: ${local}`;
    });
  return `{ ${parts.join(", ")} }`;
}

/** One import clause (`X`, `* as X`, `{ ... }`, `X, { ... }`, `X, * as Y`) → declarations. */
function declarations(clause: string, global: string, id: string): string {
  const value = `window[${JSON.stringify(global)}]`;
  const out: string[] = [];
  let rest = clause.trim();
  const defaultName = /^([A-Za-z_$][\w$]*)\s*(?:,|$)/.exec(rest);
  if (defaultName) {
    out.push(`const ${defaultName[1]} = ${value}.default ?? ${value};`);
    rest = rest.slice(defaultName[0].length).trim();
  }
  if (rest.startsWith("*")) {
    const name = /^\*\s*as\s+([A-Za-z_$][\w$]*)$/.exec(rest);
    if (!name) fail(id, `cannot rewrite "import ${clause}"`);
    out.push(`const ${name[1]} = ${value};`);
  } else if (rest.startsWith("{")) {
    out.push(`const ${pattern(rest, id)} = ${value};`);
  } else if (rest) {
    fail(id, `cannot rewrite "import ${clause}"`);
  }
  return out.join(" ");
}

/** Rewrite the imports of InvenTree-provided libraries in one module's code. */
export function rewriteImports(code: string, id: string): string {
  for (const match of code.matchAll(REEXPORT)) {
    if (match[2] in INVENTREE_GLOBALS) {
      fail(id, `re-exporting from "${match[2]}" is not supported: import it, then export`);
    }
  }
  return code
    .replace(IMPORT_FROM, (statement, clause: string, _quote, source: string) => {
      const global = INVENTREE_GLOBALS[source];
      return global ? declarations(clause, global, id) : statement;
    })
    .replace(IMPORT_BARE, (statement, _quote, source: string) =>
      source in INVENTREE_GLOBALS ? "" : statement,
    );
}

/** The Vite plugin: rewrite after TypeScript/JSX are compiled, before bundling. */
export function inventreeGlobals(): Plugin {
  return {
    name: "inventree-globals",
    enforce: "post",
    transform(code, id) {
      const file = id.split("?")[0];
      if (!SOURCE.test(file) || !Object.keys(INVENTREE_GLOBALS).some((s) => code.includes(s))) {
        return null;
      }
      const rewritten = rewriteImports(code, file);
      return rewritten === code ? null : { code: rewritten, map: null };
    },
  };
}
