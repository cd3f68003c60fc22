import { sql, type Kysely } from 'kysely';
import type { Schema } from '../../db/schema.ts';
import { applyChangesSql, CHANGES, changesSql, rollupSql, scopeSql } from '../../casework/indicator-apply-sql.ts';
import { indicatorGroups, indicatorMonthsSql, NEW_VALUES, type IndicatorSqlOptions } from '../../casework/indicator-sql.ts';
import { INDICATORS, indicatorKinds, type IndicatorDeclaration } from '../../casework/indicators.ts';
import type { CaseworkKind } from '../../casework/record-kind-types.ts';
import { measureSyncSql } from '../../casework/measure-sync-sql.ts';
import { text } from '../../casework/sql-literals.ts';
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
  /** Indicator rows computed (months, quarters and years). */
  indicatorRows: number;
  /** Of the stored indicator rows, those deleted, changed or added (an unchanged figure is not rewritten). */
  changedRows: number;
  /** measure_values rows written for linked plan measures. */
  measureValues: number;
  /** The month starts recomputed, or 'all'. */
  months: string[] | 'all';
}

export async function run(db: Kysely<Schema>, statement: string): Promise<number> {
  const result = await sql.raw(statement).execute(db);
  return Number(result.numAffectedRows ?? 0);
}

/** What one partnership's recompute computes: its indicators, each with the periods it rewrites, in computing groups. */
export interface RecomputePlan {
  partnershipId: string;
  affected: AffectedPeriods;
  scopes: ReadonlyMap<IndicatorDeclaration, AffectedPeriods>;
  groups: IndicatorDeclaration[][];
  options: RecomputeOptions;
}

export function planRecompute(options: RecomputeOptions & { partnershipId: string }): RecomputePlan {
  const affected: AffectedPeriods = options.months ? affectedByMonths(options.months) : { kind: 'all' };
  const indicators = options.kinds ? INDICATORS.filter((i) => indicatorKinds(i).some((k) => options.kinds!.includes(k))) : INDICATORS;
  // A register snapshot carries forward: a change in March changes every later month-end count.
  const scopes = new Map<IndicatorDeclaration, AffectedPeriods>(indicators.map((i) => [i, i.method === 'snapshot' && affected.kind === 'list' ? { kind: 'from', month: affected.months[0]! } : affected]));
  // A group is indicators counted in one pass over the same cases (indicator-sql.ts), or one indicator.
  return { partnershipId: options.partnershipId, affected, scopes, groups: indicatorGroups(indicators), options };
}

/**
 * Session settings for the set-based statements (inside a transaction: they end with it). `parallel`: whether
 * statements may use parallel workers (starting them costs more than a month's cases take to count).
 */
export async function recomputeSettings(db: Kysely<Schema>, parallel = true): Promise<void> {
  const settings: [string, string][] = [
    // The grouping sets hash every breakdown of a million cases in memory rather than sorting on disk (shared/design.md).
    ['work_mem', '256MB'],
    // Compiling these statements (JIT) costs tens of milliseconds each and made no national run faster. PGlite has no
    // JIT and accepts the setting.
    ['jit', 'off'],
    // The finest-grain counts gather a few partial groups per worker, not the scanned rows: the default cost of
    // passing rows from parallel workers (0.1) keeps PostgreSQL from using them. PGlite has no parallel workers.
    parallel ? ['parallel_tuple_cost', '0.01'] : ['max_parallel_workers_per_gather', '0'],
  ];
  // One statement (a refresh is a few dozen): set_config(..., true) is SET LOCAL.
  await run(db, `select ${settings.map(([name, value]) => `set_config(${text(name)}, ${text(value)}, true)`).join(', ')}`);
}

/**
 * The recompute's temporary tables: the freshly computed rows, and their differences from the stored ones. Made once
 * per connection and emptied at each commit (creating and dropping them took a tenth of a one-month refresh).
 */
export async function createWorkTables(db: Kysely<Schema>): Promise<void> {
  await run(db, `create temporary table if not exists ${NEW_VALUES} (like casework_indicator_values including defaults) on commit delete rows`);
  await run(db, `create temporary table if not exists ${CHANGES} (like casework_indicator_values including defaults, change text not null) on commit delete rows`);
}

/** Computes the month rows of some of the plan's groups into the work table; returns the rows written. */
export async function computeGroups(db: Kysely<Schema>, plan: RecomputePlan, groups: readonly IndicatorDeclaration[][]): Promise<number> {
  let rows = 0;
  for (const group of groups) {
    const { options } = plan;
    const sqlOptions: IndicatorSqlOptions = { affected: plan.scopes.get(group[0]!)!, asOf: options.asOf, partnershipId: plan.partnershipId, ...(options.boundary ? { boundary: options.boundary } : {}) };
    const months = indicatorMonthsSql(group, sqlOptions);
    // A refresh reads a month's cases, scattered over the table: a bitmap scan visits each page once, in order,
    // where PostgreSQL's choice, an index scan, jumps between pages for every case (twice as slow for a national
    // month of advice requests). The register's lookups of latest ratings keep their index scans.
    const bitmap = plan.affected.kind === 'list' && group[0]!.method !== 'snapshot';
    if (bitmap) await run(db, 'set local enable_indexscan = off');
    for (const statement of months.before) await run(db, statement);
    rows += await run(db, months.insert);
    for (const statement of months.after) await run(db, statement);
    if (bitmap) await run(db, 'set local enable_indexscan = on');
  }
  return rows;
}

/** Applies the work table of differences (`count` rows) to casework_indicator_values. */
export async function applyChanges(db: Kysely<Schema>, count: number): Promise<void> {
  if (count === 0) return;
  await run(db, `analyze ${CHANGES}`);
  for (const statement of applyChangesSql()) await run(db, statement);
}

/**
 * With every group's month rows in the work table: rolls up quarters and years, writes what changed into
 * casework_indicator_values, and rewrites the linked plan measures' values.
 */
export async function writeRecompute(db: Kysely<Schema>, plan: RecomputePlan, monthRows: number): Promise<RecomputeSummary> {
  const { partnershipId, scopes, affected } = plan;
  let indicatorRows = monthRows;
  // Quarters and years, from the fresh months and the stored ones of the periods not recomputed; then only what
  // differs from the stored rows is written (indicator-apply-sql.ts).
  for (const statement of rollupSql(scopes, partnershipId)) indicatorRows += await run(db, statement);
  const changedRows = await run(db, changesSql(scopeSql(scopes, partnershipId)));
  await applyChanges(db, changedRows);
  await run(db, `truncate ${NEW_VALUES}, ${CHANGES}`);
  const measureValues = await syncMeasures(db, plan);
  return { indicatorRows, changedRows, measureValues, months: affected.kind === 'list' ? affected.months : 'all' };
}

/** Rewrites the values of the plan measures computed from the recomputed indicators; returns the rows written. */
export async function syncMeasures(db: Kysely<Schema>, plan: RecomputePlan): Promise<number> {
  // Only indicators that some plan measure is computed from need their values copied into measure_values.
  const linked = new Set((await db.selectFrom('measures').select('computed_from').distinct().where('computed_from', 'is not', null)
    .where('partnership_id', '=', plan.partnershipId).execute()).map((m) => m.computed_from));
  let measureValues = 0;
  for (const [indicator, scope] of plan.scopes) {
    if (!linked.has(`casework:${indicator.id}`)) continue;
    const [remove, insert] = measureSyncSql(indicator, plan.partnershipId, scope);
    await run(db, remove);
    measureValues += await run(db, insert);
  }
  return measureValues;
}

/**
 * Recomputes the casework indicators inside the database, set-based: the affected months of every indicator are
 * computed from the record tables into a temporary table and written to casework_indicator_values as a difference
 * (only rows that changed are deleted, updated or inserted), with quarters and years rolled up from months, and the
 * linked plan measures' values rewritten (source 'casework'; their synthetic demonstration series is removed once
 * real values exist). No case row is read into Node. Run it inside a transaction (`db` a Kysely transaction) so a
 * reader never sees a half-written period; runCaseworkRecompute (casework-parallel-recompute.ts) does that.
 */
export async function recomputeCaseworkIndicators(db: Kysely<Schema>, options: RecomputeOptions): Promise<RecomputeSummary> {
  if (options.months && options.months.length === 0) return { indicatorRows: 0, changedRows: 0, measureValues: 0, months: [] };
  if (!options.partnershipId) {
    // Every partnership, one at a time: each statement then reaches an indicator's rows through the primary key.
    const total: RecomputeSummary = { indicatorRows: 0, changedRows: 0, measureValues: 0, months: options.months ? affectedMonths(options.months) : 'all' };
    for (const id of await partnershipIds(db)) addSummary(total, await recomputeCaseworkIndicators(db, { ...options, partnershipId: id }));
    return total;
  }
  const plan = planRecompute({ ...options, partnershipId: options.partnershipId });
  await recomputeSettings(db, plan.affected.kind === 'all');
  await createWorkTables(db);
  const monthRows = await computeGroups(db, plan, plan.groups);
  return writeRecompute(db, plan, monthRows);
}

export async function partnershipIds(db: Kysely<Schema>): Promise<string[]> {
  return (await db.selectFrom('partnerships').select('id').orderBy('id').execute()).map((p) => p.id);
}

export function addSummary(total: RecomputeSummary, one: RecomputeSummary): void {
  total.indicatorRows += one.indicatorRows;
  total.changedRows += one.changedRows;
  total.measureValues += one.measureValues;
}

const affectedMonths = (months: readonly string[]): string[] => {
  const affected = affectedByMonths(months);
  return affected.kind === 'list' ? affected.months : [];
};
