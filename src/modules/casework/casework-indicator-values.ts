// Reads the stored casework indicators (casework_indicator_values) for the indicator pages: aggregate figures
// only, never a case row. Numbers come back as they are stored; suppression and formatting are the view-model's.
import { sql, type Kysely } from 'kysely';
import type { Schema } from '../../db/schema.ts';
import { INDICATORS, type IndicatorDeclaration } from '../../casework/indicators.ts';
import { addsUp, INDICATOR_WINDOW_MONTHS, windowStart } from './casework-indicator-figures.ts';

export type IndicatorGrain = 'month' | 'quarter' | 'year';

/** One stored figure: per period, for the whole area (breakdown '') or one breakdown value. */
export interface IndicatorFigure {
  grain: IndicatorGrain;
  periodStart: string;
  breakdown: string;
  breakdownValue: string;
  numerator: number | null;
  denominator: number | null;
  value: number | null;
}

/** An indicator's latest month and its 12 months to that month (sums where the figures add up). */
export interface IndicatorHeadline {
  indicator: IndicatorDeclaration;
  latest: IndicatorFigure | null;
  /** Null when the indicator does not add up over months (medians, ranges, month-end counts) or has no values. */
  window: { from: string; to: string; numerator: number | null; denominator: number | null; months: number } | null;
}

/** A plan measure whose series is computed from the indicator (`measures.computed_from`), in a published plan. */
export interface LinkedMeasure {
  planSlug: string;
  planTitle: string;
  measureSlug: string;
  title: string;
}

const num = (v: unknown) => (v === null || v === undefined ? null : Number(v));

type Row = { grain: string; period_start: string; breakdown: string; breakdown_value: string; numerator: unknown; denominator: unknown; value: unknown };
const figure = (r: Row): IndicatorFigure => ({
  grain: r.grain as IndicatorGrain, periodStart: r.period_start, breakdown: r.breakdown, breakdownValue: r.breakdown_value,
  numerator: num(r.numerator), denominator: num(r.denominator), value: num(r.value),
});

/** Every indicator with its latest month and 12-month figure for the whole area, in declaration order. */
export async function indicatorHeadlines(db: Kysely<Schema>, partnershipId: string): Promise<IndicatorHeadline[]> {
  // the latest month of each indicator, then its months back to 11 months before it: whole-area rows only
  const { rows } = await sql<Row & { indicator: string }>`
    with latest as (
      select indicator, max(period_start) as latest from casework_indicator_values
      where partnership_id = ${partnershipId} and grain = 'month' and breakdown = '' group by indicator)
    select v.indicator, v.grain, v.period_start::text as period_start, v.breakdown, v.breakdown_value, v.numerator, v.denominator, v.value
    from casework_indicator_values v join latest l on l.indicator = v.indicator
    where v.partnership_id = ${partnershipId} and v.grain = 'month' and v.breakdown = ''
      and v.period_start > (l.latest - ${sql.lit(`${INDICATOR_WINDOW_MONTHS} months`)}::interval)
    order by v.indicator, v.period_start`.execute(db);
  const byIndicator = new Map<string, IndicatorFigure[]>();
  for (const r of rows) byIndicator.set(r.indicator, [...(byIndicator.get(r.indicator) ?? []), figure(r)]);
  return INDICATORS.map((indicator) => {
    const months = byIndicator.get(indicator.id) ?? [];
    const latest = months.at(-1) ?? null;
    if (!latest || !addsUp(indicator)) return { indicator, latest, window: null };
    const sum = (pick: (f: IndicatorFigure) => number | null) => (months.some((m) => pick(m) !== null) ? months.reduce((s, m) => s + (pick(m) ?? 0), 0) : null);
    return { indicator, latest, window: { from: windowStart(latest.periodStart), to: latest.periodStart, numerator: sum((m) => m.numerator), denominator: sum((m) => m.denominator), months: months.length } };
  });
}

/** An indicator's whole-area series at every stored grain, newest first. */
export async function indicatorSeries(db: Kysely<Schema>, partnershipId: string, indicatorId: string): Promise<IndicatorFigure[]> {
  const { rows } = await sql<Row>`
    select grain, period_start::text as period_start, breakdown, breakdown_value, numerator, denominator, value from casework_indicator_values
    where partnership_id = ${partnershipId} and indicator = ${indicatorId} and breakdown = ''
    order by grain, period_start desc`.execute(db);
  return rows.map(figure);
}

/**
 * The breakdown figures of the 12 months to `latestMonth` (numerators and denominators added up), or, for an
 * indicator that does not add up, of `latestMonth` alone. Ordered by breakdown, then value.
 */
export async function indicatorBreakdowns(db: Kysely<Schema>, partnershipId: string, indicator: IndicatorDeclaration, latestMonth: string): Promise<IndicatorFigure[]> {
  const from = addsUp(indicator) ? windowStart(latestMonth) : latestMonth;
  const { rows } = await sql<Row>`
    select 'month' as grain, ${from}::text as period_start, breakdown, breakdown_value,
      sum(numerator) as numerator, sum(denominator) as denominator, case when count(*) = 1 then max(value) end as value
    from casework_indicator_values
    where partnership_id = ${partnershipId} and indicator = ${indicator.id} and grain = 'month' and breakdown <> ''
      and period_start between ${from}::date and ${latestMonth}::date
    group by breakdown, breakdown_value
    order by breakdown, breakdown_value`.execute(db);
  return rows.map(figure);
}

/** Every stored figure of an indicator (all grains, periods and breakdowns), newest first: the CSV download. */
export async function indicatorFigures(db: Kysely<Schema>, partnershipId: string, indicatorId: string): Promise<IndicatorFigure[]> {
  const { rows } = await sql<Row>`
    select grain, period_start::text as period_start, breakdown, breakdown_value, numerator, denominator, value from casework_indicator_values
    where partnership_id = ${partnershipId} and indicator = ${indicatorId}
    order by case grain when 'month' then 1 when 'quarter' then 2 else 3 end, period_start desc, breakdown, breakdown_value`.execute(db);
  return rows.map(figure);
}

/** Every stored figure of every indicator of a partnership, by indicator: what the indicators page protects. */
export async function partnershipFigures(db: Kysely<Schema>, partnershipId: string): Promise<Map<string, IndicatorFigure[]>> {
  const { rows } = await sql<Row & { indicator: string }>`
    select indicator, grain, period_start::text as period_start, breakdown, breakdown_value, numerator, denominator, value from casework_indicator_values
    where partnership_id = ${partnershipId}`.execute(db);
  const byIndicator = new Map<string, IndicatorFigure[]>();
  for (const r of rows) {
    const list = byIndicator.get(r.indicator) ?? [];
    list.push(figure(r));
    byIndicator.set(r.indicator, list);
  }
  return byIndicator;
}

/** The measures of the partnership's published plans computed from the indicator. */
export async function linkedMeasures(db: Kysely<Schema>, partnershipId: string, indicatorId: string): Promise<LinkedMeasure[]> {
  const rows = await db.selectFrom('measures')
    .innerJoin('outcomes', 'outcomes.id', 'measures.outcome_id')
    .innerJoin('priorities', 'priorities.id', 'outcomes.priority_id')
    .innerJoin('plans', 'plans.id', 'priorities.plan_id')
    .select(['plans.slug as plan_slug', 'plans.title as plan_title', 'measures.slug', 'measures.title', 'measures.description'])
    .where('measures.partnership_id', '=', partnershipId).where('measures.computed_from', '=', `casework:${indicatorId}`)
    .where('measures.slug', 'is not', null).where('plans.published', '=', true)
    .orderBy('plans.slug').orderBy('priorities.position').orderBy('outcomes.position').orderBy('measures.position')
    .execute();
  return rows.map((r) => ({ planSlug: r.plan_slug, planTitle: r.plan_title, measureSlug: r.slug!, title: r.title ?? r.description }));
}
