// Test helpers shared by the returns-parsing tests and the benchmark: a sample layout,
// XLSX built with exceljs, a hand-made zip, and a seeded random generator.
import { crc32, deflateRawSync } from 'node:zlib';
import ExcelJS from 'exceljs';
import { mulberry32 } from '../lib/random/seeded-random.ts';
import type { ReturnLayout } from './types.ts';

/** A layout like a real return: area, period, a count pair and a free-text comment. */
export function sampleLayout(overrides: Partial<ReturnLayout> = {}): ReturnLayout {
  return {
    columns: [
      { key: 'area', heading: 'Area', type: 'enum', required: true, allowed: ['North', 'South', 'East', 'West'] },
      { key: 'period', heading: 'Period end', type: 'date', required: true },
      { key: 'numerator', heading: 'Numerator', type: 'integer', required: true },
      { key: 'denominator', heading: 'Denominator', type: 'integer', required: true },
      { key: 'rate', heading: 'Rate', type: 'number', required: false },
      { key: 'comment', heading: 'Comment', type: 'text', required: false },
    ],
    maxRows: 1000,
    maxColumns: 20,
    maxCellLength: 500,
    maxFileBytes: 5 * 1_048_576,
    maxUncompressedBytes: 50 * 1_048_576,
    keyColumns: ['area', 'period'],
    ratio: { numerator: 'numerator', denominator: 'denominator' },
    ...overrides,
  };
}

/** The headings of the sample layout, in template order. */
export const HEADINGS = ['Area', 'Period end', 'Numerator', 'Denominator', 'Rate', 'Comment'];

/** Builds a CSV buffer from rows of cells, quoting where needed. */
export function csv(rows: string[][], separator = ',', eol = '\n', bom = false): Buffer {
  const field = (value: string) => (/[",;\r\n]/.test(value) ? `"${value.replaceAll('"', '""')}"` : value);
  const text = rows.map((row) => row.map(field).join(separator)).join(eol) + eol;
  return Buffer.from((bom ? '\uFEFF' : '') + text, 'utf8');
}

/** Builds an XLSX with exceljs; `cells` are exceljs cell values (numbers, dates, formulas...). */
export async function xlsx(rows: ExcelJS.CellValue[][], sheetName = 'Return', extraSheetFirst = false): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  if (extraSheetFirst) workbook.addWorksheet('Notes').addRow(['Read me first']);
  const sheet = workbook.addWorksheet(sheetName);
  for (const row of rows) sheet.addRow(row);
  sheet.getColumn(2).numFmt = 'yyyy-mm-dd';
  return Buffer.from(await workbook.xlsx.writeBuffer());
}

/** One entry of a hand-made zip: its name, its bytes, and optionally a lie about its size. */
export interface ZipEntry { name: string; data: Buffer; declaredSize?: number }

/** Writes a minimal deflate zip, so tests can craft bombs and lying headers. */
export function makeZip(entries: ZipEntry[]): Buffer {
  const locals: Buffer[] = [];
  const centrals: Buffer[] = [];
  let offset = 0;
  for (const entry of entries) {
    const name = Buffer.from(entry.name, 'utf8');
    const packed = deflateRawSync(entry.data);
    const size = entry.declaredSize ?? entry.data.length;
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(20, 4);
    local.writeUInt16LE(8, 8);
    local.writeUInt32LE(crc32(entry.data), 14);
    local.writeUInt32LE(packed.length, 18);
    local.writeUInt32LE(size, 22);
    local.writeUInt16LE(name.length, 26);
    const central = Buffer.alloc(46);
    central.writeUInt32LE(0x02014b50, 0);
    central.writeUInt16LE(20, 4);
    central.writeUInt16LE(20, 6);
    central.writeUInt16LE(8, 10);
    central.writeUInt32LE(crc32(entry.data), 16);
    central.writeUInt32LE(packed.length, 20);
    central.writeUInt32LE(size, 24);
    central.writeUInt16LE(name.length, 28);
    central.writeUInt32LE(offset, 42);
    locals.push(local, name, packed);
    centrals.push(central, name);
    offset += 30 + name.length + packed.length;
  }
  const directory = Buffer.concat(centrals);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(entries.length, 8);
  end.writeUInt16LE(entries.length, 10);
  end.writeUInt32LE(directory.length, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...locals, directory, end]);
}

/** Deterministic PRNG (mulberry32) so every fuzz run sees the same inputs. */
export const seededRandom = mulberry32;
