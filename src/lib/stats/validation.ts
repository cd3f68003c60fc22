/**
 * Input checks shared by the statistics functions. Every check throws a
 * `RangeError` naming the offending argument, so callers can surface a clear
 * message instead of propagating `NaN`.
 *
 * @module
 */

import { POLARITIES, type Polarity } from './types.ts';

/**
 * Throws a `RangeError` unless `value` is a finite number greater than or equal to zero.
 * Non-integer values are allowed (counts can be weighted or averaged over years).
 */
export function assertNonNegativeFinite(name: string, value: number): void {
  if (typeof value !== 'number' || !Number.isFinite(value) || value < 0) {
    throw new RangeError(`${name} must be a finite number >= 0 (got ${String(value)})`);
  }
}

/** Throws a `RangeError` unless `value` is a finite number. */
export function assertFinite(name: string, value: number): void {
  if (typeof value !== 'number' || !Number.isFinite(value)) {
    throw new RangeError(`${name} must be a finite number (got ${String(value)})`);
  }
}

/** Throws a `RangeError` unless `value` is a finite number in the closed interval [0, 1]. */
export function assertProportion(name: string, value: number): void {
  if (typeof value !== 'number' || !Number.isFinite(value) || value < 0 || value > 1) {
    throw new RangeError(`${name} must be a proportion in [0, 1] (got ${String(value)})`);
  }
}

/**
 * Throws a `RangeError` unless `confidence` is a two-sided confidence level strictly
 * between 0 and 1 (e.g. 0.95 or 0.998). Percentages such as 95 are rejected rather
 * than silently rescaled.
 */
export function assertConfidence(confidence: number): void {
  if (typeof confidence !== 'number' || !Number.isFinite(confidence) || confidence <= 0 || confidence >= 1) {
    throw new RangeError(`confidence must be strictly between 0 and 1, e.g. 0.95 (got ${String(confidence)})`);
  }
}

/** Throws a `RangeError` unless `successes` and `trials` are valid binomial counts with successes <= trials. */
export function assertBinomialCounts(successes: number, trials: number, suffix = ''): void {
  assertNonNegativeFinite(`successes${suffix}`, successes);
  assertNonNegativeFinite(`trials${suffix}`, trials);
  if (successes > trials) {
    throw new RangeError(`successes${suffix} (${successes}) must not exceed trials${suffix} (${trials})`);
  }
}

/** Throws a `RangeError` unless `polarity` is one of {@link POLARITIES}. */
export function assertPolarity(polarity: Polarity): void {
  if (!POLARITIES.includes(polarity)) {
    throw new RangeError(`polarity must be one of ${POLARITIES.join(', ')} (got ${String(polarity)})`);
  }
}
