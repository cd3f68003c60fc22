import type { IndicatorDeclaration } from './indicators.ts';
import { affectedRowsSql, type AffectedPeriods } from './period-scope.ts';
import { text, uuid } from './sql-literals.ts';

/**
 * After the indicator rows: the series copied into measure_values for every plan measure linked to the indicator
 * (`measures.computed_from = 'casework:<indicator>'`), at the measure's own grain and breakdowns.
 */

const where = (partnershipId: string | undefined, alias: string) => (partnershipId ? `${alias}.partnership_id = ${uuid(partnershipId)}` : 'true');

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
