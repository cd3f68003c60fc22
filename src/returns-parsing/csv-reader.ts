// Decodes a CSV upload (UTF-8 only, `,` or `;`) and feeds its records to the row validator.
import { parse } from 'csv-parse/sync';
import type { RawCell, ReturnLayout, ParseResult } from './types.ts';
import { RowValidator } from './validator.ts';

const SAVE_AS_UTF8 = 'The file is not in UTF-8 text. In Excel choose File > Save As > "CSV UTF-8 (Comma delimited) (*.csv)" and upload that file';

/** Picks `;` when the heading line has more semicolons than commas outside quotes (European Excel). */
export function detectSeparator(text: string): ',' | ';' {
  let commas = 0;
  let semicolons = 0;
  let quoted = false;
  for (const char of text) {
    if (char === '"') quoted = !quoted;
    else if (!quoted && (char === '\n' || char === '\r')) break;
    else if (!quoted && char === ',') commas += 1;
    else if (!quoted && char === ';') semicolons += 1;
  }
  return semicolons > commas ? ';' : ',';
}

/** Decodes strict UTF-8 without the BOM, or null when the bytes are in another encoding. */
export function decodeUtf8(bytes: Buffer): string | null {
  // UTF-16 files start with a byte-order mark and are full of NUL bytes; both are not CSV UTF-8.
  if (bytes.length >= 2 && ((bytes[0] === 0xff && bytes[1] === 0xfe) || (bytes[0] === 0xfe && bytes[1] === 0xff))) return null;
  try {
    const text = new TextDecoder('utf-8', { fatal: true, ignoreBOM: false }).decode(bytes);
    return text.includes('\u0000') ? null : text;
  } catch {
    return null;
  }
}

function csvErrorMessage(error: unknown): string {
  const code = (error as { code?: unknown } | null)?.code;
  const line = (error as { lines?: unknown } | null)?.lines;
  const where = typeof line === 'number' ? ` (near line ${line})` : '';
  if (code === 'CSV_QUOTE_NOT_CLOSED') return `A quoted value is never closed${where}; check for a stray " character`;
  if (code === 'CSV_INVALID_CLOSING_QUOTE' || code === 'INVALID_OPENING_QUOTE') return `A value has a " character in the wrong place${where}; put quotes only around whole values and double any quote inside them`;
  if (code === 'CSV_MAX_RECORD_SIZE') return `A row is too long${where}; check that no value is longer than the limit`;
  return `The file could not be read as CSV${where}`;
}

/** Parses CSV bytes against a layout. Never throws. */
export function readCsv(layout: ReturnLayout, bytes: Buffer): ParseResult {
  const text = decodeUtf8(bytes);
  if (text === null) return { ok: false, problems: [{ message: SAVE_AS_UTF8 }] };
  if (text.trim() === '') return { ok: false, problems: [{ message: 'The file is empty' }] };
  let records: string[][];
  try {
    records = parse(text, {
      delimiter: detectSeparator(text),
      bom: true,
      // Files edited on several machines mix CRLF and LF; accept either on every line.
      record_delimiter: ['\r\n', '\n', '\r'],
      relax_column_count: true,
      // Stop after one row beyond the limit: enough to say "too many rows" without reading the rest.
      to: layout.maxRows + 2,
      // Bounds memory for a single pathological record; cell-by-cell length is checked later.
      max_record_size: layout.maxCellLength * Math.max(1, layout.maxColumns) + layout.maxColumns,
    }) as string[][];
  } catch (error) {
    return { ok: false, problems: [{ message: csvErrorMessage(error) }] };
  }
  const [header, ...rest] = records;
  if (!header) return { ok: false, problems: [{ message: 'The file is empty' }] };
  const validator = new RowValidator(layout, trimTrailingEmpty(header));
  const toCell = (value: string): RawCell => (value === '' ? { kind: 'empty' } : { kind: 'text', text: value });
  for (let index = 0; index < rest.length && !validator.stopped; index += 1) {
    validator.push(index + 2, rest[index]!.map(toCell));
  }
  return validator.finish();
}

/** Drops empty headings at the end, which spreadsheets leave behind after deleted columns. */
export function trimTrailingEmpty(headings: string[]): string[] {
  let end = headings.length;
  while (end > 0 && headings[end - 1]!.trim() === '') end -= 1;
  return headings.slice(0, end);
}
