import type { FastifyInstance } from 'fastify';
import { PUBLIC } from '../accounts/index.ts';
import { actionsSummary, dashboardUrl, type ActionsFilterQuery, type PlansService } from '../plans/index.ts';
import type { MeasuresService } from './measures-service.ts';
import { dashboardRow, measureCharts, measureCsv } from './measures-view-models.ts';
import { ChartCache } from './chart-cache.ts';
import { registerMeasureEditRoutes } from './measures-edit-routes.ts';

interface PlanParams {
  partnership: string;
  plan: string;
}

const SLUG = /^[a-z0-9]+(-[a-z0-9]+)*$/;

/** The plan dashboard and measure pages: public, like the plans they belong to (small numbers suppressed). */
export function registerMeasureRoutes(app: FastifyInstance, plans: PlansService, measures: MeasuresService): void {
  const cache = new ChartCache(500, 60_000, () => measures.seriesVersion());
  registerMeasureEditRoutes(app, plans, measures, cache);
  const base = (p: PlanParams) => `/partnerships/${encodeURIComponent(p.partnership)}/plans/${encodeURIComponent(p.plan)}`;

  app.get<{ Params: PlanParams; Querystring: ActionsFilterQuery }>('/partnerships/:partnership/plans/:plan/dashboard', { config: { access: PUBLIC } }, async (request, reply) => {
    const plan = await plans.publishedPlan(request.params.partnership, request.params.plan);
    const model = await cache.charts(`dashboard:${plan.planId}`, async () => {
      const tree = await plans.publishedPlanTree(request.params.partnership, request.params.plan);
      const list = await measures.listForPlan(plan.partnershipId, plan.planId);
      const rows = new Map<string, ReturnType<typeof dashboardRow>[]>();
      for (const m of list) {
        const evaluated = await cache.evaluation(`${plan.planId}:${m.slug}`, () => measures.evaluate(plan.partnershipId, m.slug, plan.planId));
        if (!evaluated) continue;
        const outcomeRows = rows.get(m.outcome.id) ?? [];
        outcomeRows.push(dashboardRow(evaluated, `${base(request.params)}/measures/${m.slug}`));
        rows.set(m.outcome.id, outcomeRows);
      }
      const priorities = tree.priorities.map((p) => ({
        title: p.title,
        outcomes: p.outcomes.map((o, i) => ({ number: i + 1, statement: o.statement, href: `${base(request.params)}/outcomes/${o.id}`, rows: rows.get(o.id) ?? [] })).filter((o) => o.rows.length > 0),
      }));
      // which measures are synthetic, by name: a dashboard may mix demonstration series with real ones
      const synthetic = [...rows.values()].flat().filter((r) => r.synthetic).map((r) => ({ title: r.title }));
      return { priorities, measureCount: list.length, synthetic };
    });
    // the actions change with every progress update, so they are read afresh, never cached
    const actions = actionsSummary(await plans.publishedPlanTree(request.params.partnership, request.params.plan), request.query ?? {});
    return reply.code(actions.errors.length > 0 ? 400 : 200).view('dashboard.njk', {
      pageTitle: `Dashboard: ${plan.title}`,
      navigation: 'dashboard',
      dashboardHref: dashboardUrl(plan.partnershipSlug, plan.planSlug),
      breadcrumbs: [{ text: 'Improvement plans', href: '/' }, { text: plan.title, href: base(request.params) }],
      plan,
      ...model,
      actions,
      errors: actions.errors,
    });
  });

  const load = async (params: PlanParams & { measure: string }) => {
    if (!SLUG.test(params.measure)) return undefined;
    const plan = await plans.publishedPlan(params.partnership, params.plan);
    const evaluated = await cache.evaluation(`${plan.planId}:${params.measure}`, () => measures.evaluate(plan.partnershipId, params.measure, plan.planId));
    return evaluated && { plan, evaluated };
  };

  app.get<{ Params: PlanParams & { measure: string } }>('/partnerships/:partnership/plans/:plan/measures/:measure', { config: { access: PUBLIC } }, async (request, reply) => {
    const found = await load(request.params);
    if (!found) return reply.callNotFound();
    const { plan, evaluated } = found;
    const href = `${base(request.params)}/measures/${evaluated.measure.slug}`;
    const charts = await cache.charts(`${plan.planId}:${evaluated.measure.slug}`, () => measureCharts(evaluated, `${href}.csv`));
    return reply.view('measure.njk', {
      pageTitle: evaluated.measure.title,
      navigation: 'dashboard',
      dashboardHref: dashboardUrl(plan.partnershipSlug, plan.planSlug),
      breadcrumbs: [{ text: 'Improvement plans', href: '/' }, { text: plan.title, href: base(request.params) }, { text: 'Dashboard', href: `${base(request.params)}/dashboard` }],
      plan,
      measure: evaluated.measure,
      evaluation: evaluated.evaluation,
      outcomeHref: `${base(request.params)}/outcomes/${evaluated.measure.outcome.id}`,
      editHref: request.auth && request.auth.partnershipSlug === plan.partnershipSlug && ['partnership-admin', 'plan-editor'].includes(request.auth.role) ? `${href}/edit` : null,
      updated: (request.query as { updated?: string }).updated === '1',
      charts,
    });
  });

  app.get<{ Params: PlanParams & { measure: string } }>('/partnerships/:partnership/plans/:plan/measures/:measure.csv', { config: { access: PUBLIC } }, async (request, reply) => {
    const found = await load(request.params);
    if (!found) return reply.callNotFound();
    return reply
      .type('text/csv; charset=utf-8')
      .header('content-disposition', `attachment; filename="${found.evaluated.measure.slug}.csv"`)
      .send(measureCsv(found.evaluated));
  });
}
