import { addMonths, monthStart, quarterStart, yearStart } from './calendar-dates.ts';
import { column, date, dateArray } from './sql-literals.ts';

/**
 * Which periods a recompute rewrites: all of them, a list of months (with the quarters and years that contain
 * them), or every period from a month on (snapshots, where a change in one month carries into the later ones).
 */
export type AffectedPeriods =
  | { kind: 'all' }
  | { kind: 'list'; months: string[]; quarters: string[]; years: string[] }
  | { kind: 'from'; month: string };

/** The periods touched by a set of dates or month starts. */
export function affectedByMonths(months: readonly string[]): AffectedPeriods {
  const starts = [...new Set(months.map(monthStart))].sort();
  return {
    kind: 'list',
    months: starts,
    quarters: [...new Set(starts.map(quarterStart))].sort(),
    years: [...new Set(starts.map(yearStart))].sort(),
  };
}

/**
 * SQL: the first day of the month of a date column, without time zones (`d - (day - 1)`). date_part (float8), not
 * extract (numeric): over 3 million rows extract's numeric arithmetic alone costs half a second.
 */
export function monthStartSql(dateExpression: string): string {
  return `(${dateExpression} - (date_part('day', ${dateExpression})::int - 1))`;
}

/**
 * SQL: a date column falls in one of the listed months. Consecutive months are merged into one range, so
 * an import of one year touches one index range rather than twelve.
 */
export function inMonthsSql(dateColumn: string, months: readonly string[]): string {
  const ranges: [string, string][] = [];
  for (const month of [...new Set(months.map(monthStart))].sort()) {
    const last = ranges.at(-1);
    if (last && last[1] === month) last[1] = addMonths(month, 1);
    else ranges.push([month, addMonths(month, 1)]);
  }
  if (ranges.length === 0) return 'false';
  return `(${ranges.map(([from, to]) => `(${dateColumn} >= ${date(from)} and ${dateColumn} < ${date(to)})`).join(' or ')})`;
}

/** SQL: a row with this grain and period start is one of the affected periods. */
export function affectedRowsSql(affected: AffectedPeriods, grain: string, start: string): string {
  if (affected.kind === 'all') return 'true';
  if (affected.kind === 'from') {
    return `((${grain} = 'month' and ${start} >= ${date(affected.month)}) or (${grain} = 'quarter' and ${start} >= ${date(quarterStart(affected.month))})`
      + ` or (${grain} = 'year' and ${start} >= ${date(yearStart(affected.month))}))`;
  }
  return `((${grain} = 'month' and ${start} = any(${dateArray(affected.months)})) or (${grain} = 'quarter' and ${start} = any(${dateArray(affected.quarters)}))`
    + ` or (${grain} = 'year' and ${start} = any(${dateArray(affected.years)})))`;
}

/** SQL: a month row (alias.period_start) belongs to an affected quarter or year of `grain`. */
export function rollupSourceSql(affected: AffectedPeriods, alias: string, grain: 'quarter' | 'year'): string {
  const start = column(alias, 'period_start');
  const periodOf = grain === 'quarter' ? quarterSql(start) : yearSql(start);
  if (affected.kind === 'all') return 'true';
  if (affected.kind === 'from') return `${periodOf} >= ${date(grain === 'quarter' ? quarterStart(affected.month) : yearStart(affected.month))}`;
  const list = grain === 'quarter' ? affected.quarters : affected.years;
  return `${start} >= ${date(list[0] ?? '9999-01-01')} and ${periodOf} = any(${dateArray(list)})`;
}

/** SQL: the first day of the quarter / year of a date. */
export const quarterSql = (d: string) => `make_date(date_part('year', ${d})::int, ((date_part('month', ${d})::int - 1) / 3) * 3 + 1, 1)`;
export const yearSql = (d: string) => `make_date(date_part('year', ${d})::int, 1, 1)`;
