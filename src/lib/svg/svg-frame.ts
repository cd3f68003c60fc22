/**
 * The accessible outer frame shared by every chart, and small text helpers.
 *
 * @module
 */

import { escapeXml } from './escape-xml.ts';
import { COLOURS, FONT_STACK } from './palette.ts';

/** The text every chart must carry: an id for ARIA references, a heading and a plain-English summary. */
export interface ChartText {
  /** Prefix for the ids inside the SVG; must be unique on the page (letters, digits, `-`, `_`; starts with a letter). */
  readonly id: string;
  /** Short heading, becomes the SVG `<title>` (the accessible name). */
  readonly title: string;
  /** What the chart shows, in words, becomes the `<desc>` (the accessible description). */
  readonly summary: string;
}

const ID_PATTERN = /^[A-Za-z][A-Za-z0-9_-]*$/;

/**
 * Throws a `RangeError` unless the id is a valid, reference-safe id and the title
 * and summary contain visible text: a chart without them would be an unlabelled
 * image to screen-reader users.
 */
export function assertChartText(text: ChartText): void {
  if (typeof text.id !== 'string' || !ID_PATTERN.test(text.id)) {
    throw new RangeError(`id must start with a letter and contain only letters, digits, - and _ (got ${JSON.stringify(text.id)})`);
  }
  if (typeof text.title !== 'string' || text.title.trim() === '') throw new RangeError('title must not be empty');
  if (typeof text.summary !== 'string' || text.summary.trim() === '') throw new RangeError('summary must not be empty');
}

/** The ids of the `<title>` and `<desc>` elements of the chart with id `id`. */
export function chartIds(id: string): { readonly title: string; readonly desc: string } {
  return { title: `${id}-title`, desc: `${id}-desc` };
}

/**
 * Formats a coordinate to one decimal place (a tenth of a user unit is far below
 * a pixel at any sensible size, and it keeps the markup small).
 *
 * @throws Error for a non-finite number: a NaN reaching the markup is a bug upstream.
 */
export function num(value: number): string {
  if (!Number.isFinite(value)) throw new Error(`non-finite coordinate ${value}`);
  // Built from two integers: integer-to-string is several times faster than
  // float-to-string, and charts print thousands of coordinates.
  const tenths = Math.round(value * 10);
  const whole = Math.trunc(tenths / 10);
  const fraction = Math.abs(tenths - whole * 10);
  if (fraction === 0) return String(whole);
  return `${tenths < 0 && whole === 0 ? '-0' : whole}.${fraction}`;
}

/**
 * Wraps a chart body in the accessible `<svg>`: `role="img"`, `aria-labelledby`
 * the `<title>` and `aria-describedby` the `<desc>`, a `viewBox` and width 100% so
 * it scales with its container. Only presentation attributes are used, never
 * `style`, because the site's CSP has no `'unsafe-inline'` for styles.
 *
 * @param text - id, title and summary; checked with {@link assertChartText}.
 * @param kind - a short name for the chart type, added as a class.
 * @param width - viewBox width.
 * @param height - viewBox height.
 * @param body - the chart markup, already escaped.
 */
export function svgDocument(text: ChartText, kind: string, width: number, height: number, body: string): string {
  assertChartText(text);
  const ids = chartIds(text.id);
  return (
    `<svg xmlns="http://www.w3.org/2000/svg" class="app-chart app-chart--${escapeXml(kind)}" role="img"` +
    ` aria-labelledby="${ids.title}" aria-describedby="${ids.desc}" viewBox="0 0 ${num(width)} ${num(height)}"` +
    ` width="100%" preserveAspectRatio="xMidYMid meet" font-family="${escapeXml(FONT_STACK)}" font-size="14" fill="${COLOURS.text}">` +
    `<title id="${ids.title}">${escapeXml(text.title)}</title><desc id="${ids.desc}">${escapeXml(text.summary)}</desc>` +
    `${body}</svg>`
  );
}

/**
 * The chart shown when there is nothing to plot: the same accessible frame with
 * the words "No data yet" in place of the chart.
 */
export function noDataSvg(text: ChartText, kind: string, width = 640, height = 120): string {
  const body =
    `<rect x="0.5" y="0.5" width="${num(width - 1)}" height="${num(height - 1)}" fill="${COLOURS.lightGrey}" stroke="${COLOURS.midGrey}"/>` +
    `<text class="no-data" x="${num(width / 2)}" y="${num(height / 2)}" text-anchor="middle" dominant-baseline="middle" font-size="19">No data yet</text>`;
  return svgDocument(text, kind, width, height, body);
}

/** Average glyph width of the system font stack, in ems, for laying out text without measuring it. */
const EM_WIDTH = 0.56;

/** Estimated rendered width of `text` at `fontSize`. */
export function textWidth(text: string, fontSize: number): number {
  return [...text].length * fontSize * EM_WIDTH;
}

/** The most characters of text at `fontSize` that fit in `width`. */
export function charsFitting(width: number, fontSize: number): number {
  return Math.max(1, Math.floor(width / (fontSize * EM_WIDTH)));
}

/** Options for {@link textLabel}. */
export interface TextOptions {
  readonly anchor?: 'start' | 'middle' | 'end';
  readonly size?: number;
  readonly weight?: 'bold';
  readonly fill?: string;
  /** Longer text is cut to this many characters with "…", the full text kept in a `<title>` tooltip. */
  readonly maxChars?: number;
  readonly className?: string;
  readonly baseline?: 'middle' | 'hanging';
}

/**
 * A `<text>` element with escaped content. Text longer than `maxChars` is
 * truncated with an ellipsis and carries its full wording in a `<title>` child
 * (shown as a tooltip on hover).
 */
export function textLabel(x: number, y: number, content: string, options: TextOptions = {}): string {
  const { shown, tooltip } = truncateText(content, options.maxChars);
  const attrs = [
    options.className === undefined ? '' : ` class="${escapeXml(options.className)}"`,
    ` x="${num(x)}" y="${num(y)}"`,
    options.anchor === undefined || options.anchor === 'start' ? '' : ` text-anchor="${options.anchor}"`,
    options.baseline === undefined ? '' : ` dominant-baseline="${options.baseline}"`,
    options.size === undefined ? '' : ` font-size="${num(options.size)}"`,
    options.weight === undefined ? '' : ` font-weight="${options.weight}"`,
    options.fill === undefined ? '' : ` fill="${escapeXml(options.fill)}"`,
  ].join('');
  return `<text${attrs}>${tooltip}${shown}</text>`;
}

/**
 * Cuts text longer than `maxChars` characters to fit, ending in "…".
 *
 * @returns escaped markup: the text to show, and a `<title>` with the full text
 *   when it was cut (empty otherwise), to be placed first inside the `<text>`.
 */
export function truncateText(content: string, maxChars?: number): { shown: string; tooltip: string } {
  const chars = [...content];
  if (maxChars === undefined || chars.length <= maxChars) return { shown: escapeXml(content), tooltip: '' };
  const cut = `${chars.slice(0, Math.max(1, maxChars - 1)).join('').trimEnd()}…`;
  return { shown: escapeXml(cut), tooltip: `<title>${escapeXml(content)}</title>` };
}
