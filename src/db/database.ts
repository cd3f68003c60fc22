import { mkdirSync } from 'node:fs';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { Kysely, PostgresDialect } from 'kysely';
import pg from 'pg';
import { from as copyFromStdin } from 'pg-copy-streams';
import { copyStatement, copyTextChunks, type CopyValue } from './copy-rows.ts';
import { PGliteClient } from './pglite-client.ts';
import { PGliteDialect } from './pglite-dialect.ts';
import type { Schema } from './schema.ts';

export type DatabaseKind = 'pglite' | 'postgres';
export type { CopyValue } from './copy-rows.ts';

/** One transaction on one connection, in which rows can also be bulk-loaded with COPY. */
export interface BulkTransaction {
  /** Queries inside the transaction (do not start a nested transaction on it). */
  db: Kysely<Schema>;
  /**
   * Loads rows into a table with `COPY ... FROM` (text format) inside this transaction; returns the rows loaded.
   * Table and column names must be plain lower-case identifiers; each row has one value per column.
   */
  copyRows(table: string, columns: readonly string[], rows: Iterable<readonly CopyValue[]>): Promise<number>;
}

/** The application's database: Kysely for queries, plus raw multi-statement exec for migrations. */
export interface Database {
  kind: DatabaseKind;
  db: Kysely<Schema>;
  /** Runs a script of several statements (no parameters) on one connection. */
  exec(sql: string): Promise<void>;
  /**
   * Runs `work` in one transaction (committed when it resolves, rolled back when it throws) on one
   * connection, with COPY available: the way to load many rows all-or-nothing.
   */
  bulkTransaction<T>(work: (tx: BulkTransaction) => Promise<T>): Promise<T>;
  /** Loads rows with COPY in a transaction of its own (e.g. a benchmark's million rows); returns the rows loaded. */
  copyRows(table: string, columns: readonly string[], rows: Iterable<readonly CopyValue[]>): Promise<number>;
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
  // The transaction holds PGlite's one connection (see PGliteDialect), so the COPY messages sent
  // straight to the worker run inside it and nothing else interleaves.
  const bulkTransaction = <T>(work: (tx: BulkTransaction) => Promise<T>): Promise<T> =>
    db.transaction().execute((trx) =>
      work({
        db: trx,
        copyRows: async (table, columns, rows) => {
          const statement = copyStatement(table, columns, "'/dev/blob'");
          let loaded = 0;
          for (const chunk of copyTextChunks(columns.length, rows, 100_000)) loaded += await client.copyFromText(statement, chunk.text);
          return loaded;
        },
      }),
    );
  return {
    kind: 'pglite',
    db,
    exec: (sql) => client.exec(sql),
    bulkTransaction,
    copyRows: (table, columns, rows) => bulkTransaction((tx) => tx.copyRows(table, columns, rows)),
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
  const bulkTransaction = <T>(work: (tx: BulkTransaction) => Promise<T>): Promise<T> => postgresBulkTransaction(pool, work);
  return {
    kind: 'postgres',
    db,
    bulkTransaction,
    copyRows: (table, columns, rows) => bulkTransaction((tx) => tx.copyRows(table, columns, rows)),
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

/**
 * A transaction on one pooled client: Kysely runs over that client alone (a one-client pool whose
 * release does nothing), and COPY streams through the same client with pg-copy-streams.
 */
async function postgresBulkTransaction<T>(pool: pg.Pool, work: (tx: BulkTransaction) => Promise<T>): Promise<T> {
  const client = await pool.connect();
  const lent = { query: client.query.bind(client), release: () => undefined };
  const single = { connect: async () => lent, end: async () => undefined } as unknown as pg.Pool;
  const db = new Kysely<Schema>({ dialect: new PostgresDialect({ pool: single }) });
  let broken = false;
  try {
    await client.query('begin');
    const result = await work({
      db,
      copyRows: async (table, columns, rows) => {
        const stream = client.query(copyFromStdin(copyStatement(table, columns, 'stdin')));
        const text = (function* () {
          for (const chunk of copyTextChunks(columns.length, rows)) yield chunk.text;
        })();
        await pipeline(Readable.from(text), stream);
        return stream.rowCount;
      },
    });
    await client.query('commit');
    return result;
  } catch (error) {
    await client.query('rollback').catch(() => {
      broken = true;
    });
    throw error;
  } finally {
    await db.destroy();
    client.release(broken);
  }
}
