// `npm run preview`: a page that loads the BUILT feature modules the way InvenTree does.
// The built files are served at /static/plugins/<slug>/, like InvenTree's static files.
import { existsSync, readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { type Plugin, defineConfig } from "vite";

import plugin from "../plugin.json" with { type: "json" };

const STATIC_DIR = fileURLToPath(new URL(`../../${plugin.package}/static/`, import.meta.url));
const PREFIX = `/static/plugins/${plugin.slug}/`;
// A fixed port: the preview never wanders onto the one `npm run dev` needs (5174).
const HOST = "127.0.0.1";
const PORT = 5173;

/** Serve the build output untouched (no Vite transform), as InvenTree's static files are. */
function pluginStatic(): Plugin {
  return {
    name: "inventree-plugin-static",
    configureServer(server) {
      // logLevel "warn" hides Vite's banner: say where the page is. The port is the one bound,
      // which `--port` (or `--port 0`, any free port) can change.
      server.httpServer?.once("listening", () => {
        const address = server.httpServer?.address();
        const port = typeof address === "object" && address ? address.port : PORT;
        console.log(`Preview: http://${HOST}:${port}/  (Ctrl-C to stop)`);
      });
      server.middlewares.use((request, response, next) => {
        const path = decodeURIComponent((request.url ?? "").split("?")[0]);
        if (!path.startsWith(PREFIX)) return next();
        const file = STATIC_DIR + path.slice(PREFIX.length);
        if (path.includes("..") || !existsSync(file)) {
          response.statusCode = 404;
          response.end(`Not built: ${path} (run npm run build)`);
          return;
        }
        const type = file.endsWith(".js") ? "text/javascript" : "application/octet-stream";
        response.setHeader("Content-Type", `${type}; charset=utf-8`);
        response.setHeader("Cache-Control", "no-store");
        response.end(readFileSync(file));
      });
    },
  };
}

export default defineConfig({
  root: fileURLToPath(new URL(".", import.meta.url)),
  plugins: [pluginStatic()],
  // The harness is an ordinary React app (unlike the plugin's own modules).
  oxc: { jsx: { runtime: "automatic" } },
  publicDir: false,
  // The harness uses the real libraries (like InvenTree itself): pre-bundle them up front so
  // the first page load never triggers a re-optimisation and reload.
  optimizeDeps: {
    include: [
      "react",
      "react-dom",
      "react-dom/client",
      "@mantine/core",
      "@mantine/notifications",
      "@lingui/core",
      "@lingui/react",
    ],
  },
  server: { port: PORT, host: HOST, strictPort: true },
  logLevel: "warn",
});
