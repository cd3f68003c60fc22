// Seeded randomness and day arithmetic for the casework benchmark's generator (casework-data.ts): days are whole
// numbers since 1970-01-01 (UTC), turned into ISO dates only when a file is written.
export const MS_PER_DAY = 86_400_000;
/** Day number of an ISO date. */
export const dayNumber = (iso: string): number => Date.UTC(Number(iso.slice(0, 4)), Number(iso.slice(5, 7)) - 1, Number(iso.slice(8, 10))) / MS_PER_DAY;
const isoCache = new Map<number, string>();
/** ISO date of a day number. */
export function isoDay(day: number): string {
  let text = isoCache.get(day);
  if (!text) isoCache.set(day, (text = new Date(day * MS_PER_DAY).toISOString().slice(0, 10)));
  return text;
}
const monthStartDay = (year: number, month: number) => Date.UTC(year, month, 1) / MS_PER_DAY;

export type Random = () => number;
export const uniform = (r: Random, lo: number, hi: number) => lo + Math.floor(r() * (hi - lo + 1));
export const exponential = (r: Random, mean: number) => -mean * Math.log(1 - r());
export const normal = (r: Random) => Math.sqrt(-2 * Math.log(1 - r())) * Math.cos(2 * Math.PI * r());
export const clamp = (x: number, lo: number, hi: number) => Math.min(hi, Math.max(lo, x));

/** Picks an index by weight (cumulative weights and a binary search). */
export function picker(weights: readonly number[]): (r: Random) => number {
  const cumulative: number[] = [];
  let total = 0;
  for (const w of weights) cumulative.push((total += w));
  return (r) => {
    const x = r() * total;
    let lo = 0;
    let hi = cumulative.length - 1;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (cumulative[mid]! > x) hi = mid;
      else lo = mid + 1;
    }
    return lo;
  };
}
export const choice = <T>(values: readonly T[], weights: readonly number[]): ((r: Random) => T) => {
  const pick = picker(weights);
  return (r) => values[pick(r)]!;
};

/** Record counts per month from a total, with yearly growth and a seasonal shape (the summer holiday dip). */
export function monthlyCounts(total: number, firstYear: number, lastYear: number, growth: number, season: readonly number[]): { start: number; days: number; count: number }[] {
  const months: { start: number; days: number; w: number }[] = [];
  for (let y = firstYear; y <= lastYear; y += 1) {
    for (let m = 0; m < 12; m += 1) months.push({ start: monthStartDay(y, m), days: monthStartDay(y, m + 1) - monthStartDay(y, m), w: growth ** (y - firstYear) * season[m]! });
  }
  const sum = months.reduce((s, m) => s + m.w, 0);
  let cumulative = 0;
  let given = 0;
  return months.map((m) => {
    cumulative += m.w;
    const upTo = Math.round((total * cumulative) / sum);
    const count = upTo - given;
    given = upTo;
    return { start: m.start, days: m.days, count };
  });
}
