// A dashboard item, as plain JavaScript (see Panel.js).
const { createElement: h } = window.React;
const { Card, Text } = window.MantineCore;

/**
 * Render the dashboard item.
 * @param {object} context InvenTree's plugin context; context.context comes from Python.
 */
export function renderDashboardItem(context) {
  return h(Card, { withBorder: true }, h(Text, null, context.context?.greeting ?? "Hello"));
}
