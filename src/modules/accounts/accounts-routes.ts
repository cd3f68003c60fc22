import type { FastifyInstance } from 'fastify';
import { COOKIE_OPTIONS, SESSION_COOKIE, safeReturnPath } from '../../web/http-helpers.ts';
import type { AccountsService } from './accounts-service.ts';
import { PUBLIC, SIGNED_IN } from './roles.ts';

interface Body {
  email?: string;
  password?: string;
  confirm?: string;
  returnTo?: string;
  membership?: string;
}

/** Sign-in, sign-out, password reset and "who am I acting as". */
export function registerAccountRoutes(app: FastifyInstance, accounts: AccountsService, options: { secureCookies: boolean; signInRateLimit: number; ssoConnections: () => Promise<{ slug: string; displayName: string }[]> }): void {
  const cookie = { ...COOKIE_OPTIONS, secure: options.secureCookies };

  app.get<{ Querystring: { returnTo?: string } }>('/sign-in', { config: { access: PUBLIC } }, async (request, reply) => {
    if (request.auth) return reply.redirect(safeReturnPath(request.query.returnTo), 303);
    return reply.view('sign-in.njk', { pageTitle: 'Sign in', returnTo: safeReturnPath(request.query.returnTo), form: {}, errors: [], sso: await options.ssoConnections() });
  });

  app.post<{ Body: Body }>('/sign-in', { config: { access: PUBLIC, rateLimit: { max: options.signInRateLimit, timeWindow: '1 minute' } } }, async (request, reply) => {
    const email = String(request.body?.email ?? '').trim();
    const password = String(request.body?.password ?? '');
    const returnTo = safeReturnPath(request.body?.returnTo);
    const errors: { text: string; href: string }[] = [];
    if (!email) errors.push({ text: 'Enter your email address', href: '#email' });
    if (!password) errors.push({ text: 'Enter your password', href: '#password' });
    if (errors.length === 0) {
      const result = await accounts.signIn(email, password, request.ip);
      if (result.ok) {
        reply.setCookie(SESSION_COOKIE, result.token, cookie);
        return reply.redirect(returnTo, 303);
      }
      if (result.reason === 'locked') errors.push({ text: `There have been too many attempts to sign in with this email address. Try again in ${result.retryAfterMinutes} minute${result.retryAfterMinutes === 1 ? '' : 's'}`, href: '#email' });
      else if (result.reason === 'no-membership') errors.push({ text: 'Your account has no role in any organisation yet. Ask an administrator to add you', href: '#email' });
      else errors.push({ text: 'Enter a correct email address and password', href: '#email' });
    }
    return reply.code(400).view('sign-in.njk', { pageTitle: 'Sign in', returnTo, form: { email }, errors, sso: await options.ssoConnections() });
  });

  app.get('/sign-out', { config: { access: PUBLIC } }, async (request, reply) => {
    return reply.view('sign-out.njk', { pageTitle: request.auth ? 'Sign out' : 'You have signed out', signedOut: !request.auth });
  });

  app.post('/sign-out', { config: { access: PUBLIC } }, async (request, reply) => {
    await accounts.signOut(request.cookies[SESSION_COOKIE]);
    reply.clearCookie(SESSION_COOKIE, cookie);
    return reply.redirect('/sign-out', 303);
  });

  app.get<{ Querystring: { token?: string } }>('/reset-password', { config: { access: PUBLIC } }, async (request, reply) => {
    const token = String(request.query.token ?? '');
    const valid = await accounts.resetLinkIsValid(token);
    return reply.code(valid ? 200 : 410).view('reset-password.njk', { pageTitle: valid ? 'Choose a new password' : 'This link has expired', valid, token, errors: [] });
  });

  app.post<{ Body: Body & { token?: string } }>('/reset-password', { config: { access: PUBLIC, rateLimit: { max: options.signInRateLimit, timeWindow: '1 minute' } } }, async (request, reply) => {
    const token = String(request.body?.token ?? '');
    const password = String(request.body?.password ?? '');
    if (!(await accounts.resetLinkIsValid(token))) {
      return reply.code(410).view('reset-password.njk', { pageTitle: 'This link has expired', valid: false, token: '', errors: [] });
    }
    if (password !== String(request.body?.confirm ?? '')) {
      return reply.code(400).view('reset-password.njk', { pageTitle: 'Choose a new password', valid: true, token, errors: [{ text: 'The passwords do not match', href: '#confirm' }] });
    }
    const result = await accounts.resetPassword(token, password, request.ip);
    if (!result.ok) return reply.code(400).view('reset-password.njk', { pageTitle: 'Choose a new password', valid: true, token, errors: [{ text: result.problem, href: '#password' }] });
    return reply.view('reset-password-done.njk', { pageTitle: 'Your password has been changed' });
  });

  app.get('/account', { config: { access: SIGNED_IN } }, async (request, reply) => {
    const auth = request.auth!;
    return reply.view('account.njk', { pageTitle: 'Your account', memberships: await accounts.memberships(auth.partnershipId, auth.personId) });
  });

  app.post<{ Body: Body }>('/account/act-as', { config: { access: SIGNED_IN } }, async (request, reply) => {
    const auth = request.auth!;
    const membership = String(request.body?.membership ?? '');
    const ok = /^[0-9a-f-]{36}$/i.test(membership) && (await accounts.actAs(auth.sessionHash, auth.partnershipId, auth.personId, membership));
    if (!ok) return reply.code(400).view('account.njk', { pageTitle: 'Your account', memberships: await accounts.memberships(auth.partnershipId, auth.personId), errors: [{ text: 'Select an organisation and role you hold', href: '#membership' }] });
    return reply.redirect('/account', 303);
  });
}
