import { sql } from 'kysely';
import type { BulkTransaction } from '../../db/database.ts';
import { periodColumns, periodDependencies } from '../../casework/indicators.ts';
import { monthStartSql } from '../../casework/period-scope.ts';
import { RECORD_KINDS } from '../../casework/record-kinds.ts';
import type { CaseworkKind } from '../../casework/record-kind-types.ts';
import type { RecordRows } from '../../casework/record-rows.ts';
import { CaseworkRowsRefused } from './casework-errors.ts';

export interface WrittenRecords {
  inserted: number;
  replaced: number;
  /** Month starts of the period-deciding dates (indicators.ts periodColumns) of the rows written and, where a replaced row's figures change, of the rows they replace. */
  months: string[];
}

const STAGE = 'casework_stage';

/** DSR events must belong to an entry already imported (or in the same partnership's register). */
async function checkEntriesExist(tx: BulkTransaction, partnershipId: string, entryKeys: (string | null)[]): Promise<void> {
  const { rows } = await sql<{ position: number }>`
    select s.position::int as position from unnest(${`{${entryKeys.join(',')}}`}::text[]) with ordinality as s(entry_key, position)
    where not exists (select 1 from casework_dsr_entries e where e.partnership_id = ${partnershipId} and e.record_key = s.entry_key)
    order by s.position limit 100`.execute(tx.db);
  if (rows.length > 0) {
    throw new CaseworkRowsRefused(rows.map((r) => ({
      row: r.position + 1, column: 'DSR entry ID',
      message: `Row ${r.position + 1}, column 'DSR entry ID': there is no register entry with this Record ID; import the entries (dsr-entries) first`,
    })));
  }
}

/**
 * Writes pseudonymised rows of one kind in the caller's transaction: COPY into a temporary table, then one
 * INSERT ... ON CONFLICT (partnership_id, record_key) DO UPDATE, so importing a case again replaces it.
 * Returns the months touched (the period-deciding dates of the new rows, and of a replaced row those whose figures
 * it changes, old and new), which the refresh recomputes.
 */
export async function writeRecords(tx: BulkTransaction, partnershipId: string, kind: CaseworkKind, records: RecordRows): Promise<WrittenRecords> {
  if (kind === 'dsr-events') {
    const entryColumn = records.columns.indexOf('entry_key');
    await checkEntriesExist(tx, partnershipId, records.rows.map((row) => row[entryColumn] as string));
  }
  const table = RECORD_KINDS[kind].table;
  await sql.raw(`create temporary table ${STAGE} (like ${table} including defaults) on commit drop`).execute(tx.db);
  await tx.copyRows(STAGE, records.columns, records.rows);
  const dependencies = periodDependencies(kind);
  const join = `${table} t on t.partnership_id = s.partnership_id and t.record_key = s.record_key`;
  const sources: string[] = [];
  if (dependencies) {
    // A new record touches the months of its dates; a replaced one only the months whose figures it changes: for
    // each period-deciding date, the old and the new month when a column counted in those months changed.
    const changed = (columns: string[]) => `row(${columns.map((c) => `s.${c}`).join(', ')}) is distinct from row(${columns.map((c) => `t.${c}`).join(', ')})`;
    const dates = [...dependencies].flatMap(([period, columns]) => [`case when t.record_key is null or ${changed(columns)} then s.${period} end`, `case when ${changed(columns)} then t.${period} end`]);
    sources.push(`select unnest(array[${dates.join(', ')}]::date[]) as d from ${STAGE} s left join ${join}`);
  } else if (kind === 'dsr-entries') {
    // An entry counts in the month-end snapshots of its time on the register (recomputed from the earliest touched
    // month on) and gives its area to its events: a new entry touches the month it was added; a replaced one the
    // month from which its time on the register or its area changed, and its events' months when the area changed.
    const moved = 's.area is distinct from t.area or s.added_on is distinct from t.added_on';
    sources.push(`select unnest(array[case when t.record_key is null or ${moved} then least(s.added_on, t.added_on) end,`
      + ` case when s.removed_on is distinct from t.removed_on then least(s.removed_on, t.removed_on) end]::date[]) as d from ${STAGE} s left join ${join}`);
    sources.push(`select ev.event_on from casework_dsr_events ev join ${STAGE} s on ev.partnership_id = s.partnership_id and ev.entry_key = s.record_key`
      + ` join ${table} t on t.partnership_id = s.partnership_id and t.record_key = s.record_key where s.area is distinct from t.area`);
  } else {
    const dates = (alias: string) => `array[${periodColumns(kind).map((c) => `${alias}.${c}`).join(', ')}]::date[]`;
    sources.push(`select unnest(${dates('s')}) as d from ${STAGE} s`, `select unnest(${dates('t')}) from ${STAGE} s join ${join}`);
  }
  const { rows: monthRows } = await sql.raw<{ month: string }>(
    `select distinct ${monthStartSql('x.d')} as month from (${sources.join(' union all ')}) x where x.d is not null order by 1`,
  ).execute(tx.db);
  const updates = records.columns.filter((c) => c !== 'partnership_id' && c !== 'record_key').map((c) => `${c} = excluded.${c}`).join(', ');
  const columns = records.columns.join(', ');
  const { rows } = await sql.raw<{ inserted: number; total: number }>(
    `with up as (insert into ${table} (${columns}) select ${columns} from ${STAGE} on conflict (partnership_id, record_key) do update set ${updates}`
    + ' returning (xmax = 0) as inserted) select (count(*) filter (where inserted))::int as inserted, count(*)::int as total from up',
  ).execute(tx.db);
  const inserted = rows[0]?.inserted ?? 0;
  await sql.raw(`drop table ${STAGE}`).execute(tx.db);
  return { inserted, replaced: (rows[0]?.total ?? 0) - inserted, months: monthRows.map((r) => r.month) };
}
