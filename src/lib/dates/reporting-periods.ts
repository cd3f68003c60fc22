/**
 * Reporting periods (calendar month, quarter, year) as the data returns and measure series use them.
 * A period has a code for people and command lines (`2025-04`, `2025-Q2`, `2025`), a label as measure
 * series show it (`Apr 2025`, `2025 Q2`, `2025`), and its first and last days as ISO dates.
 * All arithmetic is on calendar dates in UTC, so no time zone or daylight saving change can shift a day.
 */
export type PeriodGrain = 'month' | 'quarter' | 'year';

export interface ReportingPeriod {
  grain: PeriodGrain;
  /** `2025-04`, `2025-Q2` or `2025`. */
  code: string;
  /** `Apr 2025`, `2025 Q2` or `2025`: the label measure series use. */
  label: string;
  /** First day, `YYYY-MM-DD`. */
  start: string;
  /** Last day, `YYYY-MM-DD`. */
  end: string;
}

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
const MONTHS_PER: Record<PeriodGrain, number> = { month: 1, quarter: 3, year: 12 };

const iso = (date: Date) => date.toISOString().slice(0, 10);
const utc = (year: number, monthIndex: number, day: number) => new Date(Date.UTC(year, monthIndex, day));

/** Adds whole days to an ISO date (negative to go back). */
export function addDays(isoDate: string, days: number): string {
  const d = new Date(`${isoDate}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return iso(d);
}

/** The period of a grain that starts in the given year and zero-based month (which must be a period start). */
function build(grain: PeriodGrain, year: number, monthIndex: number): ReportingPeriod {
  const start = utc(year, monthIndex, 1);
  const end = utc(year, monthIndex + MONTHS_PER[grain], 0);
  const quarter = Math.floor(monthIndex / 3) + 1;
  const code = grain === 'month' ? `${year}-${String(monthIndex + 1).padStart(2, '0')}` : grain === 'quarter' ? `${year}-Q${quarter}` : String(year);
  const label = grain === 'month' ? `${MONTHS[monthIndex]} ${year}` : grain === 'quarter' ? `${year} Q${quarter}` : String(year);
  return { grain, code, label, start: iso(start), end: iso(end) };
}

/** The period of `grain` that contains the ISO date. */
export function periodContaining(grain: PeriodGrain, isoDate: string): ReportingPeriod {
  const year = Number(isoDate.slice(0, 4));
  const month = Number(isoDate.slice(5, 7)) - 1;
  const first = month - (month % MONTHS_PER[grain]);
  return build(grain, year, first);
}

/** The period after `period`. */
export function nextPeriod(period: ReportingPeriod): ReportingPeriod {
  return periodContaining(period.grain, addDays(period.end, 1));
}

/**
 * Reads a period as people write it: `2025-04` or `Apr 2025` (month), `2025-Q2` or `2025 Q2` (quarter),
 * `2025` (year), or an ISO first day. Returns null when the text is not a period of that grain.
 */
export function parsePeriod(grain: PeriodGrain, text: string): ReportingPeriod | null {
  const t = text.trim();
  let match: RegExpMatchArray | null;
  if ((match = /^(\d{4})-(\d{2})-01$/.exec(t))) {
    const p = periodContaining(grain, t);
    return p.start === t ? p : null;
  }
  if (grain === 'month') {
    if ((match = /^(\d{4})-(\d{2})$/.exec(t))) {
      const m = Number(match[2]);
      return m >= 1 && m <= 12 ? build('month', Number(match[1]), m - 1) : null;
    }
    if ((match = /^([A-Za-z]{3})[a-z]*\s+(\d{4})$/.exec(t))) {
      const m = MONTHS.findIndex((name) => name.toLowerCase() === match![1]!.toLowerCase());
      return m < 0 ? null : build('month', Number(match[2]), m);
    }
    return null;
  }
  if (grain === 'quarter') {
    match = /^(\d{4})[- ]?Q([1-4])$/i.exec(t);
    return match ? build('quarter', Number(match[1]), (Number(match[2]) - 1) * 3) : null;
  }
  match = /^(\d{4})$/.exec(t);
  return match ? build('year', Number(match[1]), 0) : null;
}

/** Every period from the one starting `firstStart` to the one containing `lastDate`, oldest first. */
export function periodsFrom(grain: PeriodGrain, firstStart: string, lastDate: string): ReportingPeriod[] {
  const out: ReportingPeriod[] = [];
  for (let p = periodContaining(grain, firstStart); p.start <= lastDate; p = nextPeriod(p)) out.push(p);
  return out;
}

/** Whole days from `from` to `to` (positive when `to` is later). */
export function daysBetween(from: string, to: string): number {
  return Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000);
}
