import type { FastifyInstance } from 'fastify';
import type { AccountsService } from '../accounts/index.ts';
import type { AuditService } from '../audit/index.ts';
import { registerAuditRoutes } from './admin-audit-routes.ts';
import { validateInvite, validateOrganisation, type FormValues } from './admin-forms.ts';
import { ADMIN_ONLY, adminActor, refusalAsError, siteOrigin } from './admin-http.ts';
import { registerPersonRoutes } from './admin-person-routes.ts';
import { adminIndexPage, linkCreatedPage, organisationsPage, peoplePage } from './admin-view-models.ts';
import { registerInvitationRoutes } from './invitation-routes.ts';

/** The administration pages: start page, organisations, people (and each person), the audit trail, and invitations. */
export function registerAdminRoutes(app: FastifyInstance, accounts: AccountsService, audit: AuditService, options: { secureCookies?: boolean; signInRateLimit?: number } = {}): void {
  const admin = accounts.administration;

  app.get('/admin', { config: ADMIN_ONLY }, async (request, reply) => reply.view('admin-index.njk', adminIndexPage(request.auth!)));

  app.get<{ Querystring: { done?: string } }>('/admin/organisations', { config: ADMIN_ONLY }, async (request, reply) => {
    const auth = request.auth!;
    return reply.view('admin-organisations.njk', organisationsPage(auth, await admin.organisations(auth.partnershipId), { done: request.query.done }));
  });

  app.post<{ Body: FormValues }>('/admin/organisations', { config: ADMIN_ONLY }, async (request, reply) => {
    const auth = request.auth!;
    const form = request.body ?? {};
    const result = validateOrganisation(form);
    let errors = result.ok ? [] : result.errors;
    if (result.ok) {
      try {
        await admin.createOrganisation(auth.partnershipId, result.value, adminActor(request));
        return reply.redirect('/admin/organisations?done=added', 303);
      } catch (error) {
        errors = [refusalAsError(error)];
      }
    }
    return reply.code(400).view('admin-organisations.njk', organisationsPage(auth, await admin.organisations(auth.partnershipId), { form, errors }));
  });

  app.get('/admin/people', { config: ADMIN_ONLY }, async (request, reply) => {
    const auth = request.auth!;
    const [people, organisations] = await Promise.all([admin.people(auth.partnershipId), admin.organisations(auth.partnershipId)]);
    return reply.view('admin-people.njk', peoplePage(auth, people, organisations, {}));
  });

  app.post<{ Body: FormValues }>('/admin/people', { config: ADMIN_ONLY }, async (request, reply) => {
    const auth = request.auth!;
    const form = request.body ?? {};
    const organisations = await admin.organisations(auth.partnershipId);
    const result = validateInvite(form, organisations.map((o) => o.id));
    let errors = result.ok ? [] : result.errors;
    if (result.ok) {
      try {
        const { token, replaced } = await admin.invite(auth.partnershipId, result.value, adminActor(request));
        const link = `${siteOrigin(request)}/invitations/${token}`;
        return reply.view('admin-link-created.njk', linkCreatedPage('invitation', link, result.value.email, { href: '/admin/people', text: 'Go back to people' }, replaced));
      } catch (error) {
        errors = [refusalAsError(error)];
      }
    }
    return reply.code(400).view('admin-people.njk', peoplePage(auth, await admin.people(auth.partnershipId), organisations, { form, errors }));
  });

  registerPersonRoutes(app, admin);
  registerAuditRoutes(app, admin, audit);
  registerInvitationRoutes(app, accounts, { secureCookies: options.secureCookies ?? true, rateLimit: options.signInRateLimit ?? 20 });
}
