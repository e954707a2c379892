// Builds one ES module per UI feature into ../<package>/static/, where InvenTree serves it
// as /static/plugins/<slug>/<Name>.js. `npm run dev` serves the sources for InvenTree's
// PLUGIN_DEV_HOST mode instead (see README.md).
import { defineConfig } from "vite";

import { inventreeGlobals } from "./inventree-globals.ts";
import plugin from "./plugin.json" with { type: "json" };

/** Output name (stable: the Python side refers to it) → source file. */
export const FEATURES = {
  Panel: "src/Panel.tsx",
  Dashboard: "src/Dashboard.tsx",
  Settings: "src/Settings.tsx",
};

export const DEV_PORT = 5174;

export default defineConfig({
  plugins: [inventreeGlobals()],
  // Classic JSX compiles to React.createElement, i.e. the React global: no jsx-runtime import.
  oxc: { jsx: { runtime: "classic" } },
  // Files in public/ (e.g. an icon font) are copied into static/ as they are.
  publicDir: "public",
  build: {
    outDir: `../${plugin.package}/static`,
    emptyOutDir: true,
    target: "es2022",
    modulePreload: false,
    reportCompressedSize: false,
    rolldownOptions: {
      input: FEATURES,
      // Keep each entry's named exports: InvenTree picks the function after ':' in `source`.
      preserveEntrySignatures: "exports-only",
      output: {
        format: "es",
        entryFileNames: "[name].js",
        chunkFileNames: "chunks/[name]-[hash].js",
        assetFileNames: "assets/[name]-[hash][extname]",
      },
    },
  },
  server: {
    port: DEV_PORT,
    strictPort: true,
    // InvenTree's page (another origin) imports the modules: allow it.
    cors: { origin: "*" },
    origin: `http://localhost:${DEV_PORT}`,
  },
});
