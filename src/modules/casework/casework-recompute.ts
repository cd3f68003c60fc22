import { sql, type Kysely } from 'kysely';
import type { Database } from '../../db/database.ts';
import type { Schema } from '../../db/schema.ts';
import { indicatorDeleteSql, indicatorGroups, indicatorMonthsSql, type IndicatorSqlOptions } from '../../casework/indicator-sql.ts';
import { INDICATORS, indicatorKinds } from '../../casework/indicators.ts';
import type { CaseworkKind } from '../../casework/record-kind-types.ts';
import { measureSyncSql, rollupSql } from '../../casework/measure-sync-sql.ts';
import { affectedByMonths, type AffectedPeriods } from '../../casework/period-scope.ts';
import type { BoundaryConvention } from '../../casework/rule-types.ts';

export interface RecomputeOptions {
  /** One partnership; every partnership (a national run) when absent. */
  partnershipId?: string;
  /** Dates (any day of the month) whose months are recomputed, with their quarters and years; every period when absent. */
  months?: readonly string[];
  /** Only the indicators that read these record kinds (an import recomputes what its kind feeds); all when absent. */
  kinds?: readonly CaseworkKind[];
  boundary?: BoundaryConvention;
  /** The refresh date: register snapshots run up to its month. */
  asOf: string;
}

export interface RecomputeSummary {
  /** Indicator rows written (months, quarters and years). */
  indicatorRows: number;
  /** measure_values rows written for linked plan measures. */
  measureValues: number;
  /** The month starts recomputed, or 'all'. */
  months: string[] | 'all';
}

async function run(db: Kysely<Schema>, statement: string): Promise<number> {
  const result = await sql.raw(statement).execute(db);
  return Number(result.numAffectedRows ?? 0);
}

/**
 * Recomputes the casework indicators inside the database, set-based: for each indicator, delete the affected
 * periods' rows, INSERT ... SELECT the months from the record tables, roll up quarters and years, and rewrite the
 * linked plan measures' values (source 'casework'; their synthetic demonstration series is removed once real
 * values exist). No case row is read into Node. Run it inside a transaction (`db` a Kysely transaction) so a
 * reader never sees a half-written period; {@link runCaseworkRecompute} does that.
 */
export async function recomputeCaseworkIndicators(db: Kysely<Schema>, options: RecomputeOptions): Promise<RecomputeSummary> {
  if (options.months && options.months.length === 0) return { indicatorRows: 0, measureValues: 0, months: [] };
  const affected: AffectedPeriods = options.months ? affectedByMonths(options.months) : { kind: 'all' };
  if (!options.partnershipId) {
    // Every partnership, one at a time: each statement then reaches an indicator's rows through the primary key
    // (partnership, indicator, grain, ...) instead of reading the whole table (a national recompute's roll-ups).
    const total: RecomputeSummary = { indicatorRows: 0, measureValues: 0, months: affected.kind === 'list' ? affected.months : 'all' };
    for (const { id } of await db.selectFrom('partnerships').select('id').orderBy('id').execute()) {
      const one = await recomputeCaseworkIndicators(db, { ...options, partnershipId: id });
      total.indicatorRows += one.indicatorRows;
      total.measureValues += one.measureValues;
    }
    return total;
  }
  let indicatorRows = 0;
  let measureValues = 0;
  // Grouping a million rows by month and breakdown sorts or hashes in memory rather than on disk (shared/design.md).
  await run(db, "set local work_mem = '128MB'");
  // The first step of a count gathers a few partial groups per worker, not the scanned rows: the default cost of
  // passing rows from parallel workers (0.1) keeps PostgreSQL from using them; halving the national recompute is
  // worth the hint. PGlite has no parallel workers and ignores it.
  await run(db, 'set local parallel_tuple_cost = 0.01');
  // Only indicators that some plan measure is computed from need their values copied into measure_values.
  let linkedQuery = db.selectFrom('measures').select('computed_from').distinct().where('computed_from', 'is not', null);
  if (options.partnershipId) linkedQuery = linkedQuery.where('partnership_id', '=', options.partnershipId);
  const linked = new Set((await linkedQuery.execute()).map((m) => m.computed_from));
  const indicators = options.kinds ? INDICATORS.filter((i) => indicatorKinds(i).some((k) => options.kinds!.includes(k))) : INDICATORS;
  // A group is one indicator, or durations over the same cases (a median and a 90th percentile share one sort).
  for (const group of indicatorGroups(indicators)) {
    // A register snapshot carries forward: a change in March changes every later month-end count.
    const scope: AffectedPeriods = group[0]!.method === 'snapshot' && affected.kind === 'list' ? { kind: 'from', month: affected.months[0]! } : affected;
    const sqlOptions: IndicatorSqlOptions = { affected: scope, asOf: options.asOf, ...(options.partnershipId ? { partnershipId: options.partnershipId } : {}), ...(options.boundary ? { boundary: options.boundary } : {}) };
    for (const indicator of group) await run(db, indicatorDeleteSql(indicator, sqlOptions));
    const months = indicatorMonthsSql(group, sqlOptions);
    for (const statement of months.before) await run(db, statement);
    indicatorRows += await run(db, months.insert);
    for (const statement of months.after) await run(db, statement);
    for (const indicator of group) {
      for (const statement of rollupSql(indicator, options.partnershipId, scope)) indicatorRows += await run(db, statement);
      if (!linked.has(`casework:${indicator.id}`)) continue;
      const [remove, insert] = measureSyncSql(indicator, options.partnershipId, scope);
      await run(db, remove);
      measureValues += await run(db, insert);
    }
  }
  return { indicatorRows, measureValues, months: affected.kind === 'list' ? affected.months : 'all' };
}

/**
 * The full (or partial) recompute in a transaction of its own, given only a Database: what a benchmark times
 * for "full recompute" (no `months`) against "incremental refresh" (`months: ['2025-07-01']`).
 */
export function runCaseworkRecompute(database: Database, options: RecomputeOptions): Promise<RecomputeSummary> {
  return database.db.transaction().execute((trx) => recomputeCaseworkIndicators(trx, options));
}
