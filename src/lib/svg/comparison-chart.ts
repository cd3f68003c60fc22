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

/** One series: a name, its values by period label and its role. */
export interface ComparisonSeries {
  /** Shown at the end of the line, e.g. "Southend-on-Sea" or "England". */
  readonly name: string;
  /** Values by period; a null or non-finite value leaves a gap. */
  readonly points: readonly { readonly label: string; readonly value: number | null }[];
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
  const x = linearScale([0, labels.length - 1], [LEFT + 12, RIGHT - 12]);
  const parts = [yAxis({ nice, scale: y, unit }, LEFT, RIGHT, TOP)];
  parts.push(xCategoryAxis(labels, x, BOTTOM, LEFT, RIGHT));

  // Local last, so its line is drawn on top of the others.
  const rank = { national: 0, comparator: 1, local: 2 } as const;
  let comparators = 0;
  const styled = series
    .map((s) => ({ s, style: seriesStyle(s.style, s.style === 'comparator' ? comparators++ : 0) }))
    .sort((a, b) => rank[a.s.style] - rank[b.s.style]);
  const ends: { y: number; text: string; value: string; fill: string }[] = [];
  for (const { s, style } of styled) {
    const byLabel = new Map(s.points.map((p) => [p.label, p.value]));
    const own = s.points.map((p) => index.get(p.label) ?? 0);
    let d = '';
    let pen = false;
    let last: { i: number; v: number } | null = null;
    for (let i = Math.min(...own); i <= Math.max(...own); i += 1) {
      const v = byLabel.get(labels[i] ?? '');
      if (!finite(v)) pen = false;
      else {
        d += `${pen ? 'L' : 'M'}${num(x(i))} ${num(y(v))}`;
        pen = true;
        last = { i, v };
      }
    }
    const dash = style.dash === undefined ? '' : ` stroke-dasharray="${style.dash}"`;
    parts.push(`<g class="series series--${s.style}">`);
    parts.push(`<path class="series-line" d="${d}" fill="none" stroke="${style.stroke}" stroke-width="${style.width}"${dash} stroke-linejoin="round"/>`);
    for (const p of s.points) {
      const i = index.get(p.label);
      if (i === undefined || !finite(p.value)) continue;
      parts.push(marker(style.marker, x(i), y(p.value), `point point--${s.style}`, `${s.name}, ${p.label}: ${formatValue(p.value, unit)}`));
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
