// npm run bench:casework [-- --scale national|council] [--database postgres|pglite]: casework at national scale (issue 6 item 6).
// Generates a seeded synthetic dataset (casework-data.ts; national: 1M EHC needs assessment requests with their
// assessments and plans, about 3M advice requests, 2M annual reviews, 1M referrals, plus phase transfers, equipment
// and the dynamic support register; council, the default: about 1/150 of that) into a temporary directory, then for
// PGlite (temporary data directory) and, when DATABASE_URL is set, PostgreSQL (a database created for the run):
// (a) the base load through CaseworkService.import, one CSV per record kind per calendar quarter; (b) the full
// recompute; (c) one more month imported the same way, and the refresh of the months it touched; and (d) the same
// indicators written by hand in DuckDB SQL over the same records (load and compute timed apart), whose every row
// is compared with the product's. Wall clock, one run each; figures are printed, never asserted.
import { mkdtempSync, rmSync, statfsSync } from 'node:fs';
import { availableParallelism, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import type { DatabaseKind } from '../src/db/database.ts';
import { FINAL_END, SCALES } from './casework-data.ts';
import { computeDuckDb, duckDbValues, loadDuckDb } from './casework-duckdb.ts';
import { writeCaseworkFiles } from './casework-files.ts';
import { compareValues, interruptCleanups, runProduct, type ProductResult } from './casework-product.ts';

const scaleArg = process.argv.indexOf('--scale');
const scaleName = (scaleArg >= 0 ? process.argv[scaleArg + 1] : 'council') as keyof typeof SCALES;
const scale = SCALES[scaleName];
if (!scale) throw new Error(`--scale must be ${Object.keys(SCALES).join(' or ')}`);
const databaseArg = process.argv.indexOf('--database');
const only = databaseArg >= 0 ? process.argv[databaseArg + 1] : undefined;
if (only !== undefined && only !== 'postgres' && only !== 'pglite') throw new Error('--database must be postgres or pglite');
if (only === 'postgres' && !process.env.DATABASE_URL) throw new Error('--database postgres needs DATABASE_URL');
const kinds: DatabaseKind[] = only ? [only] : process.env.DATABASE_URL ? ['postgres', 'pglite'] : ['pglite'];
const benchStarted = performance.now();
const log = (line: string) => console.log(`[${((performance.now() - benchStarted) / 1000).toFixed(0).padStart(5)} s] ${line}`);
const n = (x: number) => Math.round(x).toLocaleString('en-GB');
const s = (x: number) => `${x.toFixed(2)} s`;

const dir = mkdtempSync(join(tmpdir(), 'bench-casework-'));
const free = statfsSync(dir);
const load = () => loadavg().map((x) => x.toFixed(1)).join(' ');
const startLoad = load();
log(`${scale.name} scale; files in ${dir} (${n((free.bavail * free.bsize) / 1_073_741_824)} GiB free); load average ${startLoad}`);
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.once(signal, () => {
    rmSync(dir, { recursive: true, force: true });
    void Promise.allSettled([...interruptCleanups].map((cleanup) => cleanup())).then(() => process.exit(130));
  });
}
try {
  let started = performance.now();
  const files = writeCaseworkFiles(scale, dir);
  const generateSeconds = (performance.now() - started) / 1000;
  const total = (which: 'base' | 'extra' | 'final') => Object.values(files.counts).reduce((sum, c) => sum + c[which], 0);
  log(`generated ${n(total('final'))} records (${(files.bytes / 1_048_576).toFixed(0)} MB of CSV) in ${s(generateSeconds)}`);
  for (const [kind, count] of Object.entries(files.counts)) log(`  ${kind.padEnd(20)} base ${n(count.base).padStart(10)}  extra month ${n(count.extra).padStart(8)}  final ${n(count.final).padStart(10)}`);

  started = performance.now();
  const duck = await loadDuckDb(files.duckdb);
  const duckLoad = (performance.now() - started) / 1000;
  started = performance.now();
  await computeDuckDb(duck, FINAL_END);
  const duckCompute = (performance.now() - started) / 1000;
  const duckValues = await duckDbValues(duck);
  duck.close();
  log(`DuckDB: load ${s(duckLoad)}, compute ${s(duckCompute)} (${n(duckValues.size)} indicator rows)`);

  const results: ProductResult[] = [];
  const checks: string[] = [];
  for (const kind of kinds) {
    const result = await runProduct(kind, files, log);
    results.push(result);
    const { matching, differences } = compareValues(result.values, duckValues);
    checks.push(differences.length === 0
      ? `${kind}: results match (all ${n(matching)} indicator rows — months, quarters and years — equal DuckDB's after the extra month and its refresh)`
      : `${kind}: ${n(differences.length)} differences from DuckDB (${n(matching)} rows equal), e.g.\n    ${differences.slice(0, 8).join('\n    ')}`);
    log(checks.at(-1)!);
  }

  const columns = results.map((r) => (r.kind === 'pglite' ? 'PGlite' : 'PostgreSQL'));
  const line = (label: string, cells: string[]) => console.log(`${label.padEnd(62)}${cells.map((c) => c.padStart(24)).join('')}`);
  console.log(`\nCasework benchmark, ${scale.name} scale: ${n(total('final'))} synthetic records, ${scale.areas} areas, 2017 to December 2024 (seeded; wall clock, one run each)`);
  console.log(`Base load: ${files.base.length} CSV files, one per record kind per calendar quarter, ${n(total('base'))} rows; extra month (December 2024): ${files.extra.length} files, ${n(total('extra'))} rows`);
  console.log(`Generating the files: ${s(generateSeconds)}. DuckDB (hand-written SQL, in memory): load ${s(duckLoad)}, compute ${s(duckCompute)}, ${n(duckValues.size)} indicator rows\n`);
  line('step', [...columns, 'DuckDB']);
  line('(a) base import, CaseworkService.import', [...results.map((r) => `${s(r.importSeconds)}`), `load ${s(duckLoad)}`]);
  line('    rows per second (parse, check, pseudonymise, write, refresh)', [...results.map((r) => n(r.importRows / r.importSeconds)), `${n(total('final') / duckLoad)} (CSV)`]);
  line('    full recompute straight after the load', [...results.map((r) => s(r.coldFullSeconds)), '']);
  line('    VACUUM ANALYZE (what autovacuum does after a bulk load)', [...results.map((r) => s(r.vacuumSeconds)), '']);
  line('(b) full recompute (all indicators, months, quarters, years)', [...results.map((r) => s(r.fullSeconds)), s(duckCompute)]);
  line('    stored rows it changed (the imports left them right)', [...results.map((r) => n(r.fullChanged)), '']);
  line('    the same at the end into an empty table (every row written)', [...results.map((r) => `${s(r.emptyFullSeconds)}${r.emptyMatchesIncremental ? '' : ' (DIFFERS)'}`), '']);
  line('(c) extra month import, CaseworkService.import', [...results.map((r) => `${s(r.extraImportSeconds)}`), '']);
  line('    refresh of the months its files touched (their kinds)', [...results.map((r) => `${s(r.refreshSeconds)} (${r.refreshMonths} mo)`), '']);
  line('ratio: full recompute / DuckDB compute (target ≤ 3)', [...results.map((r) => `${(r.fullSeconds / duckCompute).toFixed(1)}×`), '']);
  line('ratio: incremental refresh / full recompute (target < 0.1)', [...results.map((r) => (r.refreshSeconds / r.fullSeconds).toFixed(3)), '']);
  line('ratio: extra month import (with its refresh) / full recompute', [...results.map((r) => (r.extraImportSeconds / r.fullSeconds).toFixed(3)), '']);
  console.log('');
  for (const check of checks) console.log(check);
  console.log(`Total ${s((performance.now() - benchStarted) / 1000)}; load average (1, 5, 15 min) ${startLoad} at the start, ${load()} at the end, on ${availableParallelism()} cores`);
} finally {
  rmSync(dir, { recursive: true, force: true });
}
