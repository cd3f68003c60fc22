/**
 * Escaping of text for SVG/XML output.
 *
 * @module
 */

// Characters XML 1.0 forbids anywhere in a document (C0 controls other than tab,
// line feed and carriage return, lone surrogates, U+FFFE and U+FFFF). Escaping
// cannot make them legal, so they are dropped; otherwise one stray control
// character pasted into an area name would make the whole chart unparseable.
// eslint-disable-next-line no-control-regex -- matching control characters is the point
const FORBIDDEN = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

// eslint-disable-next-line no-control-regex -- as above
const NEEDS_WORK = /[&<>"'\u0000-\u001F\uD800-\uDFFF\uFFFE\uFFFF]/;

const ENTITIES: Readonly<Record<string, string>> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&apos;',
};

/**
 * Escapes text for use in XML character data or in a double- or single-quoted
 * attribute value: `& < > " '` become entities and characters that XML 1.0
 * forbids are removed. Use it on every piece of caller-supplied text (labels,
 * titles, summaries, units) before it goes into an SVG string.
 *
 * @param text - any string; `null`/`undefined` give the empty string.
 * @returns the escaped text.
 */
export function escapeXml(text: string | null | undefined): string {
  if (text === null || text === undefined) return '';
  const value = String(text);
  // Most labels need no change; testing first avoids two replace passes per label.
  if (!NEEDS_WORK.test(value)) return value;
  return value
    .replace(FORBIDDEN, '')
    .replace(/[&<>"']/g, (ch) => ENTITIES[ch] ?? ch);
}
