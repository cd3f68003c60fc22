// Writes the generated casework (casework-data.ts) to files in a temporary directory, in one streaming pass:
// - the base load: one CSV per record kind per calendar quarter of the record's first date (request received,
//   advice requested, review's plan or previous review, transfer's school year start, referral, identification,
//   register entry, event), as each record stood at BASE_END: the import files of CaseworkService.import;
// - the extra month: one CSV per kind with every record that started or changed in December 2024, as it stood at
//   FINAL_END (an import replaces a record with the same Record ID);
// - for DuckDB: one CSV per kind of every record as it stood at FINAL_END, in the tables' own columns.
import { appendFileSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { RECORD_KINDS } from '../src/casework/record-kinds.ts';
import { ageBand, CASEWORK_KINDS, yearGroupNumber, type CaseworkKind, type FieldDeclaration } from '../src/casework/record-kind-types.ts';
import { BASE_END, FINAL_END, generateCasework, type Cell, type GeneratedRecord, type ScaleSpec } from './casework-data.ts';
import { dayNumber, isoDay } from './casework-random.ts';

export interface CsvFile {
  kind: CaseworkKind;
  path: string;
  rows: number;
}

export interface CaseworkFiles {
  /** Base import files, in import order (kinds in CASEWORK_KINDS order, entries before events; quarters in order). */
  base: CsvFile[];
  /** The extra month's import files, one per kind that has any. */
  extra: CsvFile[];
  /** Every record at FINAL_END in table columns, for DuckDB. */
  duckdb: Record<CaseworkKind, CsvFile>;
  /** Rows per kind: base load, extra month, final state. */
  counts: Record<CaseworkKind, { base: number; extra: number; final: number }>;
  bytes: number;
}

/** The date that decides which file a record belongs to (and whether it exists yet at a cut-off). */
function startOf(kind: CaseworkKind, record: GeneratedRecord): number {
  switch (kind) {
    case 'ehc-requests':
      return record.received_on as number;
    case 'advice-requests':
      return record.requested_on as number;
    case 'annual-reviews':
      return (record.plan_issued_on ?? record.previous_review_on) as number;
    case 'phase-transfers':
      return dayNumber(`${(record.transfer_year as number) - 1}-09-01`);
    case 'referrals':
      return record.referred_on as number;
    case 'equipment-requests':
      return record.identified_on as number;
    case 'dsr-entries':
      return record.added_on as number;
    case 'dsr-events':
      return record.event_on as number;
  }
}

const dateKeys = Object.fromEntries(CASEWORK_KINDS.map((kind) => [kind, RECORD_KINDS[kind].fields.filter((f) => f.type === 'date').map((f) => f.key)])) as Record<CaseworkKind, string[]>;

/** The record as it stood at the end of `cutoff`: later events are not known yet (an outcome goes with its date). */
function asAt(kind: CaseworkKind, record: GeneratedRecord, cutoff: number): GeneratedRecord {
  const cut: GeneratedRecord = { ...record };
  for (const key of dateKeys[kind]) if (cut[key] !== null && (cut[key] as number) > cutoff) cut[key] = null;
  if (kind === 'ehc-requests') {
    if (cut.request_outcome_on === null) cut.request_outcome = null;
    if (cut.assessment_outcome_on === null) cut.assessment_outcome = null;
  }
  if (kind === 'annual-reviews' && cut.decision_on === null) cut.decision = null;
  return cut;
}

/** Whether any event of the record falls in (from, to]. */
function changedIn(kind: CaseworkKind, record: GeneratedRecord, from: number, to: number): boolean {
  return dateKeys[kind].some((key) => record[key] !== null && (record[key] as number) > from && (record[key] as number) <= to);
}

const text = (value: Cell, isDate: boolean): string => (value === null ? '' : isDate ? isoDay(value as number) : String(value));

/** The DuckDB table columns of a kind (the stored ones, in declaration order) and their DuckDB types. */
export function duckColumns(kind: CaseworkKind): { name: string; type: string; field: FieldDeclaration | null }[] {
  const declaration = RECORD_KINDS[kind];
  const typeOf = (f: FieldDeclaration) => (f.type === 'date' ? 'DATE' : f.type === 'flag' ? 'BOOLEAN' : f.type === 'year-group' || f.type === 'integer' ? 'INTEGER' : 'VARCHAR');
  return [
    ...declaration.fields.filter((f) => f.column !== null).map((f) => ({ name: f.column!, type: typeOf(f), field: f })),
    ...(declaration.derived ?? []).map((d) => ({ name: d.column, type: 'BOOLEAN', field: null })),
  ];
}

function duckLine(kind: CaseworkKind, record: GeneratedRecord): string {
  const flag = (f: FieldDeclaration, v: Cell) => (v === null ? (f.blankIsUnknown ? '' : 'false') : v === 'Y' ? 'true' : 'false');
  return duckColumns(kind).map(({ field }) => {
    if (!field) return RECORD_KINDS[kind].derived![0]!.from.some((key) => record[key] === 'Y') ? 'true' : 'false';
    const value = record[field.key] ?? null;
    if (field.type === 'flag') return flag(field, value);
    if (field.type === 'age') return value === null ? '' : (ageBand(value as number) ?? '');
    if (field.type === 'year-group') return value === null ? '' : String(yearGroupNumber(value as string));
    return text(value, field.type === 'date');
  }).join(',');
}

/** Appends lines to CSV files in batches, so a national run never holds a whole file in memory. */
class CsvWriter {
  readonly files = new Map<string, { file: CsvFile; lines: string[] }>();
  bytes = 0;

  add(kind: CaseworkKind, path: string, header: string, line: string): void {
    let entry = this.files.get(path);
    if (!entry) {
      entry = { file: { kind, path, rows: 0 }, lines: [header] };
      this.files.set(path, entry);
    }
    entry.lines.push(line);
    entry.file.rows += 1;
    if (entry.lines.length >= 20_000) this.flush(entry);
  }

  flush(entry: { file: CsvFile; lines: string[] }): void {
    if (entry.lines.length === 0) return;
    const chunk = `${entry.lines.join('\n')}\n`;
    this.bytes += Buffer.byteLength(chunk);
    appendFileSync(entry.file.path, chunk);
    entry.lines = [];
  }

  close(): CsvFile[] {
    for (const entry of this.files.values()) this.flush(entry);
    return [...this.files.values()].map((e) => e.file);
  }
}

const quarterOf = (day: number) => {
  const iso = isoDay(day);
  return `${iso.slice(0, 4)}-Q${Math.floor((Number(iso.slice(5, 7)) - 1) / 3) + 1}`;
};

/** Generates a scale's records and writes the base, extra-month and DuckDB files under `dir`. */
export function writeCaseworkFiles(scale: ScaleSpec, dir: string): CaseworkFiles {
  for (const sub of ['base', 'extra', 'duckdb']) mkdirSync(join(dir, sub), { recursive: true });
  const baseEnd = dayNumber(BASE_END);
  const finalEnd = dayNumber(FINAL_END);
  const writer = new CsvWriter();
  const headers = Object.fromEntries(CASEWORK_KINDS.map((kind) => [kind, RECORD_KINDS[kind].fields.map((f) => f.heading).join(',')])) as Record<CaseworkKind, string>;
  const duckHeaders = Object.fromEntries(CASEWORK_KINDS.map((kind) => [kind, duckColumns(kind).map((c) => c.name).join(',')])) as Record<CaseworkKind, string>;
  const importLine = (kind: CaseworkKind, record: GeneratedRecord) => RECORD_KINDS[kind].fields.map((f) => text(record[f.key] ?? null, f.type === 'date')).join(',');
  const counts = Object.fromEntries(CASEWORK_KINDS.map((kind) => [kind, { base: 0, extra: 0, final: 0 }])) as CaseworkFiles['counts'];
  generateCasework(scale, (kind, record) => {
    const start = startOf(kind, record);
    if (start > finalEnd) return;
    const final = asAt(kind, record, finalEnd);
    writer.add(kind, join(dir, 'duckdb', `${kind}.csv`), duckHeaders[kind], duckLine(kind, final));
    counts[kind].final += 1;
    if (start <= baseEnd) {
      writer.add(kind, join(dir, 'base', `${kind}-${quarterOf(start)}.csv`), headers[kind], importLine(kind, asAt(kind, record, baseEnd)));
      counts[kind].base += 1;
    }
    if (start > baseEnd || changedIn(kind, record, baseEnd, finalEnd)) {
      writer.add(kind, join(dir, 'extra', `${kind}.csv`), headers[kind], importLine(kind, final));
      counts[kind].extra += 1;
    }
  });
  const files = writer.close();
  const order = (f: CsvFile) => `${CASEWORK_KINDS.indexOf(f.kind)}:${f.path}`;
  const under = (sub: string) => files.filter((f) => f.path.startsWith(join(dir, sub))).sort((a, b) => order(a).localeCompare(order(b)));
  return {
    base: under('base'),
    extra: under('extra'),
    duckdb: Object.fromEntries(under('duckdb').map((f) => [f.kind, f])) as Record<CaseworkKind, CsvFile>,
    counts,
    bytes: writer.bytes,
  };
}
