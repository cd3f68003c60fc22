// What the pages that take figures in show: the form (a fieldset per row), the upload form with the
// problems a file has (row, column, problem, exactly as the checks word them) and the check page.
import type { SignedIn } from '../accounts/index.ts';
import type { ReportingPeriod } from '../../lib/dates/reporting-periods.ts';
import type { ReturnProblem } from '../../returns-parsing/index.ts';
import { instructions } from './return-template.ts';
import { breakdownHeading, TOTAL, unknownLabel, UPLOAD_LIMITS, valueColumns, type ReturnRow, type Schedule } from './return-layout.ts';
import { inputId, type FieldError, type TypedValues } from './returns-forms.ts';
import { returnPath } from './returns-http.ts';
import { breadcrumbsFor, figuresTable, STATUS_TAGS } from './returns-view-models.ts';
import type { ReturnStatus } from './returns-service.ts';

/** Most problems listed in the error summary; the table below lists more. */
const SUMMARY_PROBLEMS = 10;
/** Most problems, and preview rows, a page shows. */
const TABLE_LIMIT = 1_000;

function common(auth: SignedIn, schedule: Schedule, period: ReportingPeriod) {
  const href = returnPath(auth.partnershipSlug, schedule.slug, period.code);
  return {
    navigation: 'returns',
    breadcrumbs: [...breadcrumbsFor(auth), { text: `${schedule.measureTitle || schedule.slug}, ${period.label}`, href }],
    href,
    measureTitle: schedule.measureTitle || schedule.slug,
    organisation: schedule.organisationName,
    period: period.label,
    guidance: schedule.guidance,
  };
}

/** The form: one fieldset per row, each input with its typed value and its own error. */
export function formPage(auth: SignedIn, schedule: Schedule, period: ReportingPeriod, input: { status: ReturnStatus; breakdownValues: readonly string[]; values: TypedValues; note: string; errors: FieldError[] }) {
  const errorFor = new Map<string, string>();
  for (const e of input.errors) if (!errorFor.has(e.href.slice(1))) errorFor.set(e.href.slice(1), e.text);
  const columns = valueColumns(schedule.shape);
  const heading = breakdownHeading(schedule.breakdown);
  const unknown = unknownLabel(schedule);
  return {
    ...common(auth, schedule, period),
    pageTitle: `Enter figures: ${schedule.measureTitle || schedule.slug}, ${period.label}`,
    waitingForReview: input.status === 'submitted',
    status: STATUS_TAGS[input.status],
    shapeHint: schedule.shape === 'ratio' ? 'Numerator: how many met the measure. Denominator: how many there were in all.' : schedule.shape === 'count' ? 'Count: how many, as a whole number. Enter 0 where there were none.' : `Value: the figure itself${schedule.measureUnit ? ` (${schedule.measureUnit})` : ''}.`,
    fieldsets: input.breakdownValues.map((value, index) => ({
      legend: value === '' ? TOTAL : value === unknown ? value : `${heading}: ${value}`,
      hint: value === unknown ? `Cases counted in the ${TOTAL} whose ${heading.toLowerCase()} is not known. Leave blank if there are none. The ${TOTAL} must be the sum of the rows above and this one.` : undefined,
      hintId: `r${index}-hint`,
      inputs: columns.map((c) => {
        const id = inputId(index, c.key);
        return { id, label: c.heading, value: input.values[id] ?? '', inputmode: c.type === 'integer' ? 'numeric' : 'decimal', error: errorFor.get(id) };
      }),
    })),
    note: input.note,
    noteError: errorFor.get('note'),
    errors: input.errors,
  };
}

export interface UploadProblems {
  fileName: string;
  problems: readonly ReturnProblem[];
}

/** The upload form, with the problems of the file just sent (nothing saved) when there were any. */
export function uploadPage(auth: SignedIn, schedule: Schedule, period: ReportingPeriod, status: ReturnStatus, failed?: UploadProblems) {
  const base = common(auth, schedule, period);
  const count = failed?.problems.length ?? 0;
  const fileError = failed ? (count === 1 ? `${failed.fileName || 'The file'} has a problem. Nothing has been saved: correct it and upload the file again` : `${failed.fileName || 'The file'} has ${count.toLocaleString('en-GB')} problems. Nothing has been saved: correct them and upload the file again`) : undefined;
  const shown = failed?.problems.slice(0, TABLE_LIMIT) ?? [];
  const singleFileProblem = count === 1 && shown[0]?.row === undefined && shown[0]?.column === undefined;
  return {
    ...base,
    pageTitle: `Upload a file: ${base.measureTitle}, ${period.label}`,
    waitingForReview: status === 'submitted',
    instructions: instructions(schedule, period),
    templates: { xlsx: `${base.href}/template.xlsx`, csv: `${base.href}/template.csv` },
    maxMegabytes: UPLOAD_LIMITS.maxFileBytes / 1_048_576,
    // one problem with the whole file (too large, not a spreadsheet ...) is the file input's error itself
    fileError: singleFileProblem ? shown[0]!.message : fileError,
    errors: failed ? (singleFileProblem ? [{ href: '#file', text: shown[0]!.message }] : [{ href: '#file', text: fileError! }, ...shown.slice(0, SUMMARY_PROBLEMS).map((p, i) => ({ href: `#problem-${i + 1}`, text: p.message }))]) : [],
    problems: singleFileProblem ? [] : shown.map((p, i) => ({ id: `problem-${i + 1}`, row: p.row === undefined ? '' : String(p.row), column: p.column ?? '', message: p.message })),
    problemsCount: count,
    problemsCut: count > shown.length,
    fileName: failed?.fileName ?? '',
  };
}

/** The check page: the figures read from the file, and the signed form that saves them. */
export function checkPage(auth: SignedIn, schedule: Schedule, period: ReportingPeriod, input: { fileName: string; rows: readonly ReturnRow[]; note: string; token: string }) {
  const base = common(auth, schedule, period);
  const table = figuresTable(schedule, input.rows, TABLE_LIMIT);
  return {
    ...base,
    pageTitle: `Check the figures: ${base.measureTitle}, ${period.label}`,
    fileName: input.fileName,
    figures: table,
    rowsCut: table.total > table.rows.length,
    note: input.note,
    token: input.token,
    confirmHref: `${base.href}/upload/confirm`,
    uploadHref: `${base.href}/upload`,
  };
}
