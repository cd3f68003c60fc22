import { MAX_DISCLOSURE_THRESHOLD, MIN_DISCLOSURE_THRESHOLD } from './disclosure-policy-service.ts';

/** A field problem, worded as GOV.UK error messages are. */
export interface FieldError {
  field: string;
  href: string;
  text: string;
}

export type DisclosureForm = Record<string, string | undefined>;

/** The "Disclosure policy" form: a whole number from 3 to 100. */
export function validateDisclosureForm(form: DisclosureForm): { ok: true; value: number } | { ok: false; errors: FieldError[] } {
  const raw = String(form.threshold ?? '').trim();
  const error = (text: string) => ({ ok: false as const, errors: [{ field: 'threshold', href: '#threshold', text }] });
  if (raw === '') return error('Enter the smallest count that may be shown');
  if (!/^-?\d+$/.test(raw)) return error('The smallest count shown must be a whole number, like 5');
  const value = Number(raw);
  if (value < MIN_DISCLOSURE_THRESHOLD) return error(`The smallest count shown must be ${MIN_DISCLOSURE_THRESHOLD} or more`);
  if (value > MAX_DISCLOSURE_THRESHOLD) return error(`The smallest count shown must be ${MAX_DISCLOSURE_THRESHOLD} or less`);
  return { ok: true, value };
}
