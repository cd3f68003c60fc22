import { academicYear, financialYear, parseDatedPeriod, schoolTerm, type TermName } from '../lib/dates/period-model.ts';
import { addDays, periodContaining } from '../lib/dates/reporting-periods.ts';
import type { PeriodGrain } from './measure-definition.ts';

/** A period of a demonstration series: its label as the series shows it, and its first and last days (ISO). */
export interface DemoPeriod {
  period: string;
  periodStart: string;
  periodEnd: string;
}

/**
 * The last `count` periods of a measure grain that have ended before `today` (the period holding `today`
 * has not ended, so it is never included), oldest first. Labels are those of src/lib/dates/reporting-periods.ts.
 */
export function endedPeriods(grain: PeriodGrain, today: string, count: number): DemoPeriod[] {
  const out: DemoPeriod[] = [];
  let p = periodContaining(grain, addDays(periodContaining(grain, today).start, -1));
  while (out.length < count) {
    out.unshift({ period: p.label, periodStart: p.start, periodEnd: p.end });
    p = periodContaining(grain, addDays(p.start, -1));
  }
  return out;
}

/**
 * The form of a published England period (reference-data/README.md, "period") and the year it starts in: a
 * calendar year `2019`, an academic year `2023/24`, a financial year `2023-24`, or a term of an academic year,
 * `2023/24 autumn` (the form is then the term: `autumn`, `spring`, `summer`, `autumn+spring`). `null` when the
 * text is none of these. Dates follow the one calendar model, src/lib/dates/period-model.ts.
 */
export function nationalPeriodForm(period: string): { startYear: number; form: string } | null {
  const p = parseDatedPeriod(period);
  if (!p || !['calendar-year', 'academic-year', 'financial-year', 'term'].includes(p.kind)) return null;
  const startYear = Number(p.label.slice(0, 4));
  return { startYear, form: p.kind === 'term' ? p.label.slice(p.label.indexOf(' ') + 1) : p.kind };
}

/** The period of a form that starts in (academic, financial or calendar) year `startYear`, labelled as DfE does. */
export function nationalFormPeriod(form: string, startYear: number): DemoPeriod {
  const dated = form === 'academic-year' ? academicYear(startYear)
    : form === 'financial-year' ? financialYear(startYear)
    : form === 'calendar-year' ? parseDatedPeriod(String(startYear))!
    : schoolTerm(startYear, form as TermName);
  return { period: dated.label, periodStart: dated.start, periodEnd: dated.end };
}

/** The last `count` periods of a national form that have ended before `today`, oldest first. */
export function endedNationalPeriods(form: string, today: string, count: number): DemoPeriod[] {
  const out: DemoPeriod[] = [];
  for (let year = Number(today.slice(0, 4)); out.length < count; year -= 1) {
    const p = nationalFormPeriod(form, year);
    if (p.periodEnd < today) out.unshift(p);
  }
  return out;
}
