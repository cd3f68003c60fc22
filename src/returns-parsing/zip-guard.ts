// Reads an XLSX's zip central directory ourselves, before exceljs inflates anything, so a
// small upload that expands to gigabytes (a zip bomb) is refused cheaply. Entries are inflated as a
// stream and only counted, so checking a 500 MB sheet never holds it in memory.
import { Readable } from 'node:stream';
import { createInflateRaw } from 'node:zlib';

const EOCD = 0x06054b50;
const CENTRAL = 0x02014b50;
const LOCAL = 0x04034b50;
const DESCRIPTOR = 0x08074b50;
const MAX_ENTRIES = 10_000;

/** One checked entry: its name and its bytes from local header to the end of its data (descriptor included). */
export interface CheckedEntry { name: string; bytes: Buffer }

/**
 * Outcome of the zip check: fine, with the checked entries (in file order) and the central directory, so a
 * streaming reader can be given only what was checked; or a message for the partner.
 */
export type ZipCheck = { ok: true; entries: CheckedEntry[]; directory: Buffer } | { ok: false; message: string };

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

interface Entry { name: string; method: number; compressed: number; uncompressed: number; localOffset: number }

function readCentralDirectory(bytes: Buffer): { entries: Entry[]; start: number } | null {
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
      name: bytes.toString('utf8', at + 46, Math.min(end, at + 46 + bytes.readUInt16LE(at + 28))),
      method: bytes.readUInt16LE(at + 10),
      compressed: bytes.readUInt32LE(at + 20),
      uncompressed: bytes.readUInt32LE(at + 24),
      localOffset: bytes.readUInt32LE(at + 42),
    });
    at += 46 + bytes.readUInt16LE(at + 28) + bytes.readUInt16LE(at + 30) + bytes.readUInt16LE(at + 32);
  }
  return { entries, start };
}

/** Where an entry's data starts, once its local header agrees with the central directory; -1 otherwise. */
function dataStart(bytes: Buffer, entry: Entry): number {
  const at = entry.localOffset;
  if (at + 30 > bytes.length || bytes.readUInt32LE(at) !== LOCAL) return -1;
  // Without a data descriptor (flag bit 3) the local sizes are what a streaming reader trusts: they must match.
  const described = (bytes.readUInt16LE(at + 6) & 0x08) !== 0;
  if (!described && (bytes.readUInt32LE(at + 18) !== entry.compressed || bytes.readUInt32LE(at + 22) !== entry.uncompressed)) return -1;
  const start = at + 30 + bytes.readUInt16LE(at + 26) + bytes.readUInt16LE(at + 28);
  return start + entry.compressed > bytes.length ? -1 : start;
}

/** Inflates a deflate stream and counts its bytes, stopping as soon as it passes `limit`. */
function inflatedSize(data: Buffer, limit: number): Promise<number | null> {
  return new Promise((resolve) => {
    let total = 0;
    const inflate = createInflateRaw({ chunkSize: 256 * 1024 });
    inflate.on('data', (chunk: Buffer) => {
      total += chunk.length;
      if (total > limit) {
        inflate.destroy();
        resolve(null);
      }
    });
    inflate.on('error', () => resolve(null));
    inflate.on('end', () => resolve(total));
    Readable.from([data]).pipe(inflate);
  });
}

/**
 * Checks that an entry really inflates to its declared size (a lying header is a bomb too); returns its
 * bytes from local header to the end of its data descriptor, or null.
 */
async function checkEntry(bytes: Buffer, entry: Entry): Promise<Buffer | null> {
  const start = dataStart(bytes, entry);
  if (start < 0) return null;
  const end = start + entry.compressed;
  if (entry.method === 0 ? entry.compressed !== entry.uncompressed : entry.method !== 8) return null;
  if (entry.method === 8 && (await inflatedSize(bytes.subarray(start, end), entry.uncompressed)) !== entry.uncompressed) return null;
  // APPNOTE 4.3.9: a data descriptor (flag bit 3) follows the data: crc and sizes, after an optional signature.
  const described = (bytes.readUInt16LE(entry.localOffset + 6) & 0x08) !== 0;
  const descriptor = !described ? 0 : end + 4 <= bytes.length && bytes.readUInt32LE(end) === DESCRIPTOR ? 16 : 12;
  return end + descriptor > bytes.length ? null : bytes.subarray(entry.localOffset, end + descriptor);
}

/**
 * Refuses an XLSX whose entries would expand beyond `maxUncompressedBytes`, judged from the
 * central directory and then confirmed entry by entry with inflation capped at the declared size.
 */
export async function checkZip(bytes: Buffer, maxUncompressedBytes: number): Promise<ZipCheck> {
  const directory = readCentralDirectory(bytes);
  if (!directory || directory.entries.length === 0) return unreadable;
  const { entries } = directory;
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
  const checked: CheckedEntry[] = [];
  for (const entry of [...entries].sort((a, b) => a.localOffset - b.localOffset)) {
    const part = await checkEntry(bytes, entry);
    if (!part) return unreadable;
    checked.push({ name: entry.name, bytes: part });
  }
  return { ok: true, entries: checked, directory: bytes.subarray(directory.start) };
}
