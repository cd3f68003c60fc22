/**
 * Exact (chi-squared based) confidence interval for a Poisson count.
 *
 * @module
 */

import { chiSquareQuantile } from './gamma-quantile.ts';
import type { Interval } from './types.ts';
import { assertConfidence, assertNonNegativeFinite } from './validation.ts';

/**
 * Exact Poisson confidence limits for an observed count O (Garwood 1936), using the
 * link between the Poisson and chi-squared distributions:
 *
 *   lower = χ²(α/2; 2O) / 2,   upper = χ²(1 − α/2; 2O + 2) / 2
 *
 * where χ²(p; ν) is the p-quantile of a chi-squared distribution with ν degrees
 * of freedom (R: `qchisq`). This is the "χ² exact method" used by OHID Fingertips
 * and PHEindicatormethods (`phe_rate`) for counts below 10.
 *
 * Units: limits are counts (divide by a denominator to get a rate's limits).
 *
 * Edge cases: a count of 0 gives lower = 0 and upper = −ln(α/2) (3.6889 at 95%).
 * Non-integer counts are accepted (the gamma form of the formula is continuous).
 *
 * References: Garwood F (1936) Biometrika 28:437–442; Armitage P, Berry G,
 * Matthews JNS, Statistical Methods in Medical Research, 4th edn (2002);
 * OHID Fingertips Public Health Technical Guidance, "Rates".
 *
 * @param count - observed number of events, >= 0.
 * @param confidence - two-sided confidence level in (0, 1); default 0.95.
 * @throws RangeError for a negative or non-finite count or an invalid confidence.
 */
export function exactPoissonInterval(count: number, confidence = 0.95): Interval {
  assertNonNegativeFinite('count', count);
  assertConfidence(confidence);
  const alpha = 1 - confidence;
  const lower = count === 0 ? 0 : chiSquareQuantile(alpha / 2, 2 * count) / 2;
  const upper = chiSquareQuantile(1 - alpha / 2, 2 * count + 2) / 2;
  return { lower, upper };
}
