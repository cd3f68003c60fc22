// Templates a partner fills in: the headings the upload expects, a row for every breakdown value with the
// period already set, allowed values as a drop-down, and an instructions sheet with an example row.
import ExcelJS from 'exceljs';
import { neutraliseForExport } from '../../returns-parsing/index.ts';
import type { ReportingPeriod } from '../../lib/dates/reporting-periods.ts';
import { breakdownHeading, layoutFor, TOTAL, unknownLabel, UPLOAD_LIMITS, type Schedule } from './return-layout.ts';

const DESCRIBE: Record<string, string> = {
  enum: 'one of the listed values',
  text: 'text',
  integer: 'a whole number, 0 or more',
  number: 'a number',
  date: 'a date (for example 2025-04-01 or 01/04/2025)',
};

function templateRows(schedule: Schedule): string[] {
  const unknown = unknownLabel(schedule);
  return schedule.breakdown ? [TOTAL, ...schedule.breakdownValues, ...(unknown ? [unknown] : [])] : [TOTAL];
}

/** The unknown row's figures start at 0 (none), so a partner with no such cases has nothing to type there. */
function prefilled(schedule: Schedule, row: string, key: string): boolean {
  return row === unknownLabel(schedule) && (key === 'numerator' || key === 'denominator');
}

/** What the template says about the Total and the unknown row, for schedules whose figures add up. */
function totalLine(schedule: Schedule): string[] {
  const unknown = unknownLabel(schedule);
  if (!unknown) return [];
  const noun = breakdownHeading(schedule.breakdown).toLowerCase();
  return [`The ${TOTAL} must be the sum of the ${noun} rows. If it includes cases whose ${noun} is not known, give them on the row "${unknown}"; leave it at 0 if there are none.`];
}

/** Lines of guidance shared by the instructions sheet and the web page. */
export function instructions(schedule: Schedule, period: ReportingPeriod | null): string[] {
  const layout = layoutFor(schedule);
  return [
    `Return: ${schedule.measureTitle} (${schedule.slug}), supplied by ${schedule.organisationName}.`,
    period ? `Period: ${period.label} (${period.start} to ${period.end}). Every row's Period start must be ${period.start}.` : `Periods: one return per ${schedule.grain}; Period start is the first day of the ${schedule.grain}.`,
    `Due ${schedule.deadlineDays} days after the end of the period.`,
    schedule.shape === 'ratio' ? 'Numerator: how many met the measure. Denominator: how many there were in all. The numerator cannot be more than the denominator.' : schedule.shape === 'count' ? 'Count: how many, as a whole number.' : `Value: the figure itself${schedule.measureUnit ? ` (${schedule.measureUnit})` : ''}.`,
    schedule.breakdown ? `One row for the ${TOTAL} and one for each ${schedule.breakdown}${schedule.breakdownValues.length ? `: ${schedule.breakdownValues.join(', ')}` : ''}. Enter 0 where there were none.` : 'One row: the total.',
    ...totalLine(schedule),
    'Note (optional): anything the analyst should know about the quality of a figure.',
    ...(schedule.guidance ? [schedule.guidance] : []),
    'Columns:',
    ...layout.columns.map((c) => `  ${c.heading}: ${DESCRIBE[c.type]}${c.required ? '' : ' (optional)'}${c.allowed ? ` [${c.allowed.join(', ')}]` : ''}`),
    `Limits: ${UPLOAD_LIMITS.maxRows.toLocaleString('en-GB')} rows, ${UPLOAD_LIMITS.maxFileBytes / 1_048_576} MB, ${UPLOAD_LIMITS.maxCellLength} characters a cell. Save as Excel Workbook (.xlsx) or CSV UTF-8.`,
  ];
}

/** The template as an Excel workbook: sheet "Return" to fill in, "Instructions", and "Allowed values". */
export async function templateXlsx(schedule: Schedule, period: ReportingPeriod | null): Promise<Buffer> {
  const layout = layoutFor(schedule);
  const book = new ExcelJS.Workbook();
  book.creator = 'SEND Outcomes';
  const sheet = book.addWorksheet('Return');
  sheet.addRow(layout.columns.map((c) => c.heading)).font = { bold: true };
  sheet.columns.forEach((column, i) => (column.width = Math.max(14, (layout.columns[i]?.heading.length ?? 10) + 4)));
  for (const value of templateRows(schedule)) {
    sheet.addRow(layout.columns.map((c) => (c.key === 'breakdown' ? neutraliseForExport(value) : c.key === 'period_start' && period ? new Date(`${period.start}T00:00:00Z`) : prefilled(schedule, value, c.key) ? 0 : null)));
  }
  const dateColumn = layout.columns.findIndex((c) => c.key === 'period_start') + 1;
  sheet.getColumn(dateColumn).numFmt = 'yyyy-mm-dd';
  const breakdown = layout.columns.find((c) => c.key === 'breakdown');
  if (breakdown?.allowed) {
    const lists = book.addWorksheet('Allowed values');
    lists.addRow([breakdown.heading]).font = { bold: true };
    for (const v of breakdown.allowed) lists.addRow([neutraliseForExport(v)]);
    const rows = templateRows(schedule).length + 200;
    for (let r = 2; r <= rows + 1; r += 1) {
      sheet.getCell(r, 1).dataValidation = { type: 'list', allowBlank: false, formulae: [`'Allowed values'!$A$2:$A$${breakdown.allowed.length + 1}`], showErrorMessage: true, errorTitle: 'Not allowed', error: `Choose a ${breakdown.heading} from the list` };
    }
  }
  const help = book.addWorksheet('Instructions');
  help.getColumn(1).width = 120;
  help.addRow(['How to fill in this return']).font = { bold: true, size: 14 };
  for (const line of instructions(schedule, period)) help.addRow([line]);
  help.addRow([]);
  help.addRow(['Example row (on the Return sheet):']).font = { bold: true };
  help.addRow([layout.columns.map((c) => c.heading).join(' | ')]);
  help.addRow([exampleRow(schedule, period).join(' | ')]);
  return Buffer.from(await book.xlsx.writeBuffer());
}

/** The template as CSV (UTF-8 with BOM so Excel reads accents): headings and a row per breakdown value. */
export function templateCsv(schedule: Schedule, period: ReportingPeriod | null): string {
  const layout = layoutFor(schedule);
  const quote = (v: string) => (/[",\r\n]/.test(v) ? `"${v.replaceAll('"', '""')}"` : v);
  const lines = [layout.columns.map((c) => quote(c.heading)).join(',')];
  for (const value of templateRows(schedule)) {
    lines.push(layout.columns.map((c) => (c.key === 'breakdown' ? quote(String(neutraliseForExport(value))) : c.key === 'period_start' && period ? period.start : prefilled(schedule, value, c.key) ? '0' : '')).join(','));
  }
  return `\uFEFF${lines.join('\r\n')}\r\n`;
}

function exampleRow(schedule: Schedule, period: ReportingPeriod | null): string[] {
  return layoutFor(schedule).columns.map((c) => {
    if (c.key === 'breakdown') return TOTAL;
    if (c.key === 'period_start') return period?.start ?? '2025-04-01';
    if (c.key === 'numerator') return schedule.shape === 'ratio' ? '45' : '12';
    if (c.key === 'denominator') return '60';
    if (c.key === 'value') return '14.5';
    return 'Two cases awaiting data entry';
  });
}
