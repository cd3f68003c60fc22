/**
 * Quantiles of the gamma and chi-squared distributions, needed for exact
 * Poisson confidence limits (Garwood 1936; Armitage & Berry 2002).
 *
 * @module
 */

import { gammaDensity, logGamma, regularizedGammaP } from './incomplete-gamma.ts';
import { normalQuantile } from './normal-quantile.ts';

const RELATIVE_TOLERANCE = 1e-14;
const MAX_ITERATIONS = 200;

/** Starting value: Wilson–Hilferty cube-root normal approximation, or the small-x series for tiny p. */
function initialGuess(p: number, a: number): number {
  const z = normalQuantile(p);
  const wilsonHilferty = a * (1 - 1 / (9 * a) + z / (3 * Math.sqrt(a))) ** 3;
  if (wilsonHilferty > 0 && a >= 1) return wilsonHilferty;
  // P(a, x) ≈ x^a / Γ(a + 1) for small x
  const series = Math.exp((Math.log(p) + logGamma(a + 1)) / a);
  return Number.isFinite(series) && series > 0 ? series : 1;
}

/**
 * The p-quantile of a gamma distribution with shape `a` and scale 1: the x with
 * P(a, x) = p, where P is the regularised lower incomplete gamma function.
 *
 * Method: Wilson–Hilferty starting value, then Newton steps on P(a, x) - p kept
 * inside a bracketing interval (falling back to bisection when a step leaves it).
 * Relative accuracy about 1e-13.
 *
 * @param p - a probability in [0, 1].
 * @param a - shape, > 0.
 * @returns x >= 0; 0 for p = 0 and `Infinity` for p = 1.
 * @throws RangeError for p outside [0, 1] or a <= 0.
 */
export function gammaQuantile(p: number, a: number): number {
  if (Number.isNaN(p) || p < 0 || p > 1) throw new RangeError(`p must be a probability in [0, 1] (got ${p})`);
  if (!Number.isFinite(a) || a <= 0) throw new RangeError(`shape a must be a finite number > 0 (got ${a})`);
  if (p === 0) return 0;
  if (p === 1) return Infinity;

  let x = initialGuess(p, a);
  let lo = 0;
  let hi = Infinity;
  for (let i = 0; i < MAX_ITERATIONS; i += 1) {
    const error = regularizedGammaP(a, x) - p;
    if (error === 0) return x;
    if (error < 0) lo = x;
    else hi = x;
    const density = gammaDensity(a, x);
    let next = density > 0 && Number.isFinite(density) ? x - error / density : Number.NaN;
    if (!(next > lo && next < hi)) {
      next = hi === Infinity ? Math.max(2 * x, x + 1) : (lo + hi) / 2;
    }
    if (Math.abs(next - x) <= RELATIVE_TOLERANCE * Math.max(x, Number.MIN_VALUE)) return next;
    x = next;
  }
  return x;
}

/**
 * The p-quantile of a chi-squared distribution with `df` degrees of freedom
 * (R's `qchisq(p, df)`), via χ²(df) = 2 × Gamma(shape = df / 2).
 * For example chiSquareQuantile(0.975, 2) = 7.3778 and chiSquareQuantile(0.025, 18) = 8.2307.
 *
 * @param p - a probability in [0, 1].
 * @param df - degrees of freedom, >= 0. With df = 0 the distribution is a point mass at 0, so the result is 0.
 * @throws RangeError for p outside [0, 1] or negative / non-finite df.
 */
export function chiSquareQuantile(p: number, df: number): number {
  if (!Number.isFinite(df) || df < 0) throw new RangeError(`df must be a finite number >= 0 (got ${df})`);
  if (Number.isNaN(p) || p < 0 || p > 1) throw new RangeError(`p must be a probability in [0, 1] (got ${p})`);
  if (df === 0) return 0;
  return 2 * gammaQuantile(p, df / 2);
}
