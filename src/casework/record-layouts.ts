import type { ReturnColumn, ReturnLayout } from '../returns-parsing/index.ts';
import { RECORD_KINDS } from './record-kinds.ts';
import type { CaseworkKind, FieldDeclaration } from './record-kind-types.ts';

/** Y/N columns accept these (ignoring case). */
export const FLAG_VALUES = ['Y', 'N', 'Yes', 'No'] as const;

/** Limits of one casework upload: a large council's year of records fits; national loads use COPY directly. */
export const CASEWORK_LIMITS = {
  maxRows: 250_000,
  maxColumns: 40,
  maxCellLength: 200,
  maxFileBytes: 64 * 1_048_576,
  maxUncompressedBytes: 512 * 1_048_576,
} as const;

function columnType(field: FieldDeclaration): Pick<ReturnColumn, 'type' | 'allowed'> {
  switch (field.type) {
    case 'date':
      return { type: 'date' };
    case 'age':
    case 'integer':
      return { type: 'integer' };
    case 'flag':
      return { type: 'enum', allowed: [...FLAG_VALUES] };
    case 'enum':
    case 'year-group':
      return { type: 'enum', allowed: [...(field.allowed ?? [])] };
    default:
      return { type: 'text' };
  }
}

/** The heading the person identifier has in a file: `Person ID`, or the heading mapped to it. */
export function personHeading(personColumn?: string): string {
  return personColumn?.trim() || 'Person ID';
}

/**
 * The parser layout (src/returns-parsing) of a record kind. `personColumn` maps another heading (say
 * `NHS number`) to the person identifier, which is then pseudonymised rather than refused.
 */
export function recordLayout(kind: CaseworkKind, options: { personColumn?: string } = {}): ReturnLayout {
  const columns: ReturnColumn[] = RECORD_KINDS[kind].fields.map((field) => ({
    key: field.key,
    heading: field.type === 'person-id' ? personHeading(options.personColumn) : field.heading,
    required: field.required,
    ...columnType(field),
  }));
  // No keyColumns: checkRecordFile finds a record given twice however its reference is spaced or cased. Casework
  // files hold records about children, so no message repeats a value from them (issue 12 item 3).
  return { columns, ...CASEWORK_LIMITS, maxProblems: 100, repeatValues: 'never' };
}
