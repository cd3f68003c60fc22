/**
 * Confidence interval for a Poisson count (and so for a crude rate) by the
 * Fingertips method: Byar's approximation for counts of 10 or more, the exact
 * chi-squared method below 10.
 *
 * @module
 */

import { exactPoissonInterval } from './exact-poisson-interval.ts';
import { twoSidedZ } from './normal-quantile.ts';
import type { Interval } from './types.ts';
import { assertConfidence, assertNonNegativeFinite } from './validation.ts';

/** Counts below this use the exact method, as Fingertips and PHEindicatormethods `phe_rate` do. */
export const BYAR_MINIMUM_COUNT = 10;

/**
 * Confidence interval for an observed Poisson count O.
 *
 * For O >= 10, Byar's approximation (Breslow & Day 1987):
 *
 *   lower = O (1 − 1/(9O) − z/(3√O))³
 *   upper = (O + 1) (1 − 1/(9(O + 1)) + z/(3√(O + 1)))³
 *
 * with z the 100(1 − α/2)th percentile of the standard normal distribution.
 * For O < 10, the exact limits χ²(α/2; 2O)/2 and χ²(1 − α/2; 2O + 2)/2 (see
 * {@link exactPoissonInterval}). This matches PHEindicatormethods `phe_rate`
 * (`method` = "Exact" when x < 10, else "Byars").
 *
 * Units: limits are counts. For a crude rate, divide both limits by the
 * denominator (see {@link rateInterval}).
 *
 * Edge cases: count 0 gives { lower: 0, upper: 3.6889 } at 95%. At very high
 * confidence levels Byar's lower limit can go negative; it is clamped to 0.
 *
 * References: Breslow NE, Day NE, Statistical Methods in Cancer Research vol. II
 * (IARC, 1987); Armitage P, Berry G (2002); OHID Fingertips Public Health
 * Technical Guidance, "Rates" and "Technical Guide – Confidence Intervals" (PHE, 2018).
 *
 * @param count - observed number of events, >= 0 (non-integers accepted).
 * @param confidence - two-sided confidence level in (0, 1); default 0.95.
 * @throws RangeError for a negative or non-finite count or an invalid confidence.
 */
export function byarInterval(count: number, confidence = 0.95): Interval {
  assertNonNegativeFinite('count', count);
  assertConfidence(confidence);
  if (count < BYAR_MINIMUM_COUNT) return exactPoissonInterval(count, confidence);

  const z = twoSidedZ(confidence);
  const next = count + 1;
  const lower = count * (1 - 1 / (9 * count) - z / (3 * Math.sqrt(count))) ** 3;
  const upper = next * (1 - 1 / (9 * next) + z / (3 * Math.sqrt(next))) ** 3;
  return { lower: Math.max(0, lower), upper };
}

/**
 * A crude rate and its confidence interval: count / denominator × multiplier, with
 * limits from {@link byarInterval} divided by the denominator and scaled the same way.
 *
 * Units: "per `multiplier` of denominator" (e.g. multiplier 1000 → per 1,000 children).
 *
 * Edge cases: returns `null` when the denominator is 0 (the rate is undefined).
 *
 * Reference: OHID Fingertips Public Health Technical Guidance, "Rates".
 *
 * @param count - observed number of events, >= 0.
 * @param denominator - population or person-years at risk, >= 0.
 * @param confidence - two-sided confidence level in (0, 1); default 0.95.
 * @param multiplier - scale factor, > 0; default 1.
 * @throws RangeError for invalid inputs.
 */
export function rateInterval(
  count: number,
  denominator: number,
  confidence = 0.95,
  multiplier = 1,
): { value: number; lower: number; upper: number } | null {
  assertNonNegativeFinite('denominator', denominator);
  if (!Number.isFinite(multiplier) || multiplier <= 0) {
    throw new RangeError(`multiplier must be a finite number > 0 (got ${multiplier})`);
  }
  const interval = byarInterval(count, confidence);
  if (denominator === 0) return null;
  const scale = multiplier / denominator;
  return { value: count * scale, lower: interval.lower * scale, upper: interval.upper * scale };
}
