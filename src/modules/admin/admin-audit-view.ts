import type { AuditService } from '../audit/index.ts';
import type { AuditFilters, FieldError, FormValues } from './admin-forms.ts';
import { ukDateTime } from './admin-view-models.ts';

type AuditRows = Awaited<ReturnType<AuditService['search']>>;

/** Names for the records events point at: people by email, organisations by name. */
export interface RecordNames {
  people: Map<string, string>;
  organisations: Map<string, string>;
}

export const AUDIT_PAGE_LIMIT = 200;
export const AUDIT_CSV_LIMIT = 1000;

const RECORD_TYPE_LABELS: Record<string, string> = { person: 'Person', organisation: 'Organisation', invitation: 'Invitation', plan: 'Plan', action: 'Action', measure: 'Measure', 'disclosure-policy': 'Disclosure policy' };

/** A text field of an event's details (jsonb: an object, or its JSON text from some drivers). */
function detail(details: unknown, key: string): string | undefined {
  let value: unknown = details;
  if (typeof value === 'string') {
    try {
      value = JSON.parse(value);
    } catch {
      return undefined;
    }
  }
  const field = value && typeof value === 'object' ? (value as Record<string, unknown>)[key] : undefined;
  return typeof field === 'string' && field !== '' ? field : undefined;
}

/**
 * "Person: ann@example.org", "Organisation: Essex County Council", "Action: ID1" (the reference the plan gives it,
 * kept in the event's details), "Measure: <title>", or the type and id as recorded.
 */
export function recordLabel(type: string | null, id: string | null, names: RecordNames, details: unknown = {}): string {
  if (!type) return '';
  if (type === 'disclosure-policy') return 'Disclosure policy';
  const name = type === 'person' ? names.people.get(id ?? '') : type === 'organisation' ? names.organisations.get(id ?? '')
    : type === 'action' ? detail(details, 'ref') : type === 'measure' ? detail(details, 'title') : undefined;
  const label = RECORD_TYPE_LABELS[type] ?? type;
  return `${label}: ${name ?? id ?? ''}`.replace(/: $/, '');
}

/** The query string that repeats a search (for the CSV link), without empty fields. */
export function searchQuery(form: FormValues): string {
  const keys = ['action', 'actor', 'fromDay', 'fromMonth', 'fromYear', 'toDay', 'toMonth', 'toYear'];
  const params = new URLSearchParams();
  for (const key of keys) {
    const value = form[key];
    if (typeof value === 'string' && value.trim() !== '') params.set(key, value.trim());
  }
  const query = params.toString();
  return query ? `?${query}` : '';
}

/** The audit trail page: the search form, then the newest matching events (at most 200). */
export function auditPage(rows: AuditRows, names: RecordNames, state: { form: FormValues; errors: FieldError[]; filters?: AuditFilters }) {
  const truncated = rows.length > AUDIT_PAGE_LIMIT;
  const filtered = Boolean(state.filters && Object.values(state.filters).some((v) => v !== ''));
  return {
    pageTitle: 'Audit trail',
    navigation: 'admin',
    breadcrumbs: [{ text: 'Administration', href: '/admin' }],
    form: state.form,
    errors: state.errors,
    fieldErrors: Object.fromEntries(state.errors.map((e) => [e.field, e])),
    searched: state.errors.length === 0,
    filtered,
    truncated,
    limit: AUDIT_PAGE_LIMIT,
    csvLimit: AUDIT_CSV_LIMIT,
    csvHref: `/admin/audit.csv${searchQuery(state.form)}`,
    events: rows.slice(0, AUDIT_PAGE_LIMIT).map((r) => ({ when: ukDateTime(r.at), actor: r.actor, action: r.action, record: recordLabel(r.record_type, r.record_id, names, r.details), ip: r.ip ?? '' })),
  };
}

/**
 * One CSV cell: quoted, with quotes doubled, and a leading = + - @ (or tab or carriage return)
 * neutralised with a single quote so a spreadsheet never reads the cell as a formula.
 */
export function csvCell(value: unknown): string {
  let text = value === null || value === undefined ? '' : value instanceof Date ? value.toISOString() : typeof value === 'object' ? JSON.stringify(value) : String(value);
  if (/^[=+\-@\t\r]/.test(text)) text = `'${text}`;
  return `"${text.replaceAll('"', '""')}"`;
}

/** The events as CSV (RFC 4180, CRLF line ends), newest first. */
export function auditCsv(rows: AuditRows, names: RecordNames): string {
  const header = ['When (UTC)', 'When (UK time)', 'Who', 'Action', 'Record type', 'Record id', 'Record', 'From IP', 'Details'];
  const lines = rows.map((r) => [r.at, ukDateTime(r.at), r.actor, r.action, r.record_type, r.record_id, recordLabel(r.record_type, r.record_id, names, r.details), r.ip, r.details].map(csvCell).join(','));
  return `${[header.map(csvCell).join(','), ...lines].join('\r\n')}\r\n`;
}
