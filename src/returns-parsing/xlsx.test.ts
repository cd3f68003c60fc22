import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import ExcelJS from 'exceljs';
import { csv, HEADINGS, makeZip, sampleLayout, xlsx } from './fixtures.ts';
import { parseReturnFile } from './index.ts';
import type { ParseResult } from './types.ts';

const layout = sampleLayout();
const SOFFICE = '/usr/bin/soffice';

function messages(result: ParseResult): string[] {
  assert.equal(result.ok, false, 'expected problems');
  return result.ok ? [] : result.problems.map((problem) => problem.message);
}

test('an exceljs workbook with real dates, numbers and numeric text gives typed rows', async () => {
  const bytes = await xlsx([
    HEADINGS,
    ['North', new Date(Date.UTC(2025, 2, 31)), 12, 40, 0.3, 'fine'],
    ['South', '31/03/2025', '5', '7', '0.5', null],
    ['East', '2024-12-31', 1, 1, null, 42],
  ]);
  assert.deepEqual(await parseReturnFile(layout, bytes, 'upload.xlsx'), {
    ok: true,
    rows: [
      { area: 'North', period: '2025-03-31', numerator: 12, denominator: 40, rate: 0.3, comment: 'fine' },
      { area: 'South', period: '2025-03-31', numerator: 5, denominator: 7, rate: 0.5, comment: null },
      { area: 'East', period: '2024-12-31', numerator: 1, denominator: 1, rate: null, comment: '42' },
    ],
    rowNumbers: [2, 3, 4],
  });
});

test('a date column holding Excel serial numbers without a date format is read as dates', async () => {
  // Built by hand because the shared fixture gives the date column a date format.
  const workbook = new ExcelJS.Workbook();
  const sheet = workbook.addWorksheet('Return');
  for (const row of [HEADINGS, ['North', 45747, 1, 2], ['South', 61, 1, 2], ['East', 1, 1, 2]]) sheet.addRow(row);
  const bytes = Buffer.from(await workbook.xlsx.writeBuffer());
  const result = await parseReturnFile(layout, bytes, 'upload.xlsx');
  assert.deepEqual(result.ok && result.rows.map((row) => row.period), ['2025-03-31', '1900-03-01', '1900-01-01']);
});

test('the sheet named Return is used even when it is not first', async () => {
  const bytes = await xlsx([HEADINGS, ['West', new Date(Date.UTC(2025, 0, 31)), 2, 3]], 'Return', true);
  const result = await parseReturnFile(layout, bytes, 'upload.xlsx');
  assert.equal(result.ok && result.rows[0]?.area, 'West');
});

test('formulas: cached results are used in numeric columns, anywhere else the partner must paste values', async () => {
  const bytes = await xlsx([
    HEADINGS,
    ['North', new Date(Date.UTC(2025, 2, 31)), { formula: '2+3', result: 5 }, 9, { formula: 'C2/D2', result: 0.5555 }],
    ['South', new Date(Date.UTC(2025, 2, 31)), 1, 2, null, { formula: 'CONCAT("a","b")', result: 'ab' }],
    ['East', new Date(Date.UTC(2025, 2, 31)), { formula: 'NA()', result: { error: '#N/A' } }, 2],
  ]);
  assert.deepEqual(messages(await parseReturnFile(layout, bytes, 'upload.xlsx')), [
    "Row 3, column 'Comment': contains a formula; paste values only",
    "Row 4, column 'Numerator': contains the error '#N/A'; correct it or leave the cell empty",
  ]);
});

test('the same cell problems as CSV are found in a workbook', async () => {
  const bytes = await xlsx([HEADINGS, ['Nrth', new Date(Date.UTC(2025, 2, 31)), 12.5, -1, 'x', '=cmd|calc']]);
  assert.deepEqual(messages(await parseReturnFile(layout, bytes, 'upload.xlsx')), [
    "Row 2, column 'Area': this is not one of North, South, East, West",
    "Row 2, column 'Numerator': expected a whole number, found '12.5'",
    "Row 2, column 'Denominator': a count cannot be negative, found '-1'",
    "Row 2, column 'Rate': expected a number",
  ]);
});

test('a truncated workbook is reported as not a readable Excel workbook', async () => {
  const bytes = await xlsx([HEADINGS, ['North', new Date(), 1, 2]]);
  for (const cut of [10, bytes.length >> 1, bytes.length - 5]) {
    assert.deepEqual(messages(await parseReturnFile(layout, bytes.subarray(0, cut), 'upload.xlsx')), ['The file is not a readable Excel workbook (.xlsx)']);
  }
  // A valid zip that is not a workbook gets past the guard and fails inside exceljs.
  const notWorkbook = makeZip([{ name: 'hello.txt', data: Buffer.from('hello') }]);
  assert.deepEqual(messages(await parseReturnFile(layout, notWorkbook, 'upload.xlsx')), ['The file is not a readable Excel workbook (.xlsx)']);
});

test('a zip bomb is refused from its central directory before anything is inflated', async () => {
  const zeros = Buffer.alloc(20 * 1_048_576);
  const bomb = makeZip([{ name: 'xl/worksheets/sheet1.xml', data: zeros }]);
  assert.ok(bomb.length < 100_000, 'the bomb is small on disk');
  const small = sampleLayout({ maxUncompressedBytes: 10 * 1_048_576 });
  assert.match(messages(await parseReturnFile(small, bomb, 'upload.xlsx'))[0]!, /^The workbook expands to 20 MB when opened; the limit is 10 MB/);
  // Declared as 4 GB in the directory: refused on the declaration alone.
  const huge = makeZip([{ name: 'a.xml', data: Buffer.from('x'), declaredSize: 0xfffffffe }]);
  assert.match(messages(await parseReturnFile(small, huge, 'upload.xlsx'))[0]!, /expands to 4096 MB/);
  // Declares 100 bytes but inflates to 20 MB: caught by inflating with a cap at the declared size.
  const liar = makeZip([{ name: 'a.xml', data: zeros, declaredSize: 100 }]);
  assert.deepEqual(messages(await parseReturnFile(small, liar, 'upload.xlsx')), ['The file is not a readable Excel workbook (.xlsx)']);
});

test('a byte-order mark left in the first heading (CSV UTF-8 opened as Windows-1252, saved as a workbook) is ignored', async () => {
  for (const mark of ['\u00EF\u00BB\u00BF', '\uFEFF']) {
    const bytes = await xlsx([[`${mark}${HEADINGS[0]!}`, ...HEADINGS.slice(1)], ['North', new Date(Date.UTC(2025, 2, 31)), 1, 2]]);
    const result = await parseReturnFile(layout, bytes, 'upload.xlsx');
    assert.equal(result.ok && result.rows[0]?.area, 'North');
  }
});

test('a cell in a far-away column of a workbook is reported without a heading', async () => {
  const row: (string | number | null)[] = ['North', '2025-03-31', 1, 2];
  row[30] = 'stray';
  const bytes = await xlsx([HEADINGS, row]);
  assert.deepEqual(messages(await parseReturnFile(layout, bytes, 'upload.xlsx')), ['Row 2 has a value in column 31, which has no heading']);
});

const hasSoffice = existsSync(SOFFICE);
test(
  hasSoffice ? 'a workbook converted from CSV by LibreOffice reads correctly' : 'a workbook converted by LibreOffice reads correctly (SKIPPED: LibreOffice is not installed at /usr/bin/soffice)',
  // never skipped in CI (.ci/run installs LibreOffice); skipped on a developer machine without it
  { skip: hasSoffice || process.env.CI === 'true' ? false : 'LibreOffice (/usr/bin/soffice) is absent on this machine' },
  async () => {
    const dir = mkdtempSync(join(tmpdir(), 'returns-soffice-'));
    try {
      writeFileSync(join(dir, 'return.csv'), csv([HEADINGS, ['North', '2025-03-31', '12', '40', '0.3', 'ok']]));
      const run = spawnSync(SOFFICE, ['--headless', '--convert-to', 'xlsx', '--outdir', dir, join(dir, 'return.csv')], { timeout: 120_000 });
      assert.equal(run.status, 0, String(run.stderr));
      const result = await parseReturnFile(layout, readFileSync(join(dir, 'return.xlsx')), 'return.xlsx');
      assert.deepEqual(result, { ok: true, rows: [{ area: 'North', period: '2025-03-31', numerator: 12, denominator: 40, rate: 0.3, comment: 'ok' }], rowNumbers: [2] });
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  },
);
