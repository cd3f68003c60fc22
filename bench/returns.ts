// npm run bench:returns: a 200,000-row data return (one row per school, an open breakdown) on a fresh database:
// rows per second for the upload check (parse + check, CSV and XLSX), for the database write (ReturnsService.save,
// one transaction) and for raw COPY of the same rows into return_values. Wall clock, one run each.
// PGlite always; PostgreSQL too when DATABASE_URL is set.
import { sql } from 'kysely';
import { buildContainer } from '../src/container.ts';
import { loadExamples } from '../src/examples.ts';
import { layoutFor, type ReturnRow, type ReturnsActor } from '../src/modules/returns/index.ts';
import { csv, xlsx } from '../src/returns-parsing/fixtures.ts';
import { DATABASE_KINDS, createTestDatabase } from '../test/helpers/test-database.ts';
import { fixedClock, TEST_SECRET } from '../test/helpers/test-server.ts';

const ROWS = 200_000;
const PERIOD_START = '2025-01-01';
const HEADINGS = ['School', 'Period start', 'Numerator', 'Denominator', 'Note'];
const schools = Array.from({ length: ROWS - 1 }, (_, i) => `School URN ${100_000 + i}`);
const figures = (i: number) => ({ numerator: i % 37, denominator: 37 + (i % 53) });
const table: string[][] = [];

async function timed<T>(work: () => Promise<T>): Promise<{ result: T; seconds: number }> {
  const started = performance.now();
  const result = await work();
  return { result, seconds: (performance.now() - started) / 1000 };
}

function record(step: string, seconds: number): number {
  table.push([step, ROWS.toLocaleString('en-GB'), seconds.toFixed(2), Math.round(ROWS / seconds).toLocaleString('en-GB')]);
  return seconds;
}

// The Total is the sum of the schools: the upload check refuses one that is not (issue 12 item 7).
const totalOf = (key: 'numerator' | 'denominator') => String(schools.reduce((sum, _, i) => sum + figures(i)[key], 0));
const fileRows = [['Total', PERIOD_START, totalOf('numerator'), totalOf('denominator'), ''], ...schools.map((school, i) => [school, PERIOD_START, String(figures(i).numerator), String(figures(i).denominator), i % 1000 === 0 ? 'provisional' : ''])];
const csvBytes = csv([HEADINGS, ...fileRows]);
const xlsxBytes = await xlsx([HEADINGS, ...fileRows.map(([school, , n, d, note]) => [school!, new Date(`${PERIOD_START}T00:00:00Z`), Number(n), Number(d), note!])]);
const ratios: string[] = [];

for (const kind of DATABASE_KINDS) {
  const database = await createTestDatabase(kind);
  try {
    const container = buildContainer(database, { clock: fixedClock, secret: TEST_SECRET });
    await loadExamples(container);
    const returns = container.returns;
    const essex = (await returns.partnership('essex'))!.id;
    const advice = await returns.schedule(essex, 'advice-timeliness-by-provider');
    const operator: ReturnsActor = { label: 'benchmark', personId: null, organisationId: null, reviewer: false };
    // An open breakdown: any school name is accepted, so every one of the 200,000 rows is a different value.
    await returns.createSchedule(essex, { slug: 'bench-schools', measureId: advice.measureId, organisationId: advice.organisationId, grain: 'quarter', shape: 'ratio', breakdown: 'school', breakdownValues: [], deadlineDays: 20, firstPeriodStart: '2024-10-01' }, operator);
    const schedule = await returns.schedule(essex, 'bench-schools');
    const period = returns.period(schedule, '2025-Q1');
    if (layoutFor(schedule).maxRows < ROWS) throw new Error('The upload limit is below the benchmark size');

    let rows: ReturnRow[] = [];
    if (kind === DATABASE_KINDS[0]) {
      for (const [label, bytes, name] of [['CSV', csvBytes, 'bench.csv'], ['XLSX', xlsxBytes, 'bench.xlsx']] as const) {
        const { result, seconds } = await timed(() => returns.checkFile(schedule, period, bytes, name));
        if (!result.ok) throw new Error(`The benchmark ${label} was refused: ${result.problems[0]?.message}`);
        if (result.rows.length !== ROWS) throw new Error(`${result.rows.length} rows checked`);
        rows = result.rows;
        record(`upload check (parse + check), ${label} ${(bytes.length / 1_048_576).toFixed(1)} MB`, seconds);
      }
    } else {
      const checked = await returns.checkFile(schedule, period, csvBytes, 'bench.csv');
      if (!checked.ok) throw new Error('The benchmark CSV was refused');
      rows = checked.rows;
    }

    const write = record(`database write (ReturnsService.save), ${kind}`, (await timed(() => returns.save(essex, schedule, period, rows, { actor: operator, channel: 'upload', submit: false }))).seconds);

    // A revision of its own for the raw COPY (another period), so the same rows can be loaded again.
    const other = await database.db.insertInto('data_returns').values({ partnership_id: essex, schedule_id: schedule.id, period_start: '2024-10-01', status: 'draft', revision: 1 }).returning('id').executeTakeFirstOrThrow();
    const revision = await database.db.insertInto('return_revisions').values({ partnership_id: essex, return_id: other.id, revision: 1, action: 'saved', channel: 'upload', actor: 'benchmark' }).returning('id').executeTakeFirstOrThrow();
    const copyRows = rows.map((r) => [essex, revision.id, r.breakdownValue, r.numerator, r.denominator, r.value] as const);
    const copy = record(`raw COPY into return_values, ${kind}`, (await timed(() => database.copyRows('return_values', ['partnership_id', 'revision_id', 'breakdown_value', 'numerator', 'denominator', 'value'], copyRows))).seconds);
    const { rows: counted } = await sql<{ n: number }>`select count(*)::int as n from return_values`.execute(database.db);
    if (counted[0]!.n !== 2 * ROWS) throw new Error(`return_values holds ${counted[0]!.n} rows, expected ${2 * ROWS}`);
    ratios.push(`${kind}: the write takes ${(write / copy).toFixed(1)}× as long as raw COPY`);
  } finally {
    await database.destroy();
  }
}

const widths = [56, 9, 9, 11];
const line = (cells: string[]) => cells.map((cell, i) => (i === 0 ? cell.padEnd(widths[i]!) : cell.padStart(widths[i]!))).join('  ');
console.log(`A ${ROWS.toLocaleString('en-GB')}-row data return (one row per school), wall clock, one run each`);
console.log(line(['step', 'rows', 'seconds', 'rows/s']));
for (const row of table) console.log(line(row));
for (const ratio of ratios) console.log(ratio);
