/**
 * Calendar-date arithmetic for statutory timescales, on ISO dates (`YYYY-MM-DD`) in UTC so that no
 * time zone or clock change can move a day. Month arithmetic matches PostgreSQL's `date + interval 'N months'`:
 * when the target month is shorter, the date is clamped to its last day (31 Jan + 1 month = 28 or 29 Feb;
 * 29 Feb 2024 + 12 months = 28 Feb 2025), so the TypeScript rules and the generated SQL agree.
 */

const DAY_MS = 86_400_000;
const ISO = /^(\d{4})-(\d{2})-(\d{2})$/;

function parts(isoDate: string): [number, number, number] {
  const match = ISO.exec(isoDate);
  if (!match) throw new Error(`Not an ISO date: ${isoDate}`);
  return [Number(match[1]), Number(match[2]), Number(match[3])];
}

const toIso = (ms: number) => new Date(ms).toISOString().slice(0, 10);

/** True when the text is a real calendar date written `YYYY-MM-DD`. */
export function isIsoDate(text: string): boolean {
  if (!ISO.test(text)) return false;
  const [y, m, d] = parts(text);
  return toIso(Date.UTC(y, m - 1, d)) === text;
}

/** Adds whole days (negative to go back). */
export function addDays(isoDate: string, days: number): string {
  const [y, m, d] = parts(isoDate);
  return toIso(Date.UTC(y, m - 1, d) + days * DAY_MS);
}

/** Adds calendar months, clamping to the end of a shorter month as PostgreSQL does. */
export function addMonths(isoDate: string, months: number): string {
  const [y, m, d] = parts(isoDate);
  const targetMonth = m - 1 + months;
  const lastDay = new Date(Date.UTC(y, targetMonth + 1, 0)).getUTCDate();
  return toIso(Date.UTC(y, targetMonth, Math.min(d, lastDay)));
}

/** Whole days from `from` to `to` (positive when `to` is later). */
export function daysBetween(from: string, to: string): number {
  const [y1, m1, d1] = parts(from);
  const [y2, m2, d2] = parts(to);
  return Math.round((Date.UTC(y2, m2 - 1, d2) - Date.UTC(y1, m1 - 1, d1)) / DAY_MS);
}

/** The first day of the month containing the date. */
export function monthStart(isoDate: string): string {
  return `${isoDate.slice(0, 7)}-01`;
}

/** The first day of the quarter (Jan, Apr, Jul, Oct) containing the date. */
export function quarterStart(isoDate: string): string {
  const month = Number(isoDate.slice(5, 7));
  return `${isoDate.slice(0, 4)}-${String(month - ((month - 1) % 3)).padStart(2, '0')}-01`;
}

/** The first day of the calendar year containing the date. */
export function yearStart(isoDate: string): string {
  return `${isoDate.slice(0, 4)}-01-01`;
}

/** Every month start from `from` to `to` inclusive (both month starts), oldest first. */
export function monthsFrom(from: string, to: string): string[] {
  const out: string[] = [];
  for (let month = monthStart(from); month <= to; month = addMonths(month, 1)) out.push(month);
  return out;
}
