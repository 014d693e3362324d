/**
 * Escapes text for HTML element content and double- or single-quoted attribute values.
 * Movie titles carry `&`, `<` and quotes, so every string from the data goes through this.
 */
export function escapeHtml(text: string | number): string {
  return String(text).replace(/[&<>"']/g, (c) => ESCAPES[c]);
}

const ESCAPES: Record<string, string> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&#39;',
};
