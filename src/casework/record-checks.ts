import { normaliseIdentifier } from './pseudonym.ts';
import { mergeProblems, type ParseResult, type ReturnProblem, type ReturnValue } from '../returns-parsing/index.ts';
import { codeDetailKind, codeDetailMessage, identifierValueKind, identifierValueMessage } from './identifier-detection.ts';
import { RECORD_KINDS } from './record-kinds.ts';
import type { CaseworkKind, FieldDeclaration, RowCheck } from './record-kind-types.ts';

const CODE = /^[A-Za-z0-9][A-Za-z0-9 &'()./_-]*$/;
const MAX_CODE_LENGTH = 40;

type Row = Record<string, ReturnValue>;
const given = (value: ReturnValue | undefined) => value !== null && value !== undefined && value !== '';

function fieldProblem(field: FieldDeclaration, value: ReturnValue, row: number, personHeading: string): string | null {
  if (!given(value)) return null;
  if (field.type === 'code' || field.type === 'integer' || field.type === 'age') {
    const identifier = identifierValueKind(value as string | number);
    if (identifier) return identifierValueMessage(row, field.heading, identifier, personHeading);
  }
  if (field.type === 'code') {
    const text = String(value).trim();
    const detail = codeDetailKind(text);
    if (detail) return codeDetailMessage(row, field.heading, detail);
    if (text.length > MAX_CODE_LENGTH) return `Row ${row}, column '${field.heading}': a code may have at most ${MAX_CODE_LENGTH} characters`;
    if (!CODE.test(text)) return `Row ${row}, column '${field.heading}': use a code of letters, digits, spaces and & ' ( ) . / _ - only`;
  }
  if (field.type === 'age' && (typeof value !== 'number' || value < 0 || value > 25)) {
    return `Row ${row}, column '${field.heading}': the age must be a whole number of years from 0 to 25`;
  }
  if (field.type === 'integer' && typeof value === 'number' && ((field.min !== undefined && value < field.min) || (field.max !== undefined && value > field.max))) {
    return `Row ${row}, column '${field.heading}': must be from ${field.min} to ${field.max}`;
  }
  return null;
}

/** The keys a cross-field check reads: it runs only when all of them converted. */
function checkKeys(check: RowCheck): readonly string[] {
  switch (check.kind) {
    case 'order': return [check.earlier, check.later];
    case 'together': return check.keys;
    case 'required-when':
    case 'only-when': return [check.key, check.when];
    case 'one-of': return check.keys;
  }
}

function checkProblem(check: RowCheck, values: Row, headingOf: (key: string) => string, row: number): { column: string; message: string } | null {
  const at = (key: string, message: string) => ({ column: headingOf(key), message: `Row ${row}, column '${headingOf(key)}': ${message}` });
  const matches = (key: string, equals: readonly string[]) => given(values[key]) && (equals.includes('*') || equals.includes(String(values[key])));
  switch (check.kind) {
    case 'order': {
      const earlier = values[check.earlier];
      const later = values[check.later];
      if (given(earlier) && given(later) && String(later) < String(earlier)) return at(check.later, `this date is before the '${headingOf(check.earlier)}'; check both dates`);
      return null;
    }
    case 'together': {
      const [a, b] = check.keys;
      if (given(values[a]) && !given(values[b])) return at(b, `give the '${headingOf(b)}' with the '${headingOf(a)}'`);
      if (given(values[b]) && !given(values[a])) return at(a, `give the '${headingOf(a)}' with the '${headingOf(b)}'`);
      return null;
    }
    case 'required-when':
      return matches(check.when, check.equals) && !given(values[check.key]) ? at(check.key, `required when '${headingOf(check.when)}' is ${check.equals.includes('*') ? 'given' : check.equals.join(' or ')}`) : null;
    case 'only-when':
      return given(values[check.key]) && !matches(check.when, check.equals) ? at(check.key, `leave this blank unless '${headingOf(check.when)}' is ${check.equals.includes('*') ? 'given' : check.equals.join(' or ')}`) : null;
    case 'one-of':
      return check.keys.some((key) => given(values[key])) ? null : at(check.keys[0]!, `give the '${check.keys.map(headingOf).join("' or the '")}'`);
  }
}

/** Where the rows came from: their spreadsheet row numbers and, per row, the keys of cells that did not convert. */
export interface RowOrigin {
  rowNumbers?: readonly number[];
  unparsed?: readonly (readonly string[])[];
}

/**
 * Checks parsed rows beyond what the parser checks: identifiers in the wrong column (a UPN, a valid NHS number,
 * a postcode or a date anywhere but their own columns), codes, ages, and the declared cross-field checks (dates in
 * order, an outcome with its date). Row numbers are the spreadsheet's (`origin.rowNumbers`; without them the
 * heading is row 1 and no row is blank). A check reading a cell that did not convert is left out: that cell has
 * its own problem. Messages never repeat a value found in a cell.
 */
export function checkRecordRows(kind: CaseworkKind, rows: readonly Row[], personHeading: string, cap = 100, origin: RowOrigin = {}): ReturnProblem[] {
  const { problems, dropped } = recordRowProblems(kind, rows, personHeading, cap, origin);
  return dropped > 0 ? [...problems, { message: `${dropped} more problems are not shown; correct these and upload again` }] : problems;
}

function recordRowProblems(kind: CaseworkKind, rows: readonly Row[], personHeading: string, cap: number, origin: RowOrigin): { problems: ReturnProblem[]; dropped: number } {
  const declaration = RECORD_KINDS[kind];
  const headingOf = (key: string) => declaration.fields.find((f) => f.key === key)?.heading ?? key;
  const problems: ReturnProblem[] = [];
  let dropped = 0;
  const add = (problem: ReturnProblem) => (problems.length < cap ? problems.push(problem) : (dropped += 1));
  const recordField = declaration.fields.find((f) => f.type === 'record-id');
  const firstRowOf = new Map<string, number>();
  rows.forEach((values, index) => {
    const row = origin.rowNumbers?.[index] ?? index + 2;
    const unparsed = new Set(origin.unparsed?.[index] ?? []);
    const recordId = recordField ? values[recordField.key] : null;
    if (recordField && recordId !== null && recordId !== undefined && recordId !== '') {
      const key = normaliseIdentifier(String(recordId), 'record');
      const first = firstRowOf.get(key);
      if (first === undefined) firstRowOf.set(key, row);
      else add({ row, column: recordField.heading, message: `Row ${row}, ${recordField.heading}: the same record as row ${first}; each record appears once in a file` });
    }
    for (const field of declaration.fields) {
      const message = fieldProblem(field, values[field.key] ?? null, row, personHeading);
      if (message) add({ row, column: field.heading, message });
    }
    for (const check of declaration.checks) {
      if (checkKeys(check).some((key) => unparsed.has(key))) continue;
      const problem = checkProblem(check, values, headingOf, row);
      if (problem) add({ row, ...problem });
    }
  });
  return { problems, dropped };
}

/**
 * Every problem of a parsed casework file in one pass (issue 12 item 8): the parser's cell problems and the row
 * checks of every row, even when other cells or other rows are wrong. Only a file whose headings were unusable,
 * or whose reading stopped at a limit, gets the parser's problems alone.
 */
export function checkRecordFile(kind: CaseworkKind, parsed: ParseResult, personHeading: string, cap = 100): { ok: true; rows: Row[] } | { ok: false; problems: ReturnProblem[] } {
  if (parsed.ok) {
    const problems = checkRecordRows(kind, parsed.rows, personHeading, cap, parsed.rowNumbers ? { rowNumbers: parsed.rowNumbers } : {});
    return problems.length > 0 ? { ok: false, problems } : { ok: true, rows: parsed.rows };
  }
  if (!parsed.read?.complete) return parsed;
  const { rows, rowNumbers, unparsed } = parsed.read;
  const checked = recordRowProblems(kind, rows, personHeading, cap, { rowNumbers, unparsed });
  return { ok: false, problems: mergeProblems(cap, [parsed.problems, checked.problems], checked.dropped) };
}
