/**
 * A linear scale, "nice" ticks and label spreading: the few primitives the charts
 * need, written out instead of depending on d3-scale (same tick algorithm).
 *
 * @module
 */

/** Maps a domain value to a range position. */
export type LinearScale = (value: number) => number;

/**
 * A linear scale from `domain` to `range`. A zero-width domain (one point, or all
 * values equal) maps everything to the middle of the range rather than dividing
 * by zero.
 *
 * @param domain - [d0, d1] in data units.
 * @param range - [r0, r1] in SVG user units.
 */
export function linearScale(domain: readonly [number, number], range: readonly [number, number]): LinearScale {
  const [d0, d1] = domain;
  const [r0, r1] = range;
  if (d1 === d0) {
    const middle = (r0 + r1) / 2;
    return () => middle;
  }
  const k = (r1 - r0) / (d1 - d0);
  return (value) => r0 + (value - d0) * k;
}

/**
 * The tick step for about `count` ticks over [min, max]: 1, 2 or 5 times a power
 * of ten, chosen as d3-array's `tickIncrement` chooses it.
 */
export function tickStep(min: number, max: number, count: number): number {
  const raw = Math.abs(max - min) / Math.max(1, count);
  if (!(raw > 0) || !Number.isFinite(raw)) return 1;
  const power = Math.floor(Math.log10(raw));
  const error = raw / 10 ** power;
  const factor = error >= Math.sqrt(50) ? 10 : error >= Math.sqrt(10) ? 5 : error >= Math.sqrt(2) ? 2 : 1;
  return factor * 10 ** power;
}

// Multiplying a step by an integer leaves binary noise (0.30000000000000004);
// twelve significant figures is far beyond what any axis shows.
const clean = (value: number): number => Number(value.toPrecision(12)) + 0;

/**
 * Ticks at multiples of `step` inside [min, max] (inclusive).
 *
 * @param min - lower end of the domain.
 * @param max - upper end of the domain.
 * @param step - from {@link tickStep}.
 */
export function ticks(min: number, max: number, step: number): number[] {
  if (!(step > 0) || !Number.isFinite(min) || !Number.isFinite(max) || max < min) return [];
  const start = Math.ceil(clean(min / step));
  const stop = Math.floor(clean(max / step));
  const out: number[] = [];
  for (let i = start; i <= stop && out.length < 100; i += 1) out.push(clean(i * step));
  return out;
}

/** Options for {@link niceDomain}. */
export interface NiceDomainOptions {
  /** About how many ticks to aim for; default 5. */
  readonly tickCount?: number;
  /** The natural bounds of the unit (e.g. [0, 100] for percentages); the domain never extends past them unless the data do. */
  readonly bounds?: readonly [number, number];
  /** Half the span to use around a single value; default 10% of |value|, or 1 for zero. */
  readonly flatPadding?: number;
}

/** Result of {@link niceDomain}. */
export interface NiceDomain {
  readonly domain: readonly [number, number];
  readonly ticks: readonly number[];
  readonly step: number;
}

/**
 * A domain covering every finite value, widened to whole tick steps, with its
 * ticks. Non-finite values are ignored. All-equal values are padded so the axis
 * never has zero height; no values give [0, 1].
 *
 * @param values - the values to cover (data, limits, targets…).
 * @param options - see {@link NiceDomainOptions}.
 */
export function niceDomain(values: readonly number[], options: NiceDomainOptions = {}): NiceDomain {
  const count = options.tickCount ?? 5;
  let min = Number.POSITIVE_INFINITY;
  let max = Number.NEGATIVE_INFINITY;
  for (const v of values) {
    if (!Number.isFinite(v)) continue;
    if (v < min) min = v;
    if (v > max) max = v;
  }
  if (min > max) [min, max] = [0, 1];
  const [dataMin, dataMax] = [min, max];
  if (min === max) {
    const pad = options.flatPadding ?? (min === 0 ? 1 : Math.abs(min) * 0.1);
    [min, max] = [min - pad, max + pad];
  }
  const bounds = options.bounds;
  // Keep the axis inside the unit's bounds (no "-10%") unless the data go there.
  const clamp = (lo: number, hi: number): [number, number] =>
    bounds === undefined
      ? [lo, hi]
      : [lo < bounds[0] && dataMin >= bounds[0] ? bounds[0] : lo, hi > bounds[1] && dataMax <= bounds[1] ? bounds[1] : hi];
  [min, max] = clamp(min, max);
  const step = tickStep(min, max, count);
  const [lo, hi] = clamp(clean(Math.floor(clean(min / step)) * step), clean(Math.ceil(clean(max / step)) * step));
  return { domain: [lo, hi], ticks: ticks(lo, hi, step), step };
}

/**
 * Moves label positions apart so that neighbours are at least `gap` apart, keeping
 * them within [top, bottom] and as close to where they want to be as it can.
 * Used for the labels at the right-hand end of lines.
 *
 * @param wanted - preferred positions (any order).
 * @param gap - minimum distance between neighbouring labels.
 * @param top - smallest allowed position.
 * @param bottom - largest allowed position.
 * @returns positions in the same order as `wanted`.
 */
export function spreadLabels(wanted: readonly number[], gap: number, top: number, bottom: number): number[] {
  const order = wanted.map((y, i) => ({ y: Math.min(Math.max(y, top), bottom), i })).sort((a, b) => a.y - b.y);
  for (let k = 1; k < order.length; k += 1) {
    const prev = order[k - 1] as { y: number };
    const item = order[k] as { y: number };
    if (item.y - prev.y < gap) item.y = prev.y + gap;
  }
  // Labels pushed past the bottom are pulled back up as a block.
  for (let k = order.length - 1; k >= 0; k -= 1) {
    const item = order[k] as { y: number };
    const limit = k === order.length - 1 ? bottom : (order[k + 1] as { y: number }).y - gap;
    if (item.y > limit) item.y = limit;
  }
  const out = new Array<number>(wanted.length);
  for (const { y, i } of order) out[i] = y;
  return out;
}
