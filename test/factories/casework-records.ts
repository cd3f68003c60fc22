import { createHash } from 'node:crypto';
import { sql } from 'kysely';
import type { BulkTransaction, CopyValue, Database } from '../../src/db/database.ts';
import { RECORD_KINDS } from '../../src/casework/record-kinds.ts';
import type { CaseworkKind } from '../../src/casework/record-kind-types.ts';

/** A record row as a table takes it (column → value); ids and keys are filled in by insertRecords. */
export type RecordRow = Record<string, CopyValue>;

/** A deterministic uuid from a number, so tests can name rows. */
export function testUuid(n: number): string {
  return `00000000-0000-4000-8000-${n.toString(16).padStart(12, '0')}`;
}

const hex = (text: string) => createHash('sha256').update(text).digest('hex');

/** A partnership and an import row to hang test records on; returns their ids. */
export async function createCaseworkPartnership(database: Database, slug: string, kind: CaseworkKind = 'ehc-requests'): Promise<{ partnershipId: string; importId: string }> {
  const partnership = await database.db.insertInto('partnerships').values({ slug, name: slug }).returning('id').executeTakeFirstOrThrow();
  const created = await database.db.insertInto('casework_imports')
    .values({ partnership_id: partnership.id, kind, actor: 'test', actor_person_id: null, file_sha256: hex(slug) })
    .returning('id').executeTakeFirstOrThrow();
  return { partnershipId: partnership.id, importId: created.id };
}

/**
 * Bulk-loads synthetic records of one kind with COPY (the path a national benchmark uses), filling id,
 * partnership, import, record key and (for personal kinds) a pseudonym. Every row must have the same columns.
 */
export async function insertRecords(target: Database | BulkTransaction, kind: CaseworkKind, owner: { partnershipId: string; importId: string }, rows: readonly RecordRow[], firstId = 1): Promise<number> {
  if (rows.length === 0) return 0;
  const declaration = RECORD_KINDS[kind];
  const own = Object.keys(rows[0]!);
  const columns = ['id', 'partnership_id', 'import_id', 'record_key', ...(declaration.personal && !own.includes('person_pseudonym') ? ['person_pseudonym'] : []), ...own];
  const values = rows.map((row, i): CopyValue[] => {
    const n = firstId + i;
    return [testUuid(n), owner.partnershipId, owner.importId, hex(`${kind}:${n}`), ...(declaration.personal && !own.includes('person_pseudonym') ? [hex(`person:${n}`)] : []), ...own.map((c) => row[c] ?? null)];
  });
  return target.copyRows(declaration.table, columns, values);
}

/** Runs a SELECT built from generated SQL and returns its rows. */
export async function selectRows<T>(database: Database, text: string): Promise<T[]> {
  return (await sql.raw<T>(text).execute(database.db)).rows;
}
