// Translations through Lingui, from the globals InvenTree provides (window.LinguiCore and
// window.LinguiReact). The plugin keeps its own I18n instance, so loading its messages never
// touches InvenTree's catalogs; the locale follows InvenTree's (context.locale).
import { type I18n, type Messages, setupI18n } from "@lingui/core";
import { I18nProvider, useLingui } from "@lingui/react";
import * as React from "react";

import { MESSAGES, type MessageId } from "./locales.ts";

type Catalog = Record<string, string>;
type CompiledMessage = (string | [string])[];

/**
 * Compile "Hello {name}" into Lingui's precompiled form ["Hello ", ["name"]]. Production
 * builds of Lingui (InvenTree's) cannot compile messages at run time.
 */
function compile(text: string): CompiledMessage {
  return text
    .split(/\{(\w+)\}/)
    .map((part, index): string | [string] => (index % 2 ? [part] : part))
    .filter((part) => part !== "");
}

/** The language of an InvenTree locale ("de", "de-de", "pt_BR" → "de", "de", "pt"). */
function language(locale: string | undefined): string {
  return (locale ?? "en").toLowerCase().split(/[-_]/)[0];
}

const instances = new Map<string, I18n>();

/** The plugin's I18n for a locale: its messages, falling back to English per message. */
export function pluginI18n(locale: string | undefined): I18n {
  const lang = language(locale) in MESSAGES ? language(locale) : "en";
  let i18n = instances.get(lang);
  if (!i18n) {
    const catalog: Catalog = { ...MESSAGES.en, ...(MESSAGES as Record<string, Catalog>)[lang] };
    const messages: Messages = Object.fromEntries(
      Object.entries(catalog).map(([id, text]) => [id, compile(text)]),
    );
    i18n = setupI18n({ locale: lang, messages: { [lang]: messages } });
    instances.set(lang, i18n);
  }
  return i18n;
}

/** Wrap a feature's content so that `useTranslate()` works inside it. */
export function Translated({ locale, children }: { locale?: string; children: React.ReactNode }) {
  return <I18nProvider i18n={pluginI18n(locale)}>{children}</I18nProvider>;
}

/** `t("panel.where", { model, id })` inside a component under <Translated>. */
export function useTranslate(): (id: MessageId, values?: Record<string, unknown>) => string {
  const { i18n } = useLingui();
  return (id, values) => i18n._(id, values);
}
