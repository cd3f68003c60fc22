import type { FastifyInstance } from 'fastify';
import type { FastifyRequest } from 'fastify';
import { PUBLIC, roles } from '../accounts/index.ts';
import type { Actor, PlansService } from './plans-service.ts';
import { validateProgressUpdate, type ProgressUpdateForm } from './plans-forms.ts';
import { actionPage, outcomePage, planPage, plansListPage } from './plans-view-models.ts';
import { NotFoundError } from './plans-errors.ts';
import { ACTION_STATUSES } from './plan-document.ts';

interface PlanParams {
  partnership: string;
  plan: string;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const REF = /^[A-Za-z]{1,5}\d{1,4}$/;

/** The signed-in person as the plans service sees them. */
export function actorOf(request: FastifyRequest): Actor | null {
  const auth = request.auth;
  if (!auth) return null;
  return { personId: auth.personId, label: auth.email, displayName: auth.displayName, partnershipSlug: auth.partnershipSlug, organisationId: auth.organisationId, role: auth.role, ip: request.ip };
}

/** Public pages of published plans (plans are public documents); see docs for the route list. */
export function registerPlanRoutes(app: FastifyInstance, plans: PlansService, clock: { today(): string }): void {
  app.get('/', { config: { access: PUBLIC } }, async (_request, reply) => reply.view('plans-list.njk', plansListPage(await plans.listPublishedPlans())));

  app.get<{ Params: PlanParams }>('/partnerships/:partnership/plans/:plan', { config: { access: PUBLIC } }, async (request, reply) => {
    const tree = await plans.publishedPlanTree(request.params.partnership, request.params.plan);
    return reply.view('plan.njk', planPage(tree));
  });

  app.get<{ Params: PlanParams }>('/partnerships/:partnership/plans/:plan/export.json', { config: { access: PUBLIC } }, async (request, reply) => {
    const tree = await plans.publishedPlanTree(request.params.partnership, request.params.plan);
    return reply
      .header('content-disposition', `attachment; filename="${tree.id}.json"`)
      .type('application/json; charset=utf-8')
      .send(JSON.stringify(tree, null, 2));
  });

  app.get<{ Params: PlanParams & { outcome: string } }>('/partnerships/:partnership/plans/:plan/outcomes/:outcome', { config: { access: PUBLIC } }, async (request, reply) => {
    if (!UUID.test(request.params.outcome)) throw new NotFoundError('Outcome');
    const tree = await plans.publishedPlanTree(request.params.partnership, request.params.plan);
    return reply.view('outcome.njk', outcomePage(tree, request.params.outcome));
  });

  const actionPath = '/partnerships/:partnership/plans/:plan/actions/:ref';
  app.get<{ Params: PlanParams & { ref: string }; Querystring: { updated?: string } }>(actionPath, { config: { access: PUBLIC } }, async (request, reply) => {
    if (!REF.test(request.params.ref)) throw new NotFoundError('Action');
    const detail = await plans.actionDetail(request.params.partnership, request.params.plan, request.params.ref);
    return reply.view('action.njk', actionPage(detail, { updated: request.query.updated === '1', form: {}, errors: [], statuses: ACTION_STATUSES, canUpdate: plans.canUpdate(actorOf(request), request.params.partnership, detail.action.ownerOrganisationId) }));
  });

  app.post<{ Params: PlanParams & { ref: string }; Body: ProgressUpdateForm }>(actionPath, { config: { access: roles('partnership-admin', 'plan-editor', 'data-submitter') } }, async (request, reply) => {
    if (!REF.test(request.params.ref)) throw new NotFoundError('Action');
    const form = (request.body ?? {}) as ProgressUpdateForm;
    const result = validateProgressUpdate(form, clock.today());
    const { partnership, plan, ref } = request.params;
    if (!result.ok) {
      const detail = await plans.actionDetail(partnership, plan, ref);
      return reply.code(400).view('action.njk', actionPage(detail, { updated: false, form, errors: result.errors, statuses: ACTION_STATUSES, canUpdate: true }));
    }
    await plans.addProgressUpdate(actorOf(request)!, partnership, plan, ref, result.value);
    return reply.redirect(`/partnerships/${encodeURIComponent(partnership)}/plans/${encodeURIComponent(plan)}/actions/${encodeURIComponent(ref.toUpperCase())}?updated=1`, 303);
  });
}
