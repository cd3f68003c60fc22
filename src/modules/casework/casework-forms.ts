// The casework pages' forms, checked: the worklist filters (a GET form, so a filtered list has its own
// address) and the import form's fields. Each problem names the field it belongs to, for the error summary.
import { isCaseworkKind, type CaseworkKind } from '../../casework/record-kind-types.ts';
import { RULES } from '../../casework/rules.ts';
import type { RuleDeclaration, RuleId } from '../../casework/rule-types.ts';

export interface FieldError {
  field: string;
  href: string;
  text: string;
}

export type FormValues = Record<string, unknown>;

/** Rows a worklist page shows; the CSV has every matching row up to WORKLIST_CSV_LIMIT. */
export const WORKLIST_PAGE_SIZE = 200;
export const WORKLIST_CSV_LIMIT = 20_000;
export const DEFAULT_WITHIN_DAYS = 14;
const MAX_WITHIN_DAYS = 365;
const MAX_PAGE = 100_000;
/** Area codes as the import accepts them (record-checks.ts). */
const AREA = /^[A-Za-z0-9][A-Za-z0-9 &'()./_-]{0,39}$/;

/** The rules a case can be due or overdue against: every rule with a deadline (not the condition rules). */
export const DEADLINE_RULES: readonly RuleDeclaration[] = RULES.filter((rule) => rule.limit.unit !== 'condition');

export interface WorklistFilters {
  rule: RuleId | null;
  area: string | null;
  status: 'due-soon' | 'overdue';
  withinDays: number;
  page: number;
}

/** The form's values as typed (strings), for showing the form again. */
export interface WorklistForm {
  rule: string;
  area: string;
  status: string;
  within: string;
}

const text = (form: FormValues, name: string) => (typeof form[name] === 'string' ? (form[name] as string).trim() : '');

export function worklistForm(query: FormValues): WorklistForm {
  return { rule: text(query, 'rule'), area: text(query, 'area'), status: text(query, 'status') || 'due-soon', within: text(query, 'within') || String(DEFAULT_WITHIN_DAYS) };
}

/** Checks the worklist filters of a query string; with none given, the cases due within 14 days, every rule and area. */
export function validateWorklistFilters(query: FormValues): { ok: true; form: WorklistForm; filters: WorklistFilters } | { ok: false; form: WorklistForm; errors: FieldError[] } {
  const form = worklistForm(query);
  const errors: FieldError[] = [];
  const error = (field: string, message: string) => errors.push({ field, href: `#${field}`, text: message });
  const rule = DEADLINE_RULES.find((r) => r.id === form.rule);
  if (form.rule !== '' && !rule) error('rule', 'Select a rule from the list');
  if (form.area !== '' && !AREA.test(form.area)) error('area', "Enter an area code of up to 40 letters, digits, spaces and & ' ( ) . / _ -");
  if (form.status !== 'due-soon' && form.status !== 'overdue') error('status', 'Select whether to list cases due soon or overdue cases');
  let withinDays = DEFAULT_WITHIN_DAYS;
  if (form.status === 'due-soon') {
    withinDays = /^\d{1,3}$/.test(form.within) ? Number(form.within) : Number.NaN;
    if (!(withinDays >= 0 && withinDays <= MAX_WITHIN_DAYS)) error('within', `Enter the number of days as a whole number from 0 to ${MAX_WITHIN_DAYS}`);
  }
  if (errors.length > 0) return { ok: false, form, errors };
  const pageText = text(query, 'page');
  const page = /^\d{1,6}$/.test(pageText) ? Math.min(Math.max(Number(pageText), 1), MAX_PAGE) : 1;
  return { ok: true, form, filters: { rule: rule?.id ?? null, area: form.area || null, status: form.status as WorklistFilters['status'], withinDays, page } };
}

/** The query string of a worklist (for pagination links and the CSV link), without defaults or blanks. */
export function worklistQueryString(filters: WorklistFilters, page = 1): string {
  const params = new URLSearchParams();
  if (filters.rule) params.set('rule', filters.rule);
  if (filters.area) params.set('area', filters.area);
  params.set('status', filters.status);
  if (filters.status === 'due-soon') params.set('within', String(filters.withinDays));
  if (page > 1) params.set('page', String(page));
  return `?${params.toString()}`;
}

export interface ImportFields {
  kind: string;
  personColumn: string;
}

/** Longest heading the person column may have (the parser's cell limit is 200). */
const MAX_HEADING = 100;

/** Checks the import form's fields (the file is checked by the receiver and the import). */
export function validateImportFields(fields: Record<string, string>): { value: { kind: CaseworkKind | null; personColumn?: string }; form: ImportFields; errors: FieldError[] } {
  const form: ImportFields = { kind: (fields.kind ?? '').trim(), personColumn: (fields.personColumn ?? '').trim() };
  const errors: FieldError[] = [];
  if (!isCaseworkKind(form.kind)) errors.push({ field: 'kind', href: '#kind', text: 'Select the kind of records in the file' });
  if (form.personColumn.length > MAX_HEADING) errors.push({ field: 'personColumn', href: '#personColumn', text: `The column heading must be ${MAX_HEADING} characters or fewer` });
  return { value: { kind: isCaseworkKind(form.kind) ? form.kind : null, ...(form.personColumn ? { personColumn: form.personColumn } : {}) }, form, errors };
}
