import { ACTION_STATUSES, type ActionStatus } from './plan-document.ts';

/** A field problem, worded as GOV.UK error messages are: what to do, for the named field. */
export interface FieldError {
  field: string;
  /** The id of the input the error summary links to. */
  href: string;
  text: string;
}

/** What the form gives; who reported it is the signed-in person, not a field (issue 12 item 13). */
export interface ProgressUpdateInput {
  reportedOn: string;
  whatWeDid: string;
  /** Optional: the team or person the signed-in person reports for ("SEND team"). */
  onBehalfOf: string | null;
  statusAfter: ActionStatus | null;
}

export type ProgressUpdateForm = Partial<Record<'whatWeDid' | 'onBehalfOf' | 'day' | 'month' | 'year' | 'statusAfter', string>>;

export const MAX_UPDATE_LENGTH = 2000;

function isRealDate(year: number, month: number, day: number): boolean {
  const date = new Date(Date.UTC(year, month - 1, day));
  return date.getUTCFullYear() === year && date.getUTCMonth() === month - 1 && date.getUTCDate() === day;
}

function reportedOnErrors(form: ProgressUpdateForm, todayOn: string): { value?: string; error?: FieldError } {
  const parts = { day: form.day?.trim() ?? '', month: form.month?.trim() ?? '', year: form.year?.trim() ?? '' };
  const missing = (Object.keys(parts) as (keyof typeof parts)[]).filter((k) => parts[k] === '');
  const href = `#reportedOn-${missing[0] ?? 'day'}`;
  if (missing.length === 3) return { error: { field: 'reportedOn', href, text: 'Enter the date of the update' } };
  if (missing.length > 0) return { error: { field: 'reportedOn', href, text: `Date of the update must include a ${missing.join(' and a ')}` } };
  if (!/^\d{1,2}$/.test(parts.day) || !/^\d{1,2}$/.test(parts.month) || !/^\d{4}$/.test(parts.year)) {
    return { error: { field: 'reportedOn', href: '#reportedOn-day', text: 'Date of the update must be a real date, for example 27 3 2025' } };
  }
  const [y, m, d] = [Number(parts.year), Number(parts.month), Number(parts.day)];
  if (!isRealDate(y, m, d)) return { error: { field: 'reportedOn', href: '#reportedOn-day', text: 'Date of the update must be a real date' } };
  const value = `${parts.year}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
  if (value > todayOn) return { error: { field: 'reportedOn', href: '#reportedOn-day', text: 'Date of the update must be today or in the past' } };
  if (y < 2000) return { error: { field: 'reportedOn', href: '#reportedOn-year', text: 'Date of the update must be after 1 January 2000' } };
  return { value };
}

/** Validates the "add a progress update" form; returns the update or the errors, in page order. */
export function validateProgressUpdate(form: ProgressUpdateForm, todayOn: string): { ok: true; value: ProgressUpdateInput } | { ok: false; errors: FieldError[] } {
  const errors: FieldError[] = [];
  const whatWeDid = form.whatWeDid?.trim() ?? '';
  if (whatWeDid === '') errors.push({ field: 'whatWeDid', href: '#whatWeDid', text: 'Enter what was done' });
  else if (whatWeDid.length > MAX_UPDATE_LENGTH) errors.push({ field: 'whatWeDid', href: '#whatWeDid', text: `What was done must be ${MAX_UPDATE_LENGTH} characters or fewer` });
  const reportedOn = reportedOnErrors(form, todayOn);
  if (reportedOn.error) errors.push(reportedOn.error);
  const onBehalfOf = form.onBehalfOf?.trim() ?? '';
  if (onBehalfOf.length > 200) errors.push({ field: 'onBehalfOf', href: '#onBehalfOf', text: 'On behalf of must be 200 characters or fewer' });
  const status = form.statusAfter ?? 'unchanged';
  if (status !== 'unchanged' && !(ACTION_STATUSES as readonly string[]).includes(status)) {
    errors.push({ field: 'statusAfter', href: '#statusAfter', text: 'Select the status of the action after this update' });
  }
  if (errors.length > 0) return { ok: false, errors };
  return {
    ok: true,
    value: { whatWeDid, onBehalfOf: onBehalfOf || null, reportedOn: reportedOn.value!, statusAfter: status === 'unchanged' ? null : (status as ActionStatus) },
  };
}
