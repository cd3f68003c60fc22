import type { CopyValue } from '../db/copy-rows.ts';
import type { ReturnValue } from '../returns-parsing/index.ts';
import type { PseudonymPurpose } from './pseudonym.ts';
import { RECORD_KINDS } from './record-kinds.ts';
import { ageBand, yearGroupNumber, type CaseworkKind, type FieldDeclaration } from './record-kind-types.ts';

/** Rows ready for COPY into a record kind's table: only pseudonyms, codes, dates, flags and bands. */
export interface RecordRows {
  table: string;
  columns: string[];
  rows: CopyValue[][];
}

export interface RecordRowContext {
  partnershipId: string;
  importId: string;
  pseudonymise: (partnershipId: string, purpose: PseudonymPurpose, identifier: string) => string;
}

function cell(field: FieldDeclaration, value: ReturnValue | undefined, context: RecordRowContext): CopyValue {
  const empty = value === null || value === undefined || value === '';
  switch (field.type) {
    case 'person-id':
      return context.pseudonymise(context.partnershipId, 'person', String(value));
    case 'record-id':
    case 'reference':
      return empty ? null : context.pseudonymise(context.partnershipId, 'record', String(value));
    case 'flag':
      if (empty) return field.blankIsUnknown ? null : false;
      return /^y/i.test(String(value));
    case 'age':
      return empty ? null : ageBand(Number(value));
    case 'year-group':
      return empty ? null : yearGroupNumber(String(value));
    case 'code':
      return empty ? null : String(value).trim();
    default:
      return empty ? null : value!;
  }
}

/**
 * Turns checked rows into table rows. Identifiers are HMAC'd here, before anything reaches the database;
 * the raw values are not kept in the result.
 */
export function toRecordRows(kind: CaseworkKind, parsed: readonly Record<string, ReturnValue>[], context: RecordRowContext): RecordRows {
  const declaration = RECORD_KINDS[kind];
  const stored = declaration.fields.filter((field) => field.column !== null);
  const derived = declaration.derived ?? [];
  const columns = ['partnership_id', 'import_id', ...stored.map((f) => f.column!), ...derived.map((d) => d.column)];
  const fieldByKey = new Map(declaration.fields.map((f) => [f.key, f]));
  const rows = parsed.map((values) => [
    context.partnershipId,
    context.importId,
    ...stored.map((field) => cell(field, values[field.key], context)),
    ...derived.map((d) => d.from.some((key) => cell(fieldByKey.get(key)!, values[key], context) === true)),
  ]);
  return { table: declaration.table, columns, rows };
}
