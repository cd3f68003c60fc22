import { randomUUID } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { Database } from '../../db/database.ts';
import type { Schema } from '../../db/schema.ts';
import { CHANGES, changesSql, rollupSql, scopeSql } from '../../casework/indicator-apply-sql.ts';
import { NEW_VALUES } from '../../casework/indicator-sql.ts';
import { indicatorKinds, type IndicatorDeclaration } from '../../casework/indicators.ts';
import type { AffectedPeriods } from '../../casework/period-scope.ts';
import { RECORD_KINDS } from '../../casework/record-kinds.ts';
import { uuid } from '../../casework/sql-literals.ts';
import {
  addSummary, applyChanges, computeGroups, createWorkTables, partnershipIds, planRecompute, recomputeCaseworkIndicators, recomputeSettings, run, syncMeasures,
  type RecomputeOptions, type RecomputePlan, type RecomputeSummary,
} from './casework-recompute.ts';

/**
 * A full recompute on PostgreSQL, using both of a small server's cores. Each indicator group's statement runs on one
 * core (INSERT ... SELECT, GROUPING SETS and ordered-set aggregates are never parallel), so the groups are shared
 * out between {@link HELPERS} connections, each in a transaction of its own, taking the costliest first. A helper
 * computes its groups' months, rolls up their quarters and years, finds the differences from the stored rows (one
 * hash full join) and hands only those to the recompute's transaction through the unlogged casework_recompute_rows
 * (migration 0007). That transaction holds casework_indicator_values against other writers (SHARE ROW EXCLUSIVE:
 * readers go on) from before the helpers start until it has applied the differences and commits, so what the
 * helpers compared with is what it changes. The helpers read the records as committed when each of their
 * statements starts, as the recompute's own statements do (READ COMMITTED).
 */
const HELPERS = 2;
const COLUMNS = 'partnership_id, indicator, grain, period_start, breakdown, breakdown_value, numerator, denominator, value, change';

/**
 * The helpers' work, costliest first: each unit is a group and any range taken over it (computed from its rows), the
 * cost the planner's row estimate of the group's table, doubled for percentiles (a sort per group).
 */
async function workUnits(db: Kysely<Schema>, groups: IndicatorDeclaration[][]): Promise<IndicatorDeclaration[][][]> {
  const tables = (await db.selectFrom('pg_class' as never).select(['relname as name', 'reltuples as rows'] as never).where('relname' as never, 'like', 'casework_%' as never).execute()) as unknown as { name: string; rows: number }[];
  const rows = new Map(tables.map((t) => [t.name, Math.max(Number(t.rows), 0)]));
  const cost = (group: IndicatorDeclaration[]) => (rows.get(RECORD_KINDS[indicatorKinds(group[0]!)[0]!].table) ?? 0) * (group[0]!.method === 'duration' ? 2 : 1);
  const rangeOf = (range: IndicatorDeclaration[], group: IndicatorDeclaration[]) => range[0]!.method === 'range' && group.some((i) => i.id === (range[0] as { of: string }).of);
  const units = groups.filter((g) => g[0]!.method !== 'range').map((g) => [g, ...groups.filter((r) => rangeOf(r, g))]);
  return units.sort((a, b) => cost(b[0]!) - cost(a[0]!));
}

/** One helper connection: takes units until none are left, then hands the differences of everything it computed. */
async function helper(database: Database, plan: RecomputePlan, queue: IndicatorDeclaration[][][], runId: string): Promise<number> {
  return database.db.transaction().execute(async (trx) => {
    // Both cores are busy with the helpers: no parallel workers on top.
    await recomputeSettings(trx, false);
    await createWorkTables(trx);
    const mine = new Map<IndicatorDeclaration, AffectedPeriods>();
    let rows = 0;
    for (let unit = queue.shift(); unit; unit = queue.shift()) {
      rows += await computeGroups(trx, plan, unit);
      for (const indicator of unit.flat()) mine.set(indicator, plan.scopes.get(indicator)!);
    }
    if (mine.size === 0) return 0;
    await run(trx, `analyze ${NEW_VALUES}`);
    for (const statement of rollupSql(mine, plan.partnershipId)) rows += await run(trx, statement);
    await run(trx, changesSql(scopeSql(mine, plan.partnershipId)));
    await run(trx, `insert into casework_recompute_rows (run_id, ${COLUMNS}) select ${uuid(runId)}, ${COLUMNS} from ${CHANGES}`);
    return rows;
  });
}

async function parallelPartnership(database: Database, options: RecomputeOptions & { partnershipId: string }): Promise<RecomputeSummary> {
  const plan = planRecompute(options);
  const runId = randomUUID();
  const queue = await workUnits(database.db, plan.groups);
  try {
    return await database.db.transaction().execute(async (trx) => {
      await run(trx, 'lock table casework_indicator_values in share row exclusive mode');
      const indicatorRows = (await Promise.all(Array.from({ length: HELPERS }, () => helper(database, plan, queue, runId)))).reduce((a, b) => a + b, 0);
      await recomputeSettings(trx);
      await createWorkTables(trx);
      const changedRows = await run(trx, `insert into ${CHANGES} (${COLUMNS}) select ${COLUMNS} from casework_recompute_rows where run_id = ${uuid(runId)}`);
      await run(trx, `delete from casework_recompute_rows where run_id = ${uuid(runId)}`);
      await applyChanges(trx, changedRows);
      return { indicatorRows, changedRows, measureValues: await syncMeasures(trx, plan), months: 'all' as const };
    });
  } finally {
    // A helper or the transaction failed: the differences are of no use (after a commit there are none left).
    await run(database.db, `delete from casework_recompute_rows where run_id = ${uuid(runId)} or created_at < now() - interval '1 day'`);
  }
}

/**
 * The full (or partial) recompute in transactions of its own, given only a Database: what a benchmark times for
 * "full recompute" (no `months`) against "incremental refresh" (`months: ['2025-07-01']`). A full recompute on
 * PostgreSQL shares its groups between two connections (above), one partnership at a time; anything else runs in
 * one transaction (recomputeCaseworkIndicators).
 */
export async function runCaseworkRecompute(database: Database, options: RecomputeOptions): Promise<RecomputeSummary> {
  if (database.kind !== 'postgres' || options.months) return database.db.transaction().execute((trx) => recomputeCaseworkIndicators(trx, options));
  if (options.partnershipId) return parallelPartnership(database, { ...options, partnershipId: options.partnershipId });
  const total: RecomputeSummary = { indicatorRows: 0, changedRows: 0, measureValues: 0, months: 'all' };
  for (const id of await partnershipIds(database.db)) addSummary(total, await parallelPartnership(database, { ...options, partnershipId: id }));
  return total;
}
