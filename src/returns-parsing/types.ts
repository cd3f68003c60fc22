/** The kinds of value a return column may hold. */
export type ColumnType = 'text' | 'integer' | 'number' | 'date' | 'enum';

/** One column of a data return, as the partner sees it in the template. */
export interface ReturnColumn {
  /** Stable key used in parsed rows. */
  key: string;
  /** Heading in row 1 of the file; matched ignoring case and surrounding spaces. */
  heading: string;
  type: ColumnType;
  required: boolean;
  /** For `enum` columns: the accepted values (matched ignoring case, returned as written here). */
  allowed?: string[];
}

/** The shape and limits of one kind of data return. */
export interface ReturnLayout {
  columns: ReturnColumn[];
  maxRows: number;
  maxColumns: number;
  maxCellLength: number;
  maxFileBytes: number;
  /** Limit on the sum of the uncompressed sizes of the entries of an XLSX (zip bomb guard). */
  maxUncompressedBytes: number;
  /** Column keys that together identify a row; a second row with the same values is a duplicate. */
  keyColumns?: string[];
  /** When set, the numerator may not exceed the denominator on any row. */
  ratio?: { numerator: string; denominator: string };
  /** Stop collecting after this many problems (default 100) so a hostile file cannot flood the page. */
  maxProblems?: number;
}

/** A parsed cell: text, number, ISO date (`YYYY-MM-DD`) as text, or null when empty. */
export type ReturnValue = string | number | null;

/** One thing wrong with the file, worded for the partner who uploaded it. */
export interface ReturnProblem {
  /** Row number as the spreadsheet shows it (the heading row is 1). */
  row?: number;
  /** Column heading as the layout names it. */
  column?: string;
  /** Position (from 0) in the list of rows checked, for channels that send rows as a list (the API). */
  index?: number;
  message: string;
}

/** Result of parsing: either every row, or every problem found. */
export type ParseResult =
  | { ok: true; rows: Record<string, ReturnValue>[] }
  | { ok: false; problems: ReturnProblem[] };

/**
 * A raw cell as a reader hands it to the validator. Readers keep what the file said
 * (text stays text) so the validator alone decides what is acceptable.
 */
export type RawCell =
  | { kind: 'empty' }
  | { kind: 'text'; text: string }
  | { kind: 'number'; value: number }
  | { kind: 'date'; iso: string }
  | { kind: 'formula'; result: RawCell }
  | { kind: 'error'; text: string };
