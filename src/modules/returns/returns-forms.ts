// Reading the "enter figures" form: one fieldset per row (the total, then each breakdown value), each
// with the inputs the schedule's shape needs. Problems become GOV.UK errors linked to the exact input.
import type { ReturnProblem } from '../../returns-parsing/index.ts';
import { checkRows } from './return-checks.ts';
import { breakdownHeading, TOTAL, unknownLabel, valueColumns, type ReturnRow, type Schedule } from './return-layout.ts';
import { field } from './returns-http.ts';

/** A problem for the error summary: its text, and the id of the input it belongs to (with #). */
export interface FieldError {
  href: string;
  text: string;
}

/** Longest note accepted (the service keeps 2,000 characters). */
export const MAX_NOTE_LENGTH = 2_000;

/**
 * The rows the form asks for, in order: the total (''), each breakdown value of the schedule, and the unknown row
 * (cases the Total includes whose breakdown is not known; left blank when there are none). A schedule that
 * accepts any value (providers, schools ...) lists the values of the current figures.
 */
export function formRows(schedule: Schedule, current: readonly ReturnRow[]): string[] {
  if (!schedule.breakdown) return [''];
  const unknown = unknownLabel(schedule);
  const values = schedule.breakdownValues.length > 0 ? schedule.breakdownValues : current.map((r) => r.breakdownValue).filter((v) => v !== '' && v !== unknown);
  return ['', ...values, ...(unknown ? [unknown] : [])];
}

/** The id (and form name) of a row's input. */
export const inputId = (index: number, key: string) => `r${index}-${key}`;

/** How the form names a row: "Total", or the breakdown and its value. */
export function rowLabel(schedule: Schedule, breakdownValue: string): string {
  if (breakdownValue === '') return TOTAL;
  return breakdownValue === unknownLabel(schedule) ? breakdownValue : `${breakdownHeading(schedule.breakdown)} "${breakdownValue}"`;
}

/** The typed values of a form, as the inputs show them again. */
export type TypedValues = Record<string, string>;

/** The current figures as the form's starting values. */
export function valuesFromRows(schedule: Schedule, breakdownValues: readonly string[], rows: readonly ReturnRow[]): TypedValues {
  const out: TypedValues = {};
  breakdownValues.forEach((value, index) => {
    const row = rows.find((r) => r.breakdownValue === value);
    for (const c of valueColumns(schedule.shape)) {
      const v = row?.[c.key];
      out[inputId(index, c.key)] = v === null || v === undefined ? '' : String(v);
    }
  });
  return out;
}

const NUMBER = /^-?\d+(\.\d+)?$/;

export interface ReadForm {
  rows: ReturnRow[];
  values: TypedValues;
  note: string;
  submit: boolean;
  /** Problems found by reading the form and by checkRows; empty when the figures can be saved. */
  errors: FieldError[];
}

/** Reads and checks the form (numbers may have thousands separators and spaces). */
export function readReturnForm(schedule: Schedule, breakdownValues: readonly string[], body: unknown): ReadForm {
  const errors: FieldError[] = [];
  const values: TypedValues = {};
  const columns = valueColumns(schedule.shape);
  const rows = breakdownValues.map((breakdownValue, index): ReturnRow => {
    const row: ReturnRow = { breakdownValue, numerator: null, denominator: null, value: null };
    for (const c of columns) {
      const id = inputId(index, c.key);
      const typed = field(body, id).slice(0, 50);
      values[id] = typed;
      const cleaned = typed.replace(/[,\s]/g, '');
      if (cleaned === '') continue;
      if (NUMBER.test(cleaned)) row[c.key] = Number(cleaned);
      else errors.push({ href: `#${id}`, text: `${rowLabel(schedule, breakdownValue)}: the ${c.heading.toLowerCase()} must be a number, like ${c.type === 'integer' ? '45' : '14.5'}` });
    }
    return row;
  });
  const note = field(body, 'note').trim();
  if (note.length > MAX_NOTE_LENGTH) errors.push({ href: '#note', text: `The note must be ${MAX_NOTE_LENGTH.toLocaleString('en-GB')} characters or fewer` });
  // a field that could not be read already has its error; checkRows would only add "enter the ..."
  const unreadable = new Set(errors.map((e) => e.href));
  for (const e of problemsAsErrors(schedule, breakdownValues, checkRows(schedule, rows))) if (!unreadable.has(e.href)) errors.push(e);
  return { rows, values, note, submit: field(body, 'action') === 'submit', errors };
}

/**
 * The service's problems (which name the row by its label and the column by its heading) as errors
 * linked to the input they are about; a problem with no row goes to the first input.
 */
export function problemsAsErrors(schedule: Schedule, breakdownValues: readonly string[], problems: readonly ReturnProblem[]): FieldError[] {
  const columns = valueColumns(schedule.shape);
  const first = columns[0]!.key;
  // longest labels first, so Provider "Health visiting" is not taken for Provider "Health"
  const labels = breakdownValues.map((value, index) => ({ index, label: rowLabel(schedule, value) })).sort((a, b) => b.label.length - a.label.length);
  return problems.map((p) => {
    const row = labels.find((l) => p.message.startsWith(`${l.label}:`) || p.message.startsWith(`${l.label} `));
    const key = columns.find((c) => c.heading === p.column)?.key ?? first;
    return { href: `#${inputId(row?.index ?? 0, key)}`, text: p.message };
  });
}
