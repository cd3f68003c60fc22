// Turns one raw cell into a typed value for its column, or says precisely what is wrong.
import type { RawCell, RepeatValues, ReturnColumn, ReturnValue } from './types.ts';
import { foundText, isExcelError, mayRepeat } from './value-echo.ts';

/** Outcome of converting one cell: a value, or a message without the row/column prefix. */
export type CellOutcome = { value: ReturnValue } | { problem: string };

const INTEGER = /^[+-]?\d+$/;
const DECIMAL = /^[+-]?(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?$/;
const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
const UK_DATE = /^(\d{1,2})\/(\d{1,2})\/(\d{4})$/;
// Excel's day 0 in the 1900 system is 1899-12-30 once its fictitious 1900-02-29 is accounted for.
const EXCEL_EPOCH_1900 = Date.UTC(1899, 11, 30);
const EXCEL_EPOCH_1904 = Date.UTC(1904, 0, 1);
const DAY_MS = 86_400_000;

/** Quotes a found value for a message, shortened so a huge cell cannot swamp the page. */
export function quote(text: string): string {
  const oneLine = text.replace(/[\r\n\t]+/g, ' ');
  return `'${oneLine.length > 40 ? `${oneLine.slice(0, 37)}...` : oneLine}'`;
}

/** Builds `YYYY-MM-DD` if the parts form a real calendar date between 1900 and 2999. */
export function isoDate(year: number, month: number, day: number): string | null {
  if (year < 1900 || year > 2999) return null;
  const date = new Date(Date.UTC(year, month - 1, day));
  if (date.getUTCFullYear() !== year || date.getUTCMonth() !== month - 1 || date.getUTCDate() !== day) return null;
  return date.toISOString().slice(0, 10);
}

/** Converts an Excel serial day number (as stored in the sheet) to `YYYY-MM-DD`. */
export function excelSerialToIso(serial: number, date1904 = false): string | null {
  if (!Number.isFinite(serial) || serial < 1 || serial > 400_000) return null;
  const day = Math.floor(serial + 1e-9);
  if (!date1904 && day === 60) return null; // 1900-02-29: a day Excel counts but that never existed
  // Before that phantom day Excel's serials run one ahead of the 1899-12-30 epoch.
  const shift = !date1904 && day < 60 ? 1 : 0;
  const ms = (date1904 ? EXCEL_EPOCH_1904 : EXCEL_EPOCH_1900) + (day + shift) * DAY_MS;
  return new Date(ms).toISOString().slice(0, 10);
}

function parseDateText(text: string): string | null {
  const iso = ISO_DATE.exec(text);
  if (iso) return isoDate(Number(iso[1]), Number(iso[2]), Number(iso[3]));
  const uk = UK_DATE.exec(text);
  if (uk) return isoDate(Number(uk[3]), Number(uk[2]), Number(uk[1]));
  return null;
}

function listAllowed(allowed: string[]): string {
  return allowed.length > 8 ? `${allowed.slice(0, 8).join(', ')}, ...` : allowed.join(', ');
}

function shown(cell: RawCell): string {
  switch (cell.kind) {
    case 'text': return cell.text;
    case 'number': return String(cell.value);
    case 'date': return cell.iso;
    case 'error': return cell.text;
    default: return '';
  }
}

function toNumber(cell: RawCell, whole: boolean, repeat: RepeatValues): CellOutcome {
  const expected = whole ? 'expected a whole number' : 'expected a number';
  const found = (text: string) => foundText(text, repeat);
  let value: number;
  if (cell.kind === 'number') value = cell.value;
  else if (cell.kind === 'text') {
    const text = cell.text.trim();
    if (!(whole ? INTEGER : DECIMAL).test(text)) return { problem: `${expected}${found(cell.text)}` };
    value = Number(text);
  } else return { problem: `${expected}${cell.kind === 'date' ? ', found a date' : found(shown(cell))}` };
  if (!Number.isFinite(value)) return { problem: `${expected}${found(shown(cell))}` };
  if (whole && !Number.isSafeInteger(value)) return { problem: `${expected}${found(shown(cell))}` };
  // Whole-number columns hold counts of children or cases, which cannot be below zero.
  if (whole && value < 0) return { problem: `a count cannot be negative${found(shown(cell))}` };
  return { value };
}

function toDate(cell: RawCell, date1904: boolean, repeat: RepeatValues): CellOutcome {
  const expected = 'expected a date such as 2025-03-31 or 31/03/2025';
  if (cell.kind === 'date') return { value: cell.iso };
  if (cell.kind === 'number') {
    // A date cell without a date format still holds Excel's serial day number.
    const iso = excelSerialToIso(cell.value, date1904);
    return iso ? { value: iso } : { problem: `${expected}${foundText(String(cell.value), repeat)}` };
  }
  if (cell.kind === 'text') {
    const iso = parseDateText(cell.text.trim());
    return iso ? { value: iso } : { problem: `${expected}${foundText(cell.text, repeat)}` };
  }
  return { problem: `${expected}${foundText(shown(cell), repeat)}` };
}

function isEmpty(cell: RawCell): boolean {
  return cell.kind === 'empty' || (cell.kind === 'text' && cell.text.trim() === '');
}

/**
 * Converts one raw cell for its column. Formula cells keep their saved result only in
 * numeric columns; anywhere else the partner must paste values, because we never evaluate.
 * Problems repeat a found value only as `repeat` allows (value-echo.ts); otherwise they describe it.
 */
export function convertCell(cell: RawCell, column: ReturnColumn, maxCellLength: number, date1904 = false, repeat: RepeatValues = 'short-numbers'): CellOutcome {
  if (cell.kind === 'formula') {
    const numeric = column.type === 'integer' || column.type === 'number';
    if (!numeric || cell.result.kind === 'formula') return { problem: 'contains a formula; paste values only' };
    if (cell.result.kind === 'empty') return { problem: 'contains a formula with no saved result; paste values only' };
    return convertCell(cell.result, column, maxCellLength, date1904, repeat);
  }
  if (cell.kind === 'error') {
    return { problem: `contains ${isExcelError(cell.text) ? `the error ${quote(cell.text.trim().toUpperCase())}` : 'an error value'}; correct it or leave the cell empty` };
  }
  if (cell.kind === 'text' && cell.text.length > maxCellLength) {
    return { problem: `the value is ${cell.text.length} characters long; the limit is ${maxCellLength}` };
  }
  if (isEmpty(cell)) return column.required ? { problem: 'a value is required' } : { value: null };
  switch (column.type) {
    case 'integer': return toNumber(cell, true, repeat);
    case 'number': return toNumber(cell, false, repeat);
    case 'date': return toDate(cell, date1904, repeat);
    case 'enum': {
      const text = shown(cell).trim();
      const allowed = column.allowed ?? [];
      const match = allowed.find((option) => option.toLowerCase() === text.toLowerCase());
      if (match !== undefined) return { value: match };
      return { problem: `${mayRepeat(text, repeat) ? quote(text) : 'this'} is not one of ${listAllowed(allowed)}` };
    }
    default:
      // Text is kept exactly as typed (trimmed): formula-looking text stays inert text.
      return { value: cell.kind === 'text' ? cell.text.trim() : shown(cell) };
  }
}

/**
 * Makes a text value safe to write into a CSV or XLSX export: a leading `=`, `+`, `-`, `@`,
 * tab or carriage return would make a spreadsheet treat it as a formula, so it gets a `'`.
 */
export function neutraliseForExport(cell: ReturnValue): ReturnValue {
  if (typeof cell !== 'string') return cell;
  return /^[=+\-@\t\r]/.test(cell) ? `'${cell}` : cell;
}
