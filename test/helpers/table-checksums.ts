import { sql } from 'kysely';
import type { Database } from '../../src/db/database.ts';

/** Row count and a checksum of every row of every table: equal before and after means nothing was written. */
export async function tableChecksums(database: Database): Promise<Record<string, string>> {
  const { rows: tables } = await sql<{ name: string }>`
    select table_name as name from information_schema.tables
    where table_schema = 'public' and table_type = 'BASE TABLE' order by table_name`.execute(database.db);
  const result: Record<string, string> = {};
  for (const { name } of tables) {
    const { rows } = await sql<{ n: number; digest: string | null }>`
      select count(*)::int as n, md5(coalesce(string_agg(t::text, '|' order by t::text), '')) as digest
      from ${sql.table(name)} t`.execute(database.db);
    result[name] = `${rows[0]!.n}:${rows[0]!.digest}`;
  }
  return result;
}
