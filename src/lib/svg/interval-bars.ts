/**
 * Server-rendered chart of values with confidence intervals by area, compared
 * with a benchmark (the Fingertips "compare areas" view).
 *
 * @module
 */

import type { BenchmarkComparison } from '../stats/index.ts';
import { xValueAxis } from './axes.ts';
import { formatValue, unitAxisTitle, unitBounds, type Unit } from './format-value.ts';
import { legend, marker, type LegendItem, type MarkerStyle } from './markers.ts';
import { COLOURS } from './palette.ts';
import { linearScale, niceDomain } from './scale.ts';
import { charsFitting, noDataSvg, num, svgDocument, textLabel, textWidth, type ChartText } from './svg-frame.ts';

/** One area: its value, confidence interval and comparison with the benchmark. */
export interface IntervalRow {
  readonly label: string;
  /** Null (or non-finite) when there is no value, e.g. suppressed small numbers. */
  readonly value: number | null;
  readonly lower: number | null;
  readonly upper: number | null;
  /** From `compareToBenchmark`; null when not compared. */
  readonly comparison: BenchmarkComparison | null;
}

/** Input of {@link intervalBars}. */
export interface IntervalBarsInput extends ChartText {
  readonly rows: readonly IntervalRow[];
  readonly benchmark?: number | null;
  /** Name of the benchmark, e.g. "England"; default "Benchmark". */
  readonly benchmarkLabel?: string;
  readonly unit: Unit;
}

type Comparison = BenchmarkComparison | 'none';
const finite = (v: number | null | undefined): v is number => typeof v === 'number' && Number.isFinite(v);

const STYLES: Readonly<Record<Comparison, MarkerStyle>> = {
  better: { shape: 'circle', fill: COLOURS.green, size: 5.5 },
  similar: { shape: 'square', fill: COLOURS.white, stroke: COLOURS.text, size: 5 },
  worse: { shape: 'diamond', fill: COLOURS.red, size: 6.5 },
  higher: { shape: 'triangle-up', fill: COLOURS.blue, size: 6 },
  lower: { shape: 'triangle-down', fill: COLOURS.darkBlue, size: 6 },
  none: { shape: 'circle', fill: COLOURS.white, stroke: COLOURS.grey, size: 4.5 },
};

const WORDS: Readonly<Record<Comparison, string>> = {
  better: 'Better',
  similar: 'Similar',
  worse: 'Worse',
  higher: 'Higher',
  lower: 'Lower',
  none: 'Not compared',
};

const W = 720;
const LABEL_X = 8;
const LEFT = 184;
const RIGHT = 490;
const VALUE_X = 560;
const COMPARE_X = 574;
const TOP = 52;
const ROW = 28;

/**
 * Renders one row per area: the value as a marker whose shape shows the
 * comparison (better ●, similar □, worse ◆, higher ▲, lower ▼, not compared ○),
 * its confidence interval as a whisker, the value and the comparison in words in
 * columns to the right, a vertical benchmark line and a key.
 *
 * Edge cases: no rows → "No data yet"; a row without a value says "No data"; a
 * missing interval draws no whisker; long area names are truncated with the full
 * name in a tooltip.
 *
 * @throws RangeError for an invalid id or an empty title or summary.
 */
export function intervalBars(input: IntervalBarsInput): string {
  const { rows, unit } = input;
  if (!rows.some((r) => finite(r.value))) return noDataSvg(input, 'intervals');
  const benchmark = finite(input.benchmark) ? input.benchmark : null;
  const benchmarkName = input.benchmarkLabel ?? 'Benchmark';
  const all = rows.flatMap((r) => [r.value, r.lower, r.upper]).map((v) => (finite(v) ? v : Number.NaN));
  const nice = niceDomain([...all, benchmark ?? Number.NaN], { bounds: unitBounds(unit) });
  const x = linearScale(nice.domain, [LEFT, RIGHT]);
  const bottom = TOP + rows.length * ROW;

  const parts = [
    `<g class="column-headings" font-weight="bold" font-size="13">`,
    textLabel(LABEL_X, TOP - 12, 'Area'),
    textLabel(VALUE_X, TOP - 12, 'Value', { anchor: 'end' }),
    textLabel(COMPARE_X, TOP - (benchmark === null ? 12 : 28), benchmark === null ? 'Compared' : 'Compared with'),
    benchmark === null ? '' : textLabel(COMPARE_X, TOP - 12, benchmarkName, { maxChars: 16 }),
    '</g>',
  ];
  rows.forEach((_, i) => {
    if (i % 2 === 0) parts.push(`<rect x="0" y="${num(TOP + i * ROW)}" width="${W}" height="${ROW}" fill="${COLOURS.lightGrey}"/>`);
  });
  parts.push(xValueAxis({ nice, scale: x, unit }, TOP, bottom, unitAxisTitle(unit)));
  const maxLabel = charsFitting(LEFT - LABEL_X - 10, 14);
  rows.forEach((row, i) => {
    const cy = TOP + i * ROW + ROW / 2;
    const comparison: Comparison = row.comparison ?? 'none';
    parts.push(textLabel(LABEL_X, cy, row.label, { baseline: 'middle', maxChars: maxLabel, className: 'row-label' }));
    if (!finite(row.value)) {
      parts.push(textLabel(VALUE_X, cy, 'No data', { anchor: 'end', baseline: 'middle', fill: COLOURS.secondaryText }));
      return;
    }
    if (finite(row.lower) && finite(row.upper)) {
      const [x1, x2] = [x(Math.min(row.lower, row.upper)), x(Math.max(row.lower, row.upper))];
      parts.push(
        `<path class="interval" d="M${num(x1)} ${num(cy)}H${num(x2)}M${num(x1)} ${num(cy - 5)}V${num(cy + 5)}M${num(x2)} ${num(cy - 5)}V${num(cy + 5)}" stroke="${COLOURS.text}" stroke-width="1.5" fill="none"/>`,
      );
    }
    const interval = finite(row.lower) && finite(row.upper) ? ` (95% confidence interval ${formatValue(row.lower, unit)} to ${formatValue(row.upper, unit)})` : '';
    const tip = `${row.label}: ${formatValue(row.value, unit)}${interval}, ${WORDS[comparison].toLowerCase()}`;
    parts.push(marker(STYLES[comparison], x(row.value), cy, `point point--${comparison}`, tip));
    parts.push(textLabel(VALUE_X, cy, formatValue(row.value, unit), { anchor: 'end', baseline: 'middle', className: 'row-value' }));
    parts.push(textLabel(COMPARE_X, cy, WORDS[comparison], { baseline: 'middle', className: 'row-comparison', weight: comparison === 'similar' || comparison === 'none' ? undefined : 'bold' }));
  });
  if (benchmark !== null) {
    const bx = x(benchmark);
    parts.push(`<line class="benchmark" x1="${num(bx)}" y1="${TOP - 4}" x2="${num(bx)}" y2="${num(bottom)}" stroke="${COLOURS.text}" stroke-width="2"/>`);
    const text = `${benchmarkName} ${formatValue(benchmark, unit)}`;
    // Centred on the line but kept clear of the Area and Value headings.
    const half = Math.min(textWidth(text, 12), textWidth('x'.repeat(24), 12)) / 2;
    const lx = Math.min(Math.max(bx, LEFT + half), RIGHT - half);
    parts.push(textLabel(lx, TOP - 12, text, { anchor: 'middle', size: 12, maxChars: 24, className: 'benchmark-label' }));
  }
  const used = new Set<Comparison>(rows.filter((r) => finite(r.value)).map((r) => r.comparison ?? 'none'));
  const order: Comparison[] = ['better', 'similar', 'worse', 'higher', 'lower', 'none'];
  const items: LegendItem[] = order.filter((c) => used.has(c)).map((c) => ({ kind: 'marker', style: STYLES[c], label: WORDS[c] }));
  items.push({ kind: 'line', stroke: COLOURS.text, width: 1.5, label: '95% confidence interval' });
  if (benchmark !== null) items.push({ kind: 'line', stroke: COLOURS.text, width: 2, label: benchmarkName });
  const key = legend(items, LABEL_X, bottom + 48, W - 2 * LABEL_X);
  parts.push(key.svg);
  return svgDocument(input, 'intervals', W, bottom + 56 + key.height, parts.join(''));
}
