/**
 * XmR (individuals and moving range) statistical process control chart following
 * NHS England's "Making Data Count" and the defaults of the NHSRplotthedots package.
 *
 * @module
 */

import {
  DEFAULT_SHIFT_LENGTH,
  DEFAULT_TREND_LENGTH,
  shiftFlags,
  sideOf,
  trendDirections,
  twoOfThreeFlags,
  type Side,
  type SpcRule,
} from './spc-rules.ts';

/** Process limits sit at mean ± 2.66 × mean moving range (3σ, since σ ≈ mean MR / 1.128). */
export const LIMIT_FACTOR = 2.66;
/** Moving ranges of 3.267 × the mean moving range or more are screened out before the limits are set. */
export const MOVING_RANGE_SCREEN_FACTOR = 3.267;

/** Options for {@link xmrChart}. */
export interface XmrOptions {
  /** Points in a run on one side of the mean that signal a shift; integer >= 2. Default 7. */
  readonly shiftLength?: number;
  /** Points in a run of increases or decreases that signal a trend; integer >= 3. Default 7. */
  readonly trendLength?: number;
  /** Drop moving ranges >= 3.267 × their mean, then recompute the mean moving range. Default true. */
  readonly screenOutliers?: boolean;
  /** Compute the mean and limits from the first N points only (NHSRplotthedots `fix_after_n_points`). Default: all points. */
  readonly baselineLength?: number | null;
}

/** One point of an {@link XmrChart}. */
export interface XmrPoint {
  /** The observed value, in the units of the series. */
  readonly value: number;
  /** |value − previous value|; null for the first point. */
  readonly movingRange: number | null;
  /** True when this moving range was in the baseline but screened out of the mean moving range. */
  readonly movingRangeExcluded: boolean;
  /** True when at least one rule flags the point. */
  readonly specialCause: boolean;
  /** The rules that flag the point, in order of precedence; empty for common-cause variation. */
  readonly rules: readonly SpcRule[];
  /** Direction of the special cause (from the rule of highest precedence); null for common cause. */
  readonly direction: 'high' | 'low' | null;
}

/** Result of {@link xmrChart}. Limits are null when they cannot be computed. */
export interface XmrChart {
  /** Mean of the baseline values (the centre line); null for an empty series. */
  readonly mean: number | null;
  /** Mean of the (screened) baseline moving ranges; null with fewer than 2 baseline points. */
  readonly meanMovingRange: number | null;
  /** mean − 2.66 × meanMovingRange. */
  readonly lowerLimit: number | null;
  /** mean + 2.66 × meanMovingRange. */
  readonly upperLimit: number | null;
  /** mean − (2/3) × 2.66 × meanMovingRange: the "near a limit" (2σ) line used by the two-of-three rule. */
  readonly lowerTwoSigma: number | null;
  /** mean + (2/3) × 2.66 × meanMovingRange. */
  readonly upperTwoSigma: number | null;
  /** Number of points the mean and limits were computed from. */
  readonly baselineLength: number;
  readonly points: readonly XmrPoint[];
}

function average(values: readonly number[]): number | null {
  return values.length === 0 ? null : values.reduce((sum, v) => sum + v, 0) / values.length;
}

function resolveBaseline(length: number, baselineLength: number | null | undefined): number {
  if (baselineLength === null || baselineLength === undefined) return length;
  if (!Number.isInteger(baselineLength) || baselineLength < 1) {
    throw new RangeError(`baselineLength must be an integer >= 1 (got ${baselineLength})`);
  }
  return Math.min(length, baselineLength);
}

/**
 * Builds an XmR chart and applies the Making Data Count special-cause rules.
 *
 * Calculation (NHSRplotthedots `ptd_spc` defaults):
 * 1. mean = average of the first `baselineLength` values (all by default);
 * 2. moving ranges mR_i = |x_i − x_(i−1)| within the baseline; their mean is taken,
 *    then (with `screenOutliers`) moving ranges >= 3.267 × that mean are dropped and
 *    the mean moving range is recomputed;
 * 3. process limits = mean ± 2.66 × mean moving range; "near" (2σ) lines at
 *    mean ± (2/3) × 2.66 × mean moving range.
 *
 * Rules, applied to every point against those limits (see spc-rules.ts):
 * - `'beyond-limit'`: a point strictly above the upper or below the lower limit;
 * - `'trend'`: `trendLength` (7) or more points each strictly higher / lower than the last;
 * - `'two-of-three'`: two of three consecutive points on the same side of the mean
 *   beyond the 2σ line (but within the limits);
 * - `'shift'`: `shiftLength` (7) or more consecutive points on one side of the mean.
 * Every point of a trend or shift is flagged, not just the last.
 *
 * Units: all statistics are in the units of `values`.
 *
 * Edge cases: an empty series gives null statistics and no points. With one
 * baseline point the mean is that value and the limits are null, so only the
 * shift and trend rules can apply. A constant series has a mean moving range of 0
 * and limits equal to the mean; screening is skipped when the mean moving range is
 * 0 (NHSRplotthedots would screen out every range and return NaN limits).
 * Rebasing is not built in: chart each period separately.
 *
 * References: NHS England / NHS Improvement, "Making Data Count" (2019) and
 * "Making Data Count: Getting started" (2019); NHSRplotthedots (NHS-R Community)
 * `ptd_spc`; Wheeler DJ, Understanding Variation (2000) for the 2.66 and 3.267 constants.
 *
 * @param values - the series in time order; every value must be a finite number.
 * @param options - see {@link XmrOptions}.
 * @throws RangeError for non-finite values or invalid options.
 */
export function xmrChart(values: readonly number[], options: XmrOptions = {}): XmrChart {
  values.forEach((v, i) => {
    if (typeof v !== 'number' || !Number.isFinite(v)) {
      throw new RangeError(`values[${i}] must be a finite number (got ${String(v)})`);
    }
  });
  const shiftLength = options.shiftLength ?? DEFAULT_SHIFT_LENGTH;
  const trendLength = options.trendLength ?? DEFAULT_TREND_LENGTH;
  const screenOutliers = options.screenOutliers ?? true;
  const baselineLength = resolveBaseline(values.length, options.baselineLength);

  const baseline = values.slice(0, baselineLength);
  const mean = average(baseline);
  const movingRanges = values.map((v, i) => (i === 0 ? null : Math.abs(v - (values[i - 1] as number))));
  const baselineRanges = movingRanges.slice(1, baselineLength) as number[];
  let meanMovingRange = average(baselineRanges);
  const excluded = values.map(() => false);
  if (screenOutliers && meanMovingRange !== null && meanMovingRange > 0) {
    const cutOff = MOVING_RANGE_SCREEN_FACTOR * meanMovingRange;
    baselineRanges.forEach((range, k) => {
      if (!(range < cutOff)) excluded[k + 1] = true;
    });
    meanMovingRange = average(baselineRanges.filter((range) => range < cutOff));
  }

  const line = (multiple: number): number | null =>
    mean === null || meanMovingRange === null ? null : mean + multiple * meanMovingRange;
  const lowerLimit = line(-LIMIT_FACTOR);
  const upperLimit = line(LIMIT_FACTOR);
  const lowerTwoSigma = line((-2 * LIMIT_FACTOR) / 3);
  const upperTwoSigma = line((2 * LIMIT_FACTOR) / 3);

  const sides: Side[] = values.map((v) => (mean === null ? 0 : sideOf(v, mean)));
  const beyond = values.map((v) => lowerLimit !== null && upperLimit !== null && (v > upperLimit || v < lowerLimit));
  const nearLimit = values.map(
    (v, i) => lowerTwoSigma !== null && upperTwoSigma !== null && !beyond[i] && (v < lowerTwoSigma || v > upperTwoSigma),
  );
  const shift = shiftFlags(sides, shiftLength);
  const trend = trendDirections(values, trendLength);
  const twoOfThree = twoOfThreeFlags(sides, nearLimit);

  const points: XmrPoint[] = values.map((value, i) => {
    const side = sides[i] as Side;
    const trendDirection = trend[i] as Side;
    const hits: [SpcRule, Side][] = [];
    if (beyond[i]) hits.push(['beyond-limit', side]);
    if (trendDirection !== 0) hits.push(['trend', trendDirection]);
    if (twoOfThree[i]) hits.push(['two-of-three', side]);
    if (shift[i]) hits.push(['shift', side]);
    const signal = hits[0]?.[1] ?? 0;
    return {
      value,
      movingRange: movingRanges[i] ?? null,
      movingRangeExcluded: excluded[i] === true,
      specialCause: hits.length > 0,
      rules: hits.map(([rule]) => rule),
      direction: signal === 1 ? 'high' : signal === -1 ? 'low' : null,
    };
  });

  return { mean, meanMovingRange, lowerLimit, upperLimit, lowerTwoSigma, upperTwoSigma, baselineLength, points };
}
