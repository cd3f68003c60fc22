// Turns the cell values exceljs produces (and sheet-stream.ts mimics) into the raw cells the validator reads.
import type { RawCell } from './types.ts';

function dateToIso(date: Date): string | null {
  const time = date.getTime();
  if (!Number.isFinite(time)) return null;
  // exceljs builds dates at UTC midnight; round away float noise from the serial number.
  return new Date(Math.round(time / 1000) * 1000).toISOString().slice(0, 10);
}

/** Turns an exceljs cell value into a raw cell; exceljs value shapes are loosely typed, so probe them. */
export function toRawCell(value: unknown): RawCell {
  if (value === null || value === undefined) return { kind: 'empty' };
  if (typeof value === 'string') return value === '' ? { kind: 'empty' } : { kind: 'text', text: value };
  if (typeof value === 'number') return { kind: 'number', value };
  if (typeof value === 'boolean') return { kind: 'text', text: value ? 'TRUE' : 'FALSE' };
  if (value instanceof Date) {
    const iso = dateToIso(value);
    return iso ? { kind: 'date', iso } : { kind: 'error', text: 'invalid date' };
  }
  if (typeof value === 'object') {
    const record = value as Record<string, unknown>;
    if ('formula' in record || 'sharedFormula' in record) return { kind: 'formula', result: toRawCell(record['result']) };
    if ('error' in record) return { kind: 'error', text: String(record['error']) };
    if (Array.isArray(record['richText'])) {
      const text = (record['richText'] as { text?: unknown }[]).map((run) => (typeof run.text === 'string' ? run.text : '')).join('');
      return text === '' ? { kind: 'empty' } : { kind: 'text', text };
    }
    if ('text' in record) return toRawCell(record['text']);
  }
  return { kind: 'error', text: 'unrecognised value' };
}
