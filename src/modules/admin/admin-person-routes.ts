import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { AccountsAdministration } from '../accounts/index.ts';
import { validateRole, type FieldError, type FormValues } from './admin-forms.ts';
import { ADMIN_ONLY, adminActor, refusalAsError, siteOrigin } from './admin-http.ts';
import { linkCreatedPage, personPage } from './admin-view-models.ts';

interface PersonParams {
  personId: string;
}

/** A person's page and its forms: add and remove roles, disable and enable, password reset links. */
export function registerPersonRoutes(app: FastifyInstance, admin: AccountsAdministration): void {
  const personUrl = (personId: string, done: string) => `/admin/people/${personId}?done=${done}`;

  /** The person's page again, with the form as sent and what was wrong (400), or a 404 for anyone outside the partnership. */
  async function showPerson(request: FastifyRequest<{ Params: PersonParams }>, reply: FastifyReply, state: { form?: FormValues; errors?: FieldError[]; done?: string }) {
    const auth = request.auth!;
    const [person, organisations] = await Promise.all([admin.person(auth.partnershipId, request.params.personId), admin.organisations(auth.partnershipId)]);
    if (state.errors?.length) reply.code(400);
    return reply.view('admin-person.njk', personPage(auth, person, organisations, state));
  }

  /** Runs a change; a refusal (not a 404) is shown on the person's page, linked to `field`. */
  async function change(request: FastifyRequest<{ Params: PersonParams }>, reply: FastifyReply, field: string, run: () => Promise<string>) {
    try {
      return reply.redirect(personUrl(request.params.personId, await run()), 303);
    } catch (error) {
      return showPerson(request, reply, { errors: [refusalAsError(error, field)] });
    }
  }

  app.get<{ Params: PersonParams; Querystring: { done?: string } }>('/admin/people/:personId', { config: ADMIN_ONLY }, async (request, reply) => showPerson(request, reply, { done: request.query.done }));

  app.post<{ Params: PersonParams; Body: FormValues }>('/admin/people/:personId/memberships', { config: ADMIN_ONLY }, async (request, reply) => {
    const auth = request.auth!;
    const form = request.body ?? {};
    await admin.person(auth.partnershipId, request.params.personId); // 404 before anything else for another partnership's person
    const organisations = await admin.organisations(auth.partnershipId);
    const result = validateRole(form, organisations.map((o) => o.id));
    if (!result.ok) return showPerson(request, reply, { form, errors: result.errors });
    try {
      await admin.addMembership(auth.partnershipId, request.params.personId, result.value, adminActor(request));
      return reply.redirect(personUrl(request.params.personId, 'role-added'), 303);
    } catch (error) {
      return showPerson(request, reply, { form, errors: [refusalAsError(error)] });
    }
  });

  app.post<{ Params: PersonParams & { membershipId: string } }>('/admin/people/:personId/memberships/:membershipId/remove', { config: ADMIN_ONLY }, async (request, reply) =>
    change(request, reply, 'roles', async () => {
      await admin.removeMembership(request.auth!.partnershipId, request.params.personId, request.params.membershipId, adminActor(request));
      return 'role-removed';
    }),
  );

  app.post<{ Params: PersonParams }>('/admin/people/:personId/disable', { config: ADMIN_ONLY }, async (request, reply) =>
    change(request, reply, 'account', async () => {
      await admin.setDisabled(request.auth!.partnershipId, request.params.personId, true, adminActor(request));
      return 'disabled';
    }),
  );

  app.post<{ Params: PersonParams }>('/admin/people/:personId/enable', { config: ADMIN_ONLY }, async (request, reply) =>
    change(request, reply, 'account', async () => {
      await admin.setDisabled(request.auth!.partnershipId, request.params.personId, false, adminActor(request));
      return 'enabled';
    }),
  );

  app.post<{ Params: PersonParams }>('/admin/people/:personId/reset-link', { config: ADMIN_ONLY }, async (request, reply) => {
    const personId = request.params.personId;
    const { token, email } = await admin.createResetLink(request.auth!.partnershipId, personId, adminActor(request));
    const link = `${siteOrigin(request)}/reset-password?token=${encodeURIComponent(token)}`;
    return reply.view('admin-link-created.njk', linkCreatedPage('password-reset', link, email, { href: `/admin/people/${personId}`, text: `Go back to ${email}` }));
  });
}
