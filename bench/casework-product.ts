// The product side of npm run bench:casework: a fresh database of one kind (PGlite in a temporary data directory, or
// a database created for the run on the PostgreSQL server of DATABASE_URL and dropped afterwards), the base load
// through CaseworkService.import (parse, identifier checks, HMAC pseudonyms, COPY and upsert, and the import's own
// refresh of the months it touches), the full recompute (straight after the load, and after VACUUM ANALYZE), the extra
// month and, timed apart, the refresh of the months each of its files touched.
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import pg from 'pg';
import { sql } from 'kysely';
import { buildContainer } from '../src/container.ts';
import { openDatabase, type Database, type DatabaseKind } from '../src/db/database.ts';
import { migrate } from '../src/db/migrate.ts';
import { runCaseworkRecompute } from '../src/modules/casework/index.ts';
import { BASE_END, FINAL_END } from './casework-data.ts';
import type { CaseworkFiles, CsvFile } from './casework-files.ts';

/** A fixed key for the benchmark's pseudonyms (never a real one). */
const BENCH_PSEUDONYM_KEY = 'bench-casework-pseudonym-key-not-a-real-key-0123';
const BENCH_SECRET = 'bench-casework-secret-bench-casework-secret-01';

export interface ProductResult {
  kind: DatabaseKind;
  importSeconds: number;
  importRows: number;
  importFiles: number;
  /** The full recompute straight after the load, before VACUUM ANALYZE (hint bits, no statistics yet). */
  coldFullSeconds: number;
  vacuumSeconds: number;
  fullSeconds: number;
  fullRows: number;
  /** Stored rows the (warm) full recompute changed: none when the imports' own refreshes left every figure right. */
  fullChanged: number;
  /** The full recompute with no stored rows (every row written), after deleting them, at the end. */
  emptyFullSeconds: number;
  /** Whether that recompute gave exactly the rows the incremental refresh had left. */
  emptyMatchesIncremental: boolean;
  extraImportSeconds: number;
  extraRows: number;
  refreshSeconds: number;
  refreshMonths: number;
  refreshRows: number;
  values: Map<string, string>;
}

async function admin(url: string, statement: string): Promise<void> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    await client.query(statement);
  } finally {
    await client.end();
  }
}

/** A fresh migrated database of the kind, and how to get rid of it. */
async function freshDatabase(kind: DatabaseKind): Promise<{ database: Database; destroy: () => Promise<void> }> {
  if (kind === 'pglite') {
    const dataDir = mkdtempSync(join(tmpdir(), 'bench-casework-pglite-'));
    const database = await openDatabase({ kind: 'pglite', dataDir });
    await migrate(database);
    return { database, destroy: async () => { await database.close(); rmSync(dataDir, { recursive: true, force: true }); } };
  }
  const url = process.env.DATABASE_URL!;
  const name = `bench_casework_${process.pid}`;
  await admin(url, `drop database if exists ${name} with (force)`);
  await admin(url, `create database ${name}`);
  const target = new URL(url);
  target.pathname = `/${name}`;
  const database = await openDatabase({ kind: 'postgres', url: target.toString() });
  const destroy = async () => { await database.close(); await admin(url, `drop database if exists ${name} with (force)`); };
  try {
    await migrate(database);
  } catch (error) {
    await destroy();
    throw error;
  }
  return { database, destroy };
}

const seconds = (started: number) => (performance.now() - started) / 1000;

/** What to remove if the run is interrupted (the bench's database, its data directory). */
export const interruptCleanups = new Set<() => Promise<void>>();

/** Runs the product's steps on a fresh database of `kind`; `log` reports progress. */
export async function runProduct(kind: DatabaseKind, files: CaseworkFiles, log: (line: string) => void): Promise<ProductResult> {
  const { database, destroy } = await freshDatabase(kind);
  interruptCleanups.add(destroy);
  try {
    let today = BASE_END;
    const container = buildContainer(database, { clock: { today: () => today, now: () => new Date() }, secret: BENCH_SECRET, pseudonymKey: BENCH_PSEUDONYM_KEY });
    const partnership = await database.db.insertInto('partnerships').values({ slug: 'england', name: 'England (synthetic benchmark)' }).returning('id').executeTakeFirstOrThrow();
    const actor = { personId: null, label: 'benchmark' };
    const importAll = async (list: CsvFile[]) => {
      const months = new Set<string>();
      const touched: { kind: CsvFile['kind']; months: string[] }[] = [];
      let rows = 0;
      let done = 0;
      let started = performance.now();
      for (const file of list) {
        const result = await container.casework.import(partnership.id, file.kind, readFileSync(file.path), basename(file.path), actor);
        if (!result.ok) throw new Error(`${basename(file.path)} was refused: ${result.problems.slice(0, 3).map((p) => p.message).join('; ')}`);
        rows += result.rows;
        result.months.forEach((m) => months.add(m));
        touched.push({ kind: file.kind, months: result.months });
        done += 1;
        if (seconds(started) > 30) {
          log(`  ${kind}: ${done} of ${list.length} files, ${rows.toLocaleString('en-GB')} rows`);
          started = performance.now();
        }
      }
      return { rows, months: [...months].sort(), touched };
    };

    log(`${kind}: importing ${files.base.length} base files ...`);
    let started = performance.now();
    const base = await importAll(files.base);
    const importSeconds = seconds(started);
    log(`${kind}: base import ${importSeconds.toFixed(1)} s; full recompute ...`);

    started = performance.now();
    await runCaseworkRecompute(database, { asOf: BASE_END });
    const coldFullSeconds = seconds(started);
    // What autovacuum would do soon after a bulk load: set hint bits and the visibility map, gather statistics.
    started = performance.now();
    await database.exec('vacuum (analyze)');
    const vacuumSeconds = seconds(started);
    log(`${kind}: full recompute straight after the load ${coldFullSeconds.toFixed(1)} s; vacuum analyze ${vacuumSeconds.toFixed(1)} s; full recompute again ...`);

    started = performance.now();
    const full = await runCaseworkRecompute(database, { asOf: BASE_END });
    const fullSeconds = seconds(started);
    log(`${kind}: full recompute ${fullSeconds.toFixed(1)} s (${full.indicatorRows.toLocaleString('en-GB')} rows computed, ${full.changedRows.toLocaleString('en-GB')} changed); the extra month ...`);

    today = FINAL_END;
    started = performance.now();
    const extra = await importAll(files.extra);
    const extraImportSeconds = seconds(started);

    // The refresh each extra file's import ran in its own transaction, again and timed apart: its kind's indicators
    // over the months it touched.
    started = performance.now();
    let refreshRows = 0;
    for (const { kind: recordKind, months } of extra.touched) refreshRows += (await runCaseworkRecompute(database, { asOf: FINAL_END, months, kinds: [recordKind] })).indicatorRows;
    const refreshSeconds = seconds(started);
    log(`${kind}: extra month import ${extraImportSeconds.toFixed(1)} s, refresh of ${extra.months.length} months ${refreshSeconds.toFixed(1)} s`);

    const readValues = async () => {
      const { rows } = await sql<{ k: string; v: string }>`select concat_ws('|', indicator, grain, period_start::text, breakdown, breakdown_value) as k,
        concat_ws('|', coalesce(numerator::text, ''), coalesce(denominator::text, ''), coalesce(value::text, '')) as v
        from casework_indicator_values where partnership_id = ${partnership.id}`.execute(database.db);
      return new Map(rows.map((r) => [r.k, r.v]));
    };
    const values = await readValues();
    // Last, the full recompute with nothing stored, so every row is written (what a partnership's first computation
    // costs); it must give the rows the imports and the refresh left.
    await database.db.deleteFrom('casework_indicator_values').where('partnership_id', '=', partnership.id).execute();
    started = performance.now();
    await runCaseworkRecompute(database, { asOf: FINAL_END });
    const emptyFullSeconds = seconds(started);
    const again = compareValues(await readValues(), values, { product: 'full recompute', reference: 'incremental' });
    log(`${kind}: full recompute into an empty table ${emptyFullSeconds.toFixed(1)} s; ${again.differences.length === 0 ? `the same ${again.matching.toLocaleString('en-GB')} rows as the incremental refresh left` : `${again.differences.length} rows differ from the incremental refresh's, e.g. ${again.differences.slice(0, 3).join('; ')}`}`);
    return {
      kind, importSeconds, importRows: base.rows, importFiles: files.base.length, coldFullSeconds, vacuumSeconds, fullSeconds, fullRows: full.indicatorRows, fullChanged: full.changedRows, emptyFullSeconds,
      extraImportSeconds, extraRows: extra.rows, refreshSeconds, refreshMonths: extra.months.length, refreshRows,
      values, emptyMatchesIncremental: again.differences.length === 0,
    };
  } finally {
    interruptCleanups.delete(destroy);
    await destroy();
  }
}

/** Differences between the product's rows and a reference (DuckDB's, by default): counts, and the first few of each kind. */
export function compareValues(product: Map<string, string>, reference: Map<string, string>, names = { product: 'product', reference: 'DuckDB' }): { matching: number; differences: string[] } {
  const differences: string[] = [];
  let matching = 0;
  for (const [key, value] of reference) {
    const theirs = product.get(key);
    if (theirs === value) matching += 1;
    else differences.push(`${key}: ${names.reference} ${value}, ${names.product} ${theirs ?? 'missing'}`);
  }
  for (const [key, value] of product) if (!reference.has(key)) differences.push(`${key}: ${names.reference} missing, ${names.product} ${value}`);
  return { matching, differences };
}
