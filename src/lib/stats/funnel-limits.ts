/**
 * Funnel-plot control limits for proportions.
 *
 * @module
 */

import { twoSidedZ } from './normal-quantile.ts';
import type { Interval } from './types.ts';
import { assertConfidence, assertNonNegativeFinite, assertProportion } from './validation.ts';

/**
 * Control limits of a funnel plot for proportions around a benchmark (usually the
 * pooled average, Σ numerators / Σ denominators) at a given denominator, by the
 * method of the Fingertips "Technical Guide – Funnel Plots" (PHE, 2017) as coded
 * in PHEindicatormethods (`calculate_funnel_limits(statistic = "proportion")`,
 * internal `sigma_adjustment`, labelled method "Wilson").
 *
 * A limit is the observed proportion whose Wilson score interval at this
 * denominator has the benchmark as its end point: the upper limit is the
 * proportion p̂ whose Wilson lower confidence limit equals the benchmark π, and
 * vice versa. Solving the Wilson quadratic (p̂ − π)² = z² π(1 − π)/n for p̂ gives
 *
 *   limits = π ∓ z √(π(1 − π)/n)
 *
 * which is algebraically identical to PHEindicatormethods' closed form. z is the
 * two-sided normal critical value: confidence 0.95 → z = 1.959964 (the "2σ",
 * 0.025 limits) and 0.998 → z = 3.090232 (the "3σ", 0.001 limits).
 *
 * Units: proportions, clipped to [0, 1] as PHEindicatormethods clips to 0–100%.
 *
 * Edge cases: returns `null` when trials is 0. A benchmark of exactly 0 or 1
 * gives zero-width limits at the benchmark.
 *
 * References: PHE "Technical Guide – Funnel Plots" (2017) and Fingertips Public
 * Health Technical Guidance; Spiegelhalter DJ (2005) Stat Med 24:1185–1202;
 * PHEindicatormethods `calculate_funnel_limits` / `assign_funnel_significance`.
 *
 * @param benchmarkProportion - the target/average proportion π in [0, 1].
 * @param trials - the denominator n at which to evaluate the funnel, >= 0.
 * @param confidence - two-sided level in (0, 1), typically 0.95 or 0.998; default 0.95.
 * @throws RangeError for an invalid benchmark, denominator or confidence.
 */
export function proportionFunnelLimits(benchmarkProportion: number, trials: number, confidence = 0.95): Interval | null {
  assertProportion('benchmarkProportion', benchmarkProportion);
  assertNonNegativeFinite('trials', trials);
  assertConfidence(confidence);
  if (trials === 0) return null;

  const z = twoSidedZ(confidence);
  const halfWidth = z * Math.sqrt((benchmarkProportion * (1 - benchmarkProportion)) / trials);
  return {
    lower: Math.max(0, benchmarkProportion - halfWidth),
    upper: Math.min(1, benchmarkProportion + halfWidth),
  };
}

/** Position of an observed proportion relative to the 95% and 99.8% funnel limits. */
export type FunnelSignificance = 'high-99.8' | 'high-95' | 'not-significant' | 'low-95' | 'low-99.8';

/**
 * Classifies an observed proportion against the 95% and 99.8% funnel limits around
 * a benchmark, as PHEindicatormethods `assign_funnel_significance` does for
 * proportions ("High (0.001)", "High (0.025)", "Not significant", "Low (0.025)",
 * "Low (0.001)"). A value exactly on a limit is not significant (strict comparison).
 *
 * Edge cases: returns `null` when trials is 0.
 *
 * @param successes - observed numerator, 0 <= successes <= trials.
 * @param trials - denominator, >= 0.
 * @param benchmarkProportion - the benchmark π in [0, 1].
 * @throws RangeError for invalid counts or benchmark.
 */
export function proportionFunnelSignificance(
  successes: number,
  trials: number,
  benchmarkProportion: number,
): FunnelSignificance | null {
  assertNonNegativeFinite('successes', successes);
  if (successes > trials) throw new RangeError(`successes (${successes}) must not exceed trials (${trials})`);
  const outer = proportionFunnelLimits(benchmarkProportion, trials, 0.998);
  const inner = proportionFunnelLimits(benchmarkProportion, trials, 0.95);
  if (outer === null || inner === null) return null;
  const p = successes / trials;
  if (p < outer.lower) return 'low-99.8';
  if (p < inner.lower) return 'low-95';
  if (p > outer.upper) return 'high-99.8';
  if (p > inner.upper) return 'high-95';
  return 'not-significant';
}
