import { hash, verify } from '@node-rs/argon2';
import { COMMON_PASSWORDS } from './common-passwords.ts';

/**
 * Password rules after the NCSC password guidance: length over complexity (at least 12 characters,
 * so three random words fit), no composition rules, no expiry, a deny-list of common passwords,
 * and long passphrases allowed (up to 256 characters).
 */
export const MIN_PASSWORD_LENGTH = 12;
export const MAX_PASSWORD_LENGTH = 256;

/** argon2id with the OWASP-recommended minimum cost (19 MiB, 2 iterations, 1 lane). */
/** 2 is Algorithm.Argon2id (a const enum, which isolated modules cannot read). */
const ARGON2_ID = 2;
const ARGON2_OPTIONS = { algorithm: ARGON2_ID, memoryCost: 19_456, timeCost: 2, parallelism: 1 };

/** A hash of a password nobody has, verified when the email is unknown so timing reveals nothing. */
let dummyHash: Promise<string> | undefined;

export function hashPassword(password: string): Promise<string> {
  return hash(password, ARGON2_OPTIONS);
}

export async function verifyPassword(passwordHash: string | null, password: string): Promise<boolean> {
  if (!passwordHash) {
    dummyHash ??= hashPassword('no account has this password, it only spends time');
    await verify(await dummyHash, password).catch(() => false);
    return false;
  }
  return verify(passwordHash, password).catch(() => false);
}

/** What is wrong with a new password, as a GOV.UK error message, or null when it is acceptable. */
export function passwordProblem(password: string, email: string): string | null {
  if (password.length === 0) return 'Enter a password';
  if (password.length < MIN_PASSWORD_LENGTH) return `Password must be ${MIN_PASSWORD_LENGTH} characters or more`;
  if (password.length > MAX_PASSWORD_LENGTH) return `Password must be ${MAX_PASSWORD_LENGTH} characters or fewer`;
  const lower = password.toLowerCase();
  if (COMMON_PASSWORDS.has(lower) || /^(.)\1+$/.test(password)) return 'Password is too common: choose one that is harder to guess, such as three random words';
  const local = email.split('@')[0]?.toLowerCase() ?? '';
  if (local.length >= 4 && lower.includes(local)) return 'Password must not contain your email address';
  return null;
}
