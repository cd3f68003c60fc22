import assert from 'node:assert/strict';
import { test } from 'node:test';
import { csv, HEADINGS, makeZip, sampleLayout, seededRandom, xlsx } from './fixtures.ts';
import { parseReturnFile } from './index.ts';

const PER_FILE_LIMIT_MS = 2_000;
const layout = sampleLayout({ maxFileBytes: 512 * 1024, maxUncompressedBytes: 4 * 1_048_576 });

test('2,400 malformed or hostile files each give rows or specific problems, quickly and without throwing', { timeout: 120_000 }, async () => {
  const random = seededRandom(20250331);
  const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)]!;
  const int = (max: number) => Math.floor(random() * max);
  const areas = ['North', 'South', 'East', 'West'];
  const goodRow = (index: number): string[] => [areas[index % 4]!, `2025-${String((index % 12) + 1).padStart(2, '0')}-0${1 + (Math.floor(index / 4) % 9)}`, String(int(50)), String(50 + int(50)), String(random()), `note ${index}`];
  const body = Array.from({ length: 30 }, (_, index) => goodRow(index));
  const baseXlsx = await xlsx([HEADINGS, ...body.map((row) => [row[0]!, new Date(`${row[1]!}T00:00:00Z`), Number(row[2]), Number(row[3]), Number(row[4]), row[5]!])]);
  const hostile = ['=1+1', '+cmd', '-2+3', '@SUM(A1)', '\t=x', '\r=x', '=HYPERLINK("http://evil","click")', '=cmd|\' /C calc\'!A0'];
  const junk = ['12.5', 'abc', '-4', '1e999', 'NaN', '', '  ', '31/02/2025', '2025-13-01', '١٢', 'Nrth', '0x1F', '"'];

  const generators: { name: string; count: number; make: () => Promise<{ bytes: Buffer; name: string }> | { bytes: Buffer; name: string }; expect?: RegExp }[] = [
    { name: 'truncated XLSX', count: 500, make: () => ({ bytes: baseXlsx.subarray(0, 1 + int(baseXlsx.length - 2)), name: 'r.xlsx' }), expect: /not a readable Excel workbook/ },
    {
      name: 'corrupted XLSX bytes', count: 300, make: () => {
        const bytes = Buffer.from(baseXlsx);
        for (let flips = 1 + int(8); flips > 0; flips -= 1) bytes[int(bytes.length - 22)] = int(256);
        return { bytes, name: 'r.xlsx' };
      },
    },
    { name: 'random bytes', count: 300, make: () => ({ bytes: Buffer.from(Array.from({ length: 1 + int(4000) }, () => int(256))), name: pick(['r.csv', 'r.xlsx', 'r.bin', 'r']) }) },
    { name: 'UTF-16 CSV', count: 150, make: () => ({ bytes: Buffer.concat([Buffer.from(pick([[0xff, 0xfe], [0xfe, 0xff]])), Buffer.from(csv([HEADINGS, ...body]).toString(), 'utf16le')]), name: 'r.csv' }), expect: /CSV UTF-8/ },
    { name: 'Latin-1 CSV', count: 150, make: () => ({ bytes: Buffer.from(csv([HEADINGS, ...body.map((row) => [...row.slice(0, 5), `Café £${int(99)}`])]).toString(), 'latin1'), name: 'r.csv' }), expect: /CSV UTF-8/ },
    { name: 'huge cells', count: 100, make: () => ({ bytes: csv([HEADINGS, ...body.slice(0, 3), ['North', '2026-01-01', '1', '2', '', 'x'.repeat(501 + int(200_000))]]), name: 'r.csv' }), expect: /characters long|row is too long/ },
    { name: 'formula injection in text', count: 300, make: () => ({ bytes: csv([HEADINGS, ...body.map((row) => [...row.slice(0, 5), pick(hostile)])], pick([',', ';'])), name: 'r.csv' }) },
    { name: 'wrong types', count: 300, make: () => ({ bytes: csv([HEADINGS, ...body.map((row) => row.map((cell, column) => (column < 5 && random() < 0.2 ? pick(junk) : cell)))]), name: 'r.csv' }) },
    {
      name: 'shuffled columns', count: 200, make: () => {
        const order = HEADINGS.map((_, index) => index).sort(() => random() - 0.5);
        return { bytes: csv([order.map((i) => HEADINGS[i]!), ...body.map((row) => order.map((i) => row[i]!))], pick([',', ';']), pick(['\n', '\r\n']), random() < 0.5), name: 'r.csv' };
      },
    },
    { name: 'lying or oversized zips', count: 100, make: () => ({ bytes: makeZip([{ name: 'xl/workbook.xml', data: Buffer.alloc(1 + int(6 * 1_048_576)), declaredSize: pick([undefined, int(1000), 0xfffffffe]) }]), name: 'r.xlsx' }) },
  ];

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
      assert.ok(elapsed < PER_FILE_LIMIT_MS, `${generator.name} #${i} took ${elapsed.toFixed(0)} ms`);
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
  report.push(`total ${total} files; median ${at(0.5)} ms, p99 ${at(0.99)} ms, max ${at(1)} ms (limit ${PER_FILE_LIMIT_MS} ms per file)`);
  console.log(report.join('\n'));
  assert.ok(total >= 2_000);
});
