/**
 * Bulk loading with PostgreSQL's COPY ... FROM (text format), shared by both database kinds:
 * PostgreSQL streams the text through pg-copy-streams, PGlite reads it from `/dev/blob`.
 * COPY is about 4 times faster than batched INSERTs on PGlite (shared/design.md, "bulk load").
 */

/** A value COPY can load: text, a number, a boolean, or null (SQL NULL). Dates are 'YYYY-MM-DD' text. */
export type CopyValue = string | number | boolean | null;

const IDENTIFIER = /^[a-z_][a-z0-9_]*$/;

/** The COPY statement for a table and its columns; names must be plain lower-case identifiers. */
export function copyStatement(table: string, columns: readonly string[], source: 'stdin' | "'/dev/blob'"): string {
  for (const name of [table, ...columns]) {
    if (!IDENTIFIER.test(name)) throw new Error(`COPY: "${name}" is not a plain identifier`);
  }
  if (columns.length === 0) throw new Error('COPY: no columns');
  return `copy "${table}" (${columns.map((c) => `"${c}"`).join(', ')}) from ${source}`;
}

/** One value in COPY text format: `\N` for null, backslash escapes for tab, newline, carriage return and backslash. */
function encodeValue(value: CopyValue): string {
  if (value === null) return '\\N';
  if (typeof value === 'boolean') return value ? 't' : 'f';
  if (typeof value === 'number') {
    if (!Number.isFinite(value)) throw new Error('COPY: numbers must be finite');
    return String(value);
  }
  return value.replace(/[\\\t\n\r]/g, (c) => (c === '\\' ? '\\\\' : c === '\t' ? '\\t' : c === '\n' ? '\\n' : '\\r'));
}

/**
 * Encodes rows as COPY text in chunks of at most `rowsPerChunk` rows, so a million rows never
 * become one giant string. Every row must have one value per column.
 */
export function* copyTextChunks(width: number, rows: Iterable<readonly CopyValue[]>, rowsPerChunk = 20_000): Generator<{ text: string; rows: number }> {
  let lines: string[] = [];
  for (const row of rows) {
    if (row.length !== width) throw new Error(`COPY: a row has ${row.length} values for ${width} columns`);
    lines.push(`${row.map(encodeValue).join('\t')}\n`);
    if (lines.length >= rowsPerChunk) {
      yield { text: lines.join(''), rows: lines.length };
      lines = [];
    }
  }
  if (lines.length > 0) yield { text: lines.join(''), rows: lines.length };
}
