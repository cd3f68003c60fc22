// Entry point of the returns parser: files are read and validated in a worker thread (parse-pool.ts), so
// one hostile upload cannot exhaust the web process's memory or block its event loop.
import { parseInWorker } from './parse-pool.ts';
import type { ParseResult, ReturnLayout } from './types.ts';

export { neutraliseForExport } from './cells.ts';
export { sniffFile, type FileKind } from './read-file.ts';
export { checkZip } from './zip-guard.ts';
export { mergeProblems } from './validator.ts';
export { foundText, looksLikeIdentifier, mayRepeat } from './value-echo.ts';
export type { ColumnType, ParseResult, ReadRows, RepeatValues, ReturnColumn, ReturnLayout, ReturnProblem, ReturnValue } from './types.ts';

/**
 * Parses and validates an uploaded data return (CSV UTF-8 or XLSX) against its layout, in the parse worker
 * (memory-limited; see parse-pool.ts). Never throws and never rejects: every failure, the worker running
 * out of memory included, comes back as a problem for the partner.
 */
export function parseReturnFile(layout: ReturnLayout, bytes: Buffer, fileName: string): Promise<ParseResult> {
  return parseInWorker(layout, bytes, fileName);
}
