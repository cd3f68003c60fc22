// npx tsx bench/disclosure.ts: processor time of protect() per table, over the attacker test's generated tables
// (test/disclosure/generated-tables.ts), grouped by size. Each table is protected 5 times; the median counts.
import { protect } from '../src/lib/disclosure/index.ts';
import { generatedTable } from '../test/disclosure/generated-tables.ts';

const TABLES = 2000;
const groups = new Map<string, { cells: number; relations: number; hidden: number; ms: number[] }>();
const groupOf = (cells: number): string => (cells < 40 ? 'under 40 cells' : cells < 80 ? '40-79 cells' : cells < 130 ? '80-129 cells' : '130+ cells');
for (let seed = 1; seed <= 200; seed++) protect(generatedTable(seed));
for (let seed = 1; seed <= TABLES; seed++) {
  const table = generatedTable(seed);
  const runs: number[] = [];
  let hidden = 0;
  for (let r = 0; r < 5; r++) {
    const start = process.cpuUsage();
    hidden = protect(table).suppressed.size;
    const used = process.cpuUsage(start);
    runs.push((used.user + used.system) / 1000);
  }
  const group = groups.get(groupOf(table.cells.length)) ?? { cells: 0, relations: 0, hidden: 0, ms: [] };
  group.cells += table.cells.length;
  group.relations += table.relations.length;
  group.hidden += hidden;
  group.ms.push(runs.sort((a, b) => a - b)[2] as number);
  groups.set(groupOf(table.cells.length), group);
}
console.log('tables          count  mean cells  mean relations  hidden %  median ms  p95 ms  max ms');
for (const name of ['under 40 cells', '40-79 cells', '80-129 cells', '130+ cells']) {
  const g = groups.get(name);
  if (!g) continue;
  const ms = [...g.ms].sort((a, b) => a - b);
  const at = (q: number) => (ms[Math.min(ms.length - 1, Math.floor(q * ms.length))] as number).toFixed(2);
  const n = ms.length;
  console.log(`${name.padEnd(16)}${String(n).padStart(5)}${(g.cells / n).toFixed(0).padStart(12)}${(g.relations / n).toFixed(0).padStart(16)}${((100 * g.hidden) / g.cells).toFixed(0).padStart(10)}${at(0.5).padStart(11)}${at(0.95).padStart(8)}${at(1).padStart(8)}`);
}
