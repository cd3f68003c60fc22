// What a return looks like for one schedule: its columns (shared by the template, the upload check,
// the form and the API), and the checks that need the schedule as well as the row.
import type { ReturnLayout, ReturnProblem, ReturnValue } from '../../returns-parsing/index.ts';
import type { ReportingPeriod } from '../../lib/dates/reporting-periods.ts';

export type ValueShape = 'ratio' | 'count' | 'value';

/** A schedule as the returns module works with it. */
export interface Schedule {
  id: string;
  partnershipId: string;
  slug: string;
  measureId: string;
  measureSlug: string;
  measureTitle: string;
  measureUnit: string | null;
  organisationId: string;
  organisationName: string;
  organisationCode: string;
  grain: 'month' | 'quarter' | 'year';
  shape: ValueShape;
  /** The breakdown supplied beside the total ('' when the return is a total only). */
  breakdown: string;
  /** Allowed breakdown values; empty with a breakdown set means any value (providers, schools ...). */
  breakdownValues: string[];
  deadlineDays: number;
  firstPeriodStart: string;
  lastPeriodStart: string | null;
  guidance: string;
}

/** One row of a return: '' is the total. */
export interface ReturnRow {
  breakdownValue: string;
  numerator: number | null;
  denominator: number | null;
  value: number | null;
}

/** What the total row is called in files and forms. */
export const TOTAL = 'Total';

/** Limits on what one upload may hold (each with its own message in the parser). */
export const UPLOAD_LIMITS = {
  maxRows: 250_000,
  maxColumns: 30,
  maxCellLength: 1_000,
  maxFileBytes: 40 * 1_048_576,
  maxUncompressedBytes: 200 * 1_048_576,
} as const;

/** The heading of the breakdown column, from its name (`area` → `Area`, `age-group` → `Age group`). */
export function breakdownHeading(breakdown: string): string {
  const words = breakdown.replace(/[-_]+/g, ' ').trim();
  return words.charAt(0).toUpperCase() + words.slice(1);
}

/** The value columns a shape needs, as [key, heading, type]. */
export function valueColumns(shape: ValueShape): { key: 'numerator' | 'denominator' | 'value'; heading: string; type: 'integer' | 'number' }[] {
  if (shape === 'ratio') return [{ key: 'numerator', heading: 'Numerator', type: 'integer' }, { key: 'denominator', heading: 'Denominator', type: 'integer' }];
  if (shape === 'count') return [{ key: 'numerator', heading: 'Count', type: 'integer' }];
  return [{ key: 'value', heading: 'Value', type: 'number' }];
}

/** The file layout of a schedule's return. */
export function layoutFor(schedule: Schedule): ReturnLayout {
  const columns: ReturnLayout['columns'] = [];
  if (schedule.breakdown) {
    columns.push(schedule.breakdownValues.length > 0
      ? { key: 'breakdown', heading: breakdownHeading(schedule.breakdown), type: 'enum', required: true, allowed: [TOTAL, ...schedule.breakdownValues] }
      : { key: 'breakdown', heading: breakdownHeading(schedule.breakdown), type: 'text', required: true });
  }
  columns.push({ key: 'period_start', heading: 'Period start', type: 'date', required: true });
  for (const c of valueColumns(schedule.shape)) columns.push({ key: c.key, heading: c.heading, type: c.type, required: true });
  columns.push({ key: 'note', heading: 'Note', type: 'text', required: false });
  return {
    columns,
    ...UPLOAD_LIMITS,
    keyColumns: [schedule.breakdown ? 'breakdown' : 'period_start'],
    ...(schedule.shape === 'ratio' ? { ratio: { numerator: 'numerator', denominator: 'denominator' } } : {}),
  };
}

const numberOrNull = (v: ReturnValue | undefined) => (typeof v === 'number' ? v : null);

/**
 * Turns parsed rows into return rows, checking what only the schedule knows: the period, and that every
 * listed breakdown value (and the total) has its row. Problems name the row and column.
 */
export function rowsFromFile(schedule: Schedule, period: ReportingPeriod, parsed: Record<string, ReturnValue>[]): { ok: true; rows: ReturnRow[]; notes: string[] } | { ok: false; problems: ReturnProblem[] } {
  const problems: ReturnProblem[] = [];
  const rows: ReturnRow[] = [];
  const notes: string[] = [];
  const heading = breakdownHeading(schedule.breakdown);
  parsed.forEach((r, index) => {
    const row = index + 2;
    if (r.period_start !== period.start) {
      problems.push({ row, column: 'Period start', message: `Row ${row}, Period start: this return is for ${period.label}, so the period start must be ${period.start}; found ${String(r.period_start)}` });
    }
    const raw = schedule.breakdown ? String(r.breakdown ?? '').trim() : TOTAL;
    if (schedule.breakdown && raw.length > 200) problems.push({ row, column: heading, message: `Row ${row}, ${heading}: a value can be at most 200 characters` });
    const breakdownValue = raw.toLowerCase() === TOTAL.toLowerCase() ? '' : raw;
    if (typeof r.note === 'string' && r.note.trim()) notes.push(`${breakdownValue || TOTAL}: ${r.note.trim()}`);
    rows.push({ breakdownValue, numerator: numberOrNull(r.numerator), denominator: numberOrNull(r.denominator), value: numberOrNull(r.value) });
  });
  const present = new Set(rows.map((r) => r.breakdownValue));
  if (!present.has('')) problems.push({ column: schedule.breakdown ? heading : undefined, message: schedule.breakdown ? `There is no row for the total: add a row with ${heading} "${TOTAL}"` : 'There is no row of figures' });
  for (const value of schedule.breakdownValues) {
    if (!present.has(value)) problems.push({ column: heading, message: `There is no row for ${heading} "${value}": add it, with 0 if there were none` });
  }
  return problems.length > 0 ? { ok: false, problems } : { ok: true, rows, notes };
}
