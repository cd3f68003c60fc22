// A return filled in as CSV and saved as a workbook by LibreOffice (`soffice --headless --convert-to xlsx`)
// imports correctly, through the service on each database and through `send-outcomes returns import`.
// Never skipped in CI (.ci/run installs LibreOffice); skipped on a developer machine without it.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { buildContainer } from '../../src/container.ts';
import { openDatabase } from '../../src/db/database.ts';
import { ReturnProblemsError, templateCsv, type ReturnsActor } from '../../src/modules/returns/index.ts';
import { tableChecksums } from '../helpers/table-checksums.ts';
import { DATABASE_KINDS } from '../helpers/test-database.ts';
import { createTestApp, fixedClock, TEST_SECRET } from '../helpers/test-server.ts';

const SOFFICE = '/usr/bin/soffice';
const root = new URL('../..', import.meta.url).pathname;
const skip = existsSync(SOFFICE) || process.env.CI === 'true' ? false : 'LibreOffice (/usr/bin/soffice) is absent on this machine';
const COUNTS: Record<string, number> = { Total: 40, North: 10, Mid: 12, South: 8, West: 10 };
const expectedRows = Object.entries(COUNTS).map(([area, count]) => ({ breakdownValue: area === 'Total' ? '' : area, numerator: count, denominator: null, value: null })).sort((a, b) => a.breakdownValue.localeCompare(b.breakdownValue));

describe('a return saved as a workbook by LibreOffice', { skip }, () => {
  let dir: string;
  /** The template's CSV filled in, as LibreOffice saves it as .xlsx (default import options, then UTF-8 with accents, then a formula). */
  const books: Record<'plain' | 'accents' | 'formula', Buffer> = { plain: Buffer.alloc(0), accents: Buffer.alloc(0), formula: Buffer.alloc(0) };

  /** Writes a CSV and converts it with LibreOffice on its own profile, so parallel runs do not share one. */
  function convert(name: string, text: string, infilter?: string): Buffer {
    const path = join(dir, `${name}.csv`);
    writeFileSync(path, text);
    const run = spawnSync(SOFFICE, [`-env:UserInstallation=file://${join(dir, 'profile')}`, '--headless', ...(infilter ? [`--infilter=${infilter}`] : []), '--convert-to', 'xlsx', '--outdir', dir, path], { timeout: 120_000 });
    assert.equal(run.status, 0, String(run.stderr));
    return readFileSync(join(dir, `${name}.xlsx`));
  }

  before(async () => {
    dir = mkdtempSync(join(tmpdir(), 'returns-libreoffice-'));
    const t = await createTestApp();
    try {
      const essex = (await t.container.returns.partnership('essex'))!.id;
      const schedule = await t.container.returns.schedule(essex, 'integrated-checks-by-area');
      // The CSV template (UTF-8 with a byte-order mark, a row per area, the period filled in) with the counts typed in.
      const template = templateCsv(schedule, t.container.returns.period(schedule, '2025-Q1'));
      const filled = (note: (area: string) => string) => template.replace(/^(Total|North|Mid|South|West),2025-01-01,,(?=\r?$)/gm, (_, area: string) => `${area},2025-01-01,${COUNTS[area]},${note(area)}`);
      books.plain = convert('plain', filled(() => ''));
      // 76 is UTF-8 in LibreOffice's CSV filter options: what a person picks in its Text Import dialog.
      books.accents = convert('accents', filled((area) => (area === 'North' ? '"Café – provisional, two settings late"' : '')), 'CSV:44,34,76,1');
      books.formula = convert('formula', filled((area) => (area === 'Mid' ? '=1+2' : '')), 'CSV:44,34,76,1');
    } finally {
      await t.close();
    }
  });
  after(() => rmSync(dir, { recursive: true, force: true }));

  for (const kind of DATABASE_KINDS) {
    it(`imports it through the returns service with the figures and notes as typed (${kind})`, async () => {
      const t = await createTestApp({ kind });
      try {
        const returns = t.container.returns;
        const essex = (await returns.partnership('essex'))!.id;
        const schedule = await returns.schedule(essex, 'integrated-checks-by-area');
        const period = returns.period(schedule, '2025-Q1');
        const actor: ReturnsActor = { label: 'submitter@essex.example', personId: null, organisationId: schedule.organisationId, reviewer: false };
        assert.equal((await returns.importFile(essex, schedule, period, books.plain, 'plain.xlsx', { actor, channel: 'upload', submit: false })).revision, 1);
        assert.deepEqual((await returns.detail(essex, schedule, period)).rows, expectedRows);

        await returns.importFile(essex, schedule, period, books.accents, 'accents.xlsx', { actor, channel: 'upload', submit: true });
        const detail = await returns.detail(essex, schedule, period);
        assert.deepEqual([detail.status, detail.revision, detail.note], ['submitted', 2, 'North: Café – provisional, two settings late']);
        assert.deepEqual(detail.rows, expectedRows);
      } finally {
        await t.close();
      }
    });
  }

  it('refuses a note LibreOffice turned into a formula, by row and column, and writes nothing', async () => {
    const t = await createTestApp();
    try {
      const returns = t.container.returns;
      const essex = (await returns.partnership('essex'))!.id;
      const schedule = await returns.schedule(essex, 'integrated-checks-by-area');
      const before = await tableChecksums(t.database);
      await assert.rejects(returns.importFile(essex, schedule, returns.period(schedule, '2025-Q1'), books.formula, 'formula.xlsx', { actor: { label: 'x', personId: null, organisationId: schedule.organisationId, reviewer: false }, channel: 'upload', submit: true }), (error: unknown) => {
        assert.ok(error instanceof ReturnProblemsError);
        assert.deepEqual(error.problems, [{ row: 4, column: 'Note', message: "Row 4, column 'Note': contains a formula; paste values only" }]);
        return true;
      });
      assert.deepEqual(await tableChecksums(t.database), before);
    } finally {
      await t.close();
    }
  });

  it('imports it with "send-outcomes returns import"', { timeout: 180_000 }, async () => {
    const dataDir = join(dir, 'cli-data');
    const file = join(dir, 'plain.xlsx');
    const env: Record<string, string | undefined> = { ...process.env, DATA_DIR: dataDir, LOG_LEVEL: 'silent' };
    delete env.DATABASE_URL;
    const run = spawnSync(process.execPath, ['--import', 'tsx', 'src/cli/main.ts', 'returns', 'import', 'integrated-checks-by-area', '--period', '2025-Q1', '--org', 'essex-child-and-family-wellbeing-service', file, '--submit'], { cwd: root, env, encoding: 'utf8', timeout: 120_000 });
    assert.equal(run.status, 0, run.stderr);
    assert.equal(run.stdout, 'Saved integrated-checks-by-area 2025 Q1 from Essex Child and Family Wellbeing Service as revision 1 (submitted): 5 rows.\n');
    const database = await openDatabase({ kind: 'pglite', dataDir: join(dataDir, 'pgdata') });
    try {
      const returns = buildContainer(database, { clock: fixedClock, secret: TEST_SECRET }).returns;
      const essex = (await returns.partnership('essex'))!.id;
      const schedule = await returns.schedule(essex, 'integrated-checks-by-area');
      const detail = await returns.detail(essex, schedule, returns.period(schedule, '2025-Q1'));
      assert.deepEqual(detail.rows, expectedRows);
      assert.deepEqual(detail.history.map((h) => [h.action, h.channel, h.actor, h.fileName]), [['submitted', 'command-line', 'command line', 'plain.xlsx']]);
    } finally {
      await database.close();
    }
  });
});
