/**
 * Display formatting of measure values for charts and their text alternatives.
 *
 * @module
 */

/**
 * The unit of a charted measure; every value, limit, target and benchmark passed
 * to one chart is in this unit.
 *
 * - `'percent'`: a percentage already on the 0–100 scale (61.5 → "61.5%");
 * - `'proportion'`: a proportion on the 0–1 scale, as the statistics library
 *   returns them, shown as a percentage (0.648 → "64.8%");
 * - `'count'`: a number of things (1800 → "1,800");
 * - `'days'`: a duration in days (140 → "140 days");
 * - `` `per-${n}` ``: a rate per n of the population, e.g. `'per-1000'` (12.3 → "12.3 per 1,000").
 */
export type Unit = 'percent' | 'proportion' | 'count' | 'days' | `per-${number}`;

/** Formatting options for {@link formatValue}. */
export interface FormatOptions {
  /**
   * Decimal places. Default: 1 for percentages, proportions and rates; for counts
   * and days 0 when the value is whole and 1 otherwise (a mean of 12.35 reads "12.4").
   */
  readonly decimals?: number;
  /**
   * Append " days" or " per 1,000"; default true. Charts pass false where an axis
   * title already names the unit and space is short. The % sign is always kept.
   */
  readonly unitSuffix?: boolean;
}

// Rounds half up as people read the number: 12.35 is stored as 12.3499…, which
// toFixed alone would show as "12.3". A relative nudge of a few ulps moves only
// values that sit on a .5 boundary up to representation error.
function roundHalfUp(abs: number, decimals: number): number {
  const factor = 10 ** decimals;
  const rounded = Math.round(abs * factor * (1 + 4 * Number.EPSILON)) / factor;
  return Number.isFinite(rounded) ? rounded : abs;
}

// Hand-rolled rather than Intl.NumberFormat: constructing a formatter costs more
// than drawing a whole chart, and the output must not depend on the ICU build.
function grouped(value: number, decimals: number): string {
  const abs = Math.abs(value);
  // Whole numbers (counts, denominators) skip float formatting altogether.
  const fixed = decimals === 0 && Number.isInteger(abs) && abs < 1e15 ? String(abs) : roundHalfUp(abs, decimals).toFixed(decimals);
  const point = fixed.indexOf('.');
  const whole = point === -1 ? fixed : fixed.slice(0, point);
  let commas = whole;
  if (whole.length > 3 && !whole.includes('e')) {
    commas = whole.slice(0, whole.length % 3 || 3);
    for (let i = commas.length; i < whole.length; i += 3) commas += `,${whole.slice(i, i + 3)}`;
  }
  const text = point === -1 ? commas : commas + fixed.slice(point);
  // toFixed leaves "-0.0" for tiny negatives; a sign on zero would mislead.
  return value < 0 && /[1-9]/.test(fixed) ? `-${text}` : text;
}

/** The n of a `per-n` unit, or null for any other unit. */
export function ratePer(unit: Unit): number | null {
  if (!unit.startsWith('per-')) return null;
  const per = Number(unit.slice(4));
  return Number.isFinite(per) && per > 0 ? per : null;
}

function defaultDecimals(value: number, unit: Unit): number {
  if (unit === 'count' || unit === 'days') return Number.isInteger(value) ? 0 : 1;
  return 1;
}

/**
 * Formats a value with its unit for people to read: "64.8%", "1,800",
 * "12.3 per 1,000", "140 days" (and "1 day"). Thousands are separated with
 * commas (GOV.UK style) and negative numbers keep a leading minus.
 *
 * Edge cases: `null` and non-finite values give "no data" so a chart never prints
 * "NaN"; an unrecognised unit is formatted as a plain number.
 *
 * @param value - the value in the units described by {@link Unit}.
 * @param unit - the unit of the value.
 * @param options - see {@link FormatOptions}.
 */
export function formatValue(value: number | null | undefined, unit: Unit, options: FormatOptions = {}): string {
  if (value === null || value === undefined || !Number.isFinite(value)) return 'no data';
  const decimals = Math.min(Math.max(Math.round(options.decimals ?? defaultDecimals(value, unit)), 0), 10);
  if (unit === 'percent') return `${grouped(value, decimals)}%`;
  if (unit === 'proportion') return `${grouped(value * 100, decimals)}%`;
  const text = grouped(value, decimals);
  if (options.unitSuffix === false) return text;
  if (unit === 'days') return `${text} ${text === '1' ? 'day' : 'days'}`;
  const per = ratePer(unit);
  return per === null ? text : `${text} per ${grouped(per, 0)}`;
}

/** Decimal places that show every tick of a scale with step `step` distinctly. */
function tickDecimals(step: number): number {
  if (!(step > 0) || !Number.isFinite(step)) return 0;
  return Math.min(Math.max(0, -Math.floor(Math.log10(step) + 1e-9)), 6);
}

/**
 * Formats an axis tick: as short as its neighbours allow ("60%", "0.5%",
 * "1,800"). Rates and days are printed as bare numbers because the axis title
 * ({@link unitAxisTitle}) carries the unit.
 *
 * @param value - the tick value in the chart unit.
 * @param unit - the chart unit.
 * @param step - the distance between ticks, in the chart unit; sets the decimals.
 */
export function formatTick(value: number, unit: Unit, step: number): string {
  if (unit === 'proportion') return `${grouped(value * 100, tickDecimals(step * 100))}%`;
  const text = grouped(value, tickDecimals(step));
  return unit === 'percent' ? `${text}%` : text;
}

/**
 * The title of a value axis for a unit: "Percentage", "Number", "Days" or
 * "Rate per 1,000".
 */
export function unitAxisTitle(unit: Unit): string {
  if (unit === 'percent' || unit === 'proportion') return 'Percentage';
  if (unit === 'days') return 'Days';
  const per = ratePer(unit);
  return per === null ? 'Number' : `Rate per ${grouped(per, 0)}`;
}

/**
 * The natural range of values in a unit ([0, 100] for percentages, [0, 1] for
 * proportions, [0, ∞) otherwise), so an axis does not run below 0 when no value can.
 */
export function unitBounds(unit: Unit): [number, number] {
  if (unit === 'percent') return [0, 100];
  if (unit === 'proportion') return [0, 1];
  return [0, Number.POSITIVE_INFINITY];
}
