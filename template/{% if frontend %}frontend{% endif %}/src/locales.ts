// The plugin's own translations. Each message is plain text with optional {name}
// placeholders; English is the fallback for missing ids and locales. Add a locale by adding
// a block keyed by its language code ("de", "fr", ...).
export const MESSAGES = {
  en: {
    "panel.where": "This is {model} #{id}.",
    "panel.item": "Item: {name}",
    "common.signedIn": "Signed in as {user}.",
    "panel.api": "The plugin's API answered: {greeting} ({user})",
    "panel.apiLoading": "Asking the plugin's API…",
    "panel.apiFailed": "The plugin's API did not answer: {error}",
    "settings.version": "Plugin version {version}",
  },
  de: {
    "panel.where": "Das ist {model} #{id}.",
    "panel.item": "Eintrag: {name}",
    "common.signedIn": "Angemeldet als {user}.",
    "panel.api": "Die API des Plugins antwortet: {greeting} ({user})",
    "panel.apiLoading": "Frage die API des Plugins…",
    "panel.apiFailed": "Die API des Plugins antwortet nicht: {error}",
    "settings.version": "Plugin-Version {version}",
  },
} satisfies Record<string, Record<string, string>>;

export type MessageId = keyof (typeof MESSAGES)["en"];
