/**
 * Server-rendered line chart comparing the local area with national and other
 * comparator series over time.
 *
 * @module
 */

import { xCategoryAxis, yAxis } from './axes.ts';
import { escapeXml } from './escape-xml.ts';
import { formatValue, unitBounds, type Unit } from './format-value.ts';
import { legend, marker, type LegendItem, type MarkerStyle } from './markers.ts';
import { COLOURS, DASHES } from './palette.ts';
import { linearScale, niceDomain, spreadLabels } from './scale.ts';
import { noDataSvg, num, svgDocument, truncateText, type ChartText } from './svg-frame.ts';
import { dayNumber, xTimeAxis } from './time-axis.ts';

/** One series: a name, its values by period label and its role. */
export interface ComparisonSeries {
  /** Shown at the end of the line, e.g. "Southend-on-Sea" or "England". */
  readonly name: string;
  /**
   * Values by period; a null or non-finite value leaves a gap. When every point of every series has its period's
   * first and last day (`start`, `end`, ISO dates), points are placed by date on a time axis, so series of different
   * kinds of period (calendar years, school years, terms) line up by when they were; otherwise by label order.
   */
  readonly points: readonly { readonly label: string; readonly value: number | null; readonly start?: string; readonly end?: string }[];
  readonly style: 'local' | 'national' | 'comparator';
}

/** Input of {@link comparisonChart}. */
export interface ComparisonChartInput extends ChartText {
  readonly series: readonly ComparisonSeries[];
  readonly unit: Unit;
}

interface LineStyle {
  readonly stroke: string;
  readonly width: number;
  readonly dash?: string;
  readonly marker: MarkerStyle;
}

const finite = (v: number | null | undefined): v is number => typeof v === 'number' && Number.isFinite(v);

/** Line style of a series: local solid blue circles, national dash-dot black squares, comparators dashed with their own colour and shape. */
export function seriesStyle(style: ComparisonSeries['style'], comparatorIndex = 0): LineStyle {
  if (style === 'local') return { stroke: COLOURS.blue, width: 3, marker: { shape: 'circle', fill: COLOURS.blue, size: 4.5 } };
  if (style === 'national') return { stroke: COLOURS.text, width: 2, dash: DASHES.dashDot, marker: { shape: 'square', fill: COLOURS.text, size: 4 } };
  const even = comparatorIndex % 2 === 0;
  return {
    stroke: even ? COLOURS.purple : COLOURS.green,
    width: 2,
    dash: even ? DASHES.dashed : DASHES.dotted,
    marker: { shape: even ? 'diamond' : 'triangle-up', fill: even ? COLOURS.purple : COLOURS.green, size: 4.5 },
  };
}

/**
 * The period labels of all series in one order: each series' own order is kept
 * and a period one series lacks is slotted in after the period before it in
 * the series that has it.
 */
export function mergeLabels(series: readonly ComparisonSeries[]): string[] {
  const out: string[] = [];
  const seen = new Set<string>();
  for (const s of series) {
    let previous: string | null = null;
    for (const { label } of s.points) {
      if (!seen.has(label)) {
        out.splice(previous === null ? 0 : out.indexOf(previous) + 1, 0, label);
        seen.add(label);
      }
      previous = label;
    }
  }
  return out;
}

const W = 720;
const LEFT = 64;
const RIGHT = W - 184;
const TOP = 36;
const BOTTOM = TOP + 240;

/**
 * Renders the series as lines over time, each with its own dash pattern and
 * marker shape (local solid with circles, national dash-dot with squares,
 * comparators dashed or dotted with diamonds or triangles), labelled directly at
 * the end of each line with its name and latest value, and a key.
 *
 * Edge cases: no finite values → "No data yet"; a single period plots markers
 * only; gaps break the line; long names are truncated with a tooltip.
 *
 * @throws RangeError for an invalid id or an empty title or summary.
 */
export function comparisonChart(input: ComparisonChartInput): string {
  const { unit } = input;
  const series = input.series.filter((s) => s.points.some((p) => finite(p.value)));
  if (series.length === 0) return noDataSvg(input, 'comparison');
  const labels = mergeLabels(series);
  const index = new Map(labels.map((l, i) => [l, i]));
  const nice = niceDomain(series.flatMap((s) => s.points.map((p) => (finite(p.value) ? p.value : Number.NaN))), { bounds: unitBounds(unit) });
  const y = linearScale(nice.domain, [BOTTOM, TOP]);
  const parts = [yAxis({ nice, scale: y, unit }, LEFT, RIGHT, TOP)];
  const dated = series.every((s) => s.points.every((p) => p.start !== undefined && p.end !== undefined));
  // positions along x: by date (the middle of each period) on a time axis, or by the merged label order
  let at: (p: ComparisonSeries['points'][number]) => number;
  let track: (s: ComparisonSeries) => { x: number; v: number | null | undefined }[];
  let span: ((p: ComparisonSeries['points'][number]) => [number, number]) | null = null;
  if (dated) {
    const all = series.flatMap((s) => s.points);
    const domain = [Math.min(...all.map((p) => dayNumber(p.start!))), Math.max(...all.map((p) => dayNumber(p.end!) + 1))] as const;
    const xt = linearScale(domain, [LEFT + 12, RIGHT - 12]);
    at = (p) => xt((dayNumber(p.start!) + dayNumber(p.end!) + 1) / 2);
    span = (p) => [xt(dayNumber(p.start!)), xt(dayNumber(p.end!) + 1)];
    track = (s) => [...s.points].sort((a, b) => a.start!.localeCompare(b.start!)).map((p) => ({ x: at(p), v: p.value }));
    parts.push(xTimeAxis(domain, xt, BOTTOM, LEFT, RIGHT));
  } else {
    const x = linearScale([0, labels.length - 1], [LEFT + 12, RIGHT - 12]);
    at = (p) => x(index.get(p.label) ?? 0);
    track = (s) => {
      const byLabel = new Map(s.points.map((p) => [p.label, p.value]));
      const own = s.points.map((p) => index.get(p.label) ?? 0);
      const out: { x: number; v: number | null | undefined }[] = [];
      for (let i = Math.min(...own); i <= Math.max(...own); i += 1) out.push({ x: x(i), v: byLabel.get(labels[i] ?? '') });
      return out;
    };
    parts.push(xCategoryAxis(labels, x, BOTTOM, LEFT, RIGHT));
  }

  // Local last, so its line is drawn on top of the others.
  const rank = { national: 0, comparator: 1, local: 2 } as const;
  let comparators = 0;
  const styled = series
    .map((s) => ({ s, style: seriesStyle(s.style, s.style === 'comparator' ? comparators++ : 0) }))
    .sort((a, b) => rank[a.s.style] - rank[b.s.style]);
  const ends: { y: number; text: string; value: string; fill: string }[] = [];
  for (const { s, style } of styled) {
    let d = '';
    let pen = false;
    let last: { v: number } | null = null;
    for (const { x: px, v } of track(s)) {
      if (!finite(v)) pen = false;
      else {
        d += `${pen ? 'L' : 'M'}${num(px)} ${num(y(v))}`;
        pen = true;
        last = { v };
      }
    }
    const dash = style.dash === undefined ? '' : ` stroke-dasharray="${style.dash}"`;
    parts.push(`<g class="series series--${s.style}">`);
    parts.push(`<path class="series-line" d="${d}" fill="none" stroke="${style.stroke}" stroke-width="${style.width}"${dash} stroke-linejoin="round"/>`);
    for (const p of s.points) {
      if (!finite(p.value)) continue;
      // the days a dated period covers, as a thin bar through its point: a term is visibly shorter than a year
      if (span) {
        const [x1, x2] = span(p);
        parts.push(`<line class="period-span" x1="${num(x1)}" y1="${num(y(p.value))}" x2="${num(x2)}" y2="${num(y(p.value))}" stroke="${style.stroke}" stroke-width="1.5" aria-hidden="true"/>`);
      }
      parts.push(marker(style.marker, at(p), y(p.value), `point point--${s.style}`, `${s.name}, ${p.label}: ${formatValue(p.value, unit)}`));
    }
    parts.push('</g>');
    if (last !== null) ends.push({ y: y(last.v), text: s.name, value: formatValue(last.v, unit), fill: style.stroke });
  }
  const endYs = spreadLabels(ends.map((e) => e.y), 16, TOP, BOTTOM);
  ends.forEach((e, i) => {
    // Bold glyphs run wider than the layout estimate, hence the 0.62 em budget.
    const budget = Math.floor((W - RIGHT - 8) / (13 * 0.62));
    const name = truncateText(e.text, Math.max(6, budget - e.value.length - 1));
    parts.push(
      `<text class="end-label" x="${num(RIGHT + 4)}" y="${num(endYs[i] ?? e.y)}" dominant-baseline="middle" font-size="13" fill="${e.fill}">` +
        `${name.tooltip}<tspan font-weight="bold">${name.shown}</tspan> ${escapeXml(e.value)}</text>`,
    );
  });
  const order = { local: 0, national: 1, comparator: 2 } as const;
  const items: LegendItem[] = styled
    .slice()
    .sort((a, b) => order[a.s.style] - order[b.s.style])
    .map(({ s, style }) => ({ kind: 'line', stroke: style.stroke, width: style.width, dash: style.dash, marker: style.marker, label: s.name }));
  const key = legend(items, LEFT - 40, BOTTOM + 40, W - LEFT);
  parts.push(key.svg);
  return svgDocument(input, 'comparison', W, BOTTOM + 48 + key.height, parts.join(''));
}
