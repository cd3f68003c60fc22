import type { IndicatorDeclaration } from './indicators.ts';
import { breakdownColumns, grouping, monthsSql, NEW_VALUES_INSERT, partnershipSql, type IndicatorSqlOptions } from './indicator-sql-parts.ts';
import { monthStartSql } from './period-scope.ts';
import { RECORD_KINDS } from './record-kinds.ts';
import { conditionSql } from './rule-sql.ts';
import { column, text } from './sql-literals.ts';

export type Duration = Extract<IndicatorDeclaration, { method: 'duration' }>;

/**
 * Percentile waits (median, 90th percentile) of the cases closed in each month, per breakdown, for duration
 * indicators over the same cases (they differ only in the percentile), in one statement: one sort per grouping set
 * gives every percentile (percentile_cont over an array). A histogram of waits read off by running counts was tried
 * and was slower: per area or provider and month it holds nearly a row per case.
 */
export function durationMonthsSql(group: readonly Duration[], options: IndicatorSqlOptions): string {
  const first = group[0]!;
  const table = RECORD_KINDS[first.kind].table;
  const end = column('t', first.end);
  const where = first.where.map((c) => ` and ${conditionSql(c)}`).join('');
  const cases = `select t.partnership_id, ${monthStartSql(end)} as period_start${breakdownColumns(first.breakdowns, 't')}, ${end} - ${column('t', first.start)} as days`
    + ` from ${table} t where ${end} is not null and ${column('t', first.start)} is not null${where} and ${partnershipSql(options, 't')} and ${monthsSql(options, end)}`;
  const g = grouping(first.breakdowns, options);
  const percentiles = `array[${group.map((d) => String(d.percentile)).join(', ')}]::float8[]`;
  const ids = `array[${group.map((d) => text(d.id)).join(', ')}]::text[]`;
  const grouped = `select ${g.partnership} as partnership_id, c.period_start, ${g.name} as breakdown, ${g.value} as breakdown_value, count(*) as cases,`
    + ` percentile_cont(${percentiles}) within group (order by c.days) as p from (${cases}) c group by ${g.groupBy}`;
  return `${NEW_VALUES_INSERT} select g.partnership_id, x.indicator, 'month', g.period_start, g.breakdown, g.breakdown_value, null::bigint, g.cases, round((x.days / 7.0)::numeric, 1)`
    + ` from (${grouped}) g cross join lateral unnest(${ids}, g.p) as x(indicator, days)`;
}
