/**
 * Pooled two-proportion z-test.
 *
 * @module
 */

import { normalUpperTail } from './normal-cdf.ts';
import { assertBinomialCounts } from './validation.ts';

/**
 * Pooled two-sample z-test of H0: π1 = π2 for independent binomial proportions
 * x1/n1 and x2/n2:
 *
 *   p̄ = (x1 + x2) / (n1 + n2)
 *   z = (x1/n1 − x2/n2) / √(p̄(1 − p̄)(1/n1 + 1/n2))
 *   p = 2 (1 − Φ(|z|))  (two-sided)
 *
 * No continuity correction is applied, so z² equals Pearson's uncorrected
 * chi-squared statistic for the 2 × 2 table (R: `prop.test(correct = FALSE)`).
 *
 * Units: z is in standard errors (positive when the first proportion is larger);
 * p is a probability in [0, 1].
 *
 * Edge cases: returns `null` when the test is undefined: n1 = 0, n2 = 0, or a
 * pooled proportion of 0 or 1 (no events, or all events, in both groups, so the
 * standard error is 0). The normal approximation is poor when expected counts are
 * small (below about 5); the caller should say so.
 *
 * References: Altman DG, Practical Statistics for Medical Research (1991) §10.7;
 * Armitage P, Berry G, Matthews JNS (2002) §4.5.
 *
 * @param x1 - events in group 1, 0 <= x1 <= n1.
 * @param n1 - size of group 1, >= 0.
 * @param x2 - events in group 2, 0 <= x2 <= n2.
 * @param n2 - size of group 2, >= 0.
 * @throws RangeError for negative or non-finite counts or x > n.
 */
export function twoProportionTest(x1: number, n1: number, x2: number, n2: number): { z: number; p: number } | null {
  assertBinomialCounts(x1, n1, '1');
  assertBinomialCounts(x2, n2, '2');
  if (n1 === 0 || n2 === 0) return null;
  const pooled = (x1 + x2) / (n1 + n2);
  if (pooled <= 0 || pooled >= 1) return null;
  const standardError = Math.sqrt(pooled * (1 - pooled) * (1 / n1 + 1 / n2));
  const z = (x1 / n1 - x2 / n2) / standardError;
  const p = Math.min(1, 2 * normalUpperTail(Math.abs(z)));
  return { z, p };
}
