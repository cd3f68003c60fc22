/**
 * Server-rendered funnel plot: areas' values against their denominators, with
 * 95% and 99.8% control limits around a benchmark.
 *
 * @module
 */

import type { FunnelSignificance } from '../stats/index.ts';
import { xValueAxis, yAxis } from './axes.ts';
import { formatTick, formatValue, unitBounds, type Unit } from './format-value.ts';
import { legend, marker, type LegendItem, type MarkerStyle } from './markers.ts';
import { COLOURS, DASHES } from './palette.ts';
import { linearScale, niceDomain, spreadLabels, type LinearScale } from './scale.ts';
import { charsFitting, noDataSvg, num, svgDocument, textLabel, type ChartText } from './svg-frame.ts';

/** One area on a funnel plot. `value` is numerator / denominator in the chart unit. */
export interface FunnelPoint {
  readonly label: string;
  readonly numerator: number;
  readonly denominator: number;
  readonly value: number;
  /** Where the point lies against the limits, if already computed (e.g. by `proportionFunnelSignificance`); otherwise it is read off the limits given. */
  readonly significance?: FunnelSignificance | null;
}

/** Control limits at one denominator, in the chart unit; null where undefined. */
export interface FunnelLimitRow {
  readonly n: number;
  readonly lower95: number | null;
  readonly upper95: number | null;
  readonly lower998: number | null;
  readonly upper998: number | null;
}

/** Input of {@link funnelPlot}. */
export interface FunnelPlotInput extends ChartText {
  readonly benchmark: number | null;
  readonly points: readonly FunnelPoint[];
  /** Limits at a range of denominators; more rows give smoother curves (about 50 is plenty). */
  readonly limits: readonly FunnelLimitRow[];
  readonly unit: Unit;
  /** Title of the denominator axis; default "Number in the denominator". */
  readonly denominatorLabel?: string;
}

/** Where an area falls: inside the 95% limits, outside them only, or outside the 99.8% limits too. */
export type FunnelBand = 'within' | 'outside-95' | 'outside-998';
type LimitKey = 'lower95' | 'upper95' | 'lower998' | 'upper998';
const finite = (v: number | null | undefined): v is number => typeof v === 'number' && Number.isFinite(v);

const STYLES: Readonly<Record<FunnelBand, MarkerStyle>> = {
  within: { shape: 'circle', fill: COLOURS.grey, size: 4 },
  'outside-95': { shape: 'square', fill: COLOURS.blue, size: 5.5 },
  'outside-998': { shape: 'diamond', fill: COLOURS.purple, size: 6.5 },
};

/** The limits at denominator n by linear interpolation between the rows (sorted by n); null outside their range. */
function limitsAt(rows: readonly FunnelLimitRow[], n: number): FunnelLimitRow | null {
  let lo = 0;
  let hi = rows.length - 1;
  const first = rows[0];
  const last = rows[hi];
  if (first === undefined || last === undefined || n < first.n || n > last.n) return null;
  // Binary search: a page may plot 150 areas against 100 limit rows.
  while (hi - lo > 1) {
    const mid = (lo + hi) >> 1;
    if ((rows[mid] as FunnelLimitRow).n <= n) lo = mid;
    else hi = mid;
  }
  const a = rows[lo] as FunnelLimitRow;
  const b = rows[hi] as FunnelLimitRow;
  const t = b.n === a.n ? 0 : (n - a.n) / (b.n - a.n);
  const mix = (va: number | null, vb: number | null): number | null => (finite(va) && finite(vb) ? va + (vb - va) * t : null);
  return { n, lower95: mix(a.lower95, b.lower95), upper95: mix(a.upper95, b.upper95), lower998: mix(a.lower998, b.lower998), upper998: mix(a.upper998, b.upper998) };
}

/**
 * The band a point falls in: from its own `significance` when given, otherwise
 * by comparing its value with the limits interpolated at its denominator
 * (strictly, so a value on a limit is within it). `rows` must be sorted by n.
 */
export function funnelBand(point: FunnelPoint, rows: readonly FunnelLimitRow[]): FunnelBand {
  const s = point.significance;
  if (s !== undefined && s !== null) return s.endsWith('99.8') ? 'outside-998' : s === 'not-significant' ? 'within' : 'outside-95';
  const at = limitsAt(rows, point.denominator);
  if (at === null) return 'within';
  const v = point.value;
  if ((at.lower998 !== null && v < at.lower998) || (at.upper998 !== null && v > at.upper998)) return 'outside-998';
  if ((at.lower95 !== null && v < at.lower95) || (at.upper95 !== null && v > at.upper95)) return 'outside-95';
  return 'within';
}

function curve(rows: readonly FunnelLimitRow[], key: LimitKey, x: LinearScale, y: LinearScale): string {
  let d = '';
  let pen = false;
  for (const row of rows) {
    const v = row[key];
    if (!finite(v)) pen = false;
    else {
      d += `${pen ? 'L' : 'M'}${num(x(row.n))} ${num(y(v))}`;
      pen = true;
    }
  }
  return d;
}

const W = 720;
const LEFT = 64;
const RIGHT = W - 120;
const TOP = 36;
const BOTTOM = TOP + 260;

/**
 * Renders a funnel plot: one marker per area at (denominator, value); the
 * benchmark as a solid line; the 95% limits dashed and the 99.8% limits
 * long-dashed, clipped to the plot; areas outside the 95% limits as blue squares
 * and outside the 99.8% limits as purple diamonds, both labelled with the area
 * name; and a key.
 *
 * Edge cases: points with a missing or non-positive denominator or a non-finite
 * value are left out; with none left the chart says "No data yet". The value axis
 * is fitted to the points and the limits at their denominators, not to the very
 * wide limits at tiny denominators.
 *
 * @throws RangeError for an invalid id or an empty title or summary.
 */
export function funnelPlot(input: FunnelPlotInput): string {
  const { unit } = input;
  const points = input.points.filter((p) => finite(p.denominator) && p.denominator > 0 && finite(p.value));
  if (points.length === 0) return noDataSvg(input, 'funnel');
  const rows = input.limits.filter((r) => finite(r.n) && r.n >= 0).slice().sort((a, b) => a.n - b.n);
  const benchmark = finite(input.benchmark) ? input.benchmark : null;
  const minN = Math.min(...points.map((p) => p.denominator));
  const nice = niceDomain([0, ...points.map((p) => p.denominator)], { bounds: [0, Number.POSITIVE_INFINITY] });
  const visible = rows.filter((r) => r.n >= minN && r.n <= nice.domain[1]);
  const yValues = [...points.map((p) => p.value), benchmark ?? Number.NaN];
  for (const r of visible) yValues.push(r.lower998 ?? Number.NaN, r.upper998 ?? Number.NaN);
  const yNice = niceDomain(yValues, { bounds: unitBounds(unit) });
  const x = linearScale(nice.domain, [LEFT, RIGHT]);
  const y = linearScale(yNice.domain, [BOTTOM, TOP]);
  const clip = `${input.id}-plot-area`;

  const parts = [yAxis({ nice: yNice, scale: y, unit }, LEFT, RIGHT, TOP)];
  parts.push(xValueAxis({ nice, scale: x, unit: 'count' }, TOP, BOTTOM, input.denominatorLabel ?? 'Number in the denominator', (t) => formatTick(t, 'count', nice.step)));
  parts.push(`<clipPath id="${clip}"><rect x="${LEFT}" y="${TOP}" width="${RIGHT - LEFT}" height="${BOTTOM - TOP}"/></clipPath>`);
  const ends: { y: number; text: string; fill: string }[] = [];
  const lastRow = visible.at(-1) ?? rows.at(-1);
  const limitStyle = (key: LimitKey): { stroke: string; dash: string; cls: string; text: string } =>
    key.endsWith('998')
      ? { stroke: COLOURS.text, dash: DASHES.longDashed, cls: 'limit limit--998', text: key.startsWith('upper') ? 'Upper 99.8%' : 'Lower 99.8%' }
      : { stroke: COLOURS.grey, dash: DASHES.dashed, cls: 'limit limit--95', text: key.startsWith('upper') ? 'Upper 95%' : 'Lower 95%' };
  const lines: string[] = [];
  for (const key of ['upper998', 'upper95', 'lower95', 'lower998'] as const) {
    const d = curve(rows, key, x, y);
    if (d === '') continue;
    const s = limitStyle(key);
    lines.push(`<path class="${s.cls}" d="${d}" fill="none" stroke="${s.stroke}" stroke-width="1.5" stroke-dasharray="${s.dash}"/>`);
    const end = lastRow?.[key];
    if (finite(end) && end >= yNice.domain[0] && end <= yNice.domain[1]) ends.push({ y: y(end), text: s.text, fill: s.stroke });
  }
  if (benchmark !== null && benchmark >= yNice.domain[0] && benchmark <= yNice.domain[1]) {
    lines.push(`<line class="benchmark" x1="${LEFT}" y1="${num(y(benchmark))}" x2="${RIGHT}" y2="${num(y(benchmark))}" stroke="${COLOURS.text}" stroke-width="2"/>`);
    ends.push({ y: y(benchmark), text: `Benchmark ${formatValue(benchmark, unit, { unitSuffix: false })}`, fill: COLOURS.text });
  }
  parts.push(`<g clip-path="url(#${clip})">${lines.join('')}</g>`);
  const endYs = spreadLabels(ends.map((e) => e.y), 14, TOP, BOTTOM);
  ends.forEach((e, i) => parts.push(textLabel(RIGHT + 6, endYs[i] ?? e.y, e.text, { baseline: 'middle', size: 12, fill: e.fill, maxChars: charsFitting(W - RIGHT - 8, 12), className: 'limit-label' })));

  const labels: string[] = [];
  for (const p of points) {
    const band = funnelBand(p, rows);
    const [px, py] = [x(p.denominator), y(p.value)];
    const where = band === 'within' ? 'within the 95% limits' : band === 'outside-95' ? 'outside the 95% limits' : 'outside the 99.8% limits';
    const tip = `${p.label}: ${formatValue(p.value, unit)} (${formatValue(p.numerator, 'count')} of ${formatValue(p.denominator, 'count')}), ${where}`;
    parts.push(marker(STYLES[band], px, py, `point point--${band}`, tip));
    if (band !== 'within') {
      const leftSide = px > RIGHT - 110;
      labels.push(textLabel(px + (leftSide ? -10 : 10), py, p.label, { anchor: leftSide ? 'end' : 'start', baseline: 'middle', size: 12, maxChars: 18, className: 'outlier-label' }));
    }
  }
  parts.push(...labels);
  const items: LegendItem[] = [
    { kind: 'marker', style: STYLES.within, label: 'Within the 95% limits' },
    { kind: 'marker', style: STYLES['outside-95'], label: 'Outside the 95% limits' },
    { kind: 'marker', style: STYLES['outside-998'], label: 'Outside the 99.8% limits' },
    { kind: 'line', stroke: COLOURS.text, width: 2, label: 'Benchmark' },
    { kind: 'line', stroke: COLOURS.grey, dash: DASHES.dashed, width: 1.5, label: '95% limits' },
    { kind: 'line', stroke: COLOURS.text, dash: DASHES.longDashed, width: 1.5, label: '99.8% limits' },
  ];
  const key = legend(items, LEFT - 40, BOTTOM + 48, W - LEFT);
  parts.push(key.svg);
  return svgDocument(input, 'funnel', W, BOTTOM + 56 + key.height, parts.join(''));
}
