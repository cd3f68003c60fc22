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
}

// Rounds on the shortest decimal form of the number, as people read it: 12.35 is
// stored as 12.3499…, which toFixed alone would show as "12.3".
function roundHalfUp(abs: number, decimals: number): number {
  if (abs >= 1e15 || String(abs).includes('e')) return abs;
  return Number(`${Math.round(Number(`${abs}e${decimals}`))}e-${decimals}`);
}

// Hand-rolled rather than Intl.NumberFormat: constructing a formatter costs more
// than drawing a whole chart, and the output must not depend on the ICU build.
function grouped(value: number, decimals: number): string {
  let fixed = roundHalfUp(Math.abs(value), decimals).toFixed(decimals);
  // toFixed leaves "-0.0" for tiny negatives; a sign on zero would mislead.
  const negative = value < 0 && Number(fixed) !== 0;
  const [whole = '0', fraction] = fixed.split('.');
  fixed = whole.replace(/\B(?=(\d{3})+(?!\d))/g, ',') + (fraction === undefined ? '' : `.${fraction}`);
  return negative ? `-${fixed}` : fixed;
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
  if (unit === 'days') {
    const text = grouped(value, decimals);
    return `${text} ${text === '1' ? 'day' : 'days'}`;
  }
  const per = ratePer(unit);
  if (per !== null) return `${grouped(value, decimals)} per ${grouped(per, 0)}`;
  return grouped(value, decimals);
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
