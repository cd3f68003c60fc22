// Test helpers shared by the returns-parsing tests, the import's fuzz test and the benchmark: a sample
// layout, XLSX built with exceljs, a hand-made zip, a seeded random generator and hostile-file generators.
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

const xmlEntry = (name: string, xml: string): ZipEntry => ({ name, data: Buffer.from(`<?xml version="1.0" encoding="UTF-8"?>${xml}`, 'utf8') });
const MAIN = 'http://schemas.openxmlformats.org/spreadsheetml/2006/main';
const RELS = 'http://schemas.openxmlformats.org/package/2006/relationships';
const OFFICE = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships';

/**
 * A workbook written by hand, one sheet "Return" of inline strings, so tests can put into its XML what no
 * spreadsheet program writes: entity definitions, character references to NUL, a DOCTYPE. Cells are raw XML text.
 */
export function rawXlsx(rows: string[][], doctype = ''): Buffer {
  const sheetRows = rows.map((cells, r) => `<row r="${r + 1}">${cells.map((text, c) => `<c r="${String.fromCharCode(65 + c)}${r + 1}" t="inlineStr"><is><t>${text}</t></is></c>`).join('')}</row>`).join('');
  return makeZip([
    xmlEntry('[Content_Types].xml', '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/><Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/></Types>'),
    xmlEntry('_rels/.rels', `<Relationships xmlns="${RELS}"><Relationship Id="rId1" Type="${OFFICE}/officeDocument" Target="xl/workbook.xml"/></Relationships>`),
    xmlEntry('xl/workbook.xml', `<workbook xmlns="${MAIN}" xmlns:r="${OFFICE}"><sheets><sheet name="Return" sheetId="1" r:id="rId1"/></sheets></workbook>`),
    xmlEntry('xl/_rels/workbook.xml.rels', `<Relationships xmlns="${RELS}"><Relationship Id="rId1" Type="${OFFICE}/worksheet" Target="worksheets/sheet1.xml"/></Relationships>`),
    xmlEntry('xl/worksheets/sheet1.xml', `${doctype}<worksheet xmlns="${MAIN}"><sheetData>${sheetRows}</sheetData></worksheet>`),
  ]);
}

/** DOCTYPEs a hostile workbook might carry: an entity expansion bomb ("billion laughs") and external entities. */
export const HOSTILE_DOCTYPES = {
  laughs: `<!DOCTYPE w [<!ENTITY a "lollollollollollollollollollol">${Array.from({ length: 8 }, (_, i) => `<!ENTITY ${String.fromCharCode(98 + i)} "${`&${String.fromCharCode(97 + i)};`.repeat(10)}">`).join('')}]>`,
  external: '<!DOCTYPE w [<!ENTITY x SYSTEM "file:///etc/passwd">]>',
  parameter: '<!DOCTYPE w [<!ENTITY % p SYSTEM "http://127.0.0.1:1/evil.dtd"> %p;]>',
} as const;

/** Deterministic PRNG (mulberry32) so every fuzz run sees the same inputs. */
export const seededRandom = mulberry32;

/** Text that a spreadsheet would run as a formula if it were written back unguarded (CWE-1236). */
export const FORMULA_INJECTIONS = ['=1+1', '+cmd', '-2+3', '@SUM(A1)', '\t=x', '\r=x', '=HYPERLINK("http://evil","click")', "=cmd|' /C calc'!A0"];

/** A file a fuzz generator made. */
export interface FuzzFile { bytes: Buffer; name: string }

/** One kind of malformed or hostile file: how many to make, how, and the message it must get when fixed. */
export interface FuzzGenerator { name: string; count: number; make: () => FuzzFile | Promise<FuzzFile>; expect?: RegExp }

/** What the generators start from: a well-formed return as text rows and as a workbook. */
export interface FuzzMaterial {
  headings: string[];
  rows: string[][];
  xlsx: Buffer;
  /** Index of a free-text column (comment, note). */
  textColumn: number;
  /** Per column, values that are wrong for it (or [] for none). */
  junk: string[][];
  maxCellLength: number;
  maxUncompressedBytes: number;
}

/**
 * The malformed and hostile files shared by the parser's fuzz test and the import's: truncated and
 * corrupted workbooks, random bytes, UTF-16 and Latin-1 text, huge cells, formula-looking text, wrong
 * types, shuffled columns and zip bombs. `scale` multiplies every count (at least 1 of each).
 */
export function hostileFiles(random: () => number, m: FuzzMaterial, scale = 1): FuzzGenerator[] {
  const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)]!;
  const int = (max: number) => Math.floor(random() * max);
  const withText = (text: (index: number) => string) => m.rows.map((row, index) => row.map((cell, column) => (column === m.textColumn ? text(index) : cell)));
  const zeros = Buffer.alloc(Math.min(8 * 1_048_576, Math.ceil(m.maxUncompressedBytes / 4)));
  let bomb: Buffer | undefined;
  // Many entries of zeros that together inflate beyond the limit: a real bomb, built once (deflating is the cost).
  const realBomb = () => (bomb ??= makeZip(Array.from({ length: Math.floor(m.maxUncompressedBytes / zeros.length) + 1 }, (_, i) => ({ name: `xl/worksheets/sheet${i + 1}.xml`, data: zeros }))));
  const generators: FuzzGenerator[] = [
    { name: 'truncated XLSX', count: 500, make: () => ({ bytes: m.xlsx.subarray(0, 1 + int(m.xlsx.length - 2)), name: 'r.xlsx' }), expect: /not a readable Excel workbook|is not an Excel workbook/ },
    {
      name: 'corrupted XLSX bytes', count: 300, make: () => {
        const bytes = Buffer.from(m.xlsx);
        for (let flips = 1 + int(8); flips > 0; flips -= 1) bytes[int(bytes.length - 22)] = int(256);
        return { bytes, name: 'r.xlsx' };
      },
    },
    { name: 'random bytes', count: 300, make: () => ({ bytes: Buffer.from(Array.from({ length: 1 + int(4000) }, () => int(256))), name: pick(['r.csv', 'r.xlsx', 'r.bin', 'r']) }) },
    { name: 'UTF-16 CSV', count: 150, make: () => ({ bytes: Buffer.concat([Buffer.from(pick([[0xff, 0xfe], [0xfe, 0xff]])), Buffer.from(csv([m.headings, ...m.rows]).toString(), 'utf16le')]), name: 'r.csv' }), expect: /CSV UTF-8/ },
    { name: 'Latin-1 CSV', count: 150, make: () => ({ bytes: Buffer.from(csv([m.headings, ...withText(() => `Café £${int(99)}`)]).toString(), 'latin1'), name: 'r.csv' }), expect: /CSV UTF-8/ },
    {
      name: 'huge cells', count: 100, make: () => {
        const huge = m.rows[0]!.map((cell, column) => (column === m.textColumn ? 'x'.repeat(m.maxCellLength + 1 + int(200_000)) : cell));
        return { bytes: csv([m.headings, ...m.rows.slice(1, 4), huge]), name: 'r.csv' };
      },
      expect: /characters long|row is too long/,
    },
    { name: 'formula injection in text', count: 300, make: () => ({ bytes: csv([m.headings, ...withText(() => pick(FORMULA_INJECTIONS))], pick([',', ';'])), name: 'r.csv' }) },
    { name: 'wrong types', count: 300, make: () => ({ bytes: csv([m.headings, ...m.rows.map((row) => row.map((cell, column) => (m.junk[column]?.length && random() < 0.2 ? pick(m.junk[column]!) : cell)))]), name: 'r.csv' }) },
    {
      name: 'shuffled columns', count: 200, make: () => {
        const order = m.headings.map((_, index) => index).sort(() => random() - 0.5);
        return { bytes: csv([order.map((i) => m.headings[i]!), ...m.rows.map((row) => order.map((i) => row[i]!))], pick([',', ';']), pick(['\n', '\r\n']), random() < 0.5), name: 'r.csv' };
      },
    },
    {
      name: 'zip bombs and lying zips', count: 100, make: () => {
        const kind = int(3);
        if (kind === 0) return { bytes: realBomb(), name: 'r.xlsx' };
        if (kind === 1) return { bytes: makeZip([{ name: 'xl/workbook.xml', data: Buffer.from('<x/>'), declaredSize: m.maxUncompressedBytes + 1 + int(0xfffffffe - m.maxUncompressedBytes - 1) }]), name: 'r.xlsx' };
        // Declares fewer bytes than it inflates to: caught when inflating with a cap at the declared size.
        return { bytes: makeZip([{ name: 'xl/worksheets/sheet1.xml', data: Buffer.alloc(1_001 + int(2 * 1_048_576)), declaredSize: int(1_000) }]), name: 'r.xlsx' };
      },
      expect: /expands to \d+ MB when opened|not a readable Excel workbook/,
    },
  ];
  return generators.map((g) => ({ ...g, count: Math.max(1, Math.round(g.count * scale)) }));
}
