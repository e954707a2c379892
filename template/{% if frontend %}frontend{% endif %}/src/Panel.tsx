// The part panel. InvenTree imports the built Panel.js and calls renderPanel(context) outside
// of any component, so the function only returns an element; hooks live in the component.
import { Alert, Loader, Stack, Text } from "@mantine/core";
import * as React from "react";

import { Translated, useTranslate } from "./i18n.tsx";
import type { FeatureContext, InvenTreePluginContext } from "./inventree.ts";

type Context = InvenTreePluginContext<FeatureContext>;

interface HelloReply {
  greeting: string;
  user: string;
}

/** Calls the plugin's own API (UrlsMixin) through InvenTree's authenticated client. */
function PluginApiReply({ context, url }: { context: Context; url: string }) {
  const t = useTranslate();
  const [reply, setReply] = React.useState<HelloReply | null>(null);
  const [error, setError] = React.useState<string | null>(null);

  React.useEffect(() => {
    let current = true;
    context.api
      .get<HelloReply>(url)
      .then((response) => current && setReply(response.data))
      .catch((reason: unknown) => current && setError(String(reason)));
    return () => {
      current = false;
    };
  }, [context.api, url]);

  if (error) {
    return <Text c="red">{t("panel.apiFailed", { error })}</Text>;
  }
  if (!reply) {
    return (
      <Text c="dimmed">
        <Loader size="xs" /> {t("panel.apiLoading")}
      </Text>
    );
  }
  return <Text data-testid="api-reply">{t("panel.api", { ...reply })}</Text>;
}

function PluginPanel({ context }: { context: Context }) {
  const t = useTranslate();
  const name = context.instance?.name;
  return (
    <Stack gap="xs">
      <Alert title={context.context.greeting}>
        {t("panel.where", { model: context.model, id: context.id })}
      </Alert>
      {typeof name === "string" && <Text>{t("panel.item", { name })}</Text>}
      <Text size="sm">{t("common.signedIn", { user: context.user.username() })}</Text>
      {context.context.api_url && <PluginApiReply context={context} url={context.context.api_url} />}
    </Stack>
  );
}

/** The function named in the panel's `source` ("Panel.js:renderPanel"). */
export function renderPanel(context: Context) {
  return (
    <Translated locale={context.locale}>
      <PluginPanel context={context} />
    </Translated>
  );
}
