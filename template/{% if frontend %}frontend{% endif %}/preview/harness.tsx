// The preview harness: behaves like InvenTree's plugin loader (RemoteComponent).
// 1. Assign the same window globals InvenTree's main.tsx assigns, before any plugin import.
// 2. For each feature: resolve its `source` against the page, split the function name after
//    ':' in the path (or use the feature's default name), import() the built module.
// 3. Call fn(ctx) OUTSIDE any component and render the result inside a MantineProvider; a
//    function declaring two or more parameters gets (element, ctx) and owns the element.
import * as LinguiCore from "@lingui/core";
import * as LinguiReact from "@lingui/react";
import * as MantineCore from "@mantine/core";
import "@mantine/core/styles.css";
import * as MantineNotifications from "@mantine/notifications";
import * as React from "react";
import * as ReactDOM from "react-dom";
import * as ReactDOMClient from "react-dom/client";

import plugin from "../plugin.json" with { type: "json" };
import { mockContext } from "./context.ts";

Object.assign(window, {
  React,
  ReactDOM,
  ReactDOMClient,
  MantineCore,
  MantineNotifications,
  LinguiCore,
  LinguiReact,
});

export interface HarnessFeature {
  type: "panel" | "dashboard" | "settings";
  title: string;
  source: string;
  context?: Record<string, unknown>;
}

declare global {
  interface Window {
    /** Set by tests (before the page loads) to load the features the Python side returns. */
    HARNESS_FEATURES?: HarnessFeature[];
    HARNESS_API?: Record<string, unknown>;
    HARNESS_DONE?: boolean;
  }
}

const DEFAULT_FUNCTION = {
  panel: "renderPanel",
  dashboard: "renderDashboardItem",
  settings: "renderPluginSettings",
};

const base = `/static/plugins/${plugin.slug}/`;
const greeting = `Hello from ${plugin.title}`;
const apiUrl = `plugin/${plugin.slug}/hello/`;
const featureContext = plugin.urls ? { greeting, api_url: apiUrl } : { greeting };

const features: HarnessFeature[] = window.HARNESS_FEATURES ?? [
  { type: "panel", title: "Panel", source: `${base}Panel.js:renderPanel`, context: featureContext },
  { type: "dashboard", title: "Dashboard item", source: `${base}Dashboard.js:renderDashboardItem`, context: { greeting } },
  { type: "settings", title: "Settings page", source: `${base}Settings.js:renderPluginSettings`, context: { greeting, version: "0.1.0" } },
];

const api = window.HARNESS_API ?? {
  [apiUrl]: { plugin: plugin.slug, version: "0.1.0", greeting, user: "alice" },
};

const query = new URLSearchParams(window.location.search);
const locale = query.get("locale") ?? "en";
const colorScheme = query.get("scheme") === "dark" ? "dark" : "light";

/** InvenTree's resolution of a `source` string (PluginSource.tsx). */
function resolve(source: string, fallback: string): { url: string; name: string } {
  const url = new URL(source, window.location.origin);
  const [path, name] = url.pathname.split(":");
  url.pathname = path;
  return { url: url.toString(), name: name || fallback };
}

function Shell({ feature, slot }: { feature: HarnessFeature; slot: HTMLElement }) {
  return (
    <MantineCore.Card withBorder padding="md" data-feature-card={feature.type}>
      <MantineCore.Text fw={700} mb="xs">
        {feature.title} — {feature.source}
      </MantineCore.Text>
      <div ref={(element) => void element?.appendChild(slot)} />
    </MantineCore.Card>
  );
}

async function load(feature: HarnessFeature, target: HTMLElement): Promise<void> {
  const { url, name } = resolve(feature.source, DEFAULT_FUNCTION[feature.type]);
  target.dataset.feature = feature.type;
  const module: Record<string, unknown> = await import(/* @vite-ignore */ url);
  const fn = module[name];
  if (typeof fn !== "function") {
    throw new Error(`${url} has no exported function "${name}"`);
  }
  const ctx = { ...mockContext(feature, { slug: plugin.slug, locale, colorScheme, api }), reloadContent: () => undefined };
  if (fn.length > 1) {
    fn(target, ctx);
  } else {
    const node = fn(ctx) as React.ReactNode;
    ReactDOMClient.createRoot(target).render(
      <MantineCore.MantineProvider theme={ctx.theme} defaultColorScheme={colorScheme}>
        {node}
      </MantineCore.MantineProvider>,
    );
  }
}

async function main() {
  const page = document.getElementById("harness") as HTMLElement;
  const slots = features.map(() => document.createElement("div"));
  ReactDOMClient.createRoot(page).render(
    <MantineCore.MantineProvider defaultColorScheme={colorScheme}>
      <MantineCore.Container size="md" py="md">
        <MantineCore.Title order={3} mb="md">
          {plugin.title}: preview (locale {locale})
        </MantineCore.Title>
        <MantineCore.Stack>
          {features.map((feature, index) => (
            <Shell key={feature.type} feature={feature} slot={slots[index]} />
          ))}
        </MantineCore.Stack>
      </MantineCore.Container>
    </MantineCore.MantineProvider>,
  );
  await Promise.all(
    features.map(async (feature, index) => {
      const slot = slots[index];
      try {
        await load(feature, slot);
        slot.dataset.state = "rendered";
      } catch (error) {
        // InvenTree shows "Error Loading Content" here; the preview says so on the console too.
        console.error(`Error Loading Content: ${feature.source}:`, error);
        slot.dataset.state = "error";
        slot.textContent = `Error Loading Content: ${String(error)}`;
      }
    }),
  );
  window.HARNESS_DONE = true;
}

void main();
