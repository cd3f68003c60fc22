// The rows of an uploaded return file, checked against what only the schedule knows: the period, identifiers in
// text, a row for every listed breakdown value and the Total, and that the Total adds up. Every problem comes in one pass with the parser's own (issue 12 item 8): these checks run on every
// row whose cells converted, even when other cells are wrong.
import { codeDetailKind, identifierValueKind } from '../../casework/identifier-detection.ts';
import type { ReportingPeriod } from '../../lib/dates/reporting-periods.ts';
import { mergeProblems, type ParseResult, type ReadRows, type ReturnProblem, type ReturnValue } from '../../returns-parsing/index.ts';
import { breakdownHeading, canonicalBreakdown, TOTAL, valueColumns, type ReturnRow, type Schedule } from './return-layout.ts';
import { blankUnknownRow, totalMismatches } from './return-totals.ts';

export type FileCheck = { ok: true; rows: ReturnRow[]; notes: string[] } | { ok: false; problems: ReturnProblem[] };

const numberOrNull = (v: ReturnValue | undefined) => (typeof v === 'number' ? v : null);
const given = (v: ReturnValue | undefined) => v !== null && v !== undefined && v !== '';

/**
 * What a text cell of a return may not hold: a return carries aggregate figures, so an NHS number, a UPN or a
 * postcode there is a child's detail pasted by mistake (and a date cannot name a breakdown). The message never
 * repeats the value.
 */
function identifierProblem(text: string, breakdown: boolean): string | null {
  const identifier = identifierValueKind(text);
  if (identifier) return `this looks like ${identifier === 'upn' ? 'a unique pupil number (UPN)' : 'an NHS number'}. A return holds figures only: remove it`;
  const detail = codeDetailKind(text);
  if (detail === 'postcode') return 'this looks like a postcode. A return holds figures only: remove it';
  if (detail === 'date' && breakdown) return 'this looks like a date, not a name for a row: remove it';
  return null;
}

/** The return rows of the rows read, with the problems only the schedule can find. */
function fileRows(schedule: Schedule, period: ReportingPeriod, read: ReadRows): { rows: ReturnRow[]; notes: string[]; problems: ReturnProblem[] } {
  const problems: ReturnProblem[] = [];
  const rows: ReturnRow[] = [];
  const rowNumbers: number[] = [];
  const notes: string[] = [];
  const heading = breakdownHeading(schedule.breakdown);
  const firstRow = new Map<string, { row: number; raw: string }>();
  // A row whose breakdown or figures did not convert leaves the sum (and which rows are missing) unknown.
  let allRead = true;
  read.rows.forEach((r, index) => {
    const row = read.rowNumbers[index] ?? index + 2;
    const unparsed = new Set(read.unparsed[index] ?? []);
    const at = (column: string, detail: string) => problems.push({ row, column, message: `Row ${row}, column '${column}': ${detail}` });
    if (given(r.period_start) && r.period_start !== period.start) {
      problems.push({ row, column: 'Period start', message: `Row ${row}, Period start: this return is for ${period.label}, so the period start must be ${period.start}` });
    }
    if (typeof r.note === 'string' && r.note.trim()) {
      const problem = identifierProblem(r.note, false);
      if (problem) at('Note', problem);
      else notes.push(`${String(r.breakdown ?? TOTAL).trim() || TOTAL}: ${r.note.trim()}`);
    }
    for (const c of valueColumns(schedule.shape)) {
      const figure = r[c.key];
      // A count that is a valid NHS number is far more likely a pasted identifier than a count.
      if (typeof figure === 'number' && identifierValueKind(figure) === 'nhs-number') {
        at(c.heading, 'this looks like an NHS number. A return holds figures only: remove it');
        unparsed.add(c.key);
      }
    }
    if (unparsed.has('breakdown') || valueColumns(schedule.shape).some((c) => unparsed.has(c.key))) allRead = false;
    if (unparsed.has('breakdown')) return;
    const raw = schedule.breakdown ? String(r.breakdown ?? '').trim() : TOTAL;
    if (schedule.breakdown && raw.length > 200) problems.push({ row, column: heading, message: `Row ${row}, ${heading}: a value can be at most 200 characters` });
    const unsafe = schedule.breakdown && schedule.breakdownValues.length === 0 ? identifierProblem(raw, true) : null;
    if (unsafe) {
      at(heading, unsafe);
      allRead = false;
      return;
    }
    const breakdownValue = canonicalBreakdown(schedule, raw);
    const first = firstRow.get(breakdownValue);
    // The parser reports rows that repeat one exactly; these differ only in case ("Unknown area", "unknown area").
    if (first && first.raw !== raw) problems.push({ row, message: `Row ${row} repeats row ${first.row} (same ${heading})` });
    if (!first) firstRow.set(breakdownValue, { row, raw });
    rows.push({ breakdownValue, numerator: numberOrNull(r.numerator), denominator: numberOrNull(r.denominator), value: numberOrNull(r.value) });
    rowNumbers.push(row);
  });
  if (read.complete && allRead) {
    const present = new Set(rows.map((r) => r.breakdownValue));
    if (!present.has('')) problems.push({ column: schedule.breakdown ? heading : undefined, message: schedule.breakdown ? `There is no row for the total: add a row with ${heading} "${TOTAL}"` : 'There is no row of figures' });
    for (const value of schedule.breakdownValues) {
      if (!present.has(value)) problems.push({ column: heading, message: `There is no row for ${heading} "${value}": add it, with 0 if there were none` });
    }
    for (const m of totalMismatches(schedule, rows)) {
      const row = rowNumbers[m.index]!;
      problems.push({ row, column: m.column, message: `Row ${row}, column '${m.column}': ${m.detail}` });
    }
  }
  return { rows, notes, problems };
}

/**
 * Every problem of a parsed return file in one pass: the parser's, and the schedule's checks of every row read.
 * Only a file whose headings were unusable, or whose reading stopped at a limit, gets the parser's problems alone.
 * The rows of a good file come back without an unknown row of zeros, which says there were no such cases.
 */
export function checkReturnFile(schedule: Schedule, period: ReportingPeriod, parsed: ParseResult, cap = 100): FileCheck {
  const read: ReadRows | undefined = parsed.ok
    ? { rows: parsed.rows, rowNumbers: parsed.rowNumbers ?? parsed.rows.map((_, i) => i + 2), unparsed: parsed.rows.map(() => []), complete: true }
    : parsed.read;
  if (!parsed.ok && !read?.complete) return { ok: false, problems: parsed.problems };
  const own = fileRows(schedule, period, read!);
  const parserProblems = parsed.ok ? [] : parsed.problems;
  if (parserProblems.length === 0 && own.problems.length === 0) return { ok: true, rows: own.rows.filter((r) => !blankUnknownRow(schedule, r)), notes: own.notes };
  return { ok: false, problems: mergeProblems(cap, [parserProblems, own.problems]) };
}
