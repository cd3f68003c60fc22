import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import pg from 'pg';
import { openDatabase, type Database, type DatabaseKind } from '../../src/db/database.ts';
import { migrate, migrationsFingerprint } from '../../src/db/migrate.ts';

/** PGlite always; PostgreSQL too when DATABASE_URL is set (CI always sets it). */
export const DATABASE_KINDS: DatabaseKind[] = process.env.DATABASE_URL ? ['pglite', 'postgres'] : ['pglite'];

const snapshotDir = new URL('../../.cache/test-snapshots/', import.meta.url).pathname;

/**
 * A migrated PGlite data directory, dumped once per change of the migrations and reused:
 * loading it takes under a second, where initdb and migrating take several.
 */
export async function pgliteSnapshot(): Promise<Uint8Array> {
  const path = join(snapshotDir, `pglite-${migrationsFingerprint()}.tar.gz`);
  if (existsSync(path)) return readFileSync(path);
  const database = await openDatabase({ kind: 'pglite' });
  try {
    await migrate(database);
    const bytes = await database.dump!();
    mkdirSync(snapshotDir, { recursive: true });
    const temporary = `${path}.${process.pid}.tmp`;
    writeFileSync(temporary, bytes);
    renameSync(temporary, path); // atomic: a concurrent test process sees all of it or none
    return bytes;
  } finally {
    await database.close();
  }
}

async function adminQuery(url: string, sql: string): Promise<void> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    await client.query(sql);
  } finally {
    await client.end();
  }
}

/**
 * A migrated template database on the PostgreSQL server, created once per change of the
 * migrations; each test database is a copy of it (CREATE DATABASE ... TEMPLATE), not a fresh migrate.
 */
async function postgresTemplate(url: string): Promise<string> {
  const name = `so_tpl_${migrationsFingerprint()}`;
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    await client.query('select pg_advisory_lock(72610002)');
    const { rowCount } = await client.query('select 1 from pg_database where datname = $1', [name]);
    if (!rowCount) {
      const building = `${name}_building`;
      await client.query(`drop database if exists ${building}`);
      await client.query(`create database ${building}`);
      const target = new URL(url);
      target.pathname = `/${building}`;
      const database = await openDatabase({ kind: 'postgres', url: target.toString() });
      try {
        await migrate(database);
      } finally {
        await database.close();
      }
      await client.query(`alter database ${building} rename to ${name}`);
    }
    await client.query('select pg_advisory_unlock(72610002)');
  } finally {
    await client.end();
  }
  return name;
}

export interface TestDatabase extends Database {
  /** Closes and (on PostgreSQL) drops the database. */
  destroy(): Promise<void>;
  /** The connection URL of the test database (PostgreSQL only), for a child process to use it too. */
  url?: string;
}

/** A fresh, migrated, empty database of the given kind, started from a snapshot. */
export async function createTestDatabase(kind: DatabaseKind = 'pglite'): Promise<TestDatabase> {
  if (kind === 'pglite') {
    const database = await openDatabase({ kind: 'pglite', snapshot: await pgliteSnapshot() });
    return { ...database, destroy: () => database.close() };
  }
  const url = process.env.DATABASE_URL;
  if (!url) throw new Error('DATABASE_URL is not set: PostgreSQL tests need a server');
  const template = await postgresTemplate(url);
  const name = `so_test_${randomBytes(6).toString('hex')}`;
  for (let attempt = 1; ; attempt += 1) {
    try {
      await adminQuery(url, `create database ${name} template ${template}`);
      break;
    } catch (error) {
      // another test process copying the template at the same moment: wait and retry
      if (attempt >= 20 || !/being accessed by other users/.test((error as Error).message)) throw error;
      await new Promise((resolve) => setTimeout(resolve, 100 * attempt));
    }
  }
  const target = new URL(url);
  target.pathname = `/${name}`;
  const database = await openDatabase({ kind: 'postgres', url: target.toString() });
  return {
    ...database,
    url: target.toString(),
    destroy: async () => {
      await database.close();
      await adminQuery(url, `drop database if exists ${name} with (force)`);
    },
  };
}
