import { resolve } from 'node:path';
import { z } from 'zod';

const schema = z.object({
  DATABASE_URL: z.string().url('DATABASE_URL must be a postgres:// URL').optional(),
  DATA_DIR: z.string().min(1).default('./data'),
  PORT: z.coerce.number().int().min(0).max(65_535).default(3000),
  HOST: z.string().min(1).default('localhost'),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  LOAD_EXAMPLES: z.enum(['true', 'false']).default('true'),
  NODE_ENV: z.string().default('development'),
  TRUST_PROXY: z.string().optional(),
  SESSION_SECRET: z.string().min(32, 'SESSION_SECRET must be at least 32 characters').optional(),
  CASEWORK_PSEUDONYM_KEY: z.string().min(32, 'CASEWORK_PSEUDONYM_KEY must be at least 32 characters').optional(),
});

export interface Config {
  database: { kind: 'postgres'; url: string } | { kind: 'pglite'; dataDir: string };
  port: number;
  host: string;
  logLevel: z.infer<typeof schema>['LOG_LEVEL'];
  loadExamples: boolean;
  production: boolean;
  /** Key for CSRF tokens and hashed sign-in counters; see resolveSecret in main.ts when unset. */
  sessionSecret: string | undefined;
  /** HMAC key for casework pseudonyms, kept outside the database; see resolvePseudonymKey in secret.ts when unset. */
  caseworkPseudonymKey: string | undefined;
  dataDir: string;
  /** Behind a TLS proxy: trust its X-Forwarded-For/Proto (true, a hop count, or comma-separated addresses). */
  trustProxy: boolean | number | string;
}

/** The only reader of the environment's settings; pure, so tests pass their own env. */
export function loadConfig(env: Record<string, string | undefined>): Config {
  const parsed = schema.safeParse(env);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`);
    throw new Error(`Invalid configuration:\n  ${lines.join('\n  ')}`);
  }
  const e = parsed.data;
  return {
    database: e.DATABASE_URL ? { kind: 'postgres', url: e.DATABASE_URL } : { kind: 'pglite', dataDir: resolve(e.DATA_DIR, 'pgdata') },
    port: e.PORT,
    host: e.HOST,
    logLevel: e.LOG_LEVEL,
    loadExamples: e.LOAD_EXAMPLES === 'true',
    production: e.NODE_ENV === 'production',
    sessionSecret: e.SESSION_SECRET,
    caseworkPseudonymKey: e.CASEWORK_PSEUDONYM_KEY,
    dataDir: resolve(e.DATA_DIR),
    trustProxy: e.TRUST_PROXY === undefined || e.TRUST_PROXY === 'false' ? false : e.TRUST_PROXY === 'true' ? true : /^\d+$/.test(e.TRUST_PROXY) ? Number(e.TRUST_PROXY) : e.TRUST_PROXY,
  };
}
