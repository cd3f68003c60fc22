// Seeded random tables for the attacker test: breakdowns of one total, periods that add up (months, quarters, years
// and a rolling 12 months) or month-end snapshots, with small counts, zeros and k = n frequent.
import type { DisclosureCell, DisclosureTable, LinearRelation } from '../../src/lib/disclosure/index.ts';
import { mulberry32 } from '../../src/lib/random/seeded-random.ts';

type Random = () => number;

const pick = <T>(random: Random, items: readonly T[]): T => items[Math.floor(random() * items.length)] as T;

/** A count for one innermost cell: zero, small (1 to 4) or larger, each often; fewer small ones when dense. */
function innerCount(random: Random, dense: boolean): number {
  const r = random();
  if (r < (dense ? 0.1 : 0.25)) return 0;
  if (r < (dense ? 0.3 : 0.6)) return 1 + Math.floor(random() * 4);
  return 5 + Math.floor(random() * (dense ? 40 : 20));
}

/** How many of `n` met the condition: often none or all. */
function innerNumerator(random: Random, n: number): number {
  const r = random();
  if (r < 0.15) return 0;
  if (r < 0.3) return n;
  return Math.floor(random() * (n + 1));
}

interface Period {
  id: string;
  /** The months whose cases this period counts (a flow), or whose last month it equals (a snapshot). */
  months: number[];
}

/** A table as a page family would show it, from seed `seed`. */
export function generatedTable(seed: number, threshold = 5): DisclosureTable {
  const random = mulberry32(seed);
  const proportion = random() < 0.75;
  const snapshot = !proportion && random() < 0.5;
  const dense = random() < 0.4;
  const breakdowns: string[][] = [];
  const breakdownCount = pick(random, [1, 1, 2]);
  for (let b = 0; b < breakdownCount; b++) {
    breakdowns.push(Array.from({ length: pick(random, breakdownCount === 1 ? [2, 3, 4, 5] : [2, 3]) }, (_, v) => `${b === 0 ? 'area' : 'need'}${v}`));
  }
  const monthCount = pick(random, [1, 3, 4, 6, 12, 12, 15]);
  const periods: Period[] = Array.from({ length: monthCount }, (_, m) => ({ id: `m${m}`, months: [m] }));
  const quarters: Period[] = [];
  for (let q = 0; (q + 1) * 3 <= monthCount; q++) quarters.push({ id: `q${q}`, months: [3 * q, 3 * q + 1, 3 * q + 2] });
  const years: Period[] = [];
  for (let y = 0; (y + 1) * 12 <= monthCount; y++) years.push({ id: `y${y}`, months: Array.from({ length: 12 }, (_, m) => 12 * y + m) });
  const rolling: Period[] = monthCount >= 12 && !snapshot ? [{ id: 'r12', months: Array.from({ length: 12 }, (_, m) => monthCount - 12 + m) }] : [];
  periods.push(...quarters, ...years, ...rolling);

  // The innermost counts: one value of every breakdown, per month (unpublished when there are two breakdowns).
  const combos: string[][] = breakdowns.reduce<string[][]>((acc, values) => acc.flatMap((combo) => values.map((v) => [...combo, v])), [[]]);
  const inner = new Map<string, { k: number; n: number }>();
  for (let m = 0; m < monthCount; m++) {
    for (const combo of combos) {
      const n = innerCount(random, dense);
      inner.set(`${m}|${combo.join('|')}`, { k: innerNumerator(random, n), n });
    }
  }
  const sum = (period: Period, breakdown: number | null, value: string | null): { k: number; n: number } => {
    const months = snapshot ? [period.months[period.months.length - 1] as number] : period.months;
    let k = 0;
    let n = 0;
    for (const m of months) {
      for (const combo of combos) {
        if (breakdown !== null && combo[breakdown] !== value) continue;
        const count = inner.get(`${m}|${combo.join('|')}`) as { k: number; n: number };
        k += count.k;
        n += count.n;
      }
    }
    return { k, n };
  };
  const cells: DisclosureCell[] = [];
  const relations: LinearRelation[] = [];
  const rows: { id: string; breakdown: number | null; value: string | null }[] = [{ id: 'all', breakdown: null, value: null }];
  breakdowns.forEach((values, b) => values.forEach((value) => rows.push({ id: value, breakdown: b, value })));
  for (const period of periods) {
    for (const row of rows) {
      const { k, n } = sum(period, row.breakdown, row.value);
      cells.push({ id: `${period.id}:${row.id}`, numerator: proportion ? k : null, denominator: n });
    }
    for (const values of breakdowns) relations.push({ total: `${period.id}:all`, parts: values.map((v) => `${period.id}:${v}`) });
  }
  for (const row of rows) {
    const add = (total: string, parts: string[]) => relations.push({ total: `${total}:${row.id}`, parts: parts.map((p) => `${p}:${row.id}`) });
    for (const [q, quarter] of quarters.entries()) add(quarter.id, snapshot ? [`m${3 * q + 2}`] : quarter.months.map((m) => `m${m}`));
    for (const [y, year] of years.entries()) add(year.id, snapshot ? [`q${4 * y + 3}`] : [0, 1, 2, 3].map((q) => `q${4 * y + q}`));
    for (const window of rolling) add(window.id, window.months.map((m) => `m${m}`));
  }
  return { cells, relations, threshold };
}
