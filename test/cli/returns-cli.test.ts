// `send-outcomes returns ...` run as a user would, on its own embedded database: schedules, templates that
// read back as the upload expects, imports that land whole or not at all, and approval.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import ExcelJS from 'exceljs';
import { openDatabase } from '../../src/db/database.ts';
import { layoutFor, type Schedule } from '../../src/modules/returns/index.ts';
import { parseReturnFile } from '../../src/returns-parsing/index.ts';
import { tableChecksums } from '../helpers/table-checksums.ts';

const root = new URL('../..', import.meta.url).pathname;
const ORG = 'essex-child-and-family-wellbeing-service';
let dir: string;

function cli(args: string[]) {
  const env: Record<string, string | undefined> = { ...process.env, DATA_DIR: join(dir, 'data'), LOG_LEVEL: 'silent' };
  delete env.DATABASE_URL;
  const result = spawnSync(process.execPath, ['--import', 'tsx', 'src/cli/main.ts', ...args], { cwd: root, env, encoding: 'utf8', timeout: 120_000 });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

/** Every table's row count and checksum, read while no command holds the database. */
async function checksums(): Promise<Record<string, string>> {
  const database = await openDatabase({ kind: 'pglite', dataDir: join(dir, 'data', 'pgdata') });
  try {
    return await tableChecksums(database);
  } finally {
    await database.close();
  }
}

const file = (name: string, text: string) => {
  const path = join(dir, name);
  writeFileSync(path, text);
  return path;
};

describe('send-outcomes returns', () => {
  before(() => {
    dir = mkdtempSync(join(tmpdir(), 'send-outcomes-returns-cli-'));
  });
  after(() => rmSync(dir, { recursive: true, force: true }));

  let schedule: Schedule;

  it('lists the schedules with the code of the organisation that supplies each', () => {
    const { code, stdout } = cli(['returns', 'schedules']);
    assert.equal(code, 0);
    assert.match(stdout, /^essex\tintegrated-checks-by-area\tessex-child-and-family-wellbeing-service\tquarter\tcount\tarea$/m);
    const list = JSON.parse(cli(['returns', 'schedules', '--json', '--partnership', 'essex']).stdout) as (Omit<Schedule, 'organisationName' | 'organisationCode'> & { organisation: { name: string; code: string } })[];
    assert.deepEqual(list.map((s) => s.slug), ['integrated-checks-by-area', 'advice-timeliness-by-provider', 'local-offer-users', 'assessment-waits-by-area']);
    const checks = list.find((s) => s.slug === 'integrated-checks-by-area')!;
    assert.deepEqual([checks.organisation.code, checks.breakdownValues], [ORG, ['North', 'Mid', 'South', 'West']]);
    schedule = { ...checks, organisationName: checks.organisation.name, organisationCode: checks.organisation.code } as unknown as Schedule;
  });

  it('writes templates that read back as the upload expects, and imports one filled in', async () => {
    const xlsxPath = join(dir, 'template.xlsx');
    const csvPath = join(dir, 'template.csv');
    const made = cli(['returns', 'template', 'integrated-checks-by-area', '--period', '2025-Q1', '--xlsx', xlsxPath, '--csv', csvPath]);
    assert.equal(made.code, 0, made.stderr);
    assert.equal(made.stdout, `Wrote the integrated-checks-by-area template to ${xlsxPath}\nWrote the integrated-checks-by-area template to ${csvPath}\n`);
    const layout = layoutFor(schedule);
    // Blank, the template is refused only for the counts still to be typed in: headings, areas and period are right.
    const blank = await parseReturnFile(layout, readFileSync(xlsxPath), 'template.xlsx');
    assert.deepEqual(blank.ok ? [] : blank.problems.map((p) => p.message), [2, 3, 4, 5, 6].map((row) => `Row ${row}, column 'Count': a value is required`));
    assert.equal(readFileSync(csvPath, 'utf8'), '\uFEFFArea,Period start,Count,Note\r\nTotal,2025-01-01,,\r\nNorth,2025-01-01,,\r\nMid,2025-01-01,,\r\nSouth,2025-01-01,,\r\nWest,2025-01-01,,\r\nUnknown area,2025-01-01,0,\r\n');

    const book = new ExcelJS.Workbook();
    await book.xlsx.load(readFileSync(xlsxPath) as unknown as ExcelJS.Buffer);
    const sheet = book.getWorksheet('Return')!;
    assert.deepEqual((sheet.getRow(1).values as unknown[]).slice(1), ['Area', 'Period start', 'Count', 'Note']);
    [40, 10, 12, 8, 10].forEach((count, i) => (sheet.getCell(i + 2, 3).value = count));
    const filledPath = join(dir, 'filled.xlsx');
    writeFileSync(filledPath, Buffer.from(await book.xlsx.writeBuffer()));
    const filled = await parseReturnFile(layout, readFileSync(filledPath), 'filled.xlsx');
    assert.deepEqual(filled.ok && filled.rows, ['Total', 'North', 'Mid', 'South', 'West', 'Unknown area'].map((area, i) => ({ breakdown: area, period_start: '2025-01-01', numerator: [40, 10, 12, 8, 10, 0][i], note: null })));

    const imported = cli(['returns', 'import', 'integrated-checks-by-area', '--period', '2025-Q1', '--org', ORG, filledPath]);
    assert.equal(imported.code, 0, imported.stderr);
    assert.equal(imported.stdout, 'Saved integrated-checks-by-area 2025 Q1 from Essex Child and Family Wellbeing Service as revision 1 (draft): 5 rows.\n');
  });

  it('refuses a bad file with each problem by row and column on stderr, exit code 1, and writes nothing', async () => {
    const before = await checksums();
    const bad = file('bad.csv', 'Area,Period start,Count,Note\nTotal,2025-01-01,40,\nNorth,2025-01-01,-3,\nMid,2025-01-01,ten,\nSouth,2025-01-01,8,\nSouth,2025-01-01,8,\nEast,2025-01-01,1,\n');
    const { code, stdout, stderr } = cli(['returns', 'import', 'integrated-checks-by-area', '--period', '2025-Q1', '--org', ORG, bad, '--submit']);
    assert.equal(code, 1);
    assert.equal(stdout, '');
    assert.equal(stderr, [
      "row 3, Count: a count cannot be negative, found '-3'",
      'row 4, Count: expected a whole number',
      'row 6: repeats row 5 (same Area)',
      'row 7, Area: this is not one of Total, North, Mid, South, West, Unknown area',
      'The return has 4 problems; nothing was saved',
      '',
    ].join('\n'));
    const wrongPeriod = cli(['returns', 'import', 'integrated-checks-by-area', '--period', '2025-Q2', '--org', ORG, join(dir, 'filled.xlsx')]);
    assert.equal(wrongPeriod.code, 1);
    assert.match(wrongPeriod.stderr, /^row 2, Period start: this return is for 2025 Q2, so the period start must be 2025-04-01$/m);
    assert.deepEqual(await checksums(), before);
  });

  it('refuses an --org that does not supply the schedule, an unknown schedule and a bad period, writing nothing', async () => {
    const before = await checksums();
    const good = join(dir, 'filled.xlsx');
    const wrongOrg = cli(['returns', 'import', 'integrated-checks-by-area', '--period', '2025-Q1', '--org', 'essex-county-council', good]);
    assert.equal(wrongOrg.code, 1);
    assert.equal(wrongOrg.stderr, `--org essex-county-council does not supply "integrated-checks-by-area": it is supplied by Essex Child and Family Wellbeing Service (--org ${ORG})\nNothing was written.\n`);
    const unknown = cli(['returns', 'import', 'no-such-return', '--period', '2025-Q1', '--org', ORG, good]);
    assert.equal(unknown.code, 1);
    assert.match(unknown.stderr, /^There is no return schedule "no-such-return" \(send-outcomes returns schedules lists them\)\nNothing was written\.\n$/);
    const period = cli(['returns', 'import', 'integrated-checks-by-area', '--period', '2025-Q5', '--org', ORG, good]);
    assert.equal(period.code, 1);
    assert.match(period.stderr, /"2025-Q5" is not a quarter: write it like 2025-Q2/);
    const missing = cli(['returns', 'import', 'integrated-checks-by-area', '--org', ORG, good]);
    assert.equal(missing.code, 2);
    assert.match(missing.stderr, /returns import needs --period, --org and a file/);
    assert.deepEqual(await checksums(), before);
  });

  it('submits a corrected return and approves it from the command line', () => {
    const corrected = file('corrected.csv', '\uFEFFArea;Period start;Count;Note\r\nTotal;01/01/2025;41;\r\nNorth;01/01/2025;11;One late entry added\r\nMid;01/01/2025;12;\r\nSouth;01/01/2025;8;\r\nWest;01/01/2025;10;\r\n');
    const submitted = cli(['returns', 'import', 'integrated-checks-by-area', '--period', '2025-Q1', '--org', ORG, corrected, '--submit', '--partnership', 'essex']);
    assert.equal(submitted.code, 0, submitted.stderr);
    assert.equal(submitted.stdout, 'Saved integrated-checks-by-area 2025 Q1 from Essex Child and Family Wellbeing Service as revision 2 (submitted): 5 rows.\n');
    const approved = cli(['returns', 'approve', 'integrated-checks-by-area', '--period', '2025-Q1']);
    assert.equal(approved.code, 0, approved.stderr);
    assert.equal(approved.stdout, "Approved integrated-checks-by-area 2025 Q1: 5 values added to the measure's series.\n");
  });
});
