// The plugin's settings page in the admin center, as plain JavaScript (see Panel.js).
const { createElement: h } = window.React;
const { Stack, Text } = window.MantineCore;

/**
 * Render the settings page.
 * @param {object} context InvenTree's plugin context; context.context is get_admin_context().
 */
export function renderPluginSettings(context) {
  const data = context.context ?? {};
  return h(
    Stack,
    { gap: "xs" },
    h(Text, null, data.greeting ?? "Hello"),
    h(Text, { size: "sm", c: "dimmed" }, `Plugin version ${data.version ?? "?"}`),
  );
}
