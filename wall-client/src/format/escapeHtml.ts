/**
 * For the few places that must hand a library an HTML string — an echarts tooltip
 * `formatter`, a deck.gl `getTooltip({html})`, a maplibre `Popup#setHTML` — every piece of
 * feed or officer text goes through this. Prefer the text APIs where there is one
 * (`Popup#setText`, `setDOMContent`, `getTooltip({text})`, echarts' default tooltip, React).
 * tests/browser/xss.test.ts checks every screen with script-bearing texts.
 * @example escapeHtml('<img src=x onerror=alert(1)>') // '&lt;img src=x onerror=alert(1)&gt;'
 */
const ENTITIES: Record<string, string> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&#34;',
  "'": '&#39;',
  '`': '&#96;',
};

export function escapeHtml(text: unknown): string {
  return String(text ?? '').replace(/[&<>"'`]/g, (c) => ENTITIES[c] ?? c);
}
