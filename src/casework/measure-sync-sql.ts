import type { IndicatorDeclaration } from './indicators.ts';
import { affectedRowsSql, quarterSql, rollupSourceSql, yearSql, type AffectedPeriods } from './period-scope.ts';
import { text, uuid } from './sql-literals.ts';

/**
 * After the month rows: quarters and years rolled up from months (where figures add up, or the last month
 * of a snapshot), then the series copied into measure_values for every plan measure linked to the indicator
 * (`measures.computed_from = 'casework:<indicator>'`), at the measure's own grain and breakdowns.
 */

const where = (partnershipId: string | undefined, alias: string) => (partnershipId ? `${alias}.partnership_id = ${uuid(partnershipId)}` : 'true');

/** INSERT ... SELECT statements adding the quarter and year rows of the affected periods (none for `rollup: 'none'`). */
export function rollupSql(indicator: IndicatorDeclaration, partnershipId: string | undefined, affected: AffectedPeriods): string[] {
  if (indicator.rollup === 'none') return [];
  return (['quarter', 'year'] as const).map((grain) => {
    const periodOf = grain === 'quarter' ? quarterSql('v.period_start') : yearSql('v.period_start');
    const source = `v.indicator = ${text(indicator.id)} and v.grain = 'month' and ${where(partnershipId, 'v')} and ${rollupSourceSql(affected, 'v', grain)}`;
    const insert = 'insert into casework_indicator_values (partnership_id, indicator, grain, period_start, breakdown, breakdown_value, numerator, denominator, value)';
    if (indicator.rollup === 'sum') {
      const value = indicator.unit === 'percent' ? 'round(100.0 * sum(v.numerator) / nullif(sum(v.denominator), 0), 1)' : 'null::numeric';
      return `${insert} select v.partnership_id, v.indicator, '${grain}', ${periodOf}, v.breakdown, v.breakdown_value, sum(v.numerator), sum(v.denominator), ${value}`
        + ` from casework_indicator_values v where ${source} group by v.partnership_id, v.indicator, ${periodOf}, v.breakdown, v.breakdown_value`;
    }
    // 'last': the rows of the latest month of the period that has any. The latest months are found once per period
    // and joined (a correlated subquery per row took over a minute for a national register).
    const periodOfW = grain === 'quarter' ? quarterSql('w.period_start') : yearSql('w.period_start');
    const latest = `select w.partnership_id, max(w.period_start) as period_start from casework_indicator_values w where w.indicator = ${text(indicator.id)}`
      + ` and w.grain = 'month' and ${where(partnershipId, 'w')} and ${rollupSourceSql(affected, 'w', grain)} group by w.partnership_id, ${periodOfW}`;
    return `${insert} select v.partnership_id, v.indicator, '${grain}', ${periodOf}, v.breakdown, v.breakdown_value, v.numerator, v.denominator, v.value`
      + ` from casework_indicator_values v join (${latest}) l on l.partnership_id = v.partnership_id and l.period_start = v.period_start where ${source}`;
  });
}

const LABEL = "case v.grain when 'month' then to_char(v.period_start, 'Mon YYYY') when 'quarter' then to_char(v.period_start, 'YYYY \"Q\"Q') else to_char(v.period_start, 'YYYY') end";

/**
 * Deletes, then re-inserts, the casework values of linked measures for the affected periods. The first time an
 * indicator has values for a measure, the measure's synthetic demonstration series goes too: a series never
 * mixes demonstration and real values.
 */
export function measureSyncSql(indicator: IndicatorDeclaration, partnershipId: string | undefined, affected: AffectedPeriods): [string, string] {
  const link = text(`casework:${indicator.id}`);
  const hasValues = `exists (select 1 from casework_indicator_values x where x.partnership_id = m.partnership_id and x.indicator = ${text(indicator.id)} and x.grain = m.period_grain)`;
  const remove = `delete from measure_values mv using measures m where mv.measure_id = m.id and mv.partnership_id = m.partnership_id`
    + ` and m.computed_from = ${link} and ${where(partnershipId, 'm')}`
    + ` and ((mv.source = 'casework' and ${affectedRowsSql(affected, 'm.period_grain', 'mv.period_start')}) or (mv.synthetic and ${hasValues}))`;
  const insert = 'insert into measure_values (partnership_id, measure_id, period, period_start, breakdown, breakdown_value, numerator, denominator, value, source, synthetic)'
    + ` select m.partnership_id, m.id, ${LABEL}, v.period_start, v.breakdown, v.breakdown_value, v.numerator, v.denominator, case when v.numerator is null then v.value end, 'casework', false`
    + ' from casework_indicator_values v join measures m on m.partnership_id = v.partnership_id and m.period_grain = v.grain'
    + ` and m.computed_from = ${link} where v.indicator = ${text(indicator.id)} and (v.breakdown = '' or m.breakdowns @> jsonb_build_array(v.breakdown))`
    + ` and ${where(partnershipId, 'v')} and ${affectedRowsSql(affected, 'v.grain', 'v.period_start')}`;
  return [remove, insert];
}
