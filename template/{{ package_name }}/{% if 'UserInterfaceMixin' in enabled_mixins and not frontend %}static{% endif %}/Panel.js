// The part panel, as plain JavaScript: no build step. InvenTree imports this file as an ES
// module and calls renderPanel(context); React and Mantine come from the globals InvenTree
// provides, so nothing is bundled. Switch to the React + TypeScript frontend (answer
// `frontend: true`) when the UI grows.
const { createElement: h } = window.React;
const { Alert, Stack, Text } = window.MantineCore;

/**
 * Render the panel for the page InvenTree shows.
 * @param {object} context InvenTree's plugin context: model, id, user, context (from Python), ...
 */
export function renderPanel(context) {
  return h(
    Stack,
    { gap: "xs" },
    h(Alert, { title: context.context?.greeting ?? "Hello" }, `This is ${context.model} #${context.id}.`),
    h(Text, { size: "sm" }, `Signed in as ${context.user?.username?.() ?? "unknown"}.`),
  );
}
