/**
 * Shared types for the statistics library.
 *
 * @module
 */

/**
 * A two-sided interval on the same scale as the statistic it surrounds
 * (a proportion in [0, 1], a count, a rate per unit of denominator, …).
 * `lower <= upper` always holds.
 */
export interface Interval {
  readonly lower: number;
  readonly upper: number;
}

/**
 * Which direction of change is good for an indicator.
 *
 * - `'higher-is-better'`: e.g. the percentage of EHC plans issued within 20 weeks.
 * - `'lower-is-better'`: e.g. the rate of permanent exclusions.
 * - `'neither'`: no value judgement (e.g. the number of requests for assessment).
 *
 * Fingertips calls this "polarity"; NHSRplotthedots calls it `improvement_direction`
 * (`'increase'`, `'decrease'`, `'neutral'`).
 */
export type Polarity = 'higher-is-better' | 'lower-is-better' | 'neither';

/** Every valid {@link Polarity}, for validation and for building user-interface options. */
export const POLARITIES: readonly Polarity[] = ['higher-is-better', 'lower-is-better', 'neither'];
