import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Config } from './config.ts';

/**
 * The key for CSRF tokens and hashed sign-in counters. SESSION_SECRET when set; on the embedded
 * database a key generated once and kept beside it (DATA_DIR/session-secret, owner-only);
 * PostgreSQL in production must be given one.
 */
export function resolveSecret(config: Config): string {
  if (config.sessionSecret) return config.sessionSecret;
  if (config.database.kind === 'pglite') {
    const path = join(config.dataDir, 'session-secret');
    if (existsSync(path)) return readFileSync(path, 'utf8').trim();
    mkdirSync(config.dataDir, { recursive: true });
    const secret = randomBytes(32).toString('base64url');
    writeFileSync(path, secret, { mode: 0o600 });
    return secret;
  }
  if (config.production) throw new Error('Set SESSION_SECRET (32 characters or more) when running with PostgreSQL in production');
  return randomBytes(32).toString('base64url');
}

/**
 * The HMAC key for casework pseudonyms (src/casework/pseudonym.ts). CASEWORK_PSEUDONYM_KEY when set. Otherwise,
 * outside production, a key generated once and kept in DATA_DIR/casework-pseudonym-key (owner-only), beside the
 * data directory and never inside the database, so re-imports give the same pseudonyms. In production with
 * PostgreSQL there is no default: casework imports are refused until the key is configured. Losing the key means
 * new imports no longer match earlier pseudonyms.
 */
export function resolvePseudonymKey(config: Config): string | undefined {
  if (config.caseworkPseudonymKey) return config.caseworkPseudonymKey;
  if (config.production && config.database.kind === 'postgres') return undefined;
  const path = join(config.dataDir, 'casework-pseudonym-key');
  if (existsSync(path)) return readFileSync(path, 'utf8').trim();
  mkdirSync(config.dataDir, { recursive: true });
  const key = randomBytes(32).toString('base64url');
  writeFileSync(path, key, { mode: 0o600 });
  return key;
}
