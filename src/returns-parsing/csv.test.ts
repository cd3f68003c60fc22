import assert from 'node:assert/strict';
import { test } from 'node:test';
import { csv, HEADINGS, sampleLayout } from './fixtures.ts';
import { neutraliseForExport, parseReturnFile } from './index.ts';
import type { ParseResult } from './types.ts';

const layout = sampleLayout();
const good = [HEADINGS, ['North', '2025-03-31', '12', '40', '0.3', 'fine'], ['south', '31/03/2025', '5', '5', '', '']];

function messages(result: ParseResult): string[] {
  assert.equal(result.ok, false, 'expected problems');
  return result.ok ? [] : result.problems.map((problem) => problem.message);
}

test('a comma CSV with LF line endings gives typed rows', async () => {
  const result = await parseReturnFile(layout, csv(good), 'return.csv');
  assert.deepEqual(result, {
    ok: true,
    rows: [
      { area: 'North', period: '2025-03-31', numerator: 12, denominator: 40, rate: 0.3, comment: 'fine' },
      { area: 'South', period: '2025-03-31', numerator: 5, denominator: 5, rate: null, comment: null },
    ],
    rowNumbers: [2, 3],
  });
});

test('a semicolon CSV with a UTF-8 BOM and CRLF line endings reads the same', async () => {
  const result = await parseReturnFile(layout, csv(good, ';', '\r\n', true), 'return.csv');
  assert.equal(result.ok, true);
  assert.equal(result.ok && result.rows[0]?.area, 'North');
  assert.equal(result.ok && result.rows[1]?.numerator, 5);
});

test('quoted fields may hold separators, quotes and line breaks', async () => {
  const rows = [HEADINGS, ['North', '2025-03-31', '1', '2', '', 'says "hi", then\nleaves']];
  const result = await parseReturnFile(layout, csv(rows), 'return.csv');
  assert.equal(result.ok && result.rows[0]?.comment, 'says "hi", then\nleaves');
});

test('columns may come in any order', async () => {
  const rows = [['Comment', 'Denominator', 'Numerator', 'Area', 'Period end'], ['x', '9', '3', 'West', '2024-01-01']];
  const result = await parseReturnFile(layout, csv(rows), 'return.csv');
  assert.deepEqual(result.ok && result.rows[0], { area: 'West', period: '2024-01-01', numerator: 3, denominator: 9, rate: null, comment: 'x' });
});

test('Latin-1 and UTF-16 files are refused with advice to save as CSV UTF-8', async () => {
  const latin1 = Buffer.from('Area,Period end,Numerator,Denominator\nNörth,2025-03-31,1,2\n', 'latin1');
  const utf16 = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from('Area,Numerator\n', 'utf16le')]);
  for (const bytes of [latin1, utf16]) assert.match(messages(await parseReturnFile(layout, bytes, 'r.csv'))[0]!, /CSV UTF-8/);
});

test('a file over the size limit is refused before it is read', async () => {
  const result = await parseReturnFile(sampleLayout({ maxFileBytes: 10 }), csv(good), 'r.csv');
  assert.match(messages(result)[0]!, /^The file is \d+ bytes; the limit is 10 bytes$/);
});

test('files that are neither CSV nor XLSX are recognised by their bytes', async () => {
  assert.match(messages(await parseReturnFile(layout, Buffer.from('%PDF-1.7 ...'), 'return.csv'))[0]!, /must be a CSV/);
  assert.match(messages(await parseReturnFile(layout, Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1, 0]), 'r.xls'))[0]!, /older Excel file/);
  assert.match(messages(await parseReturnFile(layout, csv(good), 'return.xlsx'))[0]!, /named \.xlsx but is not an Excel workbook/);
  assert.match(messages(await parseReturnFile(layout, csv(good), 'return.docx'))[0]!, /must be a CSV/);
});

test('heading problems name the column: missing, unknown and duplicated', async () => {
  const rows = [['Area', 'Period end', 'Numerator', 'Numerator', 'Colour'], ['North', '2025-03-31', '1', '1', 'red']];
  assert.deepEqual(messages(await parseReturnFile(layout, csv(rows), 'r.csv')), [
    "Column 'Numerator' appears more than once",
    "Column 'Colour' is not part of this return; remove it or check its spelling",
    "Column 'Denominator' is missing",
  ]);
});

test('too many columns and too many rows are each reported once', async () => {
  const wide = [[...HEADINGS, 'a', 'b'], ['North']];
  assert.deepEqual(messages(await parseReturnFile(sampleLayout({ maxColumns: 7 }), csv(wide), 'r.csv')), ['The file has more than 7 columns; remove the columns that are not part of this return']);
  const long = [HEADINGS, ...['North', 'South', 'East'].map((area) => [area, '2025-03-31', '1', '2', '', ''])];
  assert.deepEqual(messages(await parseReturnFile(sampleLayout({ maxRows: 2 }), csv(long), 'r.csv')), ['The file has more than 2 rows of data; split it or remove empty rows']);
});

test('cell problems give the row as the spreadsheet shows it and the column heading', async () => {
  const rows = [
    HEADINGS,
    ['North', '2025-03-31', '1', '2', '', ''],
    ['Nrth', '2025-02-30', '12.5', '-3', 'abc', 'x'.repeat(501)],
    ['', '', '', '', '', ''],
    ['South', '', '3', '4', '', ''],
    ['East', '2025-03-31', '9', '4', '', ''],
    ['North', '31/03/2025', '1', '2', '', ''],
  ];
  const result = await parseReturnFile(layout, csv(rows), 'r.csv');
  assert.deepEqual(messages(result), [
    "Row 3, column 'Area': this is not one of North, South, East, West",
    "Row 3, column 'Period end': expected a date such as 2025-03-31 or 31/03/2025",
    "Row 3, column 'Numerator': expected a whole number, found '12.5'",
    "Row 3, column 'Denominator': a count cannot be negative, found '-3'",
    "Row 3, column 'Rate': expected a number",
    "Row 3, column 'Comment': the value is 501 characters long; the limit is 500",
    "Row 5, column 'Period end': a value is required",
    "Row 6: 'Numerator' (9) is larger than 'Denominator' (4)",
    'Row 7 repeats row 2 (same Area, Period end)',
  ]);
  assert.deepEqual(!result.ok && result.problems[2], { row: 3, column: 'Numerator', message: "Row 3, column 'Numerator': expected a whole number, found '12.5'" });
});

test('formula-looking text is kept as text and neutralised for export', async () => {
  const hostile = ['=HYPERLINK("http://x","y")', '+1+1', '-2', '@SUM(A1)', '\tx', '\rx'];
  const rows = [HEADINGS, ...hostile.map((comment, index) => [['North', 'South', 'East', 'West', 'North', 'South'][index]!, `2025-0${index + 1}-01`, '1', '2', '', comment])];
  const result = await parseReturnFile(layout, csv(rows), 'r.csv');
  assert.equal(result.ok, true);
  const comments = result.ok ? result.rows.map((row) => row.comment) : [];
  assert.deepEqual(comments.slice(0, 4), hostile.slice(0, 4));
  for (const value of hostile) assert.equal(neutraliseForExport(value), `'${value}`);
  assert.equal(neutraliseForExport('plain'), 'plain');
  assert.equal(neutraliseForExport(-2), -2);
});

test('broken quoting and headings without data are specific problems', async () => {
  assert.match(messages(await parseReturnFile(layout, Buffer.from('Area,Comment\nNorth,"open\n'), 'r.csv'))[0]!, /quoted value is never closed/);
  assert.deepEqual(messages(await parseReturnFile(layout, csv([HEADINGS]), 'r.csv')), ['The file has headings but no rows of data']);
  assert.deepEqual(messages(await parseReturnFile(layout, Buffer.from('\n\n'), 'r.csv')), ['The file is empty']);
});
