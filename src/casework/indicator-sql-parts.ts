import { INDICATOR_BREAKDOWNS, type IndicatorBreakdown } from './indicators.ts';
import { inMonthsSql, type AffectedPeriods } from './period-scope.ts';
import type { BoundaryConvention } from './rule-types.ts';
import { column, date, text, uuid } from './sql-literals.ts';

/** What the indicator SQL modules (indicator-sql.ts, indicator-duration-sql.ts, indicator-register-sql.ts) share. */
export interface IndicatorSqlOptions {
  /** One partnership, or every partnership (a national recompute) when absent. */
  partnershipId?: string;
  affected: AffectedPeriods;
  boundary?: BoundaryConvention;
  /** Snapshots run up to this day's month (the refresh date). */
  asOf: string;
}

/** The recompute's temporary table of freshly computed rows (casework_indicator_values' columns). */
export const NEW_VALUES = 'casework_new_values';
export const NEW_VALUES_INSERT = `insert into ${NEW_VALUES} (partnership_id, indicator, grain, period_start, breakdown, breakdown_value, numerator, denominator, value)`;

export function partnershipSql(options: Pick<IndicatorSqlOptions, 'partnershipId'>, alias: string): string {
  return options.partnershipId ? `${column(alias, 'partnership_id')} = ${uuid(options.partnershipId)}` : 'true';
}

/** The months filter on the column that decides a case's month. */
export function monthsSql(options: IndicatorSqlOptions, dateColumn: string): string {
  const { affected } = options;
  if (affected.kind === 'all') return 'true';
  if (affected.kind === 'from') return `${dateColumn} >= ${date(affected.month)}`;
  return inMonthsSql(dateColumn, affected.months);
}

/** `, coalesce(<breakdown column>, 'unknown') as b_<i>` for each breakdown (the register's rating comes from `rating`). */
export function breakdownColumns(breakdowns: readonly IndicatorBreakdown[], alias: string): string {
  return breakdowns.map((b, i) => `, coalesce(${b === 'rating' ? 'rating' : column(alias, INDICATOR_BREAKDOWNS[b])}::text, 'unknown') as b_${i}`).join('');
}

/**
 * GROUPING SETS over the month and each breakdown on its own (never their combinations), for rows `c` with
 * partnership_id, period_start and b_0, b_1 ...: the SELECT list's partnership, breakdown name and value, and the
 * GROUP BY. For one partnership its id is a constant, not a key: one uuid fewer to hash per case and set.
 */
export function grouping(breakdowns: readonly IndicatorBreakdown[], options: Pick<IndicatorSqlOptions, 'partnershipId'>): { partnership: string; name: string; value: string; groupBy: string } {
  const partnership = options.partnershipId ? uuid(options.partnershipId) : 'c.partnership_id';
  const keys = [...(options.partnershipId ? [] : ['c.partnership_id']), 'c.period_start'].join(', ');
  if (breakdowns.length === 0) return { partnership, name: "''", value: "''", groupBy: keys };
  const whens = (pick: (b: IndicatorBreakdown, i: number) => string) => `case ${breakdowns.map((b, i) => `when grouping(c.b_${i}) = 0 then ${pick(b, i)}`).join(' ')} else '' end`;
  const sets = [`(${keys})`, ...breakdowns.map((_, i) => `(${keys}, c.b_${i})`)];
  return { partnership, name: whens((b) => text(b)), value: whens((_, i) => `c.b_${i}`), groupBy: `grouping sets (${sets.join(', ')})` };
}
