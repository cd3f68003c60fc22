// Reads and validates an uploaded file on the current thread: decide what kind of file it is (by its
// bytes), then read it. index.ts runs this in a worker thread (parse-thread.ts) for the web process.
import { readCsv } from './csv-reader.ts';
import type { ParseResult, ReturnLayout } from './types.ts';
import { readXlsx } from './xlsx-reader.ts';

/** What the first bytes say the file is. */
export type FileKind = 'zip' | 'xls' | 'other-binary' | 'text';

// Signatures of files partners upload by mistake; anything else that is not text is "other".
const SIGNATURES: { kind: FileKind; bytes: number[] }[] = [
  { kind: 'zip', bytes: [0x50, 0x4b, 0x03, 0x04] },
  { kind: 'xls', bytes: [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1] },
  { kind: 'other-binary', bytes: [0x25, 0x50, 0x44, 0x46] }, // %PDF
  { kind: 'other-binary', bytes: [0x50, 0x4b, 0x05, 0x06] }, // empty zip
  { kind: 'other-binary', bytes: [0x1f, 0x8b] }, // gzip
  { kind: 'other-binary', bytes: [0x89, 0x50, 0x4e, 0x47] }, // PNG
  { kind: 'other-binary', bytes: [0xff, 0xd8, 0xff] }, // JPEG
];

/** Classifies a file by its magic bytes, never by its name. */
export function sniffFile(bytes: Buffer): FileKind {
  for (const { kind, bytes: signature } of SIGNATURES) {
    if (bytes.length >= signature.length && signature.every((byte, index) => bytes[index] === byte)) return kind;
  }
  return 'text';
}

function extension(fileName: string): string {
  const dot = fileName.lastIndexOf('.');
  return dot < 0 ? '' : fileName.slice(dot + 1).trim().toLowerCase();
}

/** A size for people; a file's size is rounded up, so one just over a limit never reads as equal to it. */
function size(bytes: number): string {
  if (bytes < 1024) return `${bytes} bytes`;
  const [unit, divisor] = bytes < 1_048_576 ? ['KB', 1024] : ['MB', 1_048_576];
  const tenths = Math.ceil((bytes / divisor) * 10) / 10;
  return `${Number.isInteger(tenths) ? tenths : tenths.toFixed(1)} ${unit}`;
}

const fail = (message: string): ParseResult => ({ ok: false, problems: [{ message }] });

/**
 * Parses and validates an uploaded data return (CSV UTF-8 or XLSX) against its layout, on this thread.
 * Never throws and never rejects: every failure comes back as a problem for the partner.
 */
export async function readReturnFile(layout: ReturnLayout, bytes: Buffer, fileName: string): Promise<ParseResult> {
  try {
    if (bytes.length === 0) return fail('The file is empty');
    if (bytes.length > layout.maxFileBytes) {
      return fail(`The file is ${size(bytes.length)}; the limit is ${size(layout.maxFileBytes)}`);
    }
    const kind = sniffFile(bytes);
    const ext = extension(fileName);
    if (kind === 'zip') return await readXlsx(layout, bytes);
    if (kind === 'xls') return fail('This is an older Excel file (.xls). Save it as Excel Workbook (.xlsx) or CSV UTF-8 and upload that');
    if (kind === 'other-binary') return fail('The file must be a CSV (.csv) or Excel workbook (.xlsx)');
    if (ext === 'xlsx') return fail('The file is named .xlsx but is not an Excel workbook; save it again from Excel as .xlsx');
    if (ext !== 'csv' && ext !== 'txt') return fail('The file must be a CSV (.csv) or Excel workbook (.xlsx)');
    return readCsv(layout, bytes);
  } catch {
    // Nothing above should throw; this keeps the "never throws" promise if a library surprises us.
    return fail('The file could not be read; save it as CSV UTF-8 or .xlsx and try again');
  }
}
