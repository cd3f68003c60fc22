// Row-by-row validation, so a reader can feed rows as it decodes them and stop early.
import { convertCell, quote } from './cells.ts';
import type { ParseResult, RawCell, ReturnColumn, ReturnLayout, ReturnProblem, ReturnValue } from './types.ts';
import { looksLikeIdentifier, mayRepeat } from './value-echo.ts';

/** Collects problems up to a cap, so one hostile file cannot produce millions of messages. */
export class ProblemList {
  readonly items: ReturnProblem[] = [];
  private dropped = 0;
  constructor(private readonly cap: number) {}

  /** Adds a problem, or counts it when the cap is reached. */
  add(problem: ReturnProblem): void {
    if (this.items.length < this.cap) this.items.push(problem);
    else this.dropped += 1;
  }

  /** Counts problems left out elsewhere, so the closing note counts them too. */
  countDropped(count: number): void {
    this.dropped += count;
  }

  /** True once the cap is reached: readers may stop reading. */
  get full(): boolean {
    return this.items.length >= this.cap;
  }

  /** The problems, with a closing note when some were left out. */
  list(): ReturnProblem[] {
    if (this.dropped === 0) return this.items;
    return [...this.items, { message: `${this.dropped} more problems are not shown; correct these and upload again` }];
  }
}

/**
 * Merges the parser's problems with those of later checks into one list in row order (problems of the whole
 * file last, the order within a row kept), capped like the parser's own list.
 */
export function mergeProblems(cap: number, lists: readonly (readonly ReturnProblem[])[], droppedElsewhere = 0): ReturnProblem[] {
  const ordered = lists.flat().map((problem, at) => ({ problem, at }))
    .sort((a, b) => (a.problem.row ?? Infinity) - (b.problem.row ?? Infinity) || a.at - b.at);
  const merged = new ProblemList(cap);
  for (const { problem } of ordered) merged.add(problem);
  merged.countDropped(droppedElsewhere);
  return merged.list();
}

/** Formats the partner-facing message for a cell problem. */
export function cellMessage(row: number, heading: string, detail: string): string {
  return `Row ${row}, column '${heading}': ${detail}`;
}

/** Validates rows one at a time against a layout; create it from the heading row. */
export class RowValidator {
  readonly problems: ProblemList;
  readonly rows: Record<string, ReturnValue>[] = [];
  /** The spreadsheet row number of each of `rows`, and the keys of its cells that had a problem. */
  readonly rowNumbers: number[] = [];
  readonly unparsed: string[][] = [];
  /** Position in the file of each layout column, or undefined when absent. */
  private readonly positions: (number | undefined)[];
  private readonly seenKeys = new Map<string, number>();
  private dataRows = 0;
  private tooManyRows = false;
  private readonly width: number;

  constructor(private readonly layout: ReturnLayout, headings: string[], private readonly date1904 = false) {
    this.problems = new ProblemList(layout.maxProblems ?? 100);
    this.width = headings.length;
    this.positions = layout.columns.map(() => undefined);
    this.checkHeadings(headings);
  }

  /** True when the headings were unusable or reading should stop. */
  get stopped(): boolean {
    return this.tooManyRows || this.problems.full || this.headingsBroken;
  }

  private headingsBroken = false;

  private checkHeadings(headings: string[]): void {
    const { layout, problems } = this;
    if (headings.length > layout.maxColumns) {
      problems.add({ row: 1, message: `The file has more than ${layout.maxColumns} columns; remove the columns that are not part of this return` });
      this.headingsBroken = true;
      return;
    }
    const byName = new Map(layout.columns.map((column, index) => [column.heading.trim().toLowerCase(), index]));
    headings.forEach((raw, position) => {
      // A UTF-8 byte-order mark, kept as text or read as Windows-1252 ("ï»¿") when a spreadsheet program
      // opened a CSV UTF-8 file in another encoding and saved it as a workbook, is not part of the heading.
      const heading = (position === 0 ? raw.replace(/^\s*(\uFEFF|\u00EF\u00BB\u00BF)/, '') : raw).trim();
      if (heading === '') {
        problems.add({ row: 1, message: `Column ${position + 1} has no heading` });
        return;
      }
      if (heading.length > layout.maxCellLength) {
        problems.add({ row: 1, message: `The heading in column ${position + 1} is too long` });
        return;
      }
      const index = byName.get(heading.toLowerCase());
      if (index === undefined) {
        // A heading is a cell too: one shaped like an identifier (a pasted NHS number, a date) is not repeated.
        if (looksLikeIdentifier(heading)) problems.add({ row: 1, column: `Column ${position + 1}`, message: `The heading of column ${position + 1} is not part of this return; remove the column or check its heading` });
        else problems.add({ row: 1, column: heading, message: `Column ${quote(heading)} is not part of this return; remove it or check its spelling` });
        return;
      }
      const column = layout.columns[index]!;
      if (this.positions[index] !== undefined) {
        problems.add({ row: 1, column: column.heading, message: `Column '${column.heading}' appears more than once` });
        return;
      }
      this.positions[index] = position;
    });
    layout.columns.forEach((column, index) => {
      if (this.positions[index] === undefined && column.required) {
        problems.add({ row: 1, column: column.heading, message: `Column '${column.heading}' is missing` });
      }
    });
    if (problems.items.length > 0) this.headingsBroken = true;
  }

  /**
   * Validates one data row; `row` is the spreadsheet row number. Blank rows are skipped.
   * `strayColumn` lets a sparse reader report a value far beyond the headings without padding.
   */
  push(row: number, cells: RawCell[], strayColumn?: number): void {
    if (this.stopped) return;
    const blank = (cell: RawCell) => cell.kind === 'empty' || (cell.kind === 'text' && cell.text.trim() === '');
    if (strayColumn === undefined && cells.every(blank)) return;
    this.dataRows += 1;
    if (this.dataRows > this.layout.maxRows) {
      this.problems.add({ message: `The file has more than ${this.layout.maxRows} rows of data; split it or remove empty rows` });
      this.tooManyRows = true;
      return;
    }
    let stray = strayColumn;
    for (let position = this.width; position < cells.length && stray === undefined; position += 1) {
      const cell = cells[position]!;
      if (cell.kind !== 'empty' && !(cell.kind === 'text' && cell.text.trim() === '')) stray = position + 1;
    }
    if (stray !== undefined) this.problems.add({ row, message: `Row ${row} has a value in column ${stray}, which has no heading` });
    const values: Record<string, ReturnValue> = {};
    const bad = new Set<string>();
    this.layout.columns.forEach((column, index) => {
      const position = this.positions[index];
      const cell: RawCell = position === undefined ? { kind: 'empty' } : (cells[position] ?? { kind: 'empty' });
      const outcome = convertCell(cell, column, this.layout.maxCellLength, this.date1904, this.layout.repeatValues);
      if ('problem' in outcome) {
        this.problems.add({ row, column: column.heading, message: cellMessage(row, column.heading, outcome.problem) });
        bad.add(column.key);
        values[column.key] = null;
      } else values[column.key] = outcome.value;
    });
    this.checkRatio(row, values, bad);
    this.checkDuplicate(row, values, bad);
    this.rows.push(values);
    this.rowNumbers.push(row);
    this.unparsed.push([...bad]);
  }

  private column(key: string): ReturnColumn | undefined {
    return this.layout.columns.find((column) => column.key === key);
  }

  private checkRatio(row: number, values: Record<string, ReturnValue>, bad: Set<string>): void {
    const ratio = this.layout.ratio;
    if (!ratio || bad.has(ratio.numerator) || bad.has(ratio.denominator)) return;
    const numerator = values[ratio.numerator];
    const denominator = values[ratio.denominator];
    if (typeof numerator !== 'number' || typeof denominator !== 'number' || numerator <= denominator) return;
    const top = this.column(ratio.numerator)?.heading ?? ratio.numerator;
    const bottom = this.column(ratio.denominator)?.heading ?? ratio.denominator;
    const repeat = mayRepeat(String(numerator), this.layout.repeatValues) && mayRepeat(String(denominator), this.layout.repeatValues);
    this.problems.add({ row, column: top, message: repeat ? `Row ${row}: '${top}' (${numerator}) is larger than '${bottom}' (${denominator})` : `Row ${row}: '${top}' is larger than '${bottom}'` });
  }

  private checkDuplicate(row: number, values: Record<string, ReturnValue>, bad: Set<string>): void {
    const keys = this.layout.keyColumns;
    if (!keys || keys.length === 0 || keys.some((key) => bad.has(key))) return;
    const id = JSON.stringify(keys.map((key) => values[key] ?? null));
    const first = this.seenKeys.get(id);
    if (first === undefined) {
      this.seenKeys.set(id, row);
      return;
    }
    const names = keys.map((key) => this.column(key)?.heading ?? key).join(', ');
    this.problems.add({ row, message: `Row ${row} repeats row ${first} (same ${names})` });
  }

  /**
   * Ends validation: the rows when nothing was wrong; otherwise every problem collected, with the rows read
   * (unless the headings were unusable) so the caller's row checks can run on them in the same pass.
   */
  finish(): Extract<ParseResult, { ok: true }> & { rowNumbers: number[] } | Extract<ParseResult, { ok: false }> {
    if (!this.headingsBroken && this.dataRows === 0) this.problems.add({ message: 'The file has headings but no rows of data' });
    const problems = this.problems.list();
    if (problems.length === 0) return { ok: true, rows: this.rows, rowNumbers: this.rowNumbers };
    // a file over the row limit is refused whole: its rows are not handed back (up to 250,000 of them would
    // cross from the parse worker for checks that cannot change the answer, and cost the memory the limit bounds)
    if (this.headingsBroken || this.tooManyRows) return { ok: false, problems };
    return { ok: false, problems, read: { rows: this.rows, rowNumbers: this.rowNumbers, unparsed: this.unparsed, complete: !this.tooManyRows && !this.problems.full } };
  }
}
