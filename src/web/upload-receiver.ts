// Receives an uploaded file (multipart/form-data: data returns, casework records) by streaming it to a
// temporary file, so the size limit is enforced as the bytes arrive and a large file never sits in the
// request. The CSRF field must come before the file (the forms put it first), so no byte of a forged
// upload is written; the temporary directory is always removed.
import { createWriteStream } from 'node:fs';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { pipeline } from 'node:stream/promises';
import type { FastifyRequest } from 'fastify';
import type {} from '@fastify/multipart';
import { csrfTokenMatches } from './security.ts';

/** `fields`: the form's other text fields (the first value of each; never `_csrf`). */
export type Received =
  | { ok: true; fileName: string; bytes: Buffer; fields: Record<string, string> }
  | { ok: false; reason: 'csrf' | 'no-file' | 'too-large' | 'unreadable'; fileName: string; fields: Record<string, string> };

/** The multipart limits of an upload form: one file, a few short fields. */
export function multipartLimits(maxFileBytes: number) {
  return { fileSize: maxFileBytes, files: 1, fields: 5, fieldSize: 4_096, parts: 8, headerPairs: 100 };
}

/** A file name as the browser sent it, safe to show and store: no path, no control characters, 200 characters at most. */
export function cleanFileName(name: string | undefined): string {
  return basename(String(name ?? '').replaceAll('\\', '/'))
    .replace(/[\p{Cc}\p{Cf}]/gu, '')
    .trim()
    .slice(0, 200);
}

/**
 * Reads the upload form of `request`: the `_csrf` field and any other short fields, then the `file`
 * (streamed to a temporary file; cut off, and reported as too large, past `maxFileBytes`). Never throws
 * for a malformed request.
 */
export async function receiveUpload(request: FastifyRequest, maxFileBytes: number): Promise<Received> {
  const dir = await mkdtemp(join(tmpdir(), 'send-outcomes-upload-'));
  let csrf: unknown;
  let result: Received | undefined;
  const fields: Record<string, string> = {};
  try {
    for await (const part of request.parts({ limits: multipartLimits(maxFileBytes) })) {
      if (part.type === 'field') {
        if (part.fieldname === '_csrf') csrf = part.value;
        else if (typeof part.value === 'string' && !Object.hasOwn(fields, part.fieldname)) fields[part.fieldname] = part.value;
        continue;
      }
      const fileName = cleanFileName(part.filename);
      if (result || part.fieldname !== 'file' || !csrfTokenMatches(request, csrf)) {
        // not read: drain it so the request can finish (busboy discards the bytes)
        part.file.resume();
        continue;
      }
      const path = join(dir, 'upload');
      await pipeline(part.file, createWriteStream(path, { mode: 0o600 }));
      if (part.file.truncated) {
        result = { ok: false, reason: 'too-large', fileName, fields };
        continue;
      }
      const bytes = await readFile(path);
      result = bytes.length === 0 && fileName === '' ? { ok: false, reason: 'no-file', fileName, fields } : { ok: true, fileName, bytes, fields };
    }
  } catch {
    result = { ok: false, reason: 'unreadable', fileName: '', fields };
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
  if (!csrfTokenMatches(request, csrf)) return { ok: false, reason: 'csrf', fileName: '', fields: {} };
  return result ?? { ok: false, reason: 'no-file', fileName: '', fields };
}
