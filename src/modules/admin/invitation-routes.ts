import type { FastifyInstance, FastifyReply } from 'fastify';
import { PUBLIC, type AccountsService } from '../accounts/index.ts';
import { COOKIE_OPTIONS, SESSION_COOKIE } from '../../web/http-helpers.ts';
import { validateAcceptance, type FieldError, type FormValues } from './admin-forms.ts';
import { invitationPage } from './admin-view-models.ts';

interface TokenParams {
  token: string;
}

/**
 * Accepting an invitation (public: the link is the credential): choose a name and password, or
 * confirm with your password when you already have an account; then you are signed in.
 */
export function registerInvitationRoutes(app: FastifyInstance, accounts: AccountsService, options: { secureCookies: boolean; rateLimit: number }): void {
  const admin = accounts.administration;
  const cookie = { ...COOKIE_OPTIONS, secure: options.secureCookies };
  const expired = (reply: FastifyReply) => reply.code(410).header('cache-control', 'no-store').view('invitation-expired.njk', { pageTitle: 'This invitation has expired' });

  app.get<{ Params: TokenParams }>('/invitations/:token', { config: { access: PUBLIC } }, async (request, reply) => {
    const invitation = await admin.invitation(request.params.token);
    if (!invitation) return expired(reply);
    return reply.header('cache-control', 'no-store').view('invitation.njk', invitationPage(invitation, request.params.token, {}));
  });

  app.post<{ Params: TokenParams; Body: FormValues }>('/invitations/:token', { config: { access: PUBLIC, rateLimit: { max: options.rateLimit, timeWindow: '1 minute' } } }, async (request, reply) => {
    const token = request.params.token;
    const invitation = await admin.invitation(token);
    if (!invitation) return expired(reply);
    const form = request.body ?? {};
    const shown = (errors: FieldError[]) => reply.code(400).header('cache-control', 'no-store').view('invitation.njk', invitationPage(invitation, token, { form, errors }));
    const result = validateAcceptance(form, invitation.hasAccount, invitation.email);
    if (!result.ok) return shown(result.errors);
    const accepted = await admin.acceptInvitation(token, result.value, request.ip);
    if (!accepted.ok && accepted.reason === 'expired') return expired(reply);
    if (!accepted.ok) return shown([accepted.field ? { field: accepted.field, href: `#${accepted.field}`, text: accepted.problem } : { field: '', text: accepted.problem }]);

    await accounts.signOut(request.cookies[SESSION_COOKIE]);
    const session = await accounts.startSession(accepted.partnershipId, accepted.personId, accepted.email, request.ip, 'invitation');
    if (!session.ok) return reply.redirect('/sign-in', 303);
    // act in the role the invitation gave, not whichever membership sorts first
    const signedIn = await accounts.resolveSession(session.token);
    if (signedIn) await accounts.actAs(signedIn.sessionHash, accepted.partnershipId, accepted.personId, accepted.membershipId);
    reply.setCookie(SESSION_COOKIE, session.token, cookie);
    return reply.redirect('/account', 303);
  });
}
