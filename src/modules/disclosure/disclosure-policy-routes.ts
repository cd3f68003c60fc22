import type { FastifyInstance } from 'fastify';
import { roles } from '../accounts/index.ts';
import { validateDisclosureForm, type DisclosureForm, type FieldError } from './disclosure-policy-forms.ts';
import { DEFAULT_DISCLOSURE_THRESHOLD, MAX_DISCLOSURE_THRESHOLD, MIN_DISCLOSURE_THRESHOLD, type DisclosurePolicyService } from './disclosure-policy-service.ts';

/** Partnership administrators only, always in their own partnership. */
export const DISCLOSURE_POLICY_ACCESS = { access: roles('partnership-admin') };
const PATH = '/admin/disclosure';

function page(threshold: number, state: { form?: DisclosureForm; errors?: FieldError[]; saved?: boolean }) {
  const errors = state.errors ?? [];
  return {
    pageTitle: 'Disclosure policy',
    navigation: 'admin',
    breadcrumbs: [{ text: 'Administration', href: '/admin' }],
    threshold,
    defaultThreshold: DEFAULT_DISCLOSURE_THRESHOLD,
    min: MIN_DISCLOSURE_THRESHOLD,
    max: MAX_DISCLOSURE_THRESHOLD,
    form: state.form ?? { threshold: String(threshold) },
    errors: errors.map((e) => ({ text: e.text, href: e.href })),
    errorFor: Object.fromEntries(errors.map((e) => [e.field, e.text])),
    saved: state.saved ?? false,
  };
}

/** The administrator's disclosure policy page: the partnership's smallest count shown, and a form to change it. */
export function registerDisclosurePolicyRoutes(app: FastifyInstance, policy: DisclosurePolicyService): void {
  app.get<{ Querystring: { saved?: string } }>(PATH, { config: DISCLOSURE_POLICY_ACCESS }, async (request, reply) => {
    const threshold = await policy.threshold(request.auth!.partnershipId);
    return reply.view('admin-disclosure.njk', page(threshold, { saved: request.query.saved === '1' }));
  });

  app.post<{ Body: DisclosureForm }>(PATH, { config: DISCLOSURE_POLICY_ACCESS }, async (request, reply) => {
    const auth = request.auth!;
    const form = request.body ?? {};
    const result = validateDisclosureForm(form);
    if (!result.ok) return reply.code(400).view('admin-disclosure.njk', page(await policy.threshold(auth.partnershipId), { form, errors: result.errors }));
    await policy.setThreshold(auth.partnershipId, result.value, { personId: auth.personId, email: auth.email, ip: request.ip });
    return reply.redirect(`${PATH}?saved=1`, 303);
  });
}
