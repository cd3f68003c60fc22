/**
 * A horizontal time axis for charts whose points are periods with dates (src/lib/dates/period-model.ts): positions
 * come from days, so a school year, a term and a calendar year fall where their dates are, whatever their labels.
 *
 * @module
 */

import { COLOURS } from './palette.ts';
import type { LinearScale } from './scale.ts';
import { num, textLabel, textWidth } from './svg-frame.ts';

const TICK_FONT = 12;
/** Days since 1970-01-01 (UTC) of an ISO date. */
export const dayNumber = (isoDate: string): number => Date.parse(`${isoDate}T00:00:00Z`) / 86_400_000;

/**
 * The axis: a baseline, a tick at each 1 January inside the domain and each calendar year's label centred on the
 * part of the year the domain shows (so the point of a year-long period sits over its year's label). Labels that
 * would overlap are thinned, counting back from the latest year so it is always labelled; a year with less than a
 * label's width showing is left unlabelled.
 *
 * @param domain - [first day, day after the last] in days since 1970-01-01.
 * @param x - maps days to SVG x.
 */
export function xTimeAxis(domain: readonly [number, number], x: LinearScale, y: number, left: number, right: number): string {
  const [d0, d1] = domain;
  const parts = [`<g class="axis axis--x axis--time" font-size="${TICK_FONT}">`];
  parts.push(`<line x1="${num(left)}" y1="${num(y)}" x2="${num(right)}" y2="${num(y)}" stroke="${COLOURS.secondaryText}" stroke-width="1"/>`);
  const first = new Date(d0 * 86_400_000).getUTCFullYear();
  const last = new Date((d1 - 1) * 86_400_000).getUTCFullYear();
  const bands: { year: number; centre: number; width: number }[] = [];
  for (let year = first; year <= last; year += 1) {
    const start = Math.max(d0, dayNumber(`${year}-01-01`));
    const end = Math.min(d1, dayNumber(`${year + 1}-01-01`));
    if (year > first) parts.push(`<line class="year-tick" x1="${num(x(start))}" y1="${num(y)}" x2="${num(x(start))}" y2="${num(y + 6)}" stroke="${COLOURS.secondaryText}" stroke-width="1"/>`);
    bands.push({ year, centre: (x(start) + x(end)) / 2, width: x(end) - x(start) });
  }
  const labelWidth = textWidth('0000', TICK_FONT) + 8;
  const full = bands.filter((b) => b.width >= labelWidth * 0.8);
  const spacing = full.length > 1 ? Math.min(...full.slice(1).map((b, i) => b.centre - full[i]!.centre)) : Number.POSITIVE_INFINITY;
  const every = Math.max(1, Math.ceil(labelWidth / spacing));
  full.forEach((b, i) => {
    if ((full.length - 1 - i) % every === 0) parts.push(textLabel(b.centre, y + 19, String(b.year), { anchor: 'middle', className: 'category-label' }));
  });
  parts.push('</g>');
  return parts.join('');
}
