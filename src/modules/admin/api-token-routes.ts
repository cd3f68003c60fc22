import type { FastifyInstance } from 'fastify';
import type { AccountsAdministration } from '../accounts/index.ts';
import type { ApiTokens } from '../returns/index.ts';
import type { FormValues } from './admin-forms.ts';
import { ADMIN_ONLY } from './admin-http.ts';
import { apiTokenCreatedPage, apiTokensPage, revokeApiTokenPage, validateApiToken } from './api-token-view-models.ts';

interface TokenParams {
  tokenId: string;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * API tokens for the data returns API: partnership administrators list them, create one for an
 * organisation (shown once) and revoke them. ApiTokens records each change in the audit trail.
 */
export function registerApiTokenRoutes(app: FastifyInstance, tokens: ApiTokens, admin: AccountsAdministration): void {
  const actor = (auth: { email: string; personId: string }) => ({ label: auth.email, personId: auth.personId });

  /** One token of the administrator's partnership, or a 404 (another partnership's token is not found either). */
  async function findToken(partnershipId: string, tokenId: string) {
    const token = UUID.test(tokenId) ? (await tokens.list(partnershipId)).find((t) => t.id === tokenId) : undefined;
    if (!token) throw Object.assign(new Error('There is no such API token'), { status: 404, code: 'not-found' });
    return token;
  }

  app.get<{ Querystring: { done?: string } }>('/admin/api-tokens', { config: ADMIN_ONLY }, async (request, reply) => {
    const auth = request.auth!;
    const [list, organisations] = await Promise.all([tokens.list(auth.partnershipId), admin.organisations(auth.partnershipId)]);
    return reply.view('admin-api-tokens.njk', apiTokensPage(auth, list, organisations, { done: request.query.done }));
  });

  app.post<{ Body: FormValues }>('/admin/api-tokens', { config: ADMIN_ONLY }, async (request, reply) => {
    const auth = request.auth!;
    const form = request.body ?? {};
    const organisations = await admin.organisations(auth.partnershipId);
    const result = validateApiToken(form, organisations.map((o) => o.id));
    if (!result.ok) return reply.code(400).view('admin-api-tokens.njk', apiTokensPage(auth, await tokens.list(auth.partnershipId), organisations, { form, errors: result.errors }));
    const created = await tokens.create(auth.partnershipId, result.value.organisationId, result.value.name, actor(auth));
    const organisation = organisations.find((o) => o.id === result.value.organisationId)!.name;
    return reply.view('admin-api-token-created.njk', apiTokenCreatedPage(created.token, result.value.name, organisation));
  });

  app.get<{ Params: TokenParams }>('/admin/api-tokens/:tokenId/revoke', { config: ADMIN_ONLY }, async (request, reply) => {
    const token = await findToken(request.auth!.partnershipId, request.params.tokenId);
    if (token.revoked_at) return reply.redirect('/admin/api-tokens?done=revoked', 303);
    return reply.view('admin-api-token-revoke.njk', revokeApiTokenPage(token));
  });

  app.post<{ Params: TokenParams }>('/admin/api-tokens/:tokenId/revoke', { config: ADMIN_ONLY }, async (request, reply) => {
    const auth = request.auth!;
    await findToken(auth.partnershipId, request.params.tokenId);
    await tokens.revoke(auth.partnershipId, request.params.tokenId, actor(auth));
    return reply.redirect('/admin/api-tokens?done=revoked', 303);
  });
}
