// Reading uploads through the parse worker (src/returns-parsing/parse-pool.ts): wall clock and resident memory
// (sampled every 20 ms; the worker is a thread of this process) for a 10,000-row and a 200,000-row data
// return as CSV and XLSX, and for the two dense workbooks of issue 12 defect 15 (test/robustness/), which
// must be refused at the row limit. One run each, after one small file has started the worker. The RSS
// before each file includes building it here (exceljs holds a 200,000-row workbook in memory to write it).
import { recordLayout } from '../src/casework/record-layouts.ts';
import { UPLOAD_LIMITS } from '../src/modules/returns/return-layout.ts';
import { csv, HEADINGS, sampleLayout, xlsx } from '../src/returns-parsing/fixtures.ts';
import { parseReturnFile, type ReturnLayout } from '../src/returns-parsing/index.ts';
import { denseWorkbook } from '../test/robustness/dense-workbook-files.ts';

const MB = 1_048_576;
const layout = sampleLayout({ maxRows: 200_000, maxFileBytes: 200 * MB, maxUncompressedBytes: 500 * MB, keyColumns: ['area', 'comment'] });
const areas = ['North', 'South', 'East', 'West'];
const rows = (count: number) => Array.from({ length: count }, (_, i) => [areas[i % 4]!, `2025-${String((i % 12) + 1).padStart(2, '0')}-28`, i % 50, 50 + (i % 50), (i % 1000) / 1000, `row ${i}`] as const);

async function time(label: string, target: ReturnLayout, bytes: Buffer, name: string, count?: number): Promise<void> {
  const before = process.memoryUsage.rss();
  let peak = before;
  const timer = setInterval(() => (peak = Math.max(peak, process.memoryUsage.rss())), 20);
  const started = performance.now();
  const result = await parseReturnFile(target, bytes, name);
  const seconds = (performance.now() - started) / 1000;
  clearInterval(timer);
  const status = result.ok ? `${result.rows.length} rows ok` : `${result.problems.length} problems: ${result.problems[0]?.message}`;
  const speed = count ? `${Math.round(count / seconds).toLocaleString('en-GB').padStart(9)} rows/s` : ''.padStart(16);
  console.log(`${label.padEnd(14)} ${(bytes.length / MB).toFixed(1).padStart(5)} MB ${seconds.toFixed(2).padStart(6)} s ${speed}  RSS ${Math.round(before / MB)} -> peak ${Math.round(peak / MB)} MB  (${status})`);
}

await parseReturnFile(layout, csv([HEADINGS, ['North', '2025-01-28', '1', '2']]), 'start.csv');
for (const count of [10_000, 200_000]) {
  const data = rows(count);
  await time(`CSV ${count / 1000}k`, layout, csv([HEADINGS, ...data.map((row) => row.map(String))]), 'bench.csv', count);
  await time(`XLSX ${count / 1000}k`, layout, await xlsx([HEADINGS, ...data.map(([area, period, ...rest]) => [area, new Date(`${period}T00:00:00Z`), ...rest])]), 'bench.xlsx', count);
}

// The dense files: every cell a number every column accepts, so rows pass until the row limit.
const casework = await denseWorkbook(
  ['Record ID', 'Person ID', 'Area', 'Age', 'Received date', 'Request outcome date', 'Assessment outcome date', 'Draft plan date', 'Final plan date'],
  (row, column) => (column < 2 ? row : column === 2 ? 1 + (row % 4) : column === 3 ? row % 20 : 45_292 + column * 30 + (row % 7)),
  500 * MB,
);
await time('dense casework', recordLayout('ehc-requests'), casework.bytes, 'dense.xlsx');
const returns = await denseWorkbook(['School', 'Period start', 'Numerator', 'Denominator'], (row, column) => (column === 0 ? row : column === 1 ? 45_566 : column === 2 ? row % 10 : 10 + (row % 10)), 190 * MB);
const returnLayout: ReturnLayout = {
  columns: [
    { key: 'breakdown', heading: 'School', type: 'text', required: true },
    { key: 'period_start', heading: 'Period start', type: 'date', required: true },
    { key: 'numerator', heading: 'Numerator', type: 'integer', required: true },
    { key: 'denominator', heading: 'Denominator', type: 'integer', required: true },
  ],
  ...UPLOAD_LIMITS,
  keyColumns: ['breakdown'],
  ratio: { numerator: 'numerator', denominator: 'denominator' },
};
await time('dense return', returnLayout, returns.bytes, 'dense.xlsx');
