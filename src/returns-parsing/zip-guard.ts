// Reads an XLSX's zip central directory ourselves, before exceljs inflates anything, so a
// small upload that expands to gigabytes (a zip bomb) is refused cheaply.
import { inflateRawSync } from 'node:zlib';

const EOCD = 0x06054b50;
const CENTRAL = 0x02014b50;
const LOCAL = 0x04034b50;
const MAX_ENTRIES = 10_000;

/** Outcome of the zip check: fine, or a message for the partner. */
export type ZipCheck = { ok: true } | { ok: false; message: string };

const unreadable: ZipCheck = { ok: false, message: 'The file is not a readable Excel workbook (.xlsx)' };

function megabytes(bytes: number): string {
  return `${Math.max(1, Math.round(bytes / 1_048_576))} MB`;
}

function findEndOfCentralDirectory(bytes: Buffer): number {
  // The record is 22 bytes plus a comment of up to 65,535 bytes, so it sits near the end.
  const lowest = Math.max(0, bytes.length - 22 - 0xffff);
  for (let at = bytes.length - 22; at >= lowest; at -= 1) {
    if (bytes.readUInt32LE(at) === EOCD && at + 22 + bytes.readUInt16LE(at + 20) <= bytes.length) return at;
  }
  return -1;
}

interface Entry { method: number; compressed: number; uncompressed: number; localOffset: number }

function readCentralDirectory(bytes: Buffer): Entry[] | null {
  const end = findEndOfCentralDirectory(bytes);
  if (end < 0) return null;
  const count = bytes.readUInt16LE(end + 10);
  const size = bytes.readUInt32LE(end + 12);
  const start = bytes.readUInt32LE(end + 16);
  // 0xFFFF / 0xFFFFFFFF mean ZIP64, which no return-sized workbook needs.
  if (count === 0xffff || start === 0xffffffff || count > MAX_ENTRIES || start + size > end) return null;
  const entries: Entry[] = [];
  let at = start;
  for (let i = 0; i < count; i += 1) {
    if (at + 46 > end || bytes.readUInt32LE(at) !== CENTRAL) return null;
    entries.push({
      method: bytes.readUInt16LE(at + 10),
      compressed: bytes.readUInt32LE(at + 20),
      uncompressed: bytes.readUInt32LE(at + 24),
      localOffset: bytes.readUInt32LE(at + 42),
    });
    at += 46 + bytes.readUInt16LE(at + 28) + bytes.readUInt16LE(at + 30) + bytes.readUInt16LE(at + 32);
  }
  return entries;
}

/** Checks that each entry really inflates to no more than its declared size (a lying header is a bomb too). */
function checkEntry(bytes: Buffer, entry: Entry): boolean {
  const at = entry.localOffset;
  if (at + 30 > bytes.length || bytes.readUInt32LE(at) !== LOCAL) return false;
  const dataStart = at + 30 + bytes.readUInt16LE(at + 26) + bytes.readUInt16LE(at + 28);
  if (dataStart + entry.compressed > bytes.length) return false;
  const data = bytes.subarray(dataStart, dataStart + entry.compressed);
  if (entry.method === 0) return entry.compressed === entry.uncompressed;
  if (entry.method !== 8) return false;
  try {
    const out = inflateRawSync(data, { maxOutputLength: Math.max(1, entry.uncompressed) });
    return out.length === entry.uncompressed;
  } catch {
    return false;
  }
}

/**
 * Refuses an XLSX whose entries would expand beyond `maxUncompressedBytes`, judged from the
 * central directory and then confirmed entry by entry with inflation capped at the declared size.
 */
export function checkZip(bytes: Buffer, maxUncompressedBytes: number): ZipCheck {
  const entries = readCentralDirectory(bytes);
  if (!entries || entries.length === 0) return unreadable;
  let total = 0;
  for (const entry of entries) {
    if (entry.uncompressed === 0xffffffff || entry.compressed === 0xffffffff) return unreadable;
    total += entry.uncompressed;
  }
  if (total > maxUncompressedBytes) {
    return {
      ok: false,
      message: `The workbook expands to ${megabytes(total)} when opened; the limit is ${megabytes(maxUncompressedBytes)}. Remove other sheets, pictures and formatting, or save it as CSV UTF-8`,
    };
  }
  for (const entry of entries) if (!checkEntry(bytes, entry)) return unreadable;
  return { ok: true };
}
