/**
 * The special-cause rules of NHS England's "Making Data Count" as pure functions
 * over a series, with the defaults of the NHSRplotthedots R package. They are
 * combined by {@link xmrChart}; they are exported so each rule can be tested alone.
 *
 * @module
 */

/** Position of a point relative to the mean: 1 above, -1 below, 0 exactly on it. */
export type Side = -1 | 0 | 1;

/** Names of the rules that can flag a point, in NHSRplotthedots' order of precedence. */
export type SpcRule = 'beyond-limit' | 'trend' | 'two-of-three' | 'shift';

/** Every {@link SpcRule}, in order of precedence. */
export const SPC_RULES: readonly SpcRule[] = ['beyond-limit', 'trend', 'two-of-three', 'shift'];

/** Default run length of the shift rule (NHSRplotthedots: 7 points on one side of the mean). */
export const DEFAULT_SHIFT_LENGTH = 7;

/** Default length of the trend rule (NHSRplotthedots: 7 points all increasing or all decreasing). */
export const DEFAULT_TREND_LENGTH = 7;

/** Sign of value − centre as a {@link Side}. */
export function sideOf(value: number, centre: number): Side {
  if (value > centre) return 1;
  if (value < centre) return -1;
  return 0;
}

function assertRunLength(name: string, length: number, minimum: number): void {
  if (!Number.isInteger(length) || length < minimum) {
    throw new RangeError(`${name} must be an integer >= ${minimum} (got ${length})`);
  }
}

/**
 * Shift rule: flags every point of a run of at least `length` consecutive points
 * on the same side of the mean. A point exactly on the mean (side 0) belongs to no
 * run and breaks it, as in NHSRplotthedots.
 *
 * @param sides - side of the mean of each point, in time order.
 * @param length - minimum run length, an integer >= 2; default 7.
 * @returns one flag per point; every point of a qualifying run is `true`.
 * @throws RangeError for an invalid length.
 */
export function shiftFlags(sides: readonly Side[], length = DEFAULT_SHIFT_LENGTH): boolean[] {
  assertRunLength('shift length', length, 2);
  const flags = sides.map(() => false);
  let start = 0;
  for (let i = 1; i <= sides.length; i += 1) {
    if (i === sides.length || sides[i] !== sides[start]) {
      if (sides[start] !== 0 && i - start >= length) flags.fill(true, start, i);
      start = i;
    }
  }
  return flags;
}

/**
 * Trend rule: finds runs of at least `length` consecutive points each strictly
 * higher (or each strictly lower) than the one before. Equal consecutive values
 * break a trend. Every point of a qualifying run is flagged with its direction;
 * a point shared by two trends (a peak or trough) takes the direction of the later
 * one, as NHSRplotthedots does ("use right side").
 *
 * @param values - the series, in time order.
 * @param length - minimum number of points in the trend, an integer >= 3; default 7.
 * @returns per point: 1 (part of an increasing trend), -1 (decreasing) or 0.
 * @throws RangeError for an invalid length.
 */
export function trendDirections(values: readonly number[], length = DEFAULT_TREND_LENGTH): Side[] {
  assertRunLength('trend length', length, 3);
  const directions: Side[] = values.map(() => 0);
  const steps: Side[] = [];
  for (let i = 1; i < values.length; i += 1) steps.push(sideOf(values[i] as number, values[i - 1] as number));
  let start = 0; // index into steps
  for (let i = 1; i <= steps.length; i += 1) {
    if (i === steps.length || steps[i] !== steps[start]) {
      const direction = steps[start] as Side;
      // steps start..i-1 cover points start..i
      if (direction !== 0 && i - start + 1 >= length) directions.fill(direction, start, i + 1);
      start = i;
    }
  }
  return directions;
}

/**
 * Two-of-three rule: in any three consecutive points that are all on the same side
 * of the mean, if at least two are "near a limit" (beyond two-thirds of the distance
 * from the mean to a process limit, i.e. beyond 2σ, but not beyond the limit), those
 * near-limit points are flagged. Points beyond the process limits are flagged by the
 * beyond-limit rule instead and, as in NHSRplotthedots, do not count here.
 *
 * @param sides - side of the mean of each point.
 * @param nearLimit - whether each point is between the 2σ line and the process limit.
 * @returns one flag per point.
 * @throws RangeError when the two arrays differ in length.
 */
export function twoOfThreeFlags(sides: readonly Side[], nearLimit: readonly boolean[]): boolean[] {
  if (sides.length !== nearLimit.length) throw new RangeError('sides and nearLimit must have the same length');
  const flags = sides.map(() => false);
  for (let start = 0; start + 3 <= sides.length; start += 1) {
    const side = sides[start];
    if (side === 0 || sides[start + 1] !== side || sides[start + 2] !== side) continue;
    const near = [0, 1, 2].filter((offset) => nearLimit[start + offset] === true);
    if (near.length >= 2) for (const offset of near) flags[start + offset] = true;
  }
  return flags;
}
