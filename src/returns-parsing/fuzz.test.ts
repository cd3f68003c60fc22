import assert from 'node:assert/strict';
import { test } from 'node:test';
import { HEADINGS, hostileFiles, sampleLayout, seededRandom, xlsx } from './fixtures.ts';
import { parseReturnFile } from './index.ts';

const layout = sampleLayout({ maxFileBytes: 512 * 1024, maxUncompressedBytes: 4 * 1_048_576 });

test('2,400 malformed or hostile files each give rows or specific problems without throwing (timings printed, not asserted)', { timeout: 120_000 }, async () => {
  const random = seededRandom(20250331);
  const int = (max: number) => Math.floor(random() * max);
  const areas = ['North', 'South', 'East', 'West'];
  const goodRow = (index: number): string[] => [areas[index % 4]!, `2025-${String((index % 12) + 1).padStart(2, '0')}-0${1 + (Math.floor(index / 4) % 9)}`, String(int(50)), String(50 + int(50)), String(random()), `note ${index}`];
  const body = Array.from({ length: 30 }, (_, index) => goodRow(index));
  const baseXlsx = await xlsx([HEADINGS, ...body.map((row) => [row[0]!, new Date(`${row[1]!}T00:00:00Z`), Number(row[2]), Number(row[3]), Number(row[4]), row[5]!])]);
  const junk = ['12.5', 'abc', '-4', '1e999', 'NaN', '', '  ', '31/02/2025', '2025-13-01', '١٢', 'Nrth', '0x1F', '"'];
  const generators = hostileFiles(random, { headings: HEADINGS, rows: body, xlsx: baseXlsx, textColumn: 5, junk: HEADINGS.map((_, column) => (column < 5 ? junk : [])), maxCellLength: layout.maxCellLength, maxUncompressedBytes: layout.maxUncompressedBytes });

  // The parser runs in a worker thread (parse-pool.ts); start it first, so its start-up is not counted as a file's time.
  await parseReturnFile(layout, Buffer.from('Area\n'), 'start.csv');
  const timings: number[] = [];
  const report: string[] = [];
  let total = 0;
  for (const generator of generators) {
    let ok = 0;
    let slowest = 0;
    for (let i = 0; i < generator.count; i += 1) {
      const { bytes, name } = await generator.make();
      const started = performance.now();
      const result = await parseReturnFile(layout, bytes, name);
      const elapsed = performance.now() - started;
      timings.push(elapsed);
      slowest = Math.max(slowest, elapsed);
      if (result.ok) {
        ok += 1;
        assert.ok(Array.isArray(result.rows) && result.rows.length > 0);
        assert.equal(generator.expect, undefined, `${generator.name} #${i} should have been refused`);
        // Injected formulas must come back as inert text, never as a computed value.
        if (generator.name === 'formula injection in text') for (const row of result.rows) assert.match(String(row.comment), /^[=+\-@]/);
        continue;
      }
      assert.ok(result.problems.length > 0, `${generator.name} #${i}: empty problem list`);
      for (const problem of result.problems) {
        assert.ok(problem.message.length > 15 && !/undefined|\[object|Error:/.test(problem.message), `${generator.name} #${i}: vague message ${problem.message}`);
      }
      if (generator.expect) assert.match(result.problems[0]!.message, generator.expect, `${generator.name} #${i}`);
    }
    total += generator.count;
    report.push(`${generator.name.padEnd(28)} ${String(generator.count).padStart(4)} files, ${String(ok).padStart(4)} accepted, slowest ${slowest.toFixed(1)} ms`);
  }
  timings.sort((a, b) => a - b);
  const at = (q: number) => timings[Math.min(timings.length - 1, Math.floor(q * timings.length))]!.toFixed(1);
  report.push(`total ${total} files; median ${at(0.5)} ms, p99 ${at(0.99)} ms, max ${at(1)} ms`);
  console.log(report.join('\n'));
  assert.ok(total >= 2_000);
});
