// The plugin's page in InvenTree's admin center (ADMIN_SOURCE). context.context is what
// get_admin_context() returns in Python.
import { Stack, Text } from "@mantine/core";
import * as React from "react";

import { Translated, useTranslate } from "./i18n.tsx";
import type { AdminContext, InvenTreePluginContext } from "./inventree.ts";

type Context = InvenTreePluginContext<AdminContext>;

function PluginSettings({ context }: { context: Context }) {
  const t = useTranslate();
  return (
    <Stack gap="xs">
      <Text>{context.context.greeting}</Text>
      <Text size="sm" c="dimmed">
        {t("settings.version", { version: context.context.version })}
      </Text>
    </Stack>
  );
}

/** The function named in ADMIN_SOURCE ("Settings.js:renderPluginSettings"). */
export function renderPluginSettings(context: Context) {
  return (
    <Translated locale={context.locale}>
      <PluginSettings context={context} />
    </Translated>
  );
}
