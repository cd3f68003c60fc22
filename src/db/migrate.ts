import { createHash } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import type { Database } from './database.ts';

const MIGRATIONS_DIR = new URL('./migrations/', import.meta.url);
/** Any number, the same in every process: serialises migrators on one PostgreSQL server. */
const LOCK_KEY = 72_610_001;

export interface Migration {
  name: string;
  sql: string;
}

/** The migrations shipped with the app, in file-name order (0001-..., 0002-...). */
export function listMigrations(): Migration[] {
  return readdirSync(MIGRATIONS_DIR)
    .filter((name) => name.endsWith('.sql'))
    .sort()
    .map((name) => ({ name, sql: readFileSync(new URL(name, MIGRATIONS_DIR), 'utf8') }));
}

/** A hash of every migration's text: a test snapshot is reused only while this is unchanged. */
export function migrationsFingerprint(): string {
  const hash = createHash('sha256');
  for (const { name, sql } of listMigrations()) hash.update(name).update('\0').update(sql).update('\0');
  return hash.digest('hex').slice(0, 16);
}

/**
 * Applies the migrations not yet applied, each in its own transaction, in order.
 * Safe to run from two processes at once on PostgreSQL (an advisory lock inside each transaction).
 * @returns the names of the migrations it applied.
 */
export async function migrate(database: Database): Promise<string[]> {
  await database.exec(
    'create table if not exists schema_migrations (name text primary key, applied_at timestamptz not null default now())',
  );
  const applied: string[] = [];
  for (const migration of listMigrations()) {
    if (await isApplied(database, migration.name)) continue;
    const quoted = migration.name.replaceAll("'", "''");
    const lock = database.kind === 'postgres' ? `select pg_advisory_xact_lock(${LOCK_KEY});` : '';
    try {
      await database.exec(
        `begin; ${lock} insert into schema_migrations (name) values ('${quoted}');\n${migration.sql}\n; commit;`,
      );
      applied.push(migration.name);
    } catch (error) {
      await database.exec('rollback').catch(() => undefined);
      if (await isApplied(database, migration.name)) continue; // another process got there first
      throw new Error(`Migration ${migration.name} failed: ${(error as Error).message}`, { cause: error });
    }
  }
  return applied;
}

async function isApplied(database: Database, name: string): Promise<boolean> {
  const row = await database.db
    .selectFrom('schema_migrations')
    .select('name')
    .where('name', '=', name)
    .executeTakeFirst();
  return row !== undefined;
}
