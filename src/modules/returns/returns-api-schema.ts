// The JSON a data return is sent as through the API (POST /api/v1/returns/:schedule/:period): zod schemas
// for each value shape, their conversion to return rows, and problems as JSON-pointer paths. The figure
// checks themselves are checkRows' (return-checks.ts), shared with the form and the upload.
import { z } from 'zod';
import type { ReturnProblem } from '../../returns-parsing/index.ts';
import { breakdownHeading, TOTAL, UPLOAD_LIMITS, type ReturnRow, type Schedule, type ValueShape } from './return-layout.ts';

/** At most this many problems are listed in one answer; the rest are counted. */
export const MAX_LISTED_PROBLEMS = 200;

/** One problem with a return sent as JSON: where (a JSON pointer into the body) and what is wrong. */
export interface ApiProblem {
  path: string;
  message: string;
}

const kind = (input: unknown) => (input === null ? 'null' : Array.isArray(input) ? 'a list' : typeof input === 'string' ? 'text' : typeof input === 'object' ? 'an object' : typeof input);

const figure = (name: string, description: string) =>
  z.number({ error: (issue) => (issue.input === undefined ? `Give the ${name}` : `The ${name} must be a number, not ${kind(issue.input)}`) }).describe(description);

const breakdown = z
  .string({ error: (issue) => `The breakdown must be text, not ${kind(issue.input)}` })
  .trim()
  .min(1, 'The breakdown cannot be empty: leave it out, or write "Total", for the total row')
  .max(200, 'The breakdown can be at most 200 characters')
  .optional()
  .describe(`Which breakdown value (area, provider ...) the row is for, as the schedule lists it; "${TOTAL}" (the default when left out) for the total row; "Unknown area" (provider, age group ...) for cases the total includes whose breakdown is not known. For counts and ratios the total must be the sum of the other rows.`);

export const ratioRow = z.strictObject({
  breakdown,
  numerator: figure('numerator', 'How many met the measure: a whole number, 0 or more, not above the denominator.'),
  denominator: figure('denominator', 'How many there were in all: a whole number, 0 or more.'),
}).meta({ title: 'Ratio row', description: 'A row of a ratio return (a proportion such as "advice within 6 weeks").' });

export const countRow = z.strictObject({
  breakdown,
  count: figure('count', 'A whole number, 0 or more.'),
}).meta({ title: 'Count row', description: 'A row of a count return.' });

export const valueRow = z.strictObject({
  breakdown,
  value: figure('value', 'One figure, such as a median wait in weeks.'),
}).meta({ title: 'Value row', description: 'A row of a value return.' });

const ROW_SCHEMAS = { ratio: ratioRow, count: countRow, value: valueRow } as const;

function bodyOf<Row extends z.ZodType>(row: Row) {
  return z.strictObject({
    rows: z
      .array(row, { error: (issue) => (issue.input === undefined ? 'Give the rows of figures' : `The rows must be a list, not ${kind(issue.input)}`) })
      .min(1, 'Give at least one row: the total')
      .max(UPLOAD_LIMITS.maxRows, `A return can have at most ${UPLOAD_LIMITS.maxRows.toLocaleString('en-GB')} rows`)
      .describe(`The figures: one row for the total and one for each breakdown value the schedule lists (at most ${UPLOAD_LIMITS.maxRows.toLocaleString('en-GB')} rows).`),
    note: z.string({ error: 'The note must be text' }).max(2_000, 'The note can be at most 2,000 characters').optional().describe('Anything the analyst should know about the quality of these figures.'),
    submit: z.boolean({ error: 'submit must be true or false' }).optional().describe('true to submit the return for review; false or left out to save it as a draft.'),
  });
}

/** The body for a schedule's shape: rows of that shape only. */
export const returnBodyFor = (shape: ValueShape) => bodyOf(ROW_SCHEMAS[shape]);

/** The body as the documentation shows it: rows of any of the three shapes (the schedule says which). */
export const returnBodyDocumented = bodyOf(z.union([ratioRow, countRow, valueRow])).meta({ title: 'Return', description: 'A data return: its rows of figures, an optional note, and whether to submit it for review.' });

export type ReturnBody = { rows: Record<string, unknown>[]; note?: string; submit?: boolean };

const pointer = (path: readonly PropertyKey[]) => `/${path.map((p) => String(p).replace(/~/g, '~0').replace(/\//g, '~1')).join('/')}`;

/** Checks the body against the schedule's shape: the body, or every problem with its path (at most MAX_LISTED_PROBLEMS). */
export function readReturnBody(shape: ValueShape, body: unknown): { ok: true; body: ReturnBody } | { ok: false; problems: ApiProblem[] } {
  if (typeof body !== 'object' || body === null || Array.isArray(body)) return { ok: false, problems: [{ path: '', message: 'The body must be a JSON object with "rows" (and optionally "note" and "submit")' }] };
  const parsed = returnBodyFor(shape).safeParse(body, { reportInput: false });
  if (parsed.success) return { ok: true, body: parsed.data as ReturnBody };
  const problems: ApiProblem[] = [];
  for (const issue of parsed.error.issues) {
    if (issue.code === 'unrecognized_keys') {
      const fields = issue.path.length === 0 ? '"rows", "note" and "submit"' : expectedFields(shape);
      for (const key of issue.keys) problems.push({ path: pointer([...issue.path, key]), message: `"${key}" is not expected here: ${issue.path.length === 0 ? 'the body has' : `a row of a ${shape} return has`} ${fields}` });
    } else {
      problems.push({ path: pointer(issue.path), message: issue.message });
    }
  }
  return { ok: false, problems: capped(problems) };
}

function expectedFields(shape: ValueShape): string {
  return shape === 'ratio' ? '"breakdown", "numerator" and "denominator"' : shape === 'count' ? '"breakdown" and "count"' : '"breakdown" and "value"';
}

const num = (v: unknown) => (typeof v === 'number' ? v : null);

/** The body's rows as return rows ("Total", or no breakdown, is the total row). */
export function rowsOfBody(shape: ValueShape, body: ReturnBody): ReturnRow[] {
  return body.rows.map((r) => {
    const raw = typeof r.breakdown === 'string' ? r.breakdown : TOTAL;
    const breakdownValue = raw.toLowerCase() === TOTAL.toLowerCase() ? '' : raw;
    if (shape === 'ratio') return { breakdownValue, numerator: num(r.numerator), denominator: num(r.denominator), value: null };
    if (shape === 'count') return { breakdownValue, numerator: num(r.count), denominator: null, value: null };
    return { breakdownValue, numerator: null, denominator: null, value: num(r.value) };
  });
}

/** Rows of a return as the API shows them (the inverse of rowsOfBody). */
export function bodyRowsOf(shape: ValueShape, rows: readonly ReturnRow[]): Record<string, string | number | null>[] {
  return rows.map((r): Record<string, string | number | null> => {
    const breakdownValue = r.breakdownValue === '' ? TOTAL : r.breakdownValue;
    if (shape === 'ratio') return { breakdown: breakdownValue, numerator: r.numerator, denominator: r.denominator };
    if (shape === 'count') return { breakdown: breakdownValue, count: r.numerator };
    return { breakdown: breakdownValue, value: r.value };
  });
}

/** checkRows' problems (which name a row by position and a column by heading) as JSON-pointer paths. */
export function problemsAsPaths(schedule: Schedule, problems: readonly ReturnProblem[]): ApiProblem[] {
  const fieldOf: Record<string, string> = { Numerator: 'numerator', Denominator: 'denominator', Count: 'count', Value: 'value', Breakdown: 'breakdown' };
  if (schedule.breakdown) fieldOf[breakdownHeading(schedule.breakdown)] = 'breakdown';
  return capped(problems.map((p) => {
    if (p.index === undefined) return { path: '/rows', message: p.message };
    const field = p.column ? fieldOf[p.column] : undefined;
    return { path: `/rows/${p.index}${field ? `/${field}` : ''}`, message: p.message };
  }));
}

function capped(problems: ApiProblem[]): ApiProblem[] {
  if (problems.length <= MAX_LISTED_PROBLEMS) return problems;
  const rest = problems.length - MAX_LISTED_PROBLEMS;
  return [...problems.slice(0, MAX_LISTED_PROBLEMS), { path: '', message: `... and ${rest.toLocaleString('en-GB')} more ${rest === 1 ? 'problem' : 'problems'} like these` }];
}
