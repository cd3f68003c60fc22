// What a return looks like for one schedule: its columns (shared by the template, the upload check,
// the form and the API), and the checks that need the schedule as well as the row.
import type { ReturnLayout } from '../../returns-parsing/index.ts';

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

/**
 * The row for cases the Total includes whose breakdown value is not known ("Unknown area"), for schedules whose
 * figures add up (counts, and both parts of a ratio); null for a total-only or value schedule. The Total must be
 * the sum of the breakdown rows and this row (return-totals.ts).
 */
export function unknownLabel(schedule: Pick<Schedule, 'breakdown' | 'shape'>): string | null {
  if (!schedule.breakdown || schedule.shape === 'value') return null;
  return `Unknown ${breakdownHeading(schedule.breakdown).toLowerCase()}`;
}

/** A breakdown value as stored: '' for the Total, the unknown row's own label however it was cased, else as given. */
export function canonicalBreakdown(schedule: Pick<Schedule, 'breakdown' | 'shape'>, raw: string): string {
  const value = raw.trim();
  if (value.toLowerCase() === TOTAL.toLowerCase()) return '';
  const unknown = unknownLabel(schedule);
  return unknown && value.toLowerCase() === unknown.toLowerCase() ? unknown : value;
}

/** The file layout of a schedule's return. */
export function layoutFor(schedule: Schedule): ReturnLayout {
  const columns: ReturnLayout['columns'] = [];
  const unknown = unknownLabel(schedule);
  if (schedule.breakdown) {
    columns.push(schedule.breakdownValues.length > 0
      ? { key: 'breakdown', heading: breakdownHeading(schedule.breakdown), type: 'enum', required: true, allowed: [TOTAL, ...schedule.breakdownValues, ...(unknown ? [unknown] : [])] }
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
