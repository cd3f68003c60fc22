import {
  assuranceIcon,
  byarInterval,
  proportionFunnelSignificance,
  twoProportionTest,
  variationIcon,
  wilsonInterval,
  xmrChart,
  type AssuranceIcon,
  type Interval,
  type VariationIcon,
  type XmrChart,
} from '../lib/stats/index.ts';
import { intervalMethodFor, type MeasureKind, type Polarity } from './measure-definition.ts';
import { summariseMeasure } from './measure-summary.ts';
import { compareWithNational, type NationalComparison } from './national-comparison.ts';

export interface SeriesPoint {
  period: string;
  numerator: number | null;
  denominator: number | null;
  /** For measures without a numerator/denominator (durations, milestones): the value as displayed. */
  value: number | null;
  revised?: boolean;
  /** First day of the period (YYYY-MM-DD), for projecting a trajectory to a target date. */
  periodStart?: string;
  /**
   * Why disclosure control hides the point (its own small numbers, or so that subtraction cannot reveal another),
   * decided over every figure shown of the measure (src/modules/measures/measure-disclosure.ts): nothing of a hidden
   * point is shown or used in a statistic that is.
   */
  suppressed?: string;
}

export interface EvaluationInput {
  kind: MeasureKind;
  unit: string;
  polarity: Polarity;
  suppressionThreshold: number;
  baseline?: { value?: number | null; n?: number | null; period?: string | null };
  target?: { value?: number | null; on?: string | null; relative?: string | null };
  /** The overall series, oldest first. */
  series: SeriesPoint[];
  /** The latest period by area, for between-area variation. */
  areas?: (SeriesPoint & { area: string })[];
  /** National figures on the display scale (percent for percent units), oldest first. */
  national?: { period: string; value: number }[];
}

export interface LatestValue {
  period: string;
  value: number | null;
  interval: Interval | null;
  numerator: number | null;
  denominator: number | null;
  suppressed: string | null;
}

export interface MeasureEvaluation {
  latest: LatestValue | null;
  change: { baseline: number; latest: number; z: number; p: number; significant: boolean; direction: 'improved' | 'worsened' | 'higher' | 'lower' | 'no-significant-change' } | null;
  /** England, like period with like period only (src/measures/national-comparison.ts). */
  national: NationalComparison | null;
  target: { value: number | null; on: string | null; relative: string | null; status: 'met' | 'not-met' | 'no-target'; projected: number | null; trajectory: 'on-track' | 'off-track' | null } | null;
  spc: { chart: XmrChart; periods: string[]; variation: VariationIcon | null; assurance: AssuranceIcon | null } | null;
  areas: { area: string; value: number | null; interval: Interval | null; significance: string | null; suppressed: string | null }[];
  areaSpread: { range: number; coefficientOfVariation: number | null } | null;
  /** How areas are compared with the whole area: funnel limits for proportions only, or why not. */
  areaComparison: { method: 'funnel'; reason: null } | { method: 'none'; reason: string } | null;
  /** For counts by area: the whole area's count beside the sum of its areas' (null when it cannot be added up). */
  areaTotal: { whole: number; sum: number; matches: boolean } | null;
  summary: string;
}

const scaleOf = (unit: string) => (unit === 'percent' ? 100 : unit === 'per-1000' ? 1000 : unit === 'per-100' ? 100 : 1);

/**
 * The displayed value and its 95% interval, or why it is suppressed (domain.md §7: counts 1-4): a numerator or
 * denominator from 1 to `threshold - 1`, and a value without a numerator (a median) whose count of cases, given as
 * the denominator, is that small.
 */
export function pointValue(point: SeriesPoint, kind: MeasureKind, unit: string, threshold: number): Omit<LatestValue, 'period'> {
  const { numerator, denominator } = point;
  const base = { numerator, denominator, value: point.value, interval: null, suppressed: null };
  const small = (n: number) => n > 0 && n < threshold;
  const hidden = { numerator: null, denominator: null, value: null, interval: null, suppressed: point.suppressed ?? `fewer than ${threshold} cases` };
  if (point.suppressed) return hidden;
  // a value of few cases (a median wait of 3 children, with its count as denominator) would show them too
  if (numerator === null) return denominator !== null && small(denominator) ? hidden : base;
  if (small(numerator) || (denominator !== null && small(denominator))) return hidden;
  const method = intervalMethodFor(kind);
  const scale = scaleOf(unit);
  if (denominator === null) {
    return { ...base, value: numerator, interval: method === 'byar' ? byarInterval(numerator) : null };
  }
  if (denominator === 0) return { ...base, value: null, suppressed: 'no cases in the period (denominator zero)' };
  const value = (numerator / denominator) * scale;
  if (method === 'wilson') {
    const i = wilsonInterval(numerator, denominator);
    return { ...base, value, interval: i && { lower: i.lower * scale, upper: i.upper * scale } };
  }
  if (method === 'byar') {
    const i = byarInterval(numerator);
    return { ...base, value, interval: { lower: (i.lower / denominator) * scale, upper: (i.upper / denominator) * scale } };
  }
  return { ...base, value };
}


/**
 * Evaluates a measure for its latest period: value with interval (Wilson / Byar, as Fingertips),
 * change from baseline (two-proportion z-test), comparison with England (Fingertips interval
 * method), target position, SPC variation and assurance (NHS Making Data Count) and between-area
 * variation (funnel limits), with a plain-English summary.
 */
export function evaluateMeasure(input: EvaluationInput): MeasureEvaluation {
  const points = input.series.map((p) => ({ period: p.period, ...pointValue(p, input.kind, input.unit, input.suppressionThreshold) }));
  const latest = points.at(-1) ?? null;
  const shown = points.filter((p): p is typeof p & { value: number } => p.value !== null);
  const polarity = input.polarity;

  let change: MeasureEvaluation['change'] = null;
  const b = input.baseline;
  if (latest?.value != null && latest.numerator != null && latest.denominator && b?.value != null && b.n && input.unit === 'percent') {
    const test = twoProportionTest(Math.round((b.value / 100) * b.n), b.n, latest.numerator, latest.denominator);
    if (test) {
      const significant = test.p < 0.05;
      const up = latest.value > b.value;
      const direction = !significant ? 'no-significant-change' : polarity === 'neither' ? (up ? 'higher' : 'lower') : up === (polarity === 'higher-is-better') ? 'improved' : 'worsened';
      change = { baseline: b.value, latest: latest.value, z: test.z, p: test.p, significant, direction };
    }
  }

  // the latest shown period England has a like figure for, or why none (a term is never compared with a year)
  const national = latest?.value != null ? compareWithNational(shown, input.national ?? [], polarity) : null;

  const t = input.target;
  const meets = (v: number, goal: number) => (polarity === 'lower-is-better' ? v <= goal : v >= goal);
  const projected = t?.value != null && t.on ? projectTo(input.series, shown, t.on) : null;
  const target = t && (t.value != null || t.relative)
    ? {
        value: t.value ?? null,
        on: t.on ?? null,
        relative: t.relative ?? null,
        status: (t.value == null || latest?.value == null ? 'no-target' : meets(latest.value, t.value) ? 'met' : 'not-met') as 'met' | 'not-met' | 'no-target',
        projected,
        trajectory: projected === null || t.value == null ? null : meets(projected, t.value) ? ('on-track' as const) : ('off-track' as const),
      }
    : null;

  let spc: MeasureEvaluation['spc'] = null;
  // A milestone is done or not yet: a 0/1 step is not a process to chart, so it gets no SPC signal (NHS England,
  // "Making Data Count": SPC is for measures that vary over time).
  if (shown.length >= 2 && input.kind !== 'milestone') {
    const chart = xmrChart(shown.map((p) => p.value));
    spc = { chart, periods: shown.map((p) => p.period), variation: variationIcon(chart, polarity), assurance: t?.value != null ? assuranceIcon(chart, t.value, polarity) : null };
  }

  // funnel limits compare proportions (PHE "Technical guide: funnel plots"); a count depends on the area's size
  const funnel = input.unit === 'percent' && intervalMethodFor(input.kind) === 'wilson';
  const areas = (input.areas ?? []).map((a) => {
    const v = pointValue(a, input.kind, input.unit, input.suppressionThreshold);
    const benchmark = latest?.value != null ? latest.value / scaleOf(input.unit) : null;
    const significance = v.value !== null && a.numerator !== null && a.denominator && benchmark !== null && funnel
      ? proportionFunnelSignificance(a.numerator, a.denominator, benchmark)
      : null;
    return { area: a.area, value: v.value, interval: v.interval, significance: significance ?? null, suppressed: v.suppressed };
  });
  const areaValues = areas.map((a) => a.value).filter((v): v is number => v !== null);
  let areaSpread: MeasureEvaluation['areaSpread'] = null;
  if (areaValues.length >= 2) {
    const mean = areaValues.reduce((s, v) => s + v, 0) / areaValues.length;
    const sd = Math.sqrt(areaValues.reduce((s, v) => s + (v - mean) ** 2, 0) / (areaValues.length - 1));
    areaSpread = { range: Math.max(...areaValues) - Math.min(...areaValues), coefficientOfVariation: mean === 0 ? null : sd / mean };
  }

  const areaComparison: MeasureEvaluation['areaComparison'] = areas.length === 0 ? null : funnel ? { method: 'funnel', reason: null } : { method: 'none', reason: notComparedReason(input.kind) };
  // the whole area's count should be the sum of its areas'; with an area hidden it cannot be added up here
  const areaTotal = input.kind === 'count' && areas.length > 0 && latest?.value != null && areas.every((a) => a.value !== null)
    ? { whole: latest.value, sum: areas.reduce((s, a) => s + a.value!, 0), matches: areas.reduce((s, a) => s + a.value!, 0) === latest.value }
    : null;
  const last = spc?.chart.points.at(-1);
  const summary = summariseMeasure({
    unit: input.unit, baseline: input.baseline, latest, change, national, target,
    spc: spc && { specialCause: last?.specialCause ?? false, rules: last?.rules ?? [], variation: spc.variation },
  });
  return { latest, change, national, target, spc, areas, areaSpread, areaComparison, areaTotal, summary };
}

/** Why areas of a measure of this kind are not compared with the whole area. */
function notComparedReason(kind: MeasureKind): string {
  if (kind === 'count') return 'counts are not compared between areas: a count depends on the size of the area';
  if (kind === 'rate') return 'rates are not compared between areas here: there is no funnel method for rates yet';
  return `a ${kind} has no funnel method, so areas are not compared`;
}

/**
 * The value a straight line through the shown points (least squares on days since the first
 * period) reaches on the target date; null with fewer than three dated points.
 */
export function projectTo(series: readonly SeriesPoint[], shown: readonly { period: string; value: number }[], targetOn: string): number | null {
  const dated = shown
    .map((p) => ({ value: p.value, start: series.find((s) => s.period === p.period)?.periodStart }))
    .filter((p): p is { value: number; start: string } => Boolean(p.start));
  if (dated.length < 3) return null;
  const day = (on: string) => Date.parse(`${on}T00:00:00Z`) / 86_400_000;
  const x0 = day(dated[0]!.start);
  const xs = dated.map((p) => day(p.start) - x0);
  const meanX = xs.reduce((a, b) => a + b, 0) / xs.length;
  const meanY = dated.reduce((a, p) => a + p.value, 0) / dated.length;
  const sxx = xs.reduce((a, x) => a + (x - meanX) ** 2, 0);
  if (sxx === 0) return null;
  const slope = xs.reduce((a, x, i) => a + (x - meanX) * (dated[i]!.value - meanY), 0) / sxx;
  return meanY + slope * (day(targetOn) - x0 - meanX);
}

