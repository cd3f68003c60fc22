import { seededRandomFromText } from '../lib/random/seeded-random.ts';
import { endedNationalPeriods, endedPeriods, nationalPeriodForm, type DemoPeriod } from './demo-periods.ts';
import type { MeasureKind, PeriodGrain } from './measure-definition.ts';

/** Deterministic pseudo-random numbers seeded from a text, so demo data never changes. */
export const seededRandom = seededRandomFromText;

/**
 * How far a demonstration value may stray from England's figure for the same definition and period, as a
 * share of that figure: within ±20%. A choice for demonstration, not a statistic: close enough that a demo
 * series looks like an English area (issue 12 found one at three times England's rate), far enough that the
 * comparison with England is not always "similar".
 */
export const DEMO_BAND = 0.2;

/** One generated point: a count (numerator only), a ratio (numerator and denominator) or a value (durations, gaps, milestones 0/1). */
export interface SyntheticPoint extends DemoPeriod {
  numerator: number | null;
  denominator: number | null;
  value: number | null;
}

/** What the generator needs of a measure's definition, the clock and England's figures. */
export interface SyntheticInput {
  slug: string;
  kind: MeasureKind;
  unit: string;
  polarity: string;
  grain: PeriodGrain;
  /** The app's clock (YYYY-MM-DD): only periods that ended before it are generated. */
  today: string;
  baselineValue?: number | null;
  /** England's figures for the measure's comparator, oldest first (nationalSeries), on the display scale. */
  national?: readonly { period: string; value: number }[];
  /** Breakdown areas: each gets its own series, and counts, numerators and denominators add up to the whole. */
  areas?: readonly string[];
}

/** A measure's demonstration series: the whole area's, and one per breakdown area. */
export interface SyntheticMeasureSeries {
  overall: SyntheticPoint[];
  areas: { area: string; points: SyntheticPoint[] }[];
  /** The England figures of the same definition the series was generated around (empty when there are none). */
  anchors: { period: string; value: number }[];
}

// Kinds whose value is 100 × numerator / denominator (percent, or per 100 pupils), like England's figures.
const RATIO_KINDS: readonly MeasureKind[] = ['proportion', 'timeliness', 'survey-positive', 'rate'];
const ADDITIVE_KINDS: readonly MeasureKind[] = [...RATIO_KINDS, 'count'];

/**
 * England's figure for each period: the one published for the same period, or else the nearest published one of
 * the same form (the same definition: an autumn term is not compared with autumn and spring together).
 */
export function englandFigureFor(anchors: readonly { period: string; value: number }[], period: string): number | undefined {
  const at = nationalPeriodForm(period);
  if (!at) return undefined;
  let best: { distance: number; value: number } | undefined;
  for (const a of anchors) {
    const f = nationalPeriodForm(a.period);
    if (!f || f.form !== at.form) continue;
    const distance = Math.abs(f.startYear - at.startYear);
    if (!best || distance <= best.distance) best = { distance, value: a.value };
  }
  return best?.value;
}

/** The England figures a demo series follows: those of the form of the latest published figure. */
function anchorsOf(input: SyntheticInput): { form: string; figures: { period: string; value: number }[] } | null {
  if (!RATIO_KINDS.includes(input.kind) || !['percent', 'per-100'].includes(input.unit)) return null;
  const latest = input.national?.at(-1);
  const form = latest && nationalPeriodForm(latest.period)?.form;
  if (!form) return null;
  return { form, figures: (input.national ?? []).filter((f) => nationalPeriodForm(f.period)?.form === form) };
}

/** A series that follows England's figures, each value within DEMO_BAND of the figure for its period. */
function anchoredSeries(input: SyntheticInput, periods: DemoPeriod[], figures: { period: string; value: number }[], area: string | undefined, size: number): SyntheticPoint[] {
  const random = seededRandom(`${input.slug}|${area ?? ''}`);
  const good = input.polarity === 'lower-is-better' ? -1 : input.polarity === 'higher-is-better' ? 1 : 0;
  const offset = (random() - 0.5) * 0.16;
  const drift = (random() - 0.2) * 0.01 * good;
  const base = size * (0.8 + random() * 0.4);
  return periods.map((p, i) => {
    const england = englandFigureFor(figures, p.period)! / 100;
    const factor = Math.min(1 + DEMO_BAND * 0.9, Math.max(1 - DEMO_BAND * 0.9, 1 + offset + drift * i + (random() - 0.5) * 0.06));
    const denominator = Math.round(base * (0.95 + random() * 0.1));
    const low = Math.ceil(england * (1 - DEMO_BAND) * denominator);
    const high = Math.min(denominator, Math.floor(england * (1 + DEMO_BAND) * denominator));
    const numerator = Math.min(high, Math.max(low, Math.round(england * factor * denominator)));
    return { ...p, numerator, denominator, value: null };
  });
}

/** A series without an England figure to follow: a level drifting towards the good direction, with noise. */
function freeSeries(input: SyntheticInput, periods: DemoPeriod[], area: string | undefined): SyntheticPoint[] {
  const random = seededRandom(`${input.slug}|${area ?? ''}`);
  const count = periods.length;
  const good = input.polarity === 'lower-is-better' ? -1 : 1;
  const drift = (random() - 0.3) * 0.012 * good;
  if (input.kind === 'milestone') {
    const doneAt = Math.floor(count * (0.4 + random() * 0.8));
    return periods.map((p, i) => ({ ...p, numerator: null, denominator: null, value: i >= doneAt ? 1 : 0 }));
  }
  if (input.kind === 'duration' || input.kind === 'gap') {
    let level = input.baselineValue ?? (input.kind === 'gap' ? 2 + random() * 8 : 10 + random() * 30);
    return periods.map((p) => {
      level = Math.max(0.5, level * (1 - drift * 4) + (random() - 0.5) * level * 0.08);
      return { ...p, numerator: null, denominator: null, value: Math.round(level * 10) / 10 };
    });
  }
  const scale = area ? 0.3 + random() * 0.4 : 1;
  const denominatorBase = Math.round((80 + random() * 900) * scale);
  if (input.kind === 'count') {
    let level = (input.baselineValue ?? 8 + random() * 60) * (area ? scale : 1);
    return periods.map((p) => {
      level = Math.max(0, level * (1 + drift) + (random() - 0.5) * Math.sqrt(level) * 1.5);
      return { ...p, numerator: Math.round(level), denominator: null, value: null };
    });
  }
  // proportions in percent, rates per 100 (or per 1,000): the share of the denominator, as 100 × n / d shows it
  const perUnit = input.unit === 'per-1000' ? 1000 : 100;
  let share = Math.min(0.95, Math.max(0.01, (input.baselineValue ?? (input.kind === 'rate' ? 2 + random() * 20 : 35 + random() * 40)) / perUnit));
  return periods.map((p) => {
    share = Math.min(0.97, Math.max(0.005, share + drift * share * 4 + (random() - 0.5) * 0.02 * Math.sqrt(share)));
    const denominator = Math.max(10, Math.round(denominatorBase * (0.85 + random() * 0.3)));
    return { ...p, denominator, numerator: Math.round(share * denominator), value: null };
  });
}

/** The whole area's point for each period: counts, numerators and denominators of its areas added up. */
function sumOf(series: readonly SyntheticPoint[][]): SyntheticPoint[] {
  return series[0]!.map((p, i) => {
    const at = series.map((s) => s[i]!);
    const add = (pick: (q: SyntheticPoint) => number | null) => (at.some((q) => pick(q) === null) ? null : at.reduce((total, q) => total + pick(q)!, 0));
    return { ...p, numerator: add((q) => q.numerator), denominator: add((q) => q.denominator), value: null };
  });
}

/**
 * A plausible synthetic series for a measure, for the demonstration dashboard only (stored flagged synthetic,
 * and labelled so wherever shown). Where the measure has an England comparator of a ratio kind, the series uses
 * England's periods (academic years, or the same term each year) and stays within DEMO_BAND of England's figure
 * for the same definition and period; otherwise a level drifting towards the good direction, in the measure's
 * own grain. Only periods that ended before `today` are generated: none in the future, none still running.
 */
export function syntheticMeasureSeries(input: SyntheticInput): SyntheticMeasureSeries {
  const anchors = anchorsOf(input);
  const count = input.grain === 'month' ? 24 : input.grain === 'quarter' ? 12 : 6;
  const periods = anchors ? endedNationalPeriods(anchors.form, input.today, 6) : endedPeriods(input.grain, input.today, count);
  const areaNames = input.kind === 'milestone' ? [] : [...(input.areas ?? [])];
  const one = (area: string | undefined, size: number) => (anchors ? anchoredSeries(input, periods, anchors.figures, area, size) : freeSeries(input, periods, area));
  const areas = areaNames.map((area) => ({ area, points: one(area, 4000 / areaNames.length) }));
  const overall = areas.length > 0 && ADDITIVE_KINDS.includes(input.kind) ? sumOf(areas.map((a) => a.points)) : one(undefined, 4000);
  return { overall, areas, anchors: anchors?.figures ?? [] };
}
