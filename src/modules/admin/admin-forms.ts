import { ORGANISATION_KINDS, isRole, passwordProblem, type OrganisationKind, type Role } from '../accounts/index.ts';

/** A field problem, worded as GOV.UK error messages are: what to do, for the named field. */
export interface FieldError {
  field: string;
  /** The id of the input the error summary links to (none for a problem with the whole form). */
  href?: string;
  text: string;
}

export type FormResult<T> = { ok: true; value: T } | { ok: false; errors: FieldError[] };
export type FormValues = Record<string, string | undefined>;

export const MAX_NAME_LENGTH = 200;
const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

const text = (form: FormValues, key: string) => (typeof form[key] === 'string' ? form[key].trim() : '');

function result<T>(errors: FieldError[], value: () => T): FormResult<T> {
  return errors.length > 0 ? { ok: false, errors } : { ok: true, value: value() };
}

/** The "Add an organisation" form: name (required, at most 200 characters), kind, optional area. */
export function validateOrganisation(form: FormValues): FormResult<{ name: string; kind: OrganisationKind; area: string | null }> {
  const errors: FieldError[] = [];
  const name = text(form, 'name');
  const kind = text(form, 'kind');
  const area = text(form, 'area');
  if (name === '') errors.push({ field: 'name', href: '#name', text: 'Enter the name of the organisation' });
  else if (name.length > MAX_NAME_LENGTH) errors.push({ field: 'name', href: '#name', text: `Name of the organisation must be ${MAX_NAME_LENGTH} characters or fewer` });
  if (!(ORGANISATION_KINDS as readonly string[]).includes(kind)) errors.push({ field: 'kind', href: '#kind', text: 'Select the kind of organisation' });
  if (area.length > MAX_NAME_LENGTH) errors.push({ field: 'area', href: '#area', text: `Area must be ${MAX_NAME_LENGTH} characters or fewer` });
  return result(errors, () => ({ name, kind: kind as OrganisationKind, area: area || null }));
}

function organisationAndRole(form: FormValues, organisationIds: readonly string[], errors: FieldError[]) {
  const organisationId = text(form, 'organisation');
  const role = text(form, 'role');
  if (!organisationIds.includes(organisationId)) errors.push({ field: 'organisation', href: '#organisation', text: 'Select an organisation' });
  if (!isRole(role)) errors.push({ field: 'role', href: '#role', text: 'Select a role' });
  return { organisationId, role: role as Role };
}

/** The "Invite a person" form: email, one of the partnership's organisations, and a role. */
export function validateInvite(form: FormValues, organisationIds: readonly string[]): FormResult<{ email: string; organisationId: string; role: Role }> {
  const errors: FieldError[] = [];
  const email = text(form, 'email').toLowerCase();
  if (email === '') errors.push({ field: 'email', href: '#email', text: 'Enter an email address' });
  else if (!EMAIL.test(email) || email.length > 254) errors.push({ field: 'email', href: '#email', text: 'Enter an email address in the correct format, like name@example.org' });
  const chosen = organisationAndRole(form, organisationIds, errors);
  return result(errors, () => ({ email, ...chosen }));
}

/** The "Add a role" form on a person's page. */
export function validateRole(form: FormValues, organisationIds: readonly string[]): FormResult<{ organisationId: string; role: Role }> {
  const errors: FieldError[] = [];
  const chosen = organisationAndRole(form, organisationIds, errors);
  return result(errors, () => chosen);
}

/**
 * Accepting an invitation: a new person gives their name and chooses a password (twice); a person
 * who already has an account confirms with their password. Every field's problem is reported at once,
 * the password's strength (passwords.ts, checked again by the service) included.
 */
export function validateAcceptance(form: FormValues, hasAccount: boolean, email = ''): FormResult<{ displayName: string; password: string }> {
  const errors: FieldError[] = [];
  const password = typeof form.password === 'string' ? form.password : '';
  if (hasAccount) {
    if (password === '') errors.push({ field: 'password', href: '#password', text: 'Enter your password' });
    return result(errors, () => ({ displayName: '', password }));
  }
  const displayName = text(form, 'displayName');
  if (displayName === '') errors.push({ field: 'displayName', href: '#displayName', text: 'Enter your name' });
  else if (displayName.length > MAX_NAME_LENGTH) errors.push({ field: 'displayName', href: '#displayName', text: `Your name must be ${MAX_NAME_LENGTH} characters or fewer` });
  const weak = passwordProblem(password, email);
  if (weak) errors.push({ field: 'password', href: '#password', text: weak });
  if (password !== '' && password !== (typeof form.confirm === 'string' ? form.confirm : '')) errors.push({ field: 'confirm', href: '#confirm', text: 'The passwords do not match' });
  return result(errors, () => ({ displayName, password }));
}

export interface AuditFilters {
  action: string;
  actor: string;
  from: string;
  to: string;
}

function isRealDate(year: number, month: number, day: number): boolean {
  const date = new Date(Date.UTC(year, month - 1, day));
  return date.getUTCFullYear() === year && date.getUTCMonth() === month - 1 && date.getUTCDate() === day;
}

/** A GOV.UK date input's three parts as YYYY-MM-DD; '' when all are blank. */
function dateFrom(form: FormValues, prefix: 'from' | 'to', label: string, errors: FieldError[]): string {
  const parts = { day: text(form, `${prefix}Day`), month: text(form, `${prefix}Month`), year: text(form, `${prefix}Year`) };
  const missing = (Object.keys(parts) as (keyof typeof parts)[]).filter((k) => parts[k] === '');
  if (missing.length === 3) return '';
  const error = (message: string, part: string = 'day') => {
    errors.push({ field: prefix, href: `#${prefix}-${part}`, text: message });
    return '';
  };
  if (missing.length > 0) return error(`${label} must include a ${missing.join(' and a ')}`, missing[0]);
  if (!/^\d{1,2}$/.test(parts.day) || !/^\d{1,2}$/.test(parts.month) || !/^\d{4}$/.test(parts.year)) return error(`${label} must be a real date, for example 27 3 2025`);
  const [y, m, d] = [Number(parts.year), Number(parts.month), Number(parts.day)];
  if (!isRealDate(y, m, d) || y < 2000) return error(`${label} must be a real date, for example 27 3 2025`);
  return `${parts.year}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
}

/** The audit search form (a GET form): action prefix, actor contains, and a date range. */
export function validateAuditFilters(form: FormValues): FormResult<AuditFilters> {
  const errors: FieldError[] = [];
  const action = text(form, 'action');
  const actor = text(form, 'actor');
  if (action.length > 100) errors.push({ field: 'action', href: '#action', text: 'Action must be 100 characters or fewer' });
  if (actor.length > MAX_NAME_LENGTH) errors.push({ field: 'actor', href: '#actor', text: `Who must be ${MAX_NAME_LENGTH} characters or fewer` });
  const from = dateFrom(form, 'from', 'From date', errors);
  const to = dateFrom(form, 'to', 'To date', errors);
  if (from && to && to < from) errors.push({ field: 'to', href: '#to-day', text: 'To date must be the same as or after the from date' });
  return result(errors, () => ({ action, actor, from, to }));
}
