// Thousands of malformed and hostile files through the whole import (ReturnsService.importFile) on a real
// database: each must be refused with specific problems, none may crash or hang, and nothing may be written.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { parse as parseCsv } from 'csv-parse/sync';
import ExcelJS from 'exceljs';
import { ReturnProblemsError, templateCsv, templateXlsx, type ReturnsActor, type Schedule } from '../../src/modules/returns/index.ts';
import { csv, FORMULA_INJECTIONS, hostileFiles, seededRandom, xlsx, type FuzzGenerator } from '../../src/returns-parsing/fixtures.ts';
import { tableChecksums } from '../helpers/table-checksums.ts';
import { DATABASE_KINDS } from '../helpers/test-database.ts';
import { createTestApp, type TestApp } from '../helpers/test-server.ts';
import { RATIO_HEADINGS, RATIO_JUNK, ratioRows, ruleBreakingFiles, type Target } from './return-file-generators.ts';

/** A hang detector, not a performance limit: no file may keep the import busy this long. */
const PER_FILE_BOUND_MS = 10_000;
const GENERIC = /could not be read; save it as CSV UTF-8|undefined|\[object|Error:|(^|[^'])NaN/;

/** Every message the import may give, so a vague or unexpected one fails the test. */
const KNOWN = [
  /^The file is not a readable Excel workbook \(\.xlsx\)$/, /^The file is named \.xlsx but is not an Excel workbook/, /^The file must be a CSV/, /^This is an older Excel file/,
  /^The file is not in UTF-8 text/, /^The file is empty$/, /^The file has headings but no rows of data$/, /^The file is \d+(\.\d)? (MB|KB|bytes); the limit is/,
  /^The workbook expands to \d+ MB when opened; the limit is \d+ MB/, /^The sheet '.*' is empty$/, /^Row 1: a heading contains a formula/,
  /^The file has more than \d+ (rows of data|columns)/, /^Column \d+ has no heading$/, /^The heading in column \d+ is too long$/,
  /^Column '.*' (is not part of this return|is missing|appears more than once)/, /^Row \d+, column '[^']+': /, /^Row \d+ has a value in column \d+, which has no heading$/,
  /^Row \d+ repeats row \d+ \(same .+\)$/, /^Row \d+: '.+' \(.+\) is larger than '.+' \(.+\)$/, /^Row \d+, Period start: this return is for /,
  /^Row \d+, \w+: a value can be at most 200 characters$/, /^There is no row for /, /^The heading of column \d+ is not part of this return/, /^A quoted value is never closed/, /^A value has a " character in the wrong place/,
  /^A row is too long/, /^The file could not be read as CSV \(near line \d+\)$/, /^\d+ more problems are not shown/, /^(Total|\w+ ".+"): the \w+ must be a number below/,
  /^Row \d+: '.+' is larger than '.+'$/, /^Total: the \w+ (\(\d+\) )?is not the sum of the /,
];

/** No cell of an export may start the way a spreadsheet formula does (numbers such as -0.5 aside). */
function assertInert(what: string, rows: string[][]): void {
  for (const cell of rows.flat()) assert.ok(/^-?\d+(\.\d+)?$/.test(cell) || !/^[=+\-@\t\r]/.test(cell), `${what} has a live formula: ${cell}`);
}

for (const kind of DATABASE_KINDS) {
  describe(`importing malformed or hostile return files (${kind})`, () => {
    let t: TestApp;
    let essex: string;
    const schedules = {} as Record<Target, Schedule>;
    const actor = (target: Target): ReturnsActor => ({ label: 'fuzz test', personId: null, organisationId: schedules[target].organisationId, reviewer: false });

    before(async () => {
      t = await createTestApp({ kind });
      const returns = t.container.returns;
      essex = (await returns.partnership('essex'))!.id;
      schedules.ratio = await returns.schedule(essex, 'advice-timeliness-by-provider');
      schedules.value = await returns.schedule(essex, 'assessment-waits-by-area');
      // An open breakdown (any school) accepts any value, so only its length and the figures can be wrong.
      const { measureId, organisationId } = schedules.ratio;
      await returns.createSchedule(essex, { slug: 'fuzz-schools', measureId, organisationId, grain: 'quarter', shape: 'ratio', breakdown: 'school', breakdownValues: [], deadlineDays: 20, firstPeriodStart: '2024-10-01' }, actor('ratio'));
      schedules.open = await returns.schedule(essex, 'fuzz-schools');
    });
    after(() => t.close());

    it('refuses every malformed or hostile file with specific problems, none hanging, and writes nothing', { timeout: 300_000 }, async () => {
      const returns = t.container.returns;
      const random = seededRandom(kind === 'pglite' ? 20250615 : 20250616);
      const rows = ratioRows(random, '2025-01-01');
      const material = {
        headings: RATIO_HEADINGS, rows, textColumn: 4, junk: [...RATIO_JUNK, []],
        xlsx: await xlsx([RATIO_HEADINGS, ...rows.map(([provider, , n, d, note]) => [provider!, new Date('2025-01-01T00:00:00Z'), Number(n), Number(d), note!])]),
        maxCellLength: 1_000, maxUncompressedBytes: 200 * 1_048_576,
      };
      // The file-level hostile files are well formed underneath, so they go to 2024 Q4: one that survives its
      // mangling still fails on its period, and nothing can be saved.
      const work: { generator: FuzzGenerator; target: Target; period: string }[] = [
        ...hostileFiles(random, material).map((generator) => ({ generator, target: 'ratio' as const, period: '2024-Q4' })),
        ...ruleBreakingFiles(random).map((generator) => ({ generator, target: generator.target, period: generator.target === 'value' ? '2025-03' : '2025-Q1' })),
      ];
      const before = await tableChecksums(t.database);
      const failures: string[] = [];
      const report: string[] = [];
      let total = 0;
      for (const { generator, target, period: code } of work) {
        const schedule = schedules[target];
        const period = returns.period(schedule, code);
        let slowest = 0;
        for (let i = 0; i < generator.count; i += 1) {
          const file = await generator.make();
          const started = performance.now();
          let timer: NodeJS.Timeout | undefined;
          const outcome = await Promise.race([
            returns.importFile(essex, schedule, period, file.bytes, file.name, { actor: actor(target), channel: 'upload', submit: true }).then(() => 'saved' as const, (error: unknown) => error),
            new Promise<'hung'>((resolve) => (timer = setTimeout(() => resolve('hung'), PER_FILE_BOUND_MS))),
          ]);
          clearTimeout(timer);
          slowest = Math.max(slowest, performance.now() - started);
          const which = `${generator.name} #${i}`;
          if (outcome === 'hung') failures.push(`${which}: still importing after ${PER_FILE_BOUND_MS / 1000} s`);
          else if (outcome === 'saved') failures.push(`${which}: was saved`);
          else if (!(outcome instanceof ReturnProblemsError)) failures.push(`${which}: crashed with ${String(outcome)}`);
          else if (outcome.problems.length === 0) failures.push(`${which}: refused without a problem`);
          else {
            for (const { message } of outcome.problems) {
              if (GENERIC.test(message) || !KNOWN.some((known) => known.test(message))) failures.push(`${which}: vague or unexpected message: ${message.slice(0, 200)}`);
            }
            if (generator.expect && !outcome.problems.some((p) => generator.expect!.test(p.message))) failures.push(`${which}: expected ${generator.expect}, got ${outcome.problems.map((p) => p.message.slice(0, 120)).join(' | ')}`);
          }
        }
        total += generator.count;
        report.push(`${generator.name.padEnd(46)} ${String(generator.count).padStart(4)} files, slowest ${slowest.toFixed(0).padStart(5)} ms`);
      }
      console.log(`${kind}: ${total} files\n${report.join('\n')}`);
      if (failures.length > 0) console.log(failures.join('\n'));
      assert.deepEqual(failures.slice(0, 20), [], `${failures.length} files were not refused properly`);
      assert.deepEqual(await tableChecksums(t.database), before, 'the database changed');
      for (const table of ['data_returns', 'return_revisions', 'return_values']) {
        assert.equal(before[table]?.split(':')[0], '0', `${table} is still empty`);
      }
      assert.ok(total >= 2_000, `only ${total} files`);
    });

    it('stores formula-looking text as inert text, and every export of it neutralises it', async () => {
      const returns = t.container.returns;
      const { measureId, organisationId } = schedules.ratio;
      // An open area breakdown lets a partner name areas, so formula-looking names reach the measure's CSV.
      await returns.createSchedule(essex, { slug: 'fuzz-open-areas', measureId, organisationId, grain: 'quarter', shape: 'ratio', breakdown: 'area', breakdownValues: [], deadlineDays: 20, firstPeriodStart: '2024-10-01' }, actor('ratio'));
      const schedule = await returns.schedule(essex, 'fuzz-open-areas');
      const period = returns.period(schedule, '2025-Q1');
      const hostile = [...new Set(FORMULA_INJECTIONS.map((text) => text.trim()))];
      const file = csv([['Area', 'Period start', 'Numerator', 'Denominator', 'Note'], ...hostile.map((area, i) => [area, '2025-01-01', String(30 + i), '60', hostile[(i + 1) % hostile.length]!]), ['Total', '2025-01-01', String(hostile.reduce((sum, _, i) => sum + 30 + i, 0)), String(60 * hostile.length), '=SUM(A1:A9)']]);
      await returns.importFile(essex, schedule, period, file, 'areas.csv', { actor: actor('ratio'), channel: 'upload', submit: true });
      const detail = await returns.detail(essex, schedule, period);
      assert.deepEqual(detail.rows.map((r) => r.breakdownValue).sort(), ['', ...hostile].sort(), 'stored exactly as typed');
      assert.ok(detail.note.startsWith(`${hostile[0]}: ${hostile[1]}\n`), 'the note is kept as text');
      await returns.approve(essex, schedule, period, { label: 'analyst', personId: null, organisationId: null, reviewer: true });
      const stored = await t.database.db.selectFrom('measure_values').select('breakdown_value').where('measure_id', '=', measureId).where('breakdown', '=', 'area').execute();
      assert.deepEqual(stored.map((r) => r.breakdown_value).sort(), [...hostile].sort(), 'never evaluated on the way into the series');

      const measureCsv = await t.app.inject({ method: 'GET', url: `/partnerships/essex/plans/essex-send-improvement-programme/measures/${schedule.measureSlug}.csv` });
      assert.equal(measureCsv.statusCode, 200);
      const exported = parseCsv(measureCsv.body) as string[][];
      assert.equal(exported.filter((row) => row[2]?.startsWith('area:')).length, hostile.length, 'every area is exported');
      assertInert('the measure CSV', exported);

      // Templates name a schedule's breakdown values; formula-looking ones come out neutralised.
      await returns.createSchedule(essex, { slug: 'fuzz-formula-areas', measureId, organisationId, grain: 'quarter', shape: 'ratio', breakdown: 'area', breakdownValues: hostile, deadlineDays: 20, firstPeriodStart: '2024-10-01' }, actor('ratio'));
      const named = await returns.schedule(essex, 'fuzz-formula-areas');
      const templateRows = parseCsv(templateCsv(named, period), { bom: true }) as string[][];
      assert.deepEqual(templateRows.slice(2, -1).map((row) => row[0]), hostile.map((text) => `'${text}`));
    assert.deepEqual(templateRows.at(-1)?.[0], 'Unknown area');
      assertInert('the CSV template', templateRows);
      const book = new ExcelJS.Workbook();
      await book.xlsx.load((await templateXlsx(named, period)) as unknown as ExcelJS.Buffer);
      for (const sheet of book.worksheets) {
        const cells: string[][] = [];
        sheet.eachRow((row) => cells.push((row.values as unknown[]).filter((v): v is string => typeof v === 'string')));
        assertInert(`the XLSX template's ${sheet.name} sheet`, cells);
      }
    });
  });
}
