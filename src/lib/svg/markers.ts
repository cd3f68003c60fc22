/**
 * Point markers of distinct shapes, and the chart key (legend) that explains them.
 * Signals differ by shape as well as colour, so they survive greyscale printing
 * and colour-vision deficiency.
 *
 * @module
 */

import { escapeXml } from './escape-xml.ts';
import { COLOURS } from './palette.ts';
import { num, textLabel, textWidth } from './svg-frame.ts';

/** Marker shapes; each is drawn as one `<path>`. */
export type MarkerShape = 'circle' | 'square' | 'diamond' | 'triangle-up' | 'triangle-down';

/** Appearance of a marker. */
export interface MarkerStyle {
  readonly shape: MarkerShape;
  readonly fill: string;
  /** Outline colour; required for fills below 3:1 contrast with white (orange). */
  readonly stroke?: string;
  /** Radius-like size in user units; default 5. */
  readonly size?: number;
}

/** Path data of a marker shape centred on (x, y), of similar visual weight for every shape. */
export function markerPath(shape: MarkerShape, x: number, y: number, size: number): string {
  const r = size;
  switch (shape) {
    case 'circle':
      return `M${num(x - r)} ${num(y)}a${num(r)} ${num(r)} 0 1 0 ${num(2 * r)} 0a${num(r)} ${num(r)} 0 1 0 ${num(-2 * r)} 0Z`;
    case 'square': {
      const h = r * 0.9;
      return `M${num(x - h)} ${num(y - h)}h${num(2 * h)}v${num(2 * h)}h${num(-2 * h)}Z`;
    }
    case 'diamond': {
      const h = r * 1.3;
      return `M${num(x)} ${num(y - h)}L${num(x + h)} ${num(y)}L${num(x)} ${num(y + h)}L${num(x - h)} ${num(y)}Z`;
    }
    case 'triangle-up':
    case 'triangle-down': {
      const s = shape === 'triangle-up' ? 1 : -1;
      const h = r * 1.35;
      return `M${num(x)} ${num(y - s * h)}L${num(x + h)} ${num(y + s * h * 0.75)}L${num(x - h)} ${num(y + s * h * 0.75)}Z`;
    }
  }
}

/**
 * A marker `<path>` with the given class and a `data-shape` attribute, and an
 * optional `<title>` tooltip giving the point's label and value. Data points use
 * class `point …` so they can be counted; key samples use `legend-marker`.
 */
export function marker(style: MarkerStyle, x: number, y: number, className: string, tooltip?: string): string {
  const stroke = style.stroke === undefined ? '' : ` stroke="${style.stroke}" stroke-width="1.5"`;
  const title = tooltip === undefined ? '' : `<title>${escapeXml(tooltip)}</title>`;
  const d = markerPath(style.shape, x, y, style.size ?? 5);
  const open = `<path class="${escapeXml(className)}" data-shape="${style.shape}" d="${d}" fill="${style.fill}"${stroke}`;
  return title === '' ? `${open}/>` : `${open}>${title}</path>`;
}

/** One entry of a chart key: a marker or a line sample, and its words. */
export type LegendItem =
  | { readonly kind: 'marker'; readonly style: MarkerStyle; readonly label: string }
  | {
      readonly kind: 'line';
      readonly stroke: string;
      readonly dash?: string;
      readonly width?: number;
      readonly marker?: MarkerStyle;
      readonly label: string;
    };

const SWATCH = 28;
const ROW = 22;
const FONT = 13;

/**
 * Lays out a key as rows of swatch + text, wrapping at `maxWidth`.
 *
 * @returns the markup (a `<g class="legend">`) and the height it takes.
 */
export function legend(items: readonly LegendItem[], x: number, y: number, maxWidth: number): { svg: string; height: number } {
  let cx = 0;
  let row = 0;
  const parts: string[] = [];
  for (const item of items) {
    const width = SWATCH + 6 + textWidth(item.label, FONT) + 24;
    if (cx > 0 && cx + width > maxWidth) {
      cx = 0;
      row += 1;
    }
    const sx = x + cx;
    const sy = y + row * ROW + ROW / 2;
    if (item.kind === 'marker') {
      parts.push(marker(item.style, sx + SWATCH / 2, sy, 'legend-marker'));
    } else {
      const dash = item.dash === undefined ? '' : ` stroke-dasharray="${item.dash}"`;
      parts.push(
        `<line x1="${num(sx)}" y1="${num(sy)}" x2="${num(sx + SWATCH)}" y2="${num(sy)}" stroke="${item.stroke}" stroke-width="${item.width ?? 2}"${dash}/>`,
      );
      if (item.marker !== undefined) {
        parts.push(marker(item.marker, sx + SWATCH / 2, sy, 'legend-marker'));
      }
    }
    parts.push(textLabel(sx + SWATCH + 6, sy, item.label, { size: FONT, baseline: 'middle', className: 'legend-text' }));
    cx += width;
  }
  const height = items.length === 0 ? 0 : (row + 1) * ROW;
  return { svg: `<g class="legend" fill="${COLOURS.text}">${parts.join('')}</g>`, height };
}
