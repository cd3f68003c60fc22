import { sql, type Kysely } from 'kysely';
import type { Schema } from '../../db/schema.ts';

export interface HealthReport {
  status: 'ok' | 'unavailable';
  database: { kind: string; ok: boolean; latencyMs: number; migrations?: number; error?: string };
}

/** Checks the database answers a query and reports how long it took. */
export class HealthService {
  constructor(
    private readonly db: Kysely<Schema>,
    private readonly kind: string,
  ) {}

  async check(): Promise<HealthReport> {
    const started = performance.now();
    try {
      const { rows } = await sql<{ n: number }>`select count(*)::int as n from schema_migrations`.execute(this.db);
      return { status: 'ok', database: { kind: this.kind, ok: true, latencyMs: Math.round(performance.now() - started), migrations: rows[0]?.n ?? 0 } };
    } catch {
      return { status: 'unavailable', database: { kind: this.kind, ok: false, latencyMs: Math.round(performance.now() - started), error: 'the database did not answer' } };
    }
  }
}
