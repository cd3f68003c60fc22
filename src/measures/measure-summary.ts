import { describePeriod, parseDatedPeriod } from '../lib/dates/period-model.ts';
import type { Interval } from '../lib/stats/index.ts';
import type { NationalComparison } from './national-comparison.ts';

/** What the summary of a measure says, from its evaluation (src/measures/evaluate-measure.ts). */
export interface SummaryInput {
  unit: string;
  baseline?: { value?: number | null; n?: number | null; period?: string | null };
  latest: { period: string; value: number | null; interval: Interval | null; suppressed: string | null } | null;
  change: { baseline: number; latest: number; significant: boolean; direction: string } | null;
  national: NationalComparison | null;
  target: { value: number | null; projected: number | null; trajectory: 'on-track' | 'off-track' | null } | null;
  /** The SPC signal of the latest point and the variation icon, when there is a chart. */
  spc: { specialCause: boolean; rules: readonly string[]; variation: string | null } | null;
}

/** A value in its unit for a sentence: "47.5%", "3.2 per 1,000", "12.0 weeks", "1,204". */
export function formatMeasureValue(value: number, unit: string): string {
  if (unit === 'milestone') return value >= 1 ? 'Done' : 'Not yet done';
  if (unit === 'percent') return `${value.toFixed(1)}%`;
  if (unit === 'per-1000') return `${value.toFixed(1)} per 1,000`;
  if (unit === 'per-100') return `${value.toFixed(2)} per 100`;
  if (unit === 'days' || unit === 'weeks') return `${value.toFixed(1)} ${unit}`;
  return value.toLocaleString('en-GB', { maximumFractionDigits: 1 });
}

const RULE_WORDS: Record<string, string> = {
  shift: 'a run of points on one side of the average',
  trend: 'a run of rises or falls',
  'beyond-limit': 'a point outside the usual range',
  'two-of-three': 'two of three points close to the edge of the usual range',
};

const NATIONAL_WORDS: Record<string, string> = { better: 'Better than England', worse: 'Worse than England', similar: 'No clear difference from England', higher: 'Higher than England', lower: 'Lower than England' };

const CHANGE_WORDS: Record<string, string> = { improved: 'An improvement on', worsened: 'Worse than', higher: 'Higher than', lower: 'Lower than' };

/** A period in words for a sentence ("the 2021/22 school year"), or as written when the calendar model cannot read it. */
export function periodWords(period: string): string {
  const dated = parseDatedPeriod(period);
  return dated ? describePeriod(dated) : period;
}

const sentence = (text: string) => `${text.charAt(0).toUpperCase()}${text.slice(1)}.`;

/**
 * The summary of a measure in plain words, for a board member: the latest value and the range it likely lies in,
 * change from the baseline, the comparison with England (both periods stated, or why there is none), the trend
 * against the target and whether the latest points show a real change. The statistical names of these (95%
 * confidence interval, two-proportion z-test, common and special cause variation) are on the page's "How to read
 * this" and in its tables, not here.
 */
export function summariseMeasure(s: SummaryInput): string {
  const { latest, unit } = s;
  const fmt = (v: number) => formatMeasureValue(v, unit);
  if (!latest) return 'No values have been recorded yet.';
  if (latest.value === null) return `The ${latest.period} value is not shown: ${latest.suppressed ?? 'no value'}.`;
  const out = [sentence(`${fmt(latest.value)} in ${periodWords(latest.period)}${latest.interval ? `, likely between ${fmt(latest.interval.lower)} and ${fmt(latest.interval.upper)}` : ''}`)];
  const when = s.baseline?.period ? `the ${s.baseline.period} baseline` : 'the baseline';
  if (s.change) {
    const b = `${when} (${fmt(s.change.baseline)})`;
    out.push(s.change.significant ? sentence(`${CHANGE_WORDS[s.change.direction] ?? 'Different from'} ${b}, by more than chance alone would explain`) : sentence(`No clear change from ${b}`));
  } else if (s.baseline?.n && s.baseline.value == null) {
    out.push(sentence(`there is no figure from the ${s.baseline.period ? `${s.baseline.period} ` : ''}baseline (n = ${s.baseline.n.toLocaleString('en-GB')}) to compare with`));
  }
  const n = s.national;
  if (n?.comparison && n.localPeriod) {
    // both periods, in words, even when they are the same dates
    out.push(sentence(`${NATIONAL_WORDS[n.comparison]} in ${periodWords(n.localPeriod)} (England: ${fmt(n.value)} in ${periodWords(n.period)})${n.note ? `; ${n.note}` : ''}`));
  } else if (n?.note) {
    out.push(sentence(`Not compared with England: ${n.note}`));
  }
  const t = s.target;
  if (t?.value != null && t.projected !== null && t.trajectory) {
    out.push(sentence(`if the current trend continues, ${fmt(t.projected)} by the target date against a target of ${fmt(t.value)}: ${t.trajectory === 'on-track' ? 'on track' : 'off track'}`));
  }
  if (s.spc?.specialCause) {
    const meaning = s.spc.variation?.includes('improving') ? 'an improvement' : s.spc.variation?.includes('concerning') ? 'a cause for concern' : 'a change, neither better nor worse';
    out.push(sentence(`the latest figures show a real change (${s.spc.rules.map((r) => RULE_WORDS[r] ?? r).join(', ')}): ${meaning}`));
  } else if (s.spc) {
    out.push('The ups and downs are within the usual range: no sign of a real change.');
  }
  return out.join(' ');
}
