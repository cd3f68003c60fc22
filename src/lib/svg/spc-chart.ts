/**
 * Server-rendered XmR (statistical process control) chart in the NHS "Making
 * Data Count" style.
 *
 * @module
 */

import type { Polarity, SpcRule } from '../stats/index.ts';
import { xCategoryAxis, yAxis } from './axes.ts';
import { formatValue, unitBounds, type Unit } from './format-value.ts';
import { legend, marker, type LegendItem, type MarkerStyle } from './markers.ts';
import { COLOURS, DASHES } from './palette.ts';
import { referenceLines } from './reference-lines.ts';
import { linearScale, niceDomain } from './scale.ts';
import { noDataSvg, num, svgDocument, type ChartText } from './svg-frame.ts';

/** One period of an SPC chart, as {@link xmrChart} describes it plus its label. */
export interface SpcChartPoint {
  /** Period label, e.g. "Apr 2024". */
  readonly label: string;
  /** Value in the chart unit; null (or non-finite) leaves a gap in the line. */
  readonly value: number | null;
  readonly specialCause: boolean;
  readonly rules?: readonly SpcRule[];
  /** Direction of the special cause; when absent it is taken from the side of the mean. */
  readonly direction?: 'high' | 'low' | null;
}

/** Input of {@link spcChart}. Mean, limits and target are in the chart unit. */
export interface SpcChartInput extends ChartText {
  readonly points: readonly SpcChartPoint[];
  readonly mean: number | null;
  readonly lowerLimit: number | null;
  readonly upperLimit: number | null;
  readonly target?: number | null;
  readonly polarity: Polarity;
  readonly unit: Unit;
}

/** How a point is drawn: common cause, or a special cause judged against the polarity. */
export type SpcPointKind = 'common' | 'improvement' | 'concern' | 'neither';

const finite = (v: number | null | undefined): v is number => typeof v === 'number' && Number.isFinite(v);

/** Marker styles; special causes differ in shape (and triangles point the good way). */
export function spcMarkerStyle(kind: SpcPointKind, polarity: Polarity): MarkerStyle {
  if (kind === 'improvement') {
    return { shape: polarity === 'lower-is-better' ? 'triangle-down' : 'triangle-up', fill: COLOURS.blue, size: 5 };
  }
  if (kind === 'concern') return { shape: 'diamond', fill: COLOURS.orange, stroke: COLOURS.text, size: 5.5 };
  if (kind === 'neither') return { shape: 'square', fill: COLOURS.purple, size: 5.5 };
  return { shape: 'circle', fill: COLOURS.grey, size: 3.5 };
}

/** Classifies a point as Making Data Count does: the signal's direction against the polarity. */
export function spcPointKind(point: SpcChartPoint, mean: number | null, polarity: Polarity): SpcPointKind {
  if (!point.specialCause) return 'common';
  const value = point.value;
  const side = !finite(mean) || !finite(value) ? null : value > mean ? 'high' : value < mean ? 'low' : null;
  const direction = point.direction ?? side;
  if (polarity === 'neither' || direction === null) return 'neither';
  return (direction === 'high') === (polarity === 'higher-is-better') ? 'improvement' : 'concern';
}

const RULE_WORDS: Readonly<Record<SpcRule, string>> = {
  'beyond-limit': 'outside the process limits',
  trend: 'a run of rising or falling points',
  'two-of-three': 'two of three points near a limit',
  shift: 'a run of points on one side of the mean',
};

const KIND_WORDS: Readonly<Record<SpcPointKind, string>> = {
  common: 'Common cause variation',
  improvement: 'Special cause: improvement',
  concern: 'Special cause: concern',
  neither: 'Special cause: neither improvement nor concern',
};

const W = 720;
const LEFT = 64;
const RIGHT = W - 136;
const TOP = 36;
const BOTTOM = TOP + 240;

/**
 * Renders an XmR chart: the values as a line with markers, the mean (solid), the
 * process limits (dashed), the target (dotted, labelled), special-cause points
 * as triangles (improvement, blue), diamonds (concern, orange) or squares
 * (neither, purple), and a key. Axis labels thin out when there are many periods.
 *
 * Edge cases: no plottable values → a "No data yet" chart; null mean or limits
 * are not drawn; a single point sits in the middle; all-equal values get a
 * padded axis.
 *
 * @returns the SVG markup, ready to embed in HTML.
 * @throws RangeError for an invalid id or an empty title or summary.
 */
export function spcChart(input: SpcChartInput): string {
  const { points, unit, polarity } = input;
  if (!points.some((p) => finite(p.value))) return noDataSvg(input, 'spc');
  const mean = finite(input.mean) ? input.mean : null;
  const target = finite(input.target) ? input.target : null;
  const lower = finite(input.lowerLimit) ? input.lowerLimit : null;
  const upper = finite(input.upperLimit) ? input.upperLimit : null;
  const values = points.map((p) => (finite(p.value) ? p.value : Number.NaN));
  const nice = niceDomain([...values, mean ?? Number.NaN, lower ?? Number.NaN, upper ?? Number.NaN, target ?? Number.NaN], {
    bounds: unitBounds(unit),
  });
  const y = linearScale(nice.domain, [BOTTOM, TOP]);
  const x = linearScale([0, points.length - 1], [LEFT + 12, RIGHT - 12]);

  const parts = [yAxis({ nice, scale: y, unit }, LEFT, RIGHT, TOP)];
  // The axis title names days and rates, so the line labels keep to the number.
  const short = (v: number | null): string => formatValue(v, unit, { unitSuffix: false });
  parts.push(
    referenceLines(
      [
        { value: upper, label: `Upper limit ${short(upper)}`, stroke: COLOURS.grey, dash: DASHES.dashed, className: 'limit' },
        { value: mean, label: `Mean ${short(mean)}`, stroke: COLOURS.text, className: 'mean' },
        { value: lower, label: `Lower limit ${short(lower)}`, stroke: COLOURS.grey, dash: DASHES.dashed, className: 'limit' },
        { value: target, label: `Target ${short(target)}`, stroke: COLOURS.red, dash: DASHES.dotted, width: 2.5, className: 'target' },
      ],
      y,
      nice.domain,
      LEFT,
      RIGHT,
      TOP,
      BOTTOM,
      W - RIGHT - 8,
    ),
  );
  let d = '';
  let pen = false;
  values.forEach((v, i) => {
    if (Number.isNaN(v)) pen = false;
    else {
      d += `${pen ? 'L' : 'M'}${num(x(i))} ${num(y(v))}`;
      pen = true;
    }
  });
  parts.push(`<path class="series" d="${d}" fill="none" stroke="${COLOURS.grey}" stroke-width="1.5" stroke-linejoin="round"/>`);
  points.forEach((p, i) => {
    const v = values[i] as number;
    if (Number.isNaN(v)) return;
    const kind = spcPointKind(p, mean, polarity);
    const rules = kind === 'common' || !p.rules?.length ? '' : `: ${p.rules.map((r) => RULE_WORDS[r]).join('; ')}`;
    const tooltip = `${p.label}: ${formatValue(v, unit)}${kind === 'common' ? '' : ` (${KIND_WORDS[kind]}${rules})`}`;
    parts.push(marker(spcMarkerStyle(kind, polarity), x(i), y(v), `point point--${kind}`, tooltip));
  });
  parts.push(xCategoryAxis(points.map((p) => p.label), x, BOTTOM, LEFT, RIGHT));

  const kinds: SpcPointKind[] = polarity === 'neither' ? ['common', 'neither'] : ['common', 'improvement', 'concern'];
  const items: LegendItem[] = kinds.map((kind) => ({ kind: 'marker', style: spcMarkerStyle(kind, polarity), label: KIND_WORDS[kind] }));
  if (mean !== null) items.push({ kind: 'line', stroke: COLOURS.text, width: 1.5, label: 'Mean' });
  if (lower !== null || upper !== null) items.push({ kind: 'line', stroke: COLOURS.grey, dash: DASHES.dashed, width: 1.5, label: 'Process limits' });
  if (target !== null) items.push({ kind: 'line', stroke: COLOURS.red, dash: DASHES.dotted, width: 2.5, label: 'Target' });
  const key = legend(items, LEFT - 40, BOTTOM + 40, W - LEFT);
  parts.push(key.svg);
  return svgDocument(input, 'spc', W, BOTTOM + 48 + key.height, parts.join(''));
}
