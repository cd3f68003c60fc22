/**
 * Significance of an indicator value against a benchmark by the Fingertips
 * confidence-interval overlap method.
 *
 * @module
 */

import type { Interval, Polarity } from './types.ts';
import { assertFinite, assertPolarity } from './validation.ts';

/**
 * Result of {@link compareToBenchmark}. `'better'`, `'similar'` and `'worse'` are used
 * when the indicator has a polarity; `'higher'`, `'similar'` and `'lower'` when it
 * has none (Fingertips' blue/light-blue "higher"/"lower" colouring).
 */
export type BenchmarkComparison = 'better' | 'similar' | 'worse' | 'higher' | 'lower';

/**
 * Compares a local value with a benchmark (e.g. England or the statistical
 * neighbour average) using its confidence interval, as OHID Fingertips does for
 * its RAG colouring ("Compared with benchmark"):
 *
 * - the benchmark lies below the whole interval (benchmark < lower) → significantly higher;
 * - the benchmark lies above the whole interval (benchmark > upper) → significantly lower;
 * - otherwise (the interval contains the benchmark, limits included) → `'similar'`.
 *
 * "Higher" becomes `'better'` for `'higher-is-better'` and `'worse'` for
 * `'lower-is-better'` (and the reverse for "lower"); with polarity `'neither'` the
 * direction is returned as `'higher'` / `'lower'`.
 *
 * The benchmark is treated as a fixed value without its own uncertainty, as in
 * Fingertips. The decision uses only the interval; `value` is accepted so that
 * callers can pass a row as it is.
 *
 * Edge cases: returns `null` ("not compared") when `value`, `interval` or
 * `benchmark` is null — for example when the denominator was 0 so no interval
 * exists. Returning 'similar' there would claim a comparison that was never made.
 *
 * Units: `value`, `interval` and `benchmark` must be on the same scale.
 *
 * References: PHE "Technical Guide – RAG Rating Indicator Values" (2017) and
 * "Comparators Briefing – Technical", published with the OHID Fingertips Public
 * Health Technical Guidance (benchmarking by confidence-interval overlap).
 *
 * @param value - the local indicator value, or null when suppressed/undefined.
 * @param interval - its confidence interval (usually 95%), or null.
 * @param benchmark - the comparator value, or null.
 * @param polarity - which direction is good.
 * @throws RangeError for non-finite numbers, lower > upper, or an unknown polarity.
 */
export function compareToBenchmark(
  value: number | null,
  interval: Interval | null,
  benchmark: number | null,
  polarity: Polarity,
): BenchmarkComparison | null {
  assertPolarity(polarity);
  if (value === null || interval === null || benchmark === null) return null;
  assertFinite('value', value);
  assertFinite('benchmark', benchmark);
  assertFinite('interval.lower', interval.lower);
  assertFinite('interval.upper', interval.upper);
  if (interval.lower > interval.upper) {
    throw new RangeError(`interval.lower (${interval.lower}) must not exceed interval.upper (${interval.upper})`);
  }

  let direction: 'higher' | 'lower' | 'similar' = 'similar';
  if (benchmark < interval.lower) direction = 'higher';
  else if (benchmark > interval.upper) direction = 'lower';

  if (direction === 'similar' || polarity === 'neither') return direction;
  const good = polarity === 'higher-is-better' ? 'higher' : 'lower';
  return direction === good ? 'better' : 'worse';
}
