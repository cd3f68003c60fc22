// The actions part of a plan's dashboard: how many actions have each rating and why (the causes
// action-rag.ts gives), and the actions filtered by owner and status through a GET form.
import { STATUS_LABELS } from '../../web/nunjucks-filters.ts';
import { RAG_CAUSE_LABELS, type Rag, type RagCause } from './action-rag.ts';
import { ACTION_STATUSES } from './plan-document.ts';
import type { PlanTree } from './plan-tree.ts';
import { planUrl } from './plans-view-models.ts';

/** The filter as it comes from the query string: anything may be there. */
export interface ActionsFilterQuery {
  owner?: unknown;
  status?: unknown;
}

/** The owner value that picks actions with no owner organisation. */
export const NO_OWNER = 'none';

const RATINGS: readonly Rag[] = ['red', 'amber', 'green', 'complete', 'not-rated'];
const RAG_WORDS: Record<Rag, string> = { red: 'red', amber: 'amber', green: 'green', complete: 'complete', 'not-rated': 'not rated' };

const one = (value: unknown): string => (typeof value === 'string' ? value.trim() : Array.isArray(value) && typeof value[0] === 'string' ? value[0].trim() : '');
const countOf = (n: number) => `${n} action${n === 1 ? '' : 's'}`;

/**
 * The dashboard's actions summary for `tree`: counts by rating, each with the causes behind it
 * (most common first), and the actions that match `query` with a sentence saying how many and
 * which. An owner or status not offered by the form is a problem (`errors`), and nothing is filtered.
 */
export function actionsSummary(tree: PlanTree, query: ActionsFilterQuery) {
  const base = planUrl(tree.partnership.slug, tree.id);
  const actions = tree.actions.map((a) => ({ ...a, href: `${base}/actions/${a.ref}` }));
  const ratings = RATINGS.map((rag) => {
    const rated = actions.filter((a) => a.rag === rag);
    const causes = new Map<RagCause, number>();
    for (const a of rated) causes.set(a.ragCause, (causes.get(a.ragCause) ?? 0) + 1);
    return {
      rag,
      count: rated.length,
      causes: [...causes].sort((x, y) => y[1] - x[1] || RAG_CAUSE_LABELS[x[0]].localeCompare(RAG_CAUSE_LABELS[y[0]])).map(([cause, count]) => ({ cause, text: RAG_CAUSE_LABELS[cause], count })),
    };
  });

  const owners = [...new Set(actions.flatMap((a) => (a.owner ? [a.owner] : [])))].sort((a, b) => a.localeCompare(b));
  const hasUnowned = actions.some((a) => !a.owner);
  let owner = one(query.owner);
  let status = one(query.status);
  const errors: { text: string; href: string }[] = [];
  if (owner !== '' && owner !== NO_OWNER && !owners.includes(owner)) errors.push({ text: 'Select an owner from the list', href: '#owner' });
  if (status !== '' && !(ACTION_STATUSES as readonly string[]).includes(status)) errors.push({ text: 'Select a status from the list', href: '#status' });
  const fieldErrors = { owner: errors.find((e) => e.href === '#owner')?.text ?? null, status: errors.find((e) => e.href === '#status')?.text ?? null };
  if (errors.length > 0) [owner, status] = ['', ''];

  const results = actions.filter((a) => (owner === '' || (owner === NO_OWNER ? !a.owner : a.owner === owner)) && (status === '' || a.status === status));
  const which = [owner === NO_OWNER ? 'with no owner set' : owner ? `owned by ${owner}` : '', status ? `with the status “${STATUS_LABELS[status] ?? status}”` : ''].filter(Boolean).join(' and ');
  return {
    total: actions.length,
    totalText: `${countOf(actions.length)}: ${ratings.filter((r) => r.count > 0).map((r) => `${r.count} ${RAG_WORDS[r.rag]}`).join(', ') || 'none rated'}.`,
    ratings,
    ownerItems: [{ value: '', text: 'All owners' }, ...owners.map((o) => ({ value: o, text: o })), ...(hasUnowned ? [{ value: NO_OWNER, text: 'No owner set' }] : [])].map((i) => ({ ...i, selected: i.value === owner })),
    statusItems: [{ value: '', text: 'All statuses' }, ...ACTION_STATUSES.map((s) => ({ value: s, text: STATUS_LABELS[s] ?? s }))].map((i) => ({ ...i, selected: i.value === status })),
    filtered: owner !== '' || status !== '',
    results,
    resultText: `${countOf(results.length)}${which ? ` ${which}` : ' in this plan'}`,
    errors,
    fieldErrors,
  };
}
