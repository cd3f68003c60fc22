// Builds dense hostile workbooks (issue 12, defect 15): a small .xlsx whose one sheet is hundreds of
// megabytes of numeric cells, within the upload limits. The sheet's XML is made a few thousand rows at a
// time and deflated as a stream into a zip built here (APPNOTE 4.3: local headers with sizes after the
// data, in a data descriptor), so making a 500 MB sheet holds only its compressed bytes in memory.
import { once } from 'node:events';
import { createDeflateRaw, crc32, deflateRawSync } from 'node:zlib';

const MAIN = 'http://schemas.openxmlformats.org/spreadsheetml/2006/main';
const RELS = 'http://schemas.openxmlformats.org/package/2006/relationships';
const OFFICE = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships';
const SHEET_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml';
const XML = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n';
const SHEET_TAIL = '</sheetData></worksheet>';

export interface DenseWorkbook { bytes: Buffer; rows: number; cells: number; sheetBytes: number }

interface Packed { name: string; data: Buffer[]; crc: number; compressed: number; size: number }

function columnName(index: number): string {
  let name = '';
  for (let n = index + 1; n > 0; n = Math.floor((n - 1) / 26)) name = String.fromCharCode(65 + ((n - 1) % 26)) + name;
  return name;
}

const escapeXml = (text: string) => text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

function packSmall(name: string, xml: string): Packed {
  const raw = Buffer.from(xml, 'utf8');
  const data = deflateRawSync(raw);
  return { name, data: [data], crc: crc32(raw), compressed: data.length, size: raw.length };
}

/** Deflates an entry as it is made: `head`, then `rowXml(n)` for n = 2, 3... while `head + rows + tail` fits `sheetBytes`. */
async function packStream(name: string, head: string, rowXml: (row: number) => string, tail: string, sheetBytes: number): Promise<Packed & { rows: number }> {
  const deflate = createDeflateRaw({ level: 6 });
  const data: Buffer[] = [];
  let compressed = 0;
  deflate.on('data', (chunk: Buffer) => {
    data.push(chunk);
    compressed += chunk.length;
  });
  let crc = 0;
  let size = 0;
  let row = 1;
  const write = async (text: string) => {
    const chunk = Buffer.from(text, 'utf8');
    crc = crc32(chunk, crc);
    size += chunk.length;
    if (!deflate.write(chunk)) await once(deflate, 'drain');
  };
  await write(head);
  for (let full = false; !full;) {
    const parts: string[] = [];
    let length = 0;
    while (parts.length < 4_000) {
      const xml = rowXml(row + 1);
      if (size + length + xml.length + tail.length > sheetBytes) {
        full = true;
        break;
      }
      parts.push(xml);
      length += xml.length;
      row += 1;
    }
    await write(parts.join(''));
  }
  await write(tail);
  const ended = once(deflate, 'end');
  deflate.end();
  await ended;
  return { name, data, crc, compressed, size, rows: row };
}

function zip(entries: Packed[]): Buffer {
  const out: Buffer[] = [];
  const central: Buffer[] = [];
  let offset = 0;
  for (const entry of entries) {
    const name = Buffer.from(entry.name, 'utf8');
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(20, 4);
    local.writeUInt16LE(0x08, 6); // sizes and crc follow the data
    local.writeUInt16LE(8, 8);
    local.writeUInt16LE(name.length, 26);
    const descriptor = Buffer.alloc(16);
    descriptor.writeUInt32LE(0x08074b50, 0);
    descriptor.writeUInt32LE(entry.crc >>> 0, 4);
    descriptor.writeUInt32LE(entry.compressed, 8);
    descriptor.writeUInt32LE(entry.size, 12);
    const record = Buffer.alloc(46);
    record.writeUInt32LE(0x02014b50, 0);
    record.writeUInt16LE(20, 4);
    record.writeUInt16LE(20, 6);
    record.writeUInt16LE(0x08, 8);
    record.writeUInt16LE(8, 10);
    record.writeUInt32LE(entry.crc >>> 0, 16);
    record.writeUInt32LE(entry.compressed, 20);
    record.writeUInt32LE(entry.size, 24);
    record.writeUInt16LE(name.length, 28);
    record.writeUInt32LE(offset, 42);
    out.push(local, name, ...entry.data, descriptor);
    central.push(record, name);
    offset += 30 + name.length + entry.compressed + 16;
  }
  const directory = Buffer.concat(central);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(entries.length, 8);
  end.writeUInt16LE(entries.length, 10);
  end.writeUInt32LE(directory.length, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...out, directory, end]);
}

/**
 * A workbook with one sheet named Return: `headings` in row 1 (shared strings), then rows of numbers
 * (`value(row, column)`, column from 0) until the sheet's XML reaches `sheetBytes`.
 */
export async function denseWorkbook(headings: string[], value: (row: number, column: number) => number, sheetBytes: number): Promise<DenseWorkbook> {
  const columns = headings.map((_, index) => columnName(index));
  const strings = headings.map((heading) => `<si><t>${escapeXml(heading)}</t></si>`).join('');
  const headingRow = `<row r="1">${columns.map((column, index) => `<c r="${column}1" t="s"><v>${index}</v></c>`).join('')}</row>`;
  // Cells without a reference are in the next column (ECMA-376 Part 1, 18.3.1.4: r is optional), as some writers save them.
  const rowXml = (row: number) => `<row r="${row}">${columns.map((_, index) => `<c><v>${value(row, index)}</v></c>`).join('')}</row>`;
  const sheet = await packStream('xl/worksheets/sheet1.xml', `${XML}<worksheet xmlns="${MAIN}"><sheetData>${headingRow}`, rowXml, SHEET_TAIL, sheetBytes);
  const bytes = zip([...parts(headings.length, strings), sheet]);
  return { bytes, rows: sheet.rows, cells: (sheet.rows - 1) * headings.length, sheetBytes: sheet.size };
}

/** The parts of a one-sheet workbook other than the sheet, with shared strings `strings` (XML of `si` elements). */
function parts(count: number, strings: string): Packed[] {
  return [
    packSmall('[Content_Types].xml', `<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/workbook.xml" ContentType="${SHEET_TYPE}.sheet.main+xml"/><Override PartName="/xl/worksheets/sheet1.xml" ContentType="${SHEET_TYPE}.worksheet+xml"/><Override PartName="/xl/sharedStrings.xml" ContentType="${SHEET_TYPE}.sharedStrings+xml"/></Types>`),
    packSmall('_rels/.rels', `<Relationships xmlns="${RELS}"><Relationship Id="rId1" Type="${OFFICE}/officeDocument" Target="xl/workbook.xml"/></Relationships>`),
    packSmall('xl/workbook.xml', `<workbook xmlns="${MAIN}" xmlns:r="${OFFICE}"><sheets><sheet name="Return" sheetId="1" r:id="rId1"/></sheets></workbook>`),
    packSmall('xl/_rels/workbook.xml.rels', `<Relationships xmlns="${RELS}"><Relationship Id="rId1" Type="${OFFICE}/worksheet" Target="worksheets/sheet1.xml"/><Relationship Id="rId2" Type="${OFFICE}/sharedStrings" Target="sharedStrings.xml"/></Relationships>`),
    packSmall('xl/sharedStrings.xml', `<sst xmlns="${MAIN}" count="${count}" uniqueCount="${count}">${strings}</sst>`),
  ];
}

/**
 * A workbook whose shared strings (which a reader keeps while it reads the sheet) are `bytes` of distinct
 * numbers as text, and whose sheet has `headings` only: memory, not rows, is what it spends.
 */
export async function sharedStringsWorkbook(headings: string[], bytes: number): Promise<{ bytes: Buffer; strings: number; stringBytes: number }> {
  const headingRow = `<row r="1">${headings.map((_, index) => `<c r="${columnName(index)}1" t="s"><v>${index}</v></c>`).join('')}</row>`;
  const sheet = packSmall('xl/worksheets/sheet1.xml', `${XML}<worksheet xmlns="${MAIN}"><sheetData>${headingRow}</sheetData></worksheet>`);
  const head = `${XML}<sst xmlns="${MAIN}">${headings.map((heading) => `<si><t>${escapeXml(heading)}</t></si>`).join('')}`;
  const strings = await packStream('xl/sharedStrings.xml', head, (n) => `<si><t>${n}</t></si>`, '</sst>', bytes);
  const others = parts(0, '').filter((part) => part.name !== 'xl/sharedStrings.xml');
  return { bytes: zip([...others, strings, sheet]), strings: strings.rows + headings.length - 1, stringBytes: strings.size };
}
