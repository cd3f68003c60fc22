import { indicatorById, type IndicatorBreakdown, type IndicatorDeclaration } from './indicators.ts';
import { durationMonthsSql, type Duration } from './indicator-duration-sql.ts';
import { registerCountSql, snapshotSql } from './indicator-register-sql.ts';
import { breakdownColumns, grouping, monthsSql, NEW_VALUES, NEW_VALUES_INSERT, partnershipSql, type IndicatorSqlOptions } from './indicator-sql-parts.ts';
import { monthStartSql } from './period-scope.ts';
import { RECORD_KINDS } from './record-kinds.ts';
import { ruleById } from './rules.ts';
import { appliesConjuncts, conditionSql, exceptionSql, metSql } from './rule-sql.ts';
import { DEFAULT_BOUNDARY, type BoundaryConvention } from './rule-types.ts';
import { column, text } from './sql-literals.ts';

export { NEW_VALUES, type IndicatorSqlOptions } from './indicator-sql-parts.ts';

// The set-based SQL that computes indicators' month rows from the record tables into the recompute's temporary table
// NEW_VALUES (casework-recompute.ts then writes only what changed into casework_indicator_values); no case row leaves
// the database. Indicators counted over the same table by the same date (EHC plans within 20 weeks with and without
// exceptions; the referral indicators by first contact) are one pass: one GROUP BY GROUPING SETS over the union of
// their breakdowns, with a filtered count per indicator, hashed in memory (ADR 0007).

/**
 * A way a proportion indicator counts cases: the table, the date column that decides the month, who is counted
 * (SQL conjuncts, so conditions shared by a group's sources are tested once) and who is in time.
 */
interface CountSource {
  table: string;
  period: string;
  applies: string[];
  hit: string;
}

type Counted = Extract<IndicatorDeclaration, { method: 'timeliness' | 'share' }>;

function countSources(indicator: Counted, boundary: BoundaryConvention, alias = 't'): CountSource[] {
  if (indicator.method === 'share') {
    return [{ table: RECORD_KINDS[indicator.kind].table, period: indicator.periodColumn, applies: indicator.where.map((c) => conditionSql(c, alias)), hit: conditionSql(indicator.numeratorWhen, alias) }];
  }
  return indicator.rules.map((id) => {
    const rule = ruleById(id)!;
    const exclude = indicator.exceptions === 'exclude' ? [`not ${exceptionSql(rule, alias)}`] : [];
    return { table: RECORD_KINDS[rule.kind].table, period: rule.end.column, applies: [...new Set([...appliesConjuncts(rule, alias), ...exclude])], hit: metSql(rule, boundary, alias) };
  });
}

const isCounted = (i: IndicatorDeclaration): i is Counted => i.method === 'timeliness' || i.method === 'share';

/** The key on which indicators are computed together, or null for an indicator computed alone. */
function familyKey(indicator: IndicatorDeclaration): string | null {
  if (isCounted(indicator)) {
    const places = new Set(countSources(indicator, DEFAULT_BOUNDARY).map((s) => JSON.stringify(['count', s.table, s.period])));
    return places.size === 1 ? [...places][0]! : null;
  }
  if (indicator.method === 'duration') return JSON.stringify(['duration', indicator.kind, indicator.start, indicator.end, indicator.where, indicator.breakdowns]);
  return null;
}

/**
 * Indicators computed together, in the order of the first of each group: single-source proportions over the same
 * table and month-deciding date; durations that differ only in their percentile; every other indicator alone.
 */
export function indicatorGroups(indicators: readonly IndicatorDeclaration[]): IndicatorDeclaration[][] {
  const groups: IndicatorDeclaration[][] = [];
  const keys: (string | null)[] = [];
  for (const indicator of indicators) {
    const key = familyKey(indicator);
    const at = key === null ? -1 : keys.indexOf(key);
    if (at >= 0) groups[at]!.push(indicator);
    else {
      groups.push([indicator]);
      keys.push(key);
    }
  }
  return groups;
}

/** The breakdowns of a group, each once, in order of first appearance. */
function unionOfBreakdowns(group: readonly IndicatorDeclaration[]): IndicatorBreakdown[] {
  return [...new Set(group.flatMap((i) => [...i.breakdowns]))];
}

/** Breakdowns of the person (need, age band): crossed with the area they multiply the groups rather than nest in them. */
const PERSON_BREAKDOWNS: readonly IndicatorBreakdown[] = ['need', 'age-group'];
const STAGE = 'casework_month_counts';

/**
 * Proportions: per case, how many times it is in each indicator's denominator and numerator (an indicator whose
 * rules are several sources counts a case once per source it meets, as a UNION ALL of the sources would), then one
 * GROUP BY GROUPING SETS over the month and each breakdown, hashed in memory, and a row per indicator for the sets
 * it is broken down by. A group is one indicator, or indicators whose sources are all the same table and date.
 *
 * Where the breakdowns nest (provider, pathway, advice or equipment type within areas), the cases are first
 * counted at the finest grain (month and every breakdown together) into a temporary table, by a plain GROUP BY
 * that PostgreSQL runs on parallel workers: millions of advice requests become tens of thousands of rows before
 * the grouping sets. Where a breakdown is the person's (need, age band), the finest grain is nearly one row per
 * case, so the grouping sets read the cases directly.
 */
function proportionsSql(group: readonly Counted[], options: IndicatorSqlOptions): MonthsStatements {
  const boundary = options.boundary ?? DEFAULT_BOUNDARY;
  const breakdowns = unionOfBreakdowns(group);
  const groupSources = group.map((i) => countSources(i, boundary));
  const first = groupSources[0]![0]!;
  const period = column('t', first.period);
  // Conditions every source shares are tested once, in the WHERE; each source's own in its counts (over alias c).
  const common = (sources: CountSource[][]) => sources[0]![0]!.applies.filter((c) => sources.flat().every((s) => s.applies.includes(c)));
  const own = (s: CountSource, shared: string[]) => s.applies.filter((c) => !shared.includes(c)).join(' and ') || 'true';
  const sharedT = common(groupSources);
  const anyOwn = groupSources.flat().some((s) => own(s, sharedT) === 'true') ? [] : [`(${groupSources.flat().map((s) => `(${own(s, sharedT)})`).join(' or ')})`];
  const cases = `select t.*, ${monthStartSql(period)} as period_start${breakdownColumns(breakdowns, 't')} from ${first.table} t`
    + ` where ${[`${period} is not null`, partnershipSql(options, 't'), monthsSql(options, period), ...sharedT, ...anyOwn].join(' and ')}`;
  const overCases = group.map((i) => countSources(i, boundary, 'c'));
  const sharedC = common(overCases);
  // A single source counts its cases with filters; several count each case once per source it meets.
  const counts = (sources: CountSource[], k: number) => {
    if (sources.length === 1) {
      const [source] = sources as [CountSource];
      return `, count(*) filter (where ${own(source, sharedC)}) as d_${k}, count(*) filter (where ${own(source, sharedC)} and ${source.hit}) as n_${k}`;
    }
    const sum = (parts: string[]) => `sum(${parts.map((p) => `case when ${p} then 1 else 0 end`).join(' + ')})`;
    return `, ${sum(sources.map((s) => own(s, sharedC)))} as d_${k}, ${sum(sources.map((s) => `${own(s, sharedC)} and ${s.hit}`))} as n_${k}`;
  };
  const staged = !breakdowns.some((b) => PERSON_BREAKDOWNS.includes(b));
  const g = grouping(breakdowns, options);
  const keys = [...(options.partnershipId ? [] : ['c.partnership_id']), 'c.period_start', ...breakdowns.map((_, i) => `c.b_${i}`)].join(', ');
  const aggregates = staged ? group.map((_, k) => `, sum(c.d_${k}) as d_${k}, sum(c.n_${k}) as n_${k}`).join('') : overCases.map((sources, k) => counts(sources, k)).join('');
  const grouped = `select ${g.partnership} as partnership_id, c.period_start, ${g.name} as breakdown, ${g.value} as breakdown_value${aggregates} from ${staged ? STAGE : `(${cases})`} c group by ${g.groupBy}`;
  const rows = group.map((indicator, k) => `(${text(indicator.id)}, g.n_${k}, g.d_${k}, g.breakdown in (${['', ...indicator.breakdowns].map(text).join(', ')}))`);
  const insert = `${NEW_VALUES_INSERT} select g.partnership_id, x.indicator, 'month', g.period_start, g.breakdown, g.breakdown_value, x.n, x.d, round(100.0 * x.n / x.d, 1)`
    + ` from (${grouped}) g cross join lateral (values ${rows.join(', ')}) as x(indicator, n, d, wanted) where x.wanted and x.d > 0`;
  if (!staged) return { before: [], insert, after: [] };
  const stage = `create temporary table ${STAGE} as select ${keys}${overCases.map((sources, k) => counts(sources, k)).join('')} from (${cases}) c group by ${keys}`;
  return { before: [stage], insert, after: [`drop table ${STAGE}`] };
}

/** Max − min of the area values of another indicator computed in this run (the variation between areas). */
function rangeSql(indicator: Extract<IndicatorDeclaration, { method: 'range' }>, options: IndicatorSqlOptions): string {
  const source = indicatorById(indicator.of)!;
  if (source.method !== 'duration') throw new Error(`${indicator.id}: a range is taken over a duration indicator`);
  return `${NEW_VALUES_INSERT} select v.partnership_id, ${text(indicator.id)}, 'month', v.period_start, '', '', null, count(*), max(v.value) - min(v.value)`
    + ` from ${NEW_VALUES} v where v.indicator = ${text(indicator.of)} and v.grain = 'month' and v.breakdown = ${text(indicator.breakdown)}`
    + ` and v.breakdown_value <> 'unknown' and ${partnershipSql(options, 'v')} and ${monthsSql(options, 'v.period_start')}`
    + ' group by v.partnership_id, v.period_start having count(*) >= 2';
}

/** The statements that write a group's month rows: `insert` is the one whose row count is the rows written. */
export interface MonthsStatements {
  before: string[];
  insert: string;
  after: string[];
}

/**
 * The statement that writes a group's month rows (a group from {@link indicatorGroups}) for the affected months
 * into {@link NEW_VALUES}. A range reads its source indicator's rows there, so it runs after that indicator.
 */
export function indicatorMonthsSql(group: readonly IndicatorDeclaration[], options: IndicatorSqlOptions): MonthsStatements {
  const indicator = group[0]!;
  const alone = (insert: string): MonthsStatements => ({ before: [], insert, after: [] });
  switch (indicator.method) {
    case 'timeliness':
    case 'share':
      return proportionsSql(group as Counted[], options);
    case 'duration':
      return alone(durationMonthsSql(group as Duration[], options));
    case 'count':
      return alone(registerCountSql(indicator, options));
    case 'snapshot':
      return alone(snapshotSql(indicator, options));
    case 'range':
      return alone(rangeSql(indicator, options));
  }
}
