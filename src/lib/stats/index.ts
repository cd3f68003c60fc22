/**
 * Public entry point of the statistics library: pure functions, no I/O.
 * Import from here rather than from the individual modules.
 *
 * @module
 */

export type { Interval, Polarity } from './types.ts';
export { POLARITIES } from './types.ts';

export { logGamma, regularizedGammaP, regularizedGammaQ, gammaDensity } from './incomplete-gamma.ts';
export { normalCdf, normalUpperTail } from './normal-cdf.ts';
export { normalQuantile, twoSidedZ } from './normal-quantile.ts';
export { gammaQuantile, chiSquareQuantile } from './gamma-quantile.ts';

export { wilsonInterval } from './wilson-interval.ts';
export { exactPoissonInterval } from './exact-poisson-interval.ts';
export { byarInterval, rateInterval, BYAR_MINIMUM_COUNT } from './byar-interval.ts';
export { compareToBenchmark } from './compare-to-benchmark.ts';
export type { BenchmarkComparison } from './compare-to-benchmark.ts';
export { proportionFunnelLimits, proportionFunnelSignificance } from './funnel-limits.ts';
export type { FunnelSignificance } from './funnel-limits.ts';
export { twoProportionTest } from './two-proportion-test.ts';

export { xmrChart, LIMIT_FACTOR, MOVING_RANGE_SCREEN_FACTOR } from './spc/xmr-chart.ts';
export type { XmrChart, XmrOptions, XmrPoint } from './spc/xmr-chart.ts';
export {
  shiftFlags,
  trendDirections,
  twoOfThreeFlags,
  sideOf,
  SPC_RULES,
  DEFAULT_SHIFT_LENGTH,
  DEFAULT_TREND_LENGTH,
} from './spc/spc-rules.ts';
export type { Side, SpcRule } from './spc/spc-rules.ts';
export { variationIcon } from './spc/variation-icon.ts';
export type { VariationIcon } from './spc/variation-icon.ts';
export { assuranceIcon } from './spc/assurance-icon.ts';
export type { AssuranceIcon } from './spc/assurance-icon.ts';
