/**
 * Wilson score confidence interval for a proportion.
 *
 * @module
 */

import { twoSidedZ } from './normal-quantile.ts';
import type { Interval } from './types.ts';
import { assertBinomialCounts, assertConfidence } from './validation.ts';

/**
 * Wilson score confidence interval for a binomial proportion successes / trials,
 * the method OHID / Public Health England use for proportions in Fingertips and
 * PHEindicatormethods (`phe_proportion`, `wilson_lower`, `wilson_upper`):
 *
 *   lower, upper = (2O + z² ∓ z √(z² + 4O(1 − O/n))) / (2(n + z²))
 *
 * where O = successes, n = trials and z is the 100(1 − α/2)th percentile of the
 * standard normal distribution (1.959964 for 95%, 3.090232 for 99.8%).
 *
 * Units: both limits are proportions in [0, 1] (multiply by 100 for percentages).
 *
 * Edge cases: returns `null` when trials is 0 (the proportion is undefined).
 * 0 successes gives a lower limit of exactly 0; successes = trials gives an upper
 * limit of exactly 1. Non-integer counts are accepted (the formula is continuous).
 *
 * References: Wilson EB (1927) J Am Stat Assoc 22:209–212; Newcombe RG (1998)
 * Stat Med 17:857–872 (method 3); Newcombe RG, Altman DG in Altman DG et al.
 * (eds) Statistics with Confidence, 2nd edn (2000) pp. 46–48; OHID Fingertips
 * Public Health Technical Guidance, "Proportions".
 *
 * @param successes - number with the characteristic, 0 <= successes <= trials.
 * @param trials - denominator, >= 0.
 * @param confidence - two-sided confidence level in (0, 1); default 0.95.
 * @throws RangeError for negative or non-finite counts, successes > trials, or an invalid confidence.
 */
export function wilsonInterval(successes: number, trials: number, confidence = 0.95): Interval | null {
  assertBinomialCounts(successes, trials);
  assertConfidence(confidence);
  if (trials === 0) return null;

  const z = twoSidedZ(confidence);
  const z2 = z * z;
  const centre = 2 * successes + z2;
  const spread = z * Math.sqrt(z2 + 4 * successes * (1 - successes / trials));
  const denominator = 2 * (trials + z2);
  const lower = successes === 0 ? 0 : (centre - spread) / denominator;
  const upper = successes === trials ? 1 : (centre + spread) / denominator;
  return { lower: clamp01(lower), upper: clamp01(upper) };
}

function clamp01(value: number): number {
  return Math.min(1, Math.max(0, value));
}
