import { mkdirSync } from 'node:fs';
import { Kysely, PostgresDialect } from 'kysely';
import pg from 'pg';
import { PGliteClient } from './pglite-client.ts';
import { PGliteDialect } from './pglite-dialect.ts';
import type { Schema } from './schema.ts';

export type DatabaseKind = 'pglite' | 'postgres';

/** The application's database: Kysely for queries, plus raw multi-statement exec for migrations. */
export interface Database {
  kind: DatabaseKind;
  db: Kysely<Schema>;
  /** Runs a script of several statements (no parameters) on one connection. */
  exec(sql: string): Promise<void>;
  /** A gzipped dump of the data directory (PGlite only), for test snapshots. */
  dump?(): Promise<Uint8Array>;
  close(): Promise<void>;
}

export type DatabaseTarget =
  | { kind: 'postgres'; url: string }
  | { kind: 'pglite'; dataDir?: string; snapshot?: Uint8Array };

const DATE_OID = 1082;
const INT8_OID = 20;

export async function openDatabase(target: DatabaseTarget): Promise<Database> {
  return target.kind === 'postgres' ? openPostgres(target.url) : openPGlite(target);
}

async function openPGlite(target: { dataDir?: string; snapshot?: Uint8Array }): Promise<Database> {
  if (target.dataDir) mkdirSync(target.dataDir, { recursive: true });
  const client = await PGliteClient.open({
    ...(target.dataDir ? { dataDir: target.dataDir } : {}),
    ...(target.snapshot ? { snapshot: target.snapshot } : {}),
  });
  const db = new Kysely<Schema>({ dialect: new PGliteDialect(client) });
  return {
    kind: 'pglite',
    db,
    exec: (sql) => client.exec(sql),
    dump: () => client.dump(),
    // Kysely only destroys a driver it has used, so close the worker ourselves too.
    close: async () => {
      await db.destroy();
      await client.close();
    },
  };
}

async function openPostgres(url: string): Promise<Database> {
  const types = {
    getTypeParser: ((oid: number, format?: 'text' | 'binary') => {
      if (oid === DATE_OID) return (value: string) => value;
      if (oid === INT8_OID) return (value: string) => Number(value);
      return pg.types.getTypeParser(oid, format);
    }) as typeof pg.types.getTypeParser,
  };
  const pool = new pg.Pool({ connectionString: url, max: 10, types });
  // An idle connection dropped by the server (restart, failover) must not crash the process;
  // the pool replaces it on the next query.
  pool.on('error', () => undefined);
  const db = new Kysely<Schema>({ dialect: new PostgresDialect({ pool }) });
  await pool.query('select 1');
  return {
    kind: 'postgres',
    db,
    exec: async (sql) => {
      const client = await pool.connect();
      try {
        await client.query(sql);
      } finally {
        client.release();
      }
    },
    close: () => db.destroy(),
  };
}
