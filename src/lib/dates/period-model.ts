/**
 * One calendar model for every period a figure can be for: calendar months, quarters and years (our returns and
 * measure series), and the academic years, terms and financial years that national statistics are published for.
 * Each period has its first and last day, so periods of different kinds can be placed on one time line and
 * compared by their dates rather than by their labels.
 *
 * Conventions (DfE "Explore education statistics" open data standards, time periods: AY, FY, CY, T1-T4):
 * - calendar year `2022`: 1 January to 31 December;
 * - academic year `2023/24`: 1 September 2023 to 31 August 2024 (the DfE academic year; Education Act 1996 s.579
 *   "school year" begins with the first term after July);
 * - financial year `2023-24`: 1 April 2023 to 31 March 2024 (Interpretation Act 1978, Schedule 1, "financial year");
 * - terms of an academic year, as the school census collects attendance: autumn to 31 December, spring from
 *   1 January to Easter Sunday, summer from Easter Monday to the end of the year, so the three terms tile the year;
 *   `2021/22 autumn+spring` is the two terms together (DfE "Pupil absence in schools in England" releases);
 * - quarters `2025 Q2` are calendar quarters and months `Apr 2025` calendar months (src/lib/dates/reporting-periods.ts).
 * @module
 */
import { addDays, daysBetween, parsePeriod } from './reporting-periods.ts';

export type PeriodKind = 'month' | 'quarter' | 'calendar-year' | 'academic-year' | 'financial-year' | 'term';
/** How long a period is, for deciding which periods are alike: a year of any kind is a year. */
export type PeriodLength = 'month' | 'quarter' | 'term' | 'two-terms' | 'year';
export type TermName = 'autumn' | 'spring' | 'summer' | 'autumn+spring';

export interface DatedPeriod {
  kind: PeriodKind;
  length: PeriodLength;
  /** As written: `2023/24`, `2023/24 autumn`, `2023-24`, `2022`, `2025 Q2`, `Apr 2025`. */
  label: string;
  /** First day, `YYYY-MM-DD`. */
  start: string;
  /** Last day, `YYYY-MM-DD`. */
  end: string;
}

const pad = (n: number) => String(n).padStart(2, '0');
const short = (year: number) => pad((year + 1) % 100);

/**
 * Easter Sunday of a year in the Gregorian calendar (the "anonymous Gregorian" algorithm, J. Meeus,
 * Astronomical Algorithms, 2nd ed., 1998, ch. 8), as `YYYY-MM-DD`.
 */
export function easterSunday(year: number): string {
  const a = year % 19;
  const b = Math.floor(year / 100);
  const c = year % 100;
  const f = Math.floor((b + 8) / 25);
  const g = Math.floor((b - f + 1) / 3);
  const h = (19 * a + b - Math.floor(b / 4) - g + 15) % 30;
  const l = (32 + 2 * (b % 4) + 2 * Math.floor(c / 4) - h - (c % 4)) % 7;
  const m = Math.floor((a + 11 * h + 22 * l) / 451);
  const month = Math.floor((h + l - 7 * m + 114) / 31);
  const day = ((h + l - 7 * m + 114) % 31) + 1;
  return `${year}-${pad(month)}-${pad(day)}`;
}

/** The DfE academic year that starts in September of `startYear`: `2023/24`, 1 September 2023 to 31 August 2024. */
export function academicYear(startYear: number): DatedPeriod {
  return { kind: 'academic-year', length: 'year', label: `${startYear}/${short(startYear)}`, start: `${startYear}-09-01`, end: `${startYear + 1}-08-31` };
}

/** The financial year that starts on 1 April of `startYear`: `2023-24`, to 31 March 2024. */
export function financialYear(startYear: number): DatedPeriod {
  return { kind: 'financial-year', length: 'year', label: `${startYear}-${short(startYear)}`, start: `${startYear}-04-01`, end: `${startYear + 1}-03-31` };
}

/** A term (or the autumn and spring terms together) of the academic year starting in `startYear`. */
export function schoolTerm(startYear: number, term: TermName): DatedPeriod {
  const easter = easterSunday(startYear + 1);
  const dates: Record<TermName, [string, string]> = {
    autumn: [`${startYear}-09-01`, `${startYear}-12-31`],
    spring: [`${startYear + 1}-01-01`, easter],
    summer: [addDays(easter, 1), `${startYear + 1}-08-31`],
    'autumn+spring': [`${startYear}-09-01`, easter],
  };
  const [start, end] = dates[term];
  return { kind: 'term', length: term === 'autumn+spring' ? 'two-terms' : 'term', label: `${academicYear(startYear).label} ${term}`, start, end };
}

/**
 * Reads a period as figures are labelled: `2023/24` (academic year), `2023/24 autumn`, `2023/24 spring term`,
 * `2021/22 autumn+spring` (terms), `2023-24` or `FY 2011-12` (financial year; `2011-12` alone is December 2011),
 * `2022` (calendar year), `2025 Q2` or `2025-Q2` (calendar quarter), `Apr 2025` or `2025-04` (month). Returns null
 * for anything else, including a two-year label whose years do not follow on (`2023/25`).
 */
export function parseDatedPeriod(text: string): DatedPeriod | null {
  const t = text.trim();
  const fy = /^FY\s*(\d{4})-(\d{2})$/i.exec(t);
  if (fy) return (Number(fy[1]) + 1) % 100 === Number(fy[2]) ? financialYear(Number(fy[1])) : null;
  const span = /^(\d{4})\/(\d{2})(?:\s+(autumn|spring|summer|autumn\+spring)(?:\s+terms?)?)?$/i.exec(t);
  if (span) {
    const year = Number(span[1]);
    if ((year + 1) % 100 !== Number(span[2])) return null;
    const term = span[3]?.toLowerCase() as TermName | undefined;
    return term ? schoolTerm(year, term) : academicYear(year);
  }
  // `YYYY-MM` with MM from 01 to 12 is our month code; other `YYYY-YY` that follow on are financial years
  const dash = /^(\d{4})-(\d{2})$/.exec(t);
  if (dash && (Number(dash[2]) < 1 || Number(dash[2]) > 12)) {
    return (Number(dash[1]) + 1) % 100 === Number(dash[2]) ? financialYear(Number(dash[1])) : null;
  }
  if (/^\d{4}$/.test(t)) {
    const p = parsePeriod('year', t)!;
    return { kind: 'calendar-year', length: 'year', label: p.label, start: p.start, end: p.end };
  }
  for (const grain of ['quarter', 'month'] as const) {
    const p = /^\d{4}-\d{2}-\d{2}$/.test(t) ? null : parsePeriod(grain, t);
    if (p) return { kind: grain, length: grain, label: p.label, start: p.start, end: p.end };
  }
  return null;
}

/** Days in a period, both ends included. */
export function periodDays(p: Pick<DatedPeriod, 'start' | 'end'>): number {
  return daysBetween(p.start, p.end) + 1;
}

/** Days two periods share (0 when they do not meet). */
export function overlapDays(a: Pick<DatedPeriod, 'start' | 'end'>, b: Pick<DatedPeriod, 'start' | 'end'>): number {
  const start = a.start > b.start ? a.start : b.start;
  const end = a.end < b.end ? a.end : b.end;
  return start > end ? 0 : daysBetween(start, end) + 1;
}

/** The middle of a period in days since 1970-01-01 (UTC), where charts place its point. */
export function midpointDay(p: Pick<DatedPeriod, 'start' | 'end'>): number {
  return (Date.parse(`${p.start}T00:00:00Z`) + Date.parse(`${p.end}T00:00:00Z`)) / 2 / 86_400_000;
}

/** Why two periods are or are not alike; see {@link likePeriods}. */
export type Likeness = 'same-dates' | 'overlapping' | 'different-length' | 'too-little-overlap';

/**
 * The rule for comparing a local figure with another (England's): the two periods must be of the same length
 * (a year of any kind with a year, a term with a term, a quarter with a quarter, a month with a month) and more than
 * half of the local period's days must fall inside the other. A calendar year 2022 is therefore alike with the
 * academic year 2021/22 (243 days shared) and the financial year 2022-23 (275 days), but not with 2022/23 (122 days)
 * or with the autumn term of 2022/23. No two periods of one length and kind can both hold more than half, so each
 * local period has at most one like period in a series.
 */
export function likeness(local: DatedPeriod, other: DatedPeriod): Likeness {
  if (local.start === other.start && local.end === other.end) return 'same-dates';
  if (local.length !== other.length) return 'different-length';
  return 2 * overlapDays(local, other) > periodDays(local) ? 'overlapping' : 'too-little-overlap';
}

/** True when {@link likeness} allows the comparison. */
export function likePeriods(local: DatedPeriod, other: DatedPeriod): boolean {
  const l = likeness(local, other);
  return l === 'same-dates' || l === 'overlapping';
}

/** A period's length in words: "a whole year", "one term", "two terms", "a quarter", "a month". */
export function lengthText(length: PeriodLength): string {
  return { year: 'a whole year', term: 'one term', 'two-terms': 'two terms', quarter: 'a quarter', month: 'a month' }[length];
}

/** A period in words for a sentence: "2026", "the 2023/24 school year", "the autumn term of 2023/24", "the 2023-24 financial year". */
export function describePeriod(p: DatedPeriod): string {
  if (p.kind === 'academic-year') return `the ${p.label} school year`;
  if (p.kind === 'financial-year') return `the ${p.label} financial year`;
  if (p.kind === 'term') {
    const [year, term] = p.label.split(' ') as [string, string];
    return term === 'autumn+spring' ? `the autumn and spring terms of ${year}` : `the ${term} term of ${year}`;
  }
  return p.label;
}
