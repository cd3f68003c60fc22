// Rows per second for validating a 200,000-row data return, as CSV and as XLSX (wall clock, one run).
import { csv, HEADINGS, sampleLayout, xlsx } from '../src/returns-parsing/fixtures.ts';
import { parseReturnFile } from '../src/returns-parsing/index.ts';

const ROWS = 200_000;
const layout = sampleLayout({ maxRows: ROWS, maxFileBytes: 200 * 1_048_576, maxUncompressedBytes: 500 * 1_048_576, keyColumns: ['area', 'comment'] });
const areas = ['North', 'South', 'East', 'West'];
const rows = Array.from({ length: ROWS }, (_, i) => [areas[i % 4]!, `2025-${String((i % 12) + 1).padStart(2, '0')}-28`, i % 50, 50 + (i % 50), (i % 1000) / 1000, `row ${i}`] as const);

async function time(label: string, bytes: Buffer, name: string): Promise<void> {
  const started = performance.now();
  const result = await parseReturnFile(layout, bytes, name);
  const seconds = (performance.now() - started) / 1000;
  const status = result.ok ? `${result.rows.length} rows ok` : `${result.problems.length} problems: ${result.problems[0]?.message}`;
  console.log(`${label.padEnd(6)} ${(bytes.length / 1_048_576).toFixed(1).padStart(6)} MB  ${seconds.toFixed(2).padStart(6)} s  ${Math.round(ROWS / seconds).toLocaleString('en-GB').padStart(9)} rows/s  (${status})`);
}

const csvBytes = csv([HEADINGS, ...rows.map((row) => row.map(String))]);
await time('CSV', csvBytes, 'bench.csv');
const xlsxBytes = await xlsx([HEADINGS, ...rows.map(([area, period, ...rest]) => [area, new Date(`${period}T00:00:00Z`), ...rest])]);
await time('XLSX', xlsxBytes, 'bench.xlsx');
