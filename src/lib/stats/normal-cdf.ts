/**
 * Standard normal cumulative distribution function and its upper tail, computed
 * through the regularised incomplete gamma function so that tail areas keep their
 * relative accuracy (erfc(t) = Q(1/2, t²) for t >= 0; Abramowitz & Stegun 7.1.2, 6.5.17).
 *
 * @module
 */

import { regularizedGammaP, regularizedGammaQ } from './incomplete-gamma.ts';

/**
 * Φ(z): the probability that a standard normal variable is <= z.
 *
 * @param z - any real number; ±Infinity give 1 / 0.
 * @returns a probability in [0, 1].
 * @throws RangeError when z is NaN.
 */
export function normalCdf(z: number): number {
  if (Number.isNaN(z)) throw new RangeError('z must be a number (got NaN)');
  if (z === Infinity) return 1;
  if (z === -Infinity) return 0;
  const half = (z * z) / 2;
  if (half === 0) return 0.5;
  return z < 0 ? 0.5 * regularizedGammaQ(0.5, half) : 0.5 * (1 + regularizedGammaP(0.5, half));
}

/**
 * 1 - Φ(z): the probability that a standard normal variable exceeds z, computed
 * without cancellation (accurate for large z, e.g. 1 - Φ(10) ≈ 7.62e-24).
 *
 * @param z - any real number.
 * @returns a probability in [0, 1].
 * @throws RangeError when z is NaN.
 */
export function normalUpperTail(z: number): number {
  if (Number.isNaN(z)) throw new RangeError('z must be a number (got NaN)');
  return normalCdf(-z);
}
