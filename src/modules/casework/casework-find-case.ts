// "Find a case" (issue 12 item 14): the form an analyst types a case reference into, and the page of the
// pseudonymised records it matches. The reference is never put back into the page, a URL or a message.
import type { SignedIn } from '../accounts/index.ts';
import { ukDate } from '../../web/nunjucks-filters.ts';
import type { RuleStatusName } from '../../casework/rule-types.ts';
import type { FoundCase } from './casework-case-lookup.ts';
import type { FieldError, FormValues } from './casework-forms.ts';

/** Longer than any case reference a casework system gives (the import takes up to 200 characters of text). */
export const MAX_REFERENCE_LENGTH = 100;

const STATUS_TEXT: Record<RuleStatusName, string> = {
  met: 'Met', breached: 'Missed', 'open-within-time': 'Open, within time', 'due-soon': 'Open, due soon', 'open-overdue': 'Open, overdue',
};

/** The reference, trimmed; or the error for the field. */
export function validateCaseReference(form: FormValues): { ok: true; reference: string } | { ok: false; errors: FieldError[] } {
  const reference = typeof form.reference === 'string' ? form.reference.trim() : '';
  if (reference === '') return { ok: false, errors: [{ field: 'reference', href: '#reference', text: 'Enter the case reference from your casework system' }] };
  if (reference.length > MAX_REFERENCE_LENGTH) return { ok: false, errors: [{ field: 'reference', href: '#reference', text: `The case reference must be ${MAX_REFERENCE_LENGTH} characters or fewer` }] };
  return { ok: true, reference };
}

const days = (n: number) => `${n} ${n === 1 ? 'day' : 'days'}`;

/** The find-a-case page: the form (always empty), then, after a search, the matching records and their rules. */
export function findCasePage(auth: SignedIn, state: { errors: FieldError[]; cases?: FoundCase[]; today: string }) {
  const home = `/partnerships/${encodeURIComponent(auth.partnershipSlug)}/casework`;
  const cases = state.cases?.map((c) => ({
    kindTitle: c.kindTitle,
    person: c.person ?? 'Not recorded (register event)',
    area: c.area ?? 'Not recorded',
    rules: c.rules.map((r) => ({
      rule: `${r.rule} ${r.ruleTitle}`,
      startOn: r.startOn ? ukDate(r.startOn) : 'Not recorded',
      deadlineOn: r.deadlineOn ? ukDate(r.deadlineOn) : 'No deadline',
      endOn: r.endOn ? ukDate(r.endOn) : 'Not yet',
      status: STATUS_TEXT[r.status],
      timing: r.daysOverdue !== null ? `${days(r.daysOverdue)} late` : r.daysRemaining !== null ? (r.daysRemaining === 0 ? 'Due today' : `${days(r.daysRemaining)} left`) : '',
      exception: r.exceptionApplies ? 'Yes' : 'No',
    })),
  }));
  return {
    pageTitle: 'Find a case',
    navigation: 'casework',
    breadcrumbs: [{ text: 'Casework', href: home }],
    action: `${home}/find`,
    worklistHref: `${home}/worklist`,
    today: ukDate(state.today),
    errors: state.errors.map((e) => ({ text: e.text, href: e.href })),
    fieldErrors: Object.fromEntries(state.errors.map((e) => [e.field, e])),
    searched: cases !== undefined,
    cases: cases ?? [],
    heading: cases === undefined ? '' : cases.length === 0 ? 'No case matches that reference' : cases.length === 1 ? '1 record matches that reference' : `${cases.length} records match that reference`,
  };
}
