// What the casework pages show, formatted: the overview (rules, record kinds with their import columns,
// the latest imports), the worklist with its filters and pagination, and the import form with its problems
// or the import's result. Dates as GOV.UK writes them ("1 April 2025"); case rows carry only the short pseudonym.
import type { SignedIn } from '../accounts/index.ts';
import type { ReturnProblem } from '../../returns-parsing/index.ts';
import { ukDate } from '../../web/nunjucks-filters.ts';
import { RECORD_KINDS } from '../../casework/record-kinds.ts';
import { CASEWORK_LIMITS, FLAG_VALUES } from '../../casework/record-layouts.ts';
import type { CaseworkKind, FieldDeclaration } from '../../casework/record-kind-types.ts';
import { RULES } from '../../casework/rules.ts';
import type { RuleDeclaration } from '../../casework/rule-types.ts';
import { DEADLINE_RULES, WORKLIST_CSV_LIMIT, WORKLIST_PAGE_SIZE, worklistQueryString, type FieldError, type ImportFields, type WorklistFilters, type WorklistForm } from './casework-forms.ts';
import type { CaseworkImportResult, CaseworkService } from './casework-service.ts';
import type { WorklistResult } from './casework-worklist.ts';

type RecentImports = Awaited<ReturnType<CaseworkService['recentImports']>>;

export const caseworkHome = (auth: SignedIn) => `/partnerships/${encodeURIComponent(auth.partnershipSlug)}/casework`;
const crumbs = (auth: SignedIn) => [{ text: 'Casework', href: caseworkHome(auth) }];
const MONTHS = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];
/** "June 2025" from any day of the month. */
export const monthName = (isoDate: string) => `${MONTHS[Number(isoDate.slice(5, 7)) - 1]} ${isoDate.slice(0, 4)}`;
const count = (n: number) => n.toLocaleString('en-GB');

/** "15 June 2025 at 2:05pm", UK time. */
function ukDateTime(at: Date): string {
  const parts = Object.fromEntries(new Intl.DateTimeFormat('en-GB', { timeZone: 'Europe/London', year: 'numeric', month: '2-digit', day: '2-digit', hour: 'numeric', minute: '2-digit', hour12: true }).formatToParts(at).map((p) => [p.type, p.value]));
  return `${ukDate(`${parts.year}-${parts.month}-${parts.day}`)} at ${parts.hour}:${parts.minute}${String(parts.dayPeriod).toLowerCase()}`;
}

const headingOf = (kind: CaseworkKind, column: string) => RECORD_KINDS[kind].fields.find((f) => f.column === column || f.key === column)?.heading ?? column;

/** The limit of a rule in words: "20 weeks", "Before 15 February in the transfer year", or the condition. */
export function limitText(rule: RuleDeclaration): string {
  const { limit } = rule;
  if (limit.unit === 'condition') return `No deadline: met when '${headingOf(rule.kind, limit.metWhen.column)}' is Y`;
  if (limit.unit === 'fixed-date') return `Before ${limit.day} ${MONTHS[limit.month - 1]} in the ${headingOf(rule.kind, limit.yearColumn).toLowerCase()}`;
  return `${limit.amount} ${limit.amount === 1 ? limit.unit.slice(0, -1) : limit.unit}`;
}

/** How one import column is filled in, in words. */
function allowedText(field: FieldDeclaration): string {
  switch (field.type) {
    case 'flag': return `${FLAG_VALUES.join(', ')}; blank means ${field.blankIsUnknown ? 'not recorded' : 'N'}`;
    case 'date': return 'A date: 2025-04-01, 01/04/2025 or an Excel date';
    case 'age': return 'Whole years, 0 to 25';
    case 'integer': return `A whole number from ${field.min} to ${field.max}`;
    case 'code': return 'A code of up to 40 characters';
    case 'enum': case 'year-group': return (field.allowed ?? []).join(', ');
    default: return 'Text (pseudonymised before it is stored)';
  }
}

/** The overview: the rules as declared, the record kinds and their import columns, the latest imports. */
export function overviewPage(auth: SignedIn, imports: RecentImports) {
  const home = caseworkHome(auth);
  return {
    pageTitle: 'Casework',
    navigation: 'casework',
    partnershipName: auth.partnershipName,
    worklist: { dueSoon: `${home}/worklist?status=due-soon`, overdue: `${home}/worklist?status=overdue` },
    importHref: `${home}/import`,
    findHref: `${home}/find`,
    indicatorsHref: `${home}/indicators`,
    rules: RULES.map((rule) => ({
      id: rule.id, title: rule.title, kind: RECORD_KINDS[rule.kind].title,
      start: rule.start?.label ?? 'The transfer year', end: rule.end.label, limit: limitText(rule),
      exceptions: rule.exceptions?.reference ?? 'None', legal: rule.legal,
    })),
    kinds: Object.values(RECORD_KINDS).map((declaration) => ({
      kind: declaration.kind, title: declaration.title, description: declaration.description, id: `format-${declaration.kind}`,
      columns: declaration.fields.map((f) => ({ heading: f.heading, required: f.required ? 'Yes' : 'No', allowed: allowedText(f), meaning: f.description, example: f.example })),
    })),
    limits: { rows: count(CASEWORK_LIMITS.maxRows), megabytes: CASEWORK_LIMITS.maxFileBytes / 1_048_576 },
    imports: imports.map((i) => ({
      when: ukDateTime(i.importedAt), kind: isKnownKind(i.kind) ? RECORD_KINDS[i.kind].title : i.kind, actor: i.actor,
      rows: count(i.rows), inserted: count(i.inserted), replaced: count(i.replaced), months: count(i.months),
    })),
  };
}

const isKnownKind = (kind: string): kind is CaseworkKind => Object.hasOwn(RECORD_KINDS, kind);

const exceptionText = (rule: RuleDeclaration | undefined, applies: boolean) => (!rule?.exceptions ? 'Not applicable' : applies ? 'Yes' : 'No');
const days = (n: number) => `${count(n)} ${n === 1 ? 'day' : 'days'}`;

/** GOV.UK pagination: previous, next and the pages around this one (with ellipses), or nothing for one page. */
function pagination(base: string, filters: WorklistFilters, total: number) {
  const pages = Math.ceil(total / WORKLIST_PAGE_SIZE);
  const current = filters.page;
  if (pages <= 1) return null;
  const href = (page: number) => `${base}${worklistQueryString(filters, page)}`;
  const shown = [...new Set([1, current - 1, current, current + 1, pages])].filter((p) => p >= 1 && p <= pages).sort((a, b) => a - b);
  const items: { number?: string; href?: string; current?: boolean; ellipsis?: boolean }[] = [];
  shown.forEach((page, i) => {
    if (i > 0 && page - shown[i - 1]! > 1) items.push({ ellipsis: true });
    items.push({ number: String(page), href: href(page), current: page === current });
  });
  return {
    items,
    ...(current > 1 && current <= pages ? { previous: { href: href(current - 1) } } : {}),
    ...(current < pages ? { next: { href: href(current + 1) } } : {}),
    landmarkLabel: 'Pages of cases',
  };
}

/** The worklist: the filter form, then (when the filters are valid) the cases with a count and pagination. */
export function worklistPage(auth: SignedIn, input: { form: WorklistForm; errors: FieldError[]; filters?: WorklistFilters; result?: WorklistResult; today: string }) {
  const base = `${caseworkHome(auth)}/worklist`;
  const { filters, result, form } = input;
  const byId = new Map(RULES.map((r) => [r.id, r]));
  const first = filters && result ? (filters.page - 1) * WORKLIST_PAGE_SIZE + 1 : 0;
  const overdue = filters?.status === 'overdue';
  const what = overdue ? 'overdue' : `due within ${days(filters?.withinDays ?? 0)}`;
  return {
    pageTitle: 'Casework worklist',
    navigation: 'casework',
    breadcrumbs: crumbs(auth),
    action: base,
    findHref: `${caseworkHome(auth)}/find`,
    today: ukDate(input.today),
    form,
    errors: input.errors,
    fieldErrors: Object.fromEntries(input.errors.map((e) => [e.field, e])),
    ruleItems: [{ value: '', text: 'All rules with a deadline', selected: form.rule === '' },
      ...DEADLINE_RULES.map((r) => ({ value: r.id, text: `${r.id}: ${r.title} (${r.legal})`, selected: form.rule === r.id }))],
    listed: Boolean(filters && result),
    overdue,
    heading: overdue ? 'Overdue cases' : `Cases due within ${days(filters?.withinDays ?? 0)}`,
    total: result?.total ?? 0,
    totalText: result ? `${count(result.total)} open ${result.total === 1 ? 'case' : 'cases'} ${what}${filters?.rule ? ` for ${filters.rule}` : ''}${filters?.area ? ` in ${filters.area}` : ''}` : '',
    rangeText: result && result.rows.length > 0 && result.total > result.rows.length ? `Showing cases ${count(first)} to ${count(first + result.rows.length - 1)} of ${count(result.total)}` : '',
    beyondLastPage: Boolean(filters && result && result.rows.length === 0 && filters.page > 1),
    firstPageHref: filters ? `${base}${worklistQueryString(filters)}` : base,
    csvHref: filters ? `${base}.csv${worklistQueryString(filters)}` : '',
    csvLimit: count(WORKLIST_CSV_LIMIT),
    rows: (result?.rows ?? []).map((r) => ({
      rule: r.rule, ruleTitle: r.ruleTitle, person: r.person ?? 'Not recorded', area: r.area ?? 'Not recorded',
      start: r.startOn ? ukDate(r.startOn) : 'Not applicable', deadline: ukDate(r.deadlineOn),
      days: overdue ? days(r.daysOverdue ?? 0) : r.daysRemaining === 0 ? 'Due today' : days(r.daysRemaining ?? 0),
      exception: exceptionText(byId.get(r.rule), r.exceptionApplies),
    })),
    pagination: filters && result ? pagination(base, filters, result.total) : null,
  };
}

/** Most problems listed in the error summary (the table lists up to 100, as the parser reports). */
const SUMMARY_PROBLEMS = 10;

export type ImportOutcome =
  | { kind: 'form'; form: ImportFields; errors: FieldError[] }
  | { kind: 'problems'; form: ImportFields; fileName: string; problems: readonly ReturnProblem[] }
  | { kind: 'done'; form: ImportFields; fileName: string; result: Extract<CaseworkImportResult, { ok: true }> };

/** The import form; after a post, its problems (nothing saved) or what the import wrote. */
export function importPage(auth: SignedIn, outcome: ImportOutcome) {
  const home = caseworkHome(auth);
  const { form } = outcome;
  let errors: FieldError[] = outcome.kind === 'form' ? outcome.errors : [];
  let problems: { id: string; row: string; column: string; message: string }[] = [];
  let fileError: string | undefined = errors.find((e) => e.field === 'file')?.text;
  if (outcome.kind === 'problems') {
    const n = outcome.problems.length;
    const name = outcome.fileName || 'The file';
    fileError = `${name} has ${n === 1 ? 'a problem' : `${count(n)} problems`}. Nothing has been saved: correct ${n === 1 ? 'it' : 'them'} and upload the file again`;
    problems = outcome.problems.map((p, i) => ({ id: `problem-${i + 1}`, row: p.row === undefined ? '' : String(p.row), column: p.column ?? '', message: p.message }));
    errors = [{ field: 'file', href: '#file', text: fileError }, ...problems.slice(0, SUMMARY_PROBLEMS).map((p) => ({ field: 'problem', href: `#${p.id}`, text: p.message }))];
  }
  const done = outcome.kind === 'done' ? outcome.result : undefined;
  return {
    pageTitle: done ? 'Records imported' : 'Import casework records',
    navigation: 'casework',
    breadcrumbs: crumbs(auth),
    action: `${home}/import`,
    formatsHref: `${home}#formats`,
    worklistHref: `${home}/worklist`,
    form,
    errors,
    fieldErrors: Object.fromEntries(errors.map((e) => [e.field, e])),
    fileError,
    fileName: outcome.kind === 'form' ? '' : outcome.fileName,
    problems,
    maxMegabytes: CASEWORK_LIMITS.maxFileBytes / 1_048_576,
    kindItems: Object.values(RECORD_KINDS).map((d) => ({ value: d.kind, text: d.title, hint: { text: d.description }, checked: form.kind === d.kind })),
    done: done && {
      kind: RECORD_KINDS[done.kind].title,
      rows: count(done.rows), inserted: count(done.inserted), replaced: count(done.replaced),
      months: done.months.length === 0 ? 'None' : `${count(done.months.length)}: ${done.months.map(monthName).join(', ')}`,
      rowsText: `${count(done.rows)} ${done.rows === 1 ? 'row' : 'rows'}`,
    },
  };
}
