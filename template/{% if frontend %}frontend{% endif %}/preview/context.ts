// A realistic mock of the context InvenTree passes to plugin functions (see src/inventree.ts).
import * as LinguiCore from "@lingui/core";
import * as MantineCore from "@mantine/core";
import * as React from "react";

import type { ApiClient, InvenTreePluginContext } from "../src/inventree.ts";

export interface MockOptions {
  slug: string;
  locale: string;
  colorScheme: "light" | "dark";
  /** Canned answers of the mock API client, keyed by path (no leading slash). */
  api: Record<string, unknown>;
}

const USER = {
  pk: 1,
  username: "alice",
  first_name: "Alice",
  last_name: "Example",
  email: "alice@example.com",
  is_staff: true,
  is_superuser: false,
};

function mockApi(answers: Record<string, unknown>): ApiClient {
  const call = async <T>(method: string, url: string) => {
    const path = url.replace(/^\//, "");
    if (method === "get" && path in answers) {
      return { data: answers[path] as T, status: 200 };
    }
    throw new Error(`Mock API: no answer for ${method.toUpperCase()} ${url}`);
  };
  return {
    get: (url) => call("get", url),
    post: (url) => call("post", url),
    patch: (url) => call("patch", url),
    delete: (url) => call("delete", url),
  };
}

const forms = () => ({ open: () => undefined, close: () => undefined, modal: null });

const settings = (values: Record<string, string>) => ({
  getSetting: (key: string, fallback = "") => values[key] ?? fallback,
  isSet: (key: string, fallback = false) =>
    key in values ? ["true", "1"].includes(values[key].toLowerCase()) : fallback,
});

/** The context for one feature: `model`/`id`/`instance` describe a part page. */
export function mockContext(
  feature: { context?: Record<string, unknown> },
  options: MockOptions,
): InvenTreePluginContext {
  const i18n = LinguiCore.setupI18n({ locale: options.locale, messages: { [options.locale]: {} } });
  return {
    version: {
      inventree: "1.x (preview)",
      react: React.version,
      reactDom: React.version,
      mantine: "9",
    },
    api: mockApi(options.api),
    queryClient: {},
    user: {
      username: () => USER.username,
      userId: () => USER.pk,
      isLoggedIn: () => true,
      isStaff: () => USER.is_staff,
      isSuperuser: () => USER.is_superuser,
      checkUserRole: () => true,
      user: USER,
    },
    userSettings: settings({ DISPLAY_FULL_NAMES: "false" }),
    globalSettings: settings({ INVENTREE_INSTANCE: "InvenTree preview" }),
    modelInformation: {
      part: {
        label: "Part",
        label_multiple: "Parts",
        url_overview: "/part/",
        url_detail: "/part/:pk/",
        api_endpoint: "api/part/",
      },
    },
    renderInstance: () => null,
    host: `${window.location.origin}/`,
    i18n,
    locale: options.locale,
    navigate: (to) => console.info(`navigate(${JSON.stringify(to)})`),
    theme: MantineCore.createTheme({}) as MantineCore.MantineTheme,
    colorScheme: options.colorScheme,
    forms: { create: forms, edit: forms, delete: forms, bulkEdit: forms },
    tables: { renderTable: () => null },
    importer: { open: () => undefined, close: () => undefined, isOpen: false },
    model: "part",
    id: 42,
    instance: { pk: 42, name: "M3x10 screw", IPN: "SCR-0310", description: "Socket head cap screw" },
    context: feature.context ?? {},
    reloadContent: () => undefined,
  };
}
