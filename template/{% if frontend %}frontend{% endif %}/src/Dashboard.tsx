// A dashboard item. InvenTree calls renderDashboardItem(context) (see Panel.tsx).
import { Card, Text, Title } from "@mantine/core";
import * as React from "react";

import { Translated, useTranslate } from "./i18n.tsx";
import type { FeatureContext, InvenTreePluginContext } from "./inventree.ts";

type Context = InvenTreePluginContext<FeatureContext>;

function DashboardItem({ context }: { context: Context }) {
  const t = useTranslate();
  return (
    <Card withBorder padding="sm">
      <Title order={5}>{context.context.greeting}</Title>
      <Text size="sm">{t("common.signedIn", { user: context.user.username() })}</Text>
    </Card>
  );
}

/** The function named in the dashboard item's `source`. */
export function renderDashboardItem(context: Context) {
  return (
    <Translated locale={context.locale}>
      <DashboardItem context={context} />
    </Translated>
  );
}
