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
  /**
   * Which found values a message may repeat (value-echo.ts): `short-numbers` (the default, for data returns of
   * aggregate figures) repeats only a short plain number such as '-3'; `never` (casework files, which hold
   * records about children) repeats no value at all.
   */
  repeatValues?: RepeatValues;
}

/** Which values a problem message may quote back from the file. */
export type RepeatValues = 'short-numbers' | 'never';

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

/**
 * The rows a reader got through when the headings were usable, so checks beyond the cells (a period, dates in
 * order, totals) can run on every row whose cells converted, in the same pass as the cell problems.
 */
export interface ReadRows {
  rows: Record<string, ReturnValue>[];
  /** The spreadsheet row number of each row (blank rows are skipped, so these can jump). */
  rowNumbers: number[];
  /** For each row, the keys of the cells that had a problem (their value is null). */
  unparsed: string[][];
  /** False when reading stopped early (too many rows or problems): checks across rows would be misleading. */
  complete: boolean;
}

/** Result of parsing: either every row, or every problem found (with the rows read, when the headings were usable). */
export type ParseResult =
  | { ok: true; rows: Record<string, ReturnValue>[]; rowNumbers?: number[] }
  | { ok: false; problems: ReturnProblem[]; read?: ReadRows };

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
