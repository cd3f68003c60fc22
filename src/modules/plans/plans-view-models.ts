import type { FieldError, ProgressUpdateForm } from './plans-forms.ts';
import type { PlanTree } from './plan-tree.ts';
import type { PlansService } from './plans-service.ts';
import { NotFoundError } from './plans-errors.ts';

type PublishedPlans = Awaited<ReturnType<PlansService['listPublishedPlans']>>;
type ActionDetail = Awaited<ReturnType<PlansService['actionDetail']>>;

export function planUrl(partnership: string, plan: string): string {
  return `/partnerships/${encodeURIComponent(partnership)}/plans/${encodeURIComponent(plan)}`;
}

/** The plans list: published plans grouped by partnership. */
export function plansListPage(rows: PublishedPlans) {
  const groups = new Map<string, { name: string; plans: { title: string; href: string; dashboardHref: string; area: string | null; priorities: number; outcomes: number }[] }>();
  for (const row of rows) {
    const group = groups.get(row.partnership_slug) ?? { name: row.partnership_name, plans: [] };
    group.plans.push({ title: row.title, href: planUrl(row.partnership_slug, row.slug), dashboardHref: dashboardUrl(row.partnership_slug, row.slug), area: row.area, priorities: Number(row.priority_count ?? 0), outcomes: Number(row.outcome_count ?? 0) });
    groups.set(row.partnership_slug, group);
  }
  return { pageTitle: 'Improvement plans', navigation: 'plans', partnerships: [...groups.values()] };
}

function refLinks(tree: PlanTree, refs: string[]) {
  const base = planUrl(tree.partnership.slug, tree.id);
  return refs.map((ref) => ({ ref, href: `${base}/actions/${ref}` }));
}

/** The plan's measures dashboard, linked from its pages and their navigation. */
export function dashboardUrl(partnership: string, plan: string): string {
  return `${planUrl(partnership, plan)}/dashboard`;
}

function outcomeView(tree: PlanTree, outcome: PlanTree['priorities'][number]['outcomes'][number]) {
  const base = planUrl(tree.partnership.slug, tree.id);
  // a measure with a definition has a page of its own; the others are the plan's words only
  const measures = outcome.measures.map((m) => ({ ...m, href: m.slug ? `${base}/measures/${encodeURIComponent(m.slug)}` : null }));
  return { ...outcome, measures, href: `${base}/outcomes/${outcome.id}`, refs: refLinks(tree, outcome.actionRefs) };
}

/** The plan page: priorities with their outcomes, action references and measures, then the actions. */
export function planPage(tree: PlanTree) {
  const base = planUrl(tree.partnership.slug, tree.id);
  const outcomes = tree.priorities.flatMap((p) => p.outcomes);
  return {
    pageTitle: tree.title,
    navigation: 'plans',
    breadcrumbs: [{ text: 'Improvement plans', href: '/' }],
    plan: tree,
    exportHref: `${base}/export.json`,
    dashboardHref: dashboardUrl(tree.partnership.slug, tree.id),
    counts: { priorities: tree.priorities.length, outcomes: outcomes.length, measures: outcomes.reduce((n, o) => n + o.measures.length, 0), actions: tree.actions.length },
    priorities: tree.priorities.map((p, i) => ({ ...p, anchor: `priority-${i + 1}`, outcomes: p.outcomes.map((o) => outcomeView(tree, o)) })),
    actions: tree.actions.map((a) => ({ ...a, href: `${base}/actions/${a.ref}` })),
  };
}

export function outcomePage(tree: PlanTree, outcomeId: string) {
  for (const priority of tree.priorities) {
    const index = priority.outcomes.findIndex((o) => o.id === outcomeId);
    if (index === -1) continue;
    const outcome = outcomeView(tree, priority.outcomes[index]!);
    const base = planUrl(tree.partnership.slug, tree.id);
    return {
      pageTitle: `Outcome ${index + 1}: ${priority.title}`,
      navigation: 'plans',
      breadcrumbs: [
        { text: 'Improvement plans', href: '/' },
        { text: tree.title, href: base },
      ],
      plan: tree,
      dashboardHref: dashboardUrl(tree.partnership.slug, tree.id),
      priority,
      number: index + 1,
      outcome,
      actions: tree.actions.filter((a) => outcome.actionRefs.includes(a.ref)).map((a) => ({ ...a, href: `${base}/actions/${a.ref}` })),
    };
  }
  throw new NotFoundError('Outcome');
}

export function actionPage(detail: ActionDetail, state: { updated: boolean; form: ProgressUpdateForm; errors: FieldError[]; statuses: readonly string[]; canUpdate: boolean }) {
  const base = planUrl(detail.partnership.slug, detail.plan.id);
  const errorFor = (field: string) => state.errors.find((e) => e.field === field);
  return {
    pageTitle: `Action ${detail.action.ref}`,
    navigation: 'plans',
    breadcrumbs: [
      { text: 'Improvement plans', href: '/' },
      { text: detail.plan.title, href: base },
    ],
    ...detail,
    dashboardHref: dashboardUrl(detail.partnership.slug, detail.plan.id),
    outcomes: detail.outcomes.map((o) => ({ ...o, href: `${base}/outcomes/${o.id}` })),
    formAction: `${base}/actions/${detail.action.ref}`,
    updated: state.updated,
    form: state.form,
    errors: state.errors.map((e) => ({ text: e.text, href: e.href })),
    fieldErrors: { whatWeDid: errorFor('whatWeDid'), reportedOn: errorFor('reportedOn'), onBehalfOf: errorFor('onBehalfOf'), statusAfter: errorFor('statusAfter') },
    statuses: state.statuses,
    canUpdate: state.canUpdate,
    signInHref: `/sign-in?returnTo=${encodeURIComponent(`${base}/actions/${detail.action.ref}#add-update`)}`,
  };
}
