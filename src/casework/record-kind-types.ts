/**
 * The shape of a casework record kind, declared once as data: its table, and for each column of the import
 * file its heading, type, allowed values and the database column it fills. The import layout
 * (record-layouts.ts), the row checks (record-checks.ts), the row writer and docs/casework-import.md all come
 * from these declarations.
 */

/** The record kinds of issue 6, as the command line and import API name them. */
export const CASEWORK_KINDS = [
  'ehc-requests', 'advice-requests', 'annual-reviews', 'phase-transfers', 'referrals', 'equipment-requests', 'dsr-entries', 'dsr-events',
] as const;
export type CaseworkKind = (typeof CASEWORK_KINDS)[number];

export function isCaseworkKind(value: unknown): value is CaseworkKind {
  return typeof value === 'string' && (CASEWORK_KINDS as readonly string[]).includes(value);
}

/**
 * - `record-id`: the partner's case reference; HMAC'd into `record_key`, never stored as written.
 * - `person-id`: the partner's person identifier (a case-system id, NHS number or UPN); HMAC'd into `person_pseudonym`.
 * - `reference`: a case reference of another record (e.g. the assessment an advice request belongs to); HMAC'd the
 *   same way as `record-id`, so the two match.
 * - `code`: a short code of the partner's own (area, provider): letters, digits and `&'()./_-` and spaces, 40 at most.
 * - `enum`: one of `allowed` (matched ignoring case). `flag`: Y/N (or Yes/No). `age`: whole years 0-25, stored as a band.
 * - `year-group`: national curriculum year N1, N2, R, 1-14 (stored -2, -1, 0, 1-14). `integer`: whole number in `min`-`max`.
 */
export type FieldType = 'record-id' | 'person-id' | 'reference' | 'code' | 'enum' | 'date' | 'flag' | 'age' | 'year-group' | 'integer';

export interface FieldDeclaration {
  /** Key of the parsed row. */
  key: string;
  /** Heading in row 1 of the file (matched ignoring case). */
  heading: string;
  type: FieldType;
  required: boolean;
  /** Database column it fills; null when it only feeds a derived column. */
  column: string | null;
  allowed?: readonly string[];
  min?: number;
  max?: number;
  /** What the partner should put there. */
  description: string;
  /** An example value for the documentation. */
  example: string;
  /** The DfE SEN2 person-level item it corresponds to, where one does. */
  sen2?: string;
  /** For a flag: a blank cell stays unknown (null) instead of meaning N. */
  blankIsUnknown?: boolean;
}

/** A cross-field check on a row; every message names the row and the column at fault. */
export type RowCheck =
  /** `later` may not be before `earlier` (both dates, when both are given). */
  | { kind: 'order'; earlier: string; later: string }
  /** Both given or neither (an outcome and its date). */
  | { kind: 'together'; keys: readonly [string, string] }
  /** `key` is required when `when` has one of `equals`. */
  | { kind: 'required-when'; key: string; when: string; equals: readonly string[] }
  /** `key` may be given only when `when` has one of `equals`. */
  | { kind: 'only-when'; key: string; when: string; equals: readonly string[] }
  /** At least one of the keys is given. */
  | { kind: 'one-of'; keys: readonly string[] };

export interface RecordKindDeclaration {
  kind: CaseworkKind;
  table: string;
  title: string;
  /** One paragraph for the documentation: what one row is. */
  description: string;
  fields: readonly FieldDeclaration[];
  checks: readonly RowCheck[];
  /** Columns computed from several fields (e.g. SEN2 Week20 from the four exception flags). */
  derived?: { column: string; from: readonly string[]; rule: 'any-true'; description: string }[];
  /** When true the table has person_pseudonym, area and age_band (every kind but DSR events). */
  personal: boolean;
}

/** DfE SEN2 / school census primary need codes for EHC plans (domain.md §2.1; DS new in SEN2 2025). */
export const SEN2_NEEDS = ['SPLD', 'MLD', 'SLD', 'PMLD', 'SEMH', 'SLCN', 'HI', 'VI', 'MSI', 'PD', 'ASD', 'DS', 'OTH'] as const;

/** The DfE age groups of the EHC plans publication (SEN2): under 5, 5-10, 11-15, 16-19, 20-25. */
export const AGE_BANDS = ['0-4', '5-10', '11-15', '16-19', '20-25'] as const;
export type AgeBand = (typeof AGE_BANDS)[number];

/** The age band of an age in whole years, or null outside 0-25 (the SEND age range). */
export function ageBand(age: number): AgeBand | null {
  if (!Number.isInteger(age) || age < 0 || age > 25) return null;
  if (age <= 4) return '0-4';
  if (age <= 10) return '5-10';
  if (age <= 15) return '11-15';
  if (age <= 19) return '16-19';
  return '20-25';
}

export const YEAR_GROUPS = ['N1', 'N2', 'R', '1', '2', '3', '4', '5', '6', '7', '8', '9', '10', '11', '12', '13', '14'] as const;

/** N1 → -2, N2 → -1, R → 0, '9' → 9. */
export function yearGroupNumber(text: string): number {
  const upper = text.toUpperCase();
  return upper === 'N1' ? -2 : upper === 'N2' ? -1 : upper === 'R' ? 0 : Number(text);
}
