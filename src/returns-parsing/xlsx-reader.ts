// Reads the return sheet of an XLSX as a stream (after the zip guard): exceljs's streaming WorkbookReader
// finds the sheets, shared strings and styles, and sheet-stream.ts turns the sheet's XML into rows, which
// are validated one at a time. Reading stops as soon as the validator does (row limit, problem cap), so
// memory follows the rows kept, not the size of the sheet.
import { Readable } from 'node:stream';
import ExcelJS from 'exceljs';
import { quote } from './cells.ts';
import { trimTrailingEmpty } from './csv-reader.ts';
import { sheetRows, type SheetContext } from './sheet-stream.ts';
import type { ParseResult, RawCell, ReturnLayout } from './types.ts';
import { RowValidator } from './validator.ts';
import { checkZip } from './zip-guard.ts';

export { toRawCell } from './cell-values.ts';

const UNREADABLE = 'The file is not a readable Excel workbook (.xlsx)';

/** Shared strings and styles (for date formats) are kept; hyperlinks and the rest ignored. */
const READER_OPTIONS = { worksheets: 'emit', sharedStrings: 'cache', styles: 'cache', hyperlinks: 'ignore', entries: 'ignore' } as const;

// What exceljs's streaming readers hold but do not declare.
interface Reader {
  sharedStrings?: unknown[];
  styles: { getStyleModel(id: number): { numFmt?: string } | null | undefined };
  properties?: { model?: { date1904?: boolean } };
  [Symbol.asyncIterator](): AsyncIterator<SheetReader>;
}
interface SheetReader { name?: string; id?: number | string; iterator: AsyncIterable<unknown> }

/** Heading text of a raw cell, for row 1. */
function headingText(cell: RawCell): string {
  if (cell.kind === 'text') return cell.text;
  if (cell.kind === 'number') return String(cell.value);
  if (cell.kind === 'date') return cell.iso;
  return '';
}

/** Parts exceljs's streaming reader must have read before a sheet (workbook-reader.js), then the sheets. */
const FIRST = ['xl/workbook.xml', 'xl/_rels/workbook.xml.rels', 'xl/sharedStrings.xml', 'xl/styles.xml'];
const readingOrder = (name: string) => (FIRST.includes(name) ? FIRST.indexOf(name) : name.startsWith('xl/worksheets/') ? FIRST.length + 1 : FIRST.length);

function* chunks(parts: Buffer[], size: number): Generator<Buffer> {
  for (const part of parts) for (let at = 0; at < part.length; at += size) yield part.subarray(at, at + size);
}

/** Parses XLSX bytes against a layout. Never throws: exceljs failures become a problem. */
export async function readXlsx(layout: ReturnLayout, bytes: Buffer): Promise<ParseResult> {
  const zip = await checkZip(bytes, layout.maxUncompressedBytes);
  if (!zip.ok) return { ok: false, problems: [{ message: zip.message }] };
  // Only the entries the guard checked reach exceljs, which reads local headers in order: the workbook,
  // shared strings and styles before the sheets, so it never sets a sheet aside in a temporary file; in
  // small chunks, because its zip reader copies what it has buffered each time more arrives.
  const ordered = [...zip.entries].sort((a, b) => readingOrder(a.name) - readingOrder(b.name));
  const input = Readable.from(chunks([...ordered.map((entry) => entry.bytes), zip.directory], 64 * 1024));
  try {
    const reader = new ExcelJS.stream.xlsx.WorkbookReader(input, READER_OPTIONS) as unknown as Reader;
    return await readSheets(layout, reader);
  } catch {
    return { ok: false, problems: [{ message: UNREADABLE }] };
  } finally {
    input.destroy();
  }
}

/** A cell style's number format; as exceljs does, style 0 and a workbook without styles.xml have none. */
function numberFormat(reader: Reader, style: number): string | undefined {
  if (style === 0) return undefined;
  try {
    return reader.styles.getStyleModel(style)?.numFmt;
  } catch {
    return undefined;
  }
}

/** Reads the sheet named Return, or else the first sheet (the zip's order is the workbook's order). */
async function readSheets(layout: ReturnLayout, reader: Reader): Promise<ParseResult> {
  let first: ParseResult | undefined;
  for await (const sheet of { [Symbol.asyncIterator]: () => reader[Symbol.asyncIterator]() }) {
    const named = (sheet.name ?? '').trim().toLowerCase() === 'return';
    // Another sheet after the first is skipped unread (exceljs drains its entry).
    if (first && !named) continue;
    const context: SheetContext = {
      sharedStrings: reader.sharedStrings,
      numberFormat: (style) => numberFormat(reader, style),
      date1904: Boolean(reader.properties?.model?.date1904),
    };
    const result = await readSheet(layout, sheet, context);
    if (named) return result;
    first ??= result;
  }
  // A zip without sheets is some other Office file (or not Office at all).
  return first ?? { ok: false, problems: [{ message: UNREADABLE }] };
}

async function readSheet(layout: ReturnLayout, sheet: SheetReader, context: SheetContext): Promise<ParseResult> {
  let validator: RowValidator | undefined;
  let heading: RawCell[] = [];
  let width = layout.maxColumns + 1;
  for await (const row of sheetRows(sheet.iterator, context, () => width)) {
    if (validator) {
      validator.push(row.number, row.cells, row.stray);
      if (validator.stopped) break;
      continue;
    }
    if (row.number === 1) heading = row.cells;
    // The heading row is row 1 even when it is blank; a sheet with no value anywhere is empty.
    if (!row.filled) continue;
    for (const cell of heading) {
      if (cell.kind === 'formula') return { ok: false, problems: [{ row: 1, message: 'Row 1: a heading contains a formula; paste values only' }] };
    }
    const headings = trimTrailingEmpty(heading.map(headingText));
    validator = new RowValidator(layout, headings, context.date1904);
    if (validator.stopped) break;
    // A first row of data below a blank row 1 (read at the heading row's width: the validator finds its strays).
    if (row.number !== 1) validator.push(row.number, row.cells, row.stray);
    width = headings.length;
  }
  if (!validator) return { ok: false, problems: [{ message: `The sheet ${quote(sheet.name ?? `Sheet${sheet.id ?? 1}`)} is empty` }] };
  return validator.finish();
}
