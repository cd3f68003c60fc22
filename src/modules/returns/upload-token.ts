// The checked rows of an uploaded file travel from the check page to "Submit these figures" in a hidden
// field, so nothing is stored before the partner confirms. The field is compressed and signed with an
// HMAC of the app secret over the partnership, schedule, period, person and expiry as well as the rows:
// a changed figure, or a token replayed for another return or by another person, is refused.
import { createHmac, timingSafeEqual } from 'node:crypto';
import { deflateRawSync, inflateRawSync } from 'node:zlib';
import type { ReturnRow } from './return-layout.ts';

/** How long a check page's "Submit these figures" stays valid. */
export const UPLOAD_TOKEN_TTL_MS = 60 * 60 * 1000;

/** What a token binds the rows to. */
export interface UploadBinding {
  partnershipId: string;
  schedule: string;
  period: string;
  personId: string;
}

export interface SignedUpload extends UploadBinding {
  fileName: string;
  note: string;
  rows: ReturnRow[];
  /** Milliseconds since the epoch. */
  expiresAt: number;
}

/** The most a token may inflate to: well above any file the upload accepts, far below a memory problem. */
const MAX_INFLATED_BYTES = 256 * 1_048_576;

const mac = (secret: string, payload: string) => createHmac('sha256', secret).update(`returns-upload:${payload}`).digest('base64url');

/** The rows (and what they are for) as a signed token: `<payload>.<hmac>`, both base64url. */
export function signUpload(secret: string, upload: SignedUpload): string {
  const compact = {
    p: upload.partnershipId,
    s: upload.schedule,
    d: upload.period,
    u: upload.personId,
    f: upload.fileName,
    n: upload.note,
    e: upload.expiresAt,
    r: upload.rows.map((r) => [r.breakdownValue, r.numerator, r.denominator, r.value]),
  };
  const payload = deflateRawSync(Buffer.from(JSON.stringify(compact))).toString('base64url');
  return `${payload}.${mac(secret, payload)}`;
}

const numberOrNull = (v: unknown) => (typeof v === 'number' && Number.isFinite(v) ? v : null);

/**
 * The upload a token carries, when its signature is right, it is bound to `expected` and it has not
 * expired; null otherwise (the caller says why in general terms: it does not matter which check failed).
 */
export function verifyUpload(secret: string, token: string, expected: UploadBinding, now: Date): SignedUpload | null {
  const dot = token.indexOf('.');
  if (dot <= 0) return null;
  const payload = token.slice(0, dot);
  const given = Buffer.from(token.slice(dot + 1));
  const wanted = Buffer.from(mac(secret, payload));
  if (given.length !== wanted.length || !timingSafeEqual(given, wanted)) return null;
  let compact: { p?: unknown; s?: unknown; d?: unknown; u?: unknown; f?: unknown; n?: unknown; e?: unknown; r?: unknown };
  try {
    compact = JSON.parse(inflateRawSync(Buffer.from(payload, 'base64url'), { maxOutputLength: MAX_INFLATED_BYTES }).toString('utf8'));
  } catch {
    return null;
  }
  if (compact.p !== expected.partnershipId || compact.s !== expected.schedule || compact.d !== expected.period || compact.u !== expected.personId) return null;
  if (typeof compact.e !== 'number' || compact.e < now.getTime() || !Array.isArray(compact.r)) return null;
  const rows = (compact.r as unknown[][]).map((r) => ({ breakdownValue: String(r[0] ?? ''), numerator: numberOrNull(r[1]), denominator: numberOrNull(r[2]), value: numberOrNull(r[3]) }));
  return { ...expected, fileName: String(compact.f ?? ''), note: String(compact.n ?? ''), rows, expiresAt: compact.e };
}
