// Reads the return sheet of an XLSX with exceljs (after the zip guard) into raw cells.
import ExcelJS from 'exceljs';
import { quote } from './cells.ts';
import { trimTrailingEmpty } from './csv-reader.ts';
import type { ParseResult, RawCell, ReturnLayout } from './types.ts';
import { RowValidator } from './validator.ts';
import { checkZip } from './zip-guard.ts';

const UNREADABLE = 'The file is not a readable Excel workbook (.xlsx)';

function dateToIso(date: Date): string | null {
  const time = date.getTime();
  if (!Number.isFinite(time)) return null;
  // exceljs builds dates at UTC midnight; round away float noise from the serial number.
  return new Date(Math.round(time / 1000) * 1000).toISOString().slice(0, 10);
}

/** Turns an exceljs cell value into a raw cell; exceljs value shapes are loosely typed, so probe them. */
export function toRawCell(value: unknown): RawCell {
  if (value === null || value === undefined) return { kind: 'empty' };
  if (typeof value === 'string') return value === '' ? { kind: 'empty' } : { kind: 'text', text: value };
  if (typeof value === 'number') return { kind: 'number', value };
  if (typeof value === 'boolean') return { kind: 'text', text: value ? 'TRUE' : 'FALSE' };
  if (value instanceof Date) {
    const iso = dateToIso(value);
    return iso ? { kind: 'date', iso } : { kind: 'error', text: 'invalid date' };
  }
  if (typeof value === 'object') {
    const record = value as Record<string, unknown>;
    if ('formula' in record || 'sharedFormula' in record) return { kind: 'formula', result: toRawCell(record['result']) };
    if ('error' in record) return { kind: 'error', text: String(record['error']) };
    if (Array.isArray(record['richText'])) {
      const text = (record['richText'] as { text?: unknown }[]).map((run) => (typeof run.text === 'string' ? run.text : '')).join('');
      return text === '' ? { kind: 'empty' } : { kind: 'text', text };
    }
    if ('text' in record) return toRawCell(record['text']);
  }
  return { kind: 'error', text: 'unrecognised value' };
}

/** Heading text of a raw cell, for row 1. */
function headingText(cell: RawCell): string {
  if (cell.kind === 'text') return cell.text;
  if (cell.kind === 'number') return String(cell.value);
  if (cell.kind === 'date') return cell.iso;
  return '';
}

/** Parses XLSX bytes against a layout. Never throws: exceljs failures become a problem. */
export async function readXlsx(layout: ReturnLayout, bytes: Buffer): Promise<ParseResult> {
  const zip = checkZip(bytes, layout.maxUncompressedBytes);
  if (!zip.ok) return { ok: false, problems: [{ message: zip.message }] };
  const workbook = new ExcelJS.Workbook();
  try {
    await workbook.xlsx.load(bytes as unknown as ExcelJS.Buffer, { ignoreNodes: ['dataValidations', 'hyperlinks', 'conditionalFormatting', 'drawing', 'picture'] });
  } catch {
    return { ok: false, problems: [{ message: UNREADABLE }] };
  }
  try {
    return readWorkbook(layout, workbook);
  } catch {
    // Defensive: a malformed but loadable workbook can still surprise exceljs accessors.
    return { ok: false, problems: [{ message: UNREADABLE }] };
  }
}

function readWorkbook(layout: ReturnLayout, workbook: ExcelJS.Workbook): ParseResult {
  const sheets = workbook.worksheets;
  const sheet = sheets.find((candidate) => candidate.name.trim().toLowerCase() === 'return') ?? sheets[0];
  // A zip without sheets is some other Office file (or not Office at all).
  if (!sheet) return { ok: false, problems: [{ message: UNREADABLE }] };
  const date1904 = Boolean((workbook.properties as { date1904?: boolean } | undefined)?.date1904);
  if (sheet.actualRowCount === 0) return { ok: false, problems: [{ message: `The sheet ${quote(sheet.name)} is empty` }] };
  // Visits only the cells the file defines, so a value in column XFD costs one cell, not 16,384.
  const rowCells = (row: ExcelJS.Row, width: number): { cells: RawCell[]; stray?: number } => {
    const cells: RawCell[] = Array.from({ length: width }, () => ({ kind: 'empty' }) as RawCell);
    let stray: number | undefined;
    row.eachCell({ includeEmpty: false }, (cell, column) => {
      const raw = toRawCell(cell.value);
      if (column <= width) cells[column - 1] = raw;
      else if (stray === undefined && raw.kind !== 'empty') stray = column;
    });
    return stray === undefined ? { cells } : { cells, stray };
  };
  const headerCells = rowCells(sheet.getRow(1), layout.maxColumns + 1).cells;
  for (const cell of headerCells) {
    if (cell.kind === 'formula') return { ok: false, problems: [{ row: 1, message: 'Row 1: a heading contains a formula; paste values only' }] };
  }
  const headings = trimTrailingEmpty(headerCells.map(headingText));
  const validator = new RowValidator(layout, headings, date1904);
  const last = sheet.rowCount;
  for (let number = 2; number <= last && !validator.stopped; number += 1) {
    const row = sheet.findRow(number);
    if (!row) continue;
    const { cells, stray } = rowCells(row, headings.length);
    validator.push(number, cells, stray);
  }
  return validator.finish();
}
