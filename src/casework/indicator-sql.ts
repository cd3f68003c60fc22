import { INDICATOR_BREAKDOWNS, indicatorById, type IndicatorBreakdown, type IndicatorDeclaration } from './indicators.ts';
import { affectedRowsSql, inMonthsSql, monthStartSql, type AffectedPeriods } from './period-scope.ts';
import { RECORD_KINDS } from './record-kinds.ts';
import { ruleById } from './rules.ts';
import { appliesSql, conditionSql, exceptionSql, metSql } from './rule-sql.ts';
import { DEFAULT_BOUNDARY, type BoundaryConvention } from './rule-types.ts';
import { column, date, text, uuid } from './sql-literals.ts';

/**
 * The set-based SQL that computes an indicator's monthly rows into casework_indicator_values straight from the
 * record tables (GROUPING SETS over the month and each breakdown; no case row leaves the database).
 */
export interface IndicatorSqlOptions {
  /** One partnership, or every partnership (a national recompute) when absent. */
  partnershipId?: string;
  affected: AffectedPeriods;
  boundary?: BoundaryConvention;
  /** Snapshots run up to this day's month (the refresh date). */
  asOf: string;
}

const INSERT = 'insert into casework_indicator_values (partnership_id, indicator, grain, period_start, breakdown, breakdown_value, numerator, denominator, value)';

function partnershipSql(options: IndicatorSqlOptions, alias: string): string {
  return options.partnershipId ? `${column(alias, 'partnership_id')} = ${uuid(options.partnershipId)}` : 'true';
}

/** The months filter on the column that decides a case's month. */
function monthsSql(options: IndicatorSqlOptions, dateColumn: string): string {
  const { affected } = options;
  if (affected.kind === 'all') return 'true';
  if (affected.kind === 'from') return `${dateColumn} >= ${date(affected.month)}`;
  return inMonthsSql(dateColumn, affected.months);
}

function breakdownColumns(breakdowns: readonly IndicatorBreakdown[], alias: string): string {
  return breakdowns.map((b, i) => `, coalesce(${b === 'rating' ? 'rating' : column(alias, INDICATOR_BREAKDOWNS[b])}::text, 'unknown') as b_${i}`).join('');
}

/** The SELECT list's breakdown name and value, and the GROUP BY, for GROUPING SETS over the breakdowns. */
function grouping(breakdowns: readonly IndicatorBreakdown[]): { name: string; value: string; groupBy: string } {
  if (breakdowns.length === 0) return { name: "''", value: "''", groupBy: 'c.partnership_id, c.period_start' };
  const whens = (pick: (b: IndicatorBreakdown, i: number) => string) => `case ${breakdowns.map((b, i) => `when grouping(c.b_${i}) = 0 then ${pick(b, i)}`).join(' ')} else '' end`;
  const sets = ['(c.partnership_id, c.period_start)', ...breakdowns.map((_, i) => `(c.partnership_id, c.period_start, c.b_${i})`)];
  return { name: whens((b) => text(b)), value: whens((_, i) => `c.b_${i}`), groupBy: `grouping sets (${sets.join(', ')})` };
}

function aggregate(indicator: IndicatorDeclaration, cases: string, measures: string): string {
  const g = grouping(indicator.breakdowns);
  return `${INSERT} select c.partnership_id, ${text(indicator.id)}, 'month', c.period_start, ${g.name}, ${g.value}, ${measures} from (${cases}) c group by ${g.groupBy}`;
}

/** The statements that write an indicator group's month rows: `insert` is the one whose row count is the rows written. */
export interface MonthsStatements {
  before: string[];
  insert: string;
  after: string[];
}

const STAGE = 'casework_month_counts';

/**
 * Counts (proportions and event counts) in two steps. First one plain GROUP BY at the finest grain (month and every
 * breakdown together) into a temporary table: a single hash key per case row, and a statement PostgreSQL may run
 * with parallel workers (CREATE TABLE AS can; INSERT ... SELECT cannot). Then the GROUPING SETS over those few
 * rows. Sums of counts are the counts, so the figures are those of one grouping over the cases.
 */
function counted(indicator: IndicatorDeclaration, cases: string, proportion: boolean): MonthsStatements {
  const g = grouping(indicator.breakdowns);
  const keys = ['c.partnership_id', 'c.period_start', ...indicator.breakdowns.map((_, i) => `c.b_${i}`)].join(', ');
  const measures = proportion ? 'sum(c.n)::bigint, sum(c.d)::bigint, round(100.0 * sum(c.n) / sum(c.d), 1)' : 'sum(c.d)::bigint, null::bigint, null::numeric';
  return {
    before: [`create temporary table ${STAGE} as select ${keys}, ${proportion ? 'count(*) filter (where c.hit)' : 'null::bigint'} as n, count(*) as d from (${cases}) c group by ${keys}`],
    insert: `${INSERT} select c.partnership_id, ${text(indicator.id)}, 'month', c.period_start, ${g.name}, ${g.value}, ${measures} from ${STAGE} c group by ${g.groupBy}`,
    after: [`drop table ${STAGE}`],
  };
}

type Duration = Extract<IndicatorDeclaration, { method: 'duration' }>;

/**
 * Duration indicators over the same cases and breakdowns (the median and the 90th percentile of one wait) are
 * computed by one statement: one sort per grouping set gives every percentile (percentile_cont over an array).
 */
function durations(group: readonly Duration[], options: IndicatorSqlOptions): MonthsStatements {
  const [first] = group;
  const table = RECORD_KINDS[first!.kind].table;
  const end = column('t', first!.end);
  const where = first!.where.map((c) => ` and ${conditionSql(c)}`).join('');
  const cases = `select t.partnership_id, ${monthStartSql(end)} as period_start${breakdownColumns(first!.breakdowns, 't')}, ${end} - ${column('t', first!.start)} as days`
    + ` from ${table} t where ${end} is not null${where} and ${partnershipSql(options, 't')} and ${monthsSql(options, end)}`;
  const g = grouping(first!.breakdowns);
  const percentiles = `array[${group.map((d) => String(d.percentile)).join(', ')}]::float8[]`;
  const ids = `array[${group.map((d) => text(d.id)).join(', ')}]::text[]`;
  const grouped = `select c.partnership_id, c.period_start, ${g.name} as breakdown, ${g.value} as breakdown_value, count(*) as cases,`
    + ` percentile_cont(${percentiles}) within group (order by c.days) as p from (${cases}) c group by ${g.groupBy}`;
  return {
    before: [],
    insert: `${INSERT} select g.partnership_id, x.indicator, 'month', g.period_start, g.breakdown, g.breakdown_value, null::bigint, g.cases, round((x.days / 7.0)::numeric, 1)`
      + ` from (${grouped}) g cross join lateral unnest(${ids}, g.p) as x(indicator, days)`,
    after: [],
  };
}

/** Indicators computed together: duration indicators that differ only in their percentile; every other alone. */
export function indicatorGroups(indicators: readonly IndicatorDeclaration[]): IndicatorDeclaration[][] {
  const groups: IndicatorDeclaration[][] = [];
  const key = (d: Duration) => JSON.stringify([d.kind, d.start, d.end, d.where, d.breakdowns]);
  for (const indicator of indicators) {
    const sibling = indicator.method === 'duration' ? groups.find((g) => g[0]!.method === 'duration' && key(g[0] as Duration) === key(indicator)) : undefined;
    if (sibling) sibling.push(indicator);
    else groups.push([indicator]);
  }
  return groups;
}

function timelinessCases(indicator: Extract<IndicatorDeclaration, { method: 'timeliness' }>, options: IndicatorSqlOptions): string {
  return indicator.rules.map((id) => {
    const rule = ruleById(id)!;
    const end = column('t', rule.end.column);
    const exclude = indicator.exceptions === 'exclude' ? ` and not ${exceptionSql(rule)}` : '';
    return `select t.partnership_id, ${monthStartSql(end)} as period_start${breakdownColumns(indicator.breakdowns, 't')}, ${metSql(rule, options.boundary ?? DEFAULT_BOUNDARY)} as hit`
      + ` from ${RECORD_KINDS[rule.kind].table} t where ${end} is not null and ${appliesSql(rule)}${exclude} and ${partnershipSql(options, 't')} and ${monthsSql(options, end)}`;
  }).join(' union all ');
}

function snapshotSql(indicator: IndicatorDeclaration, options: IndicatorSqlOptions): string {
  const { affected } = options;
  const from = affected.kind === 'all' ? 'e.first_on' : `greatest(e.first_on, ${date(affected.kind === 'from' ? affected.month : affected.months[0]!)})`;
  const monthEnd = '(m.period_start + interval \'1 month\')::date';
  const months = `select e.partnership_id, gs::date as period_start from (select partnership_id, min(added_on) as first_on from casework_dsr_entries d where ${partnershipSql(options, 'd')} group by partnership_id) e`
    + ` cross join lateral generate_series(${monthStartSql(from)}, ${monthStartSql(date(options.asOf))}, interval '1 month') gs`;
  const latestRating = `(select ev.rating from casework_dsr_events ev where ev.partnership_id = t.partnership_id and ev.entry_key = t.record_key and ev.event = 'rating' and ev.event_on < ${monthEnd} order by ev.event_on desc, ev.record_key limit 1)`;
  const cases = `select m.partnership_id, m.period_start${breakdownColumns(indicator.breakdowns, 't')} from (${months}) m`
    + ` join casework_dsr_entries t on t.partnership_id = m.partnership_id and t.added_on < ${monthEnd} and (t.removed_on is null or t.removed_on >= ${monthEnd})`
    + ` cross join lateral (select coalesce(${latestRating}, 'unrated') as rating) r`;
  return aggregate(indicator, cases, 'count(*), null::bigint, null::numeric');
}

/**
 * The statements that write a group's month rows for the affected months (a group from {@link indicatorGroups}:
 * one indicator, or durations over the same cases).
 */
export function indicatorMonthsSql(group: readonly IndicatorDeclaration[], options: IndicatorSqlOptions): MonthsStatements {
  const indicator = group[0]!;
  const alone = (insert: string): MonthsStatements => ({ before: [], insert, after: [] });
  switch (indicator.method) {
    case 'timeliness':
      return counted(indicator, timelinessCases(indicator, options), true);
    case 'duration':
      return durations(group as Duration[], options);
    case 'share': {
      const period = column('t', indicator.periodColumn);
      const where = indicator.where.map((c) => ` and ${conditionSql(c)}`).join('');
      const cases = `select t.partnership_id, ${monthStartSql(period)} as period_start${breakdownColumns(indicator.breakdowns, 't')}, ${conditionSql(indicator.numeratorWhen)} as hit`
        + ` from ${RECORD_KINDS[indicator.kind].table} t where ${period} is not null${where} and ${partnershipSql(options, 't')} and ${monthsSql(options, period)}`;
      return counted(indicator, cases, true);
    }
    case 'count': {
      const cases = `select ev.partnership_id, ${monthStartSql('ev.event_on')} as period_start${breakdownColumns(indicator.breakdowns, 't')}`
        + ` from casework_dsr_events ev join casework_dsr_entries t on t.partnership_id = ev.partnership_id and t.record_key = ev.entry_key`
        + ` where ev.event = ${text(indicator.event)} and ${partnershipSql(options, 'ev')} and ${monthsSql(options, 'ev.event_on')}`;
      return counted(indicator, cases, false);
    }
    case 'snapshot':
      return alone(snapshotSql(indicator, options));
    case 'range': {
      const source = indicatorById(indicator.of)!;
      if (source.method !== 'duration') throw new Error(`${indicator.id}: a range is taken over a duration indicator`);
      return alone(`${INSERT} select v.partnership_id, ${text(indicator.id)}, 'month', v.period_start, '', '', null, count(*), max(v.value) - min(v.value)`
        + ` from casework_indicator_values v where v.indicator = ${text(indicator.of)} and v.grain = 'month' and v.breakdown = ${text(indicator.breakdown)}`
        + ` and v.breakdown_value <> 'unknown' and ${partnershipSql(options, 'v')} and ${monthsSql(options, 'v.period_start')}`
        + ' group by v.partnership_id, v.period_start having count(*) >= 2');
    }
  }
}

/** Deletes the indicator's rows of the affected periods (months, and the quarters and years containing them). */
export function indicatorDeleteSql(indicator: IndicatorDeclaration, options: IndicatorSqlOptions): string {
  return `delete from casework_indicator_values v where v.indicator = ${text(indicator.id)} and ${partnershipSql(options, 'v')} and ${affectedRowsSql(options.affected, 'v.grain', 'v.period_start')}`;
}
