// Reads a worksheet's XML (ECMA-376 Part 1, 18.3.1: sheetData, row, c, v, f, is) as a stream of rows of
// raw cells, from the SAX events exceljs's streaming reader uses. Cells beyond the width asked for are
// never kept: only the first with a value is noted, so a row of 16,384 cells costs no more than its width.
import { createRequire } from 'node:module';
import { toRawCell } from './cell-values.ts';
import type { RawCell } from './types.ts';

interface SaxNode { name: string; attributes: Record<string, string | undefined> }
type SaxEvents = { eventType: 'opentag' | 'closetag' | 'text'; value: SaxNode | string }[];

// exceljs (a dependency) ships these as CommonJS without types; they are what its own WorksheetReader uses.
const require = createRequire(import.meta.url);
const parseSax = require('exceljs/lib/utils/parse-sax.js') as (input: AsyncIterable<unknown>) => AsyncIterable<SaxEvents>;
const { isDateFmt, excelToDate } = require('exceljs/lib/utils/utils.js') as { isDateFmt: (format: string | undefined) => boolean; excelToDate: (serial: number, date1904: boolean) => Date };

/** What cell values need from the rest of the workbook. */
export interface SheetContext {
  sharedStrings: unknown[] | undefined;
  /** The number format of a cell style (styles.xml cellXfs), if any. */
  numberFormat: (style: number) => string | undefined;
  date1904: boolean;
}

/** One row as read: `cells` holds the first `width` columns; `stray` is the first column past them with a value. */
export interface SheetRow { number: number; cells: RawCell[]; stray?: number; filled: boolean }

interface CellXml { column: number; style: number; type: string | undefined; formula: string | null; value: string | null }

/** Column number (from 1) of a reference such as `AB12`; undefined when there is none. */
function columnOf(reference: string | undefined): number | undefined {
  if (!reference) return undefined;
  let column = 0;
  for (const char of reference) {
    const code = char.charCodeAt(0);
    if (code < 65 || code > 90) break;
    column = column * 26 + code - 64;
  }
  return column > 0 ? column : undefined;
}

/** The value exceljs would give the cell, so toRawCell reads both readers alike. */
function cellValue(cell: CellXml, context: SheetContext): unknown {
  const { value, type } = cell;
  if (cell.formula !== null) {
    if (value === null) return { formula: cell.formula };
    const result = type === 'str' ? value : type === 'e' ? { error: value } : type === 'b' ? value !== '0' : Number.parseFloat(value);
    return { formula: cell.formula, result };
  }
  if (value === null) return null;
  switch (type) {
    case 's': return context.sharedStrings?.[Number.parseInt(value, 10)] ?? null;
    case 'inlineStr':
    case 'str': return value;
    case 'e': return { error: value };
    case 'b': return Number.parseInt(value, 10) !== 0;
    default: {
      const number = Number.parseFloat(value);
      return isDateFmt(context.numberFormat(cell.style)) ? excelToDate(number, context.date1904) : number;
    }
  }
}

/**
 * Rows of a worksheet's XML, in file order. `width()` is asked at each row, so the heading row can be
 * read wider than the rows after it.
 */
export async function* sheetRows(xml: AsyncIterable<unknown>, context: SheetContext, width: () => number): AsyncGenerator<SheetRow> {
  let row: SheetRow | undefined;
  let rowWidth = 0;
  let previousRow = 0;
  let previousColumn = 0;
  let cell: CellXml | undefined;
  let text: 'formula' | 'value' | undefined;
  for await (const events of parseSax(xml)) {
    for (const { eventType, value } of events) {
      if (eventType === 'text') {
        if (cell && text === 'formula') cell.formula += value as string;
        else if (cell && text === 'value') cell.value += value as string;
        continue;
      }
      const node = value as SaxNode;
      if (eventType === 'opentag') {
        if (node.name === 'row') {
          previousRow = Number.parseInt(node.attributes.r ?? '', 10) || previousRow + 1;
          previousColumn = 0;
          rowWidth = width();
          row = { number: previousRow, cells: Array.from({ length: rowWidth }, () => ({ kind: 'empty' }) as RawCell), filled: false };
        } else if (node.name === 'c' && row) {
          previousColumn = columnOf(node.attributes.r) ?? previousColumn + 1;
          cell = { column: previousColumn, style: Number.parseInt(node.attributes.s ?? '0', 10) || 0, type: node.attributes.t, formula: null, value: null };
        } else if (cell && node.name === 'f') {
          cell.formula = '';
          text = 'formula';
        } else if (cell && (node.name === 'v' || node.name === 'is')) {
          cell.value = '';
          text = 'value';
        } else if (cell && node.name === 't' && cell.value === null) {
          cell.value = '';
          text = 'value';
        }
      } else if (node.name === 'c' && row && cell) {
        const raw = toRawCell(cellValue(cell, context));
        if (raw.kind !== 'empty') row.filled = true;
        if (cell.column <= rowWidth) row.cells[cell.column - 1] = raw;
        else if (row.stray === undefined && raw.kind !== 'empty') row.stray = cell.column;
        cell = undefined;
        text = undefined;
      } else if (node.name === 'f' || node.name === 'v' || node.name === 'is') {
        text = undefined;
      } else if (node.name === 'row' && row) {
        yield row;
        row = undefined;
      }
    }
  }
}
