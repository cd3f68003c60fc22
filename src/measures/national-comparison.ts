import { describePeriod, lengthText, likeness, parseDatedPeriod, type DatedPeriod, type Likeness } from '../lib/dates/period-model.ts';
import { compareToBenchmark, type BenchmarkComparison, type Interval } from '../lib/stats/index.ts';
import type { Polarity } from './measure-definition.ts';

/** A shown local value of one period. */
export interface LocalFigure {
  period: string;
  value: number;
  interval: Interval | null;
}

/**
 * The comparison of a measure with England. `period` and `value` are England's: the figure compared, or England's
 * latest when nothing was compared. `localPeriod` is the local period compared (null when none was), and `note`
 * says in words why the latest local period was not compared, when it was not.
 */
export interface NationalComparison {
  period: string;
  value: number;
  localPeriod: string | null;
  localValue: number | null;
  comparison: BenchmarkComparison | null;
  likeness: Likeness | null;
  note: string | null;
}

/**
 * Compares a local series with England's, like period with like period only (src/lib/dates/period-model.ts
 * `likeness`: the same length, sharing more than half the local period's days). The latest local period with a
 * value is compared when England has a like figure for it; otherwise the latest local period that has one is, and
 * `note` says England has no figure yet for the latest; when no local period has one, nothing is compared and
 * `note` says why. The comparison itself is Fingertips' interval method (`compareToBenchmark`).
 *
 * Edge cases: null when there is no England figure or no local value; local or England periods the calendar model
 * cannot read are never compared.
 */
export function compareWithNational(local: readonly LocalFigure[], national: readonly { period: string; value: number }[], polarity: Polarity): NationalComparison | null {
  const latestLocal = local.at(-1);
  const englandLatest = national.at(-1);
  if (!latestLocal || !englandLatest) return null;
  const england = national.map((n) => ({ ...n, dated: parseDatedPeriod(n.period) })).filter((n): n is typeof n & { dated: DatedPeriod } => n.dated !== null);
  for (let i = local.length - 1; i >= 0; i -= 1) {
    const figure = local[i]!;
    const dated = parseDatedPeriod(figure.period);
    if (!dated) continue;
    const like = england.map((n) => ({ n, how: likeness(dated, n.dated) })).find((m) => m.how === 'same-dates' || m.how === 'overlapping');
    if (!like) continue;
    const comparison = compareToBenchmark(figure.value, figure.interval, like.n.value, polarity);
    const notLatest = figure !== latestLocal ? `England has no figure yet for ${words(latestLocal.period)}` : null;
    const noInterval = comparison === null ? `the figure for ${words(figure.period)} has no range of likely values to compare with England's for ${words(like.n.period)}` : null;
    return { period: like.n.period, value: like.n.value, localPeriod: figure.period, localValue: figure.value, comparison, likeness: like.how, note: [noInterval, notLatest].filter(Boolean).join('; ') || null };
  }
  return { period: englandLatest.period, value: englandLatest.value, localPeriod: null, localValue: null, comparison: null, likeness: null, note: notComparedNote(latestLocal.period, englandLatest.period) };
}

/** A period in words ("the autumn term of 2023/24"), or as written when the calendar model cannot read it. */
function words(period: string): string {
  const dated = parseDatedPeriod(period);
  return dated ? describePeriod(dated) : period;
}

/** "England's latest figure is for the autumn term of 2023/24 (one term); there is no England figure for 2026 to compare with." */
function notComparedNote(localPeriod: string, englandPeriod: string): string {
  const local = parseDatedPeriod(localPeriod);
  const england = parseDatedPeriod(englandPeriod);
  const what = england ? `${describePeriod(england)} (${lengthText(england.length)})` : englandPeriod;
  const like = local ? `${lengthText(local.length)} like ${describePeriod(local)}` : localPeriod;
  return `England's latest figure is for ${what}; there is no England figure for ${like} to compare with`;
}
