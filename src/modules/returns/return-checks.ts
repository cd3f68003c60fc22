// Checks on a return's figures that hold however they arrived (form, file, API), so no channel can
// store what another would refuse. Each problem names the row (by its breakdown value) and the field.
import { looksLikeIdentifier, mayRepeat, type ReturnProblem } from '../../returns-parsing/index.ts';
import { breakdownHeading, TOTAL, unknownLabel, valueColumns, type ReturnRow, type Schedule } from './return-layout.ts';
import { blankUnknownRow, totalMismatches } from './return-totals.ts';

/** Largest figure accepted: counts of children and cases are far below this; a typo is not. */
const MAX_FIGURE = 1e12;

/** How a message names a row: by its breakdown value, or by its position when the value looks like an identifier. */
function label(schedule: Schedule, row: ReturnRow, index: number): string {
  if (row.breakdownValue === '') return TOTAL;
  if (row.breakdownValue === unknownLabel(schedule)) return row.breakdownValue;
  if (looksLikeIdentifier(row.breakdownValue)) return `The ${breakdownHeading(schedule.breakdown).toLowerCase()} of row ${index + 1}`;
  return `${breakdownHeading(schedule.breakdown)} "${row.breakdownValue}"`;
}

/** Every problem with the rows of a return for this schedule; empty when they can be saved. */
export function checkRows(schedule: Schedule, rows: readonly ReturnRow[]): ReturnProblem[] {
  const problems: ReturnProblem[] = [];
  const seen = new Set<string>();
  const allowed = new Set(schedule.breakdownValues);
  const open = schedule.breakdown !== '' && schedule.breakdownValues.length === 0;
  const unknown = unknownLabel(schedule);
  rows.forEach((row, index) => {
    const where = label(schedule, row, index);
    if (seen.has(row.breakdownValue)) problems.push({ index, column: breakdownHeading(schedule.breakdown) || undefined, message: `${where} appears more than once` });
    seen.add(row.breakdownValue);
    if (row.breakdownValue !== '' && !open && !allowed.has(row.breakdownValue) && row.breakdownValue !== unknown) {
      problems.push({ index, column: breakdownHeading(schedule.breakdown) || 'Breakdown', message: `${where} is not in this schedule; use one of: ${[TOTAL, ...schedule.breakdownValues, ...(unknown ? [unknown] : [])].join(', ')}` });
      return;
    }
    // The unknown row left blank says there were no such cases.
    if (blankUnknownRow(schedule, row)) return;
    for (const column of valueColumns(schedule.shape)) {
      const v = row[column.key];
      if (v === null || v === undefined) problems.push({ index, column: column.heading, message: `${where}: enter the ${column.heading.toLowerCase()}` });
      else if (!Number.isFinite(v) || Math.abs(v) > MAX_FIGURE) problems.push({ index, column: column.heading, message: `${where}: the ${column.heading.toLowerCase()} must be a number below 1,000,000,000,000` });
      else if (column.type === 'integer' && !Number.isInteger(v)) problems.push({ index, column: column.heading, message: `${where}: the ${column.heading.toLowerCase()} must be a whole number` });
      else if (column.type === 'integer' && v < 0) problems.push({ index, column: column.heading, message: `${where}: the ${column.heading.toLowerCase()} cannot be negative` });
    }
    if (schedule.shape === 'ratio' && row.numerator !== null && row.denominator !== null && row.numerator > row.denominator) {
      const figures = mayRepeat(String(row.numerator)) && mayRepeat(String(row.denominator));
      problems.push({ index, column: 'Numerator', message: figures ? `${where}: the numerator (${row.numerator}) cannot be more than the denominator (${row.denominator})` : `${where}: the numerator cannot be more than the denominator` });
    }
  });
  for (const mismatch of totalMismatches(schedule, rows)) problems.push({ index: mismatch.index, column: mismatch.column, message: `${TOTAL}: ${mismatch.detail}` });
  if (rows.length > 0 && !seen.has('')) problems.push({ message: `There is no ${TOTAL} row` });
  if (rows.length === 0) problems.push({ message: 'The return has no figures' });
  for (const value of schedule.breakdownValues) if (!seen.has(value)) problems.push({ column: breakdownHeading(schedule.breakdown), message: `There is no row for ${breakdownHeading(schedule.breakdown)} "${value}"` });
  return problems;
}
