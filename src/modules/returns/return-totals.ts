// A return's Total must be what its breakdown rows add up to (issue 12 item 7): a Total of 10 beside areas summing
// to 150 is a slip that would otherwise reach the measure's series. Cases the Total includes whose area (provider,
// age group ...) is not known go on the "Unknown area" row, so the Total can still be checked. The same check runs
// for the form, the upload and the API (return-checks.ts, return-file-rows.ts).
import { mayRepeat } from '../../returns-parsing/index.ts';
import { breakdownHeading, unknownLabel, valueColumns, type ReturnRow, type Schedule } from './return-layout.ts';

/** A figure of the Total that is not the sum of the rows: where (row index, column heading) and what, unprefixed. */
export interface TotalMismatch {
  index: number;
  column: string;
  detail: string;
}

type Figures = Pick<Schedule, 'breakdown' | 'breakdownValues' | 'shape'>;

const isCount = (value: number | null) => value !== null && Number.isSafeInteger(value) && value >= 0;

/** True for the unknown row when none of its figures is given: it says nothing, and is not stored. */
export function blankUnknownRow(schedule: Figures, row: ReturnRow): boolean {
  return row.breakdownValue === unknownLabel(schedule) && valueColumns(schedule.shape).every((c) => row[c.key] === null || row[c.key] === 0);
}

/**
 * Where the Total differs from the sum of the breakdown rows and the unknown row, figure by figure (the count, or
 * the numerator and the denominator of a ratio). Empty when they agree; for a value schedule (a median or a rate
 * does not add up); for an open breakdown given as a Total alone; and when the sum cannot be known (a figure
 * missing or not a count, a row twice, a row of the schedule missing or one it does not list), which have their
 * own problems.
 */
export function totalMismatches(schedule: Figures, rows: readonly ReturnRow[]): TotalMismatch[] {
  const unknown = unknownLabel(schedule);
  if (unknown === null) return [];
  const columns = valueColumns(schedule.shape);
  const listed = new Set(schedule.breakdownValues);
  const seen = new Set<string>();
  let totalIndex = -1;
  for (const [index, row] of rows.entries()) {
    if (seen.has(row.breakdownValue)) return [];
    seen.add(row.breakdownValue);
    if (row.breakdownValue === '') totalIndex = index;
    else if (listed.size > 0 && row.breakdownValue !== unknown && !listed.has(row.breakdownValue)) return [];
    if (!blankUnknownRow(schedule, row) && columns.some((c) => !isCount(row[c.key]))) return [];
  }
  if (totalIndex < 0 || schedule.breakdownValues.some((value) => !seen.has(value))) return [];
  const parts = rows.filter((r) => r.breakdownValue !== '');
  if (parts.every((r) => r.breakdownValue === unknown)) return [];
  const total = rows[totalIndex]!;
  const withUnknown = parts.some((r) => r.breakdownValue === unknown && !blankUnknownRow(schedule, r));
  const noun = breakdownHeading(schedule.breakdown).toLowerCase();
  const mismatches: TotalMismatch[] = [];
  for (const c of columns) {
    const sum = parts.reduce((acc, r) => acc + (r[c.key] ?? 0), 0);
    const given = total[c.key] ?? 0;
    if (sum === given) continue;
    const figures = mayRepeat(String(given)) && mayRepeat(String(sum));
    const what = `the ${c.heading.toLowerCase()}${figures ? ` (${given})` : ''} is not the sum of the ${noun} rows${withUnknown ? ` and ${unknown}` : ''}${figures ? ` (${sum})` : ''}`;
    const hint = withUnknown ? '; correct the Total or a row' : `; correct the Total or a row, or if the Total includes cases whose ${noun} is not known, give them on the row "${unknown}"`;
    mismatches.push({ index: totalIndex, column: c.heading, detail: `${what}${hint}` });
  }
  return mismatches;
}
