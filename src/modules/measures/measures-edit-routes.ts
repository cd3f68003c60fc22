import type { FastifyInstance } from 'fastify';
import { roles } from '../accounts/index.ts';
import type { PlansService } from '../plans/index.ts';
import { BREAKDOWNS, MEASURE_KINDS, PERIOD_GRAINS, POLARITIES, RELATIVE_TARGETS, UNITS } from '../../measures/measure-definition.ts';
import type { ChartCache } from './chart-cache.ts';
import { validateMeasureForm, type FieldError, type MeasureForm } from './measures-forms.ts';
import type { MeasuresService } from './measures-service.ts';

interface Params {
  partnership: string;
  plan: string;
  measure: string;
}

const EDITORS = roles('partnership-admin', 'plan-editor');
const SLUG = /^[a-z0-9]+(-[a-z0-9]+)*$/;
const label = (value: string) => value.charAt(0).toUpperCase() + value.slice(1).replace(/-/g, ' ');

/** Plan editors change a measure's definition (kind, unit, polarity, baseline figures, target) in a validated form. */
export function registerMeasureEditRoutes(app: FastifyInstance, plans: PlansService, measures: MeasuresService, cache: ChartCache): void {
  const path = '/partnerships/:partnership/plans/:plan/measures/:measure/edit';

  const render = async (params: Params, form: MeasureForm | null, errors: FieldError[]) => {
    if (!SLUG.test(params.measure)) return undefined;
    const plan = await plans.publishedPlan(params.partnership, params.plan);
    const found = await measures.evaluate(plan.partnershipId, params.measure, plan.planId);
    if (!found) return undefined;
    const m = found.measure;
    const suppressionFloor = await measures.suppressionFloor(plan.partnershipId);
    const values: MeasureForm = form ?? {
      title: m.title, kind: m.kind, unit: m.unit, polarity: m.polarity, periodGrain: m.periodGrain, breakdowns: m.breakdowns,
      suppressionThreshold: String(found.suppressionThreshold), baselineValue: m.baseline.value?.toString() ?? '', baselineN: m.baseline.n?.toString() ?? '',
      baselinePeriod: m.baseline.period ?? '', targetValue: m.target.value?.toString() ?? '', targetOn: m.target.on ?? '', targetRelative: m.target.relative ?? 'none',
    };
    const base = `/partnerships/${encodeURIComponent(params.partnership)}/plans/${encodeURIComponent(params.plan)}`;
    const errorFor = Object.fromEntries(errors.map((e) => [e.field, e.text]));
    const options = (list: readonly string[]) => list.map((v) => ({ value: v, text: label(v) }));
    return {
      measureId: m.id,
      partnershipId: plan.partnershipId,
      view: {
        pageTitle: `Edit: ${m.title}`,
        navigation: 'plans',
        breadcrumbs: [{ text: 'Improvement plans', href: '/' }, { text: plan.title, href: base }, { text: m.title, href: `${base}/measures/${m.slug}` }],
        measure: m,
        action: `${base}/measures/${m.slug}/edit`,
        form: { ...values, breakdowns: [values.breakdowns ?? []].flat() },
        errors: errors.map((e) => ({ text: e.text, href: e.href })),
        errorFor,
        suppressionFloor,
        kinds: options(MEASURE_KINDS), units: options(UNITS), polarities: options(POLARITIES), grains: options(PERIOD_GRAINS),
        breakdownOptions: options(BREAKDOWNS), relatives: [{ value: 'none', text: 'None' }, ...options(RELATIVE_TARGETS)],
      },
      back: `${base}/measures/${m.slug}`,
    };
  };

  app.get<{ Params: Params }>(path, { config: { access: EDITORS } }, async (request, reply) => {
    const page = await render(request.params, null, []);
    if (!page) return reply.callNotFound();
    return reply.view('measure-edit.njk', page.view);
  });

  app.post<{ Params: Params; Body: MeasureForm }>(path, { config: { access: EDITORS } }, async (request, reply) => {
    const form = (request.body ?? {}) as MeasureForm;
    const page = await render(request.params, form, []);
    if (!page) return reply.callNotFound();
    const result = validateMeasureForm(form, page.view.suppressionFloor);
    if (!result.ok) {
      const errors = { errors: result.errors.map((e) => ({ text: e.text, href: e.href })), errorFor: Object.fromEntries(result.errors.map((e) => [e.field, e.text])) };
      return reply.code(400).view('measure-edit.njk', { ...page.view, ...errors });
    }
    const auth = request.auth!;
    await measures.updateDefinition({ personId: auth.personId, email: auth.email, ip: request.ip }, page.partnershipId, page.measureId, result.value);
    cache.clear();
    return reply.redirect(`${page.back}?updated=1`, 303);
  });
}
