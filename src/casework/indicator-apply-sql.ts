import type { IndicatorDeclaration } from './indicators.ts';
import { NEW_VALUES, NEW_VALUES_INSERT, partnershipSql } from './indicator-sql-parts.ts';
import { affectedRowsSql, quarterSql, rollupSourceSql, yearSql, type AffectedPeriods } from './period-scope.ts';
import { text } from './sql-literals.ts';

/**
 * Writing a recompute's rows: quarters and years rolled up from the fresh months (and the stored ones of periods
 * not recomputed), and the fresh rows of
 * {@link NEW_VALUES} applied to casework_indicator_values as a difference (rows gone are deleted, changed rows
 * updated, new rows inserted; an unchanged row is not touched). A national full recompute rewrites half a million
 * rows of which, once computed, few change; writing only those keeps the primary key from growing with dead
 * entries and leaves `computed_at` saying when a figure last changed.
 */

/** The indicators of a recompute, each with the periods it rewrites (a register snapshot carries forward). */
export type IndicatorScopes = ReadonlyMap<IndicatorDeclaration, AffectedPeriods>;

/** SQL: a casework_indicator_values row (alias `v`) is one the recompute rewrites (any grain). */
export function scopeSql(scopes: IndicatorScopes, partnershipId: string | undefined): string {
  const byScope = new Map<string, { affected: AffectedPeriods; ids: string[] }>();
  for (const [indicator, affected] of scopes) {
    const key = JSON.stringify(affected);
    const entry = byScope.get(key) ?? { affected, ids: [] };
    entry.ids.push(indicator.id);
    byScope.set(key, entry);
  }
  const parts = [...byScope.values()].map(({ affected, ids }) => `(v.indicator in (${ids.map(text).join(', ')}) and ${affectedRowsSql(affected, 'v.grain', 'v.period_start')})`);
  return `${partnershipSql({ ...(partnershipId ? { partnershipId } : {}) }, 'v')} and (${parts.length > 0 ? parts.join(' or ') : 'false'})`;
}

/** The recompute's temporary table of differences: NEW_VALUES' columns and `change`: '+' added, '-' removed, '~' changed. */
export const CHANGES = 'casework_value_changes';

const KEY_COLUMNS = ['partnership_id', 'indicator', 'grain', 'period_start', 'breakdown', 'breakdown_value'];
const keysEqual = (a: string, b: string) => KEY_COLUMNS.map((k) => `${a}.${k} = ${b}.${k}`).join(' and ');
const COLUMNS = [...KEY_COLUMNS, 'numerator', 'denominator', 'value'].join(', ');

/**
 * The statement that fills {@link CHANGES} with the differences between {@link NEW_VALUES} and the stored rows in
 * `scope`: one hash full join, so a recompute in which little changed reads each side once and writes almost nothing.
 */
export function changesSql(scope: string): string {
  const pick = KEY_COLUMNS.map((k) => `coalesce(n.${k}, v.${k})`).join(', ');
  return `insert into ${CHANGES} (${COLUMNS}, change) select ${pick}, n.numerator, n.denominator, n.value,`
    + " case when v.indicator is null then '+' when n.indicator is null then '-' else '~' end"
    + ` from ${NEW_VALUES} n full join (select * from casework_indicator_values v where ${scope}) v on ${keysEqual('n', 'v')}`
    + ' where n.indicator is null or v.indicator is null or (v.numerator, v.denominator, v.value) is distinct from (n.numerator, n.denominator, n.value)';
}

/** The statements that apply {@link CHANGES} to casework_indicator_values: delete, update, insert. */
export function applyChangesSql(): string[] {
  return [
    `delete from casework_indicator_values v using ${CHANGES} c where ${keysEqual('c', 'v')} and c.change = '-'`,
    `update casework_indicator_values v set numerator = c.numerator, denominator = c.denominator, value = c.value, computed_at = now() from ${CHANGES} c`
      + ` where ${keysEqual('c', 'v')} and c.change = '~'`,
    `insert into casework_indicator_values (${COLUMNS}) select ${COLUMNS} from ${CHANGES} c where c.change = '+'`,
  ];
}

/**
 * SQL: the rows of `grain` a roll-up reads: the fresh ones in {@link NEW_VALUES} and, for the periods this recompute
 * did not compute (the other months of an affected quarter, the other quarters of an affected year), the stored ones.
 */
function periodRows(affected: AffectedPeriods, grain: 'month' | 'quarter', where: string): string {
  const fresh = `select * from ${NEW_VALUES} v where v.grain = '${grain}' and ${where}`;
  if (affected.kind === 'all') return fresh;
  const computed = affectedRowsSql(affected, 'v.grain', 'v.period_start');
  return `${fresh} union all select * from casework_indicator_values v where v.grain = '${grain}' and ${where} and not ${computed}`;
}

/**
 * INSERT ... SELECT statements adding to {@link NEW_VALUES} the quarter and year rows of the affected periods:
 * quarters from months, then years from quarters (a quarter row stands for its months: sums add up, and the latest
 * month of a year is the latest of its latest quarter), each from the fresh rows and, after a partial recompute, the
 * stored ones of the periods not recomputed. Sums where the figures add up (`rollup: 'sum'`), in one statement per
 * grain for every such indicator; the latest period's rows for register snapshots (`'last'`); none for medians and
 * ranges (`'none'`).
 */
export function rollupSql(scopes: IndicatorScopes, partnershipId: string | undefined): string[] {
  const statements: string[] = [];
  const groups = new Map<string, { rollup: 'sum' | 'last'; affected: AffectedPeriods; indicators: IndicatorDeclaration[] }>();
  for (const [indicator, affected] of scopes) {
    if (indicator.rollup === 'none') continue;
    const key = JSON.stringify([indicator.rollup, affected]);
    const group = groups.get(key) ?? { rollup: indicator.rollup, affected, indicators: [] };
    group.indicators.push(indicator);
    groups.set(key, group);
  }
  const partnership = partnershipSql({ ...(partnershipId ? { partnershipId } : {}) }, 'v');
  for (const { rollup, affected, indicators } of groups.values()) {
    const ids = indicators.map((i) => text(i.id)).join(', ');
    const percents = indicators.filter((i) => i.unit === 'percent').map((i) => text(i.id));
    for (const grain of ['quarter', 'year'] as const) {
      const periodOf = grain === 'quarter' ? quarterSql('v.period_start') : yearSql('v.period_start');
      const source = periodRows(affected, grain === 'quarter' ? 'month' : 'quarter', `v.indicator in (${ids}) and ${partnership} and ${rollupSourceSql(affected, 'v', grain)}`);
      if (rollup === 'sum') {
        const value = percents.length > 0 ? `case when v.indicator in (${percents.join(', ')}) then round(100.0 * sum(v.numerator) / nullif(sum(v.denominator), 0), 1) end` : 'null::numeric';
        statements.push(`${NEW_VALUES_INSERT} select v.partnership_id, v.indicator, '${grain}', ${periodOf}, v.breakdown, v.breakdown_value, sum(v.numerator), sum(v.denominator), ${value}`
          + ` from (${source}) v group by v.partnership_id, v.indicator, ${periodOf}, v.breakdown, v.breakdown_value`);
        continue;
      }
      // The rows of the latest period that has any, picked by a window in one pass (a join back to the latest months
      // chose nested loops over rows written moments before: 6 s per grain for a national register).
      const rows = `select v.partnership_id, v.indicator, ${periodOf} as period, v.period_start, max(v.period_start) over (partition by v.partnership_id, v.indicator, ${periodOf}) as latest,`
        + ` v.breakdown, v.breakdown_value, v.numerator, v.denominator, v.value from (${source}) v`;
      statements.push(`${NEW_VALUES_INSERT} select x.partnership_id, x.indicator, '${grain}', x.period, x.breakdown, x.breakdown_value, x.numerator, x.denominator, x.value`
        + ` from (${rows}) x where x.period_start = x.latest`);
    }
  }
  return statements;
}
