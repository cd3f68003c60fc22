import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { Access, AccountsService, SignedIn } from '../modules/accounts/index.ts';
import { COOKIE_OPTIONS, SESSION_COOKIE, VISITOR_COOKIE, safeReturnPath } from './http-helpers.ts';


declare module 'fastify' {
  interface FastifyContextConfig {
    /** What the route needs; every route must say (see accounts/roles.ts). */
    access?: Access;
    /** Set false only for routes that authenticate by other means than a cookie (API tokens). */
    csrf?: boolean;
  }
  interface FastifyReply {
    /** Values every template sees (merged by @fastify/view). */
    locals: Record<string, unknown>;
  }
  interface FastifyInstance {
    /** Every route with the access it declared, for the authorisation matrix test and docs. */
    declaredRoutes: { method: string; url: string; access: Access }[];
  }
  interface FastifyRequest {
    auth: SignedIn | null;
    cspNonce: string;
    csrfToken: string;
  }
}

export interface SecurityOptions {
  accounts: AccountsService;
  secret: string;
  /** Set Secure on cookies (true except in tests that speak plain HTTP to a non-local host). */
  secureCookies: boolean;
}


function allowed(access: Access, auth: SignedIn | null): boolean {
  if ('public' in access) return true;
  if (!auth) return false;
  if ('signedIn' in access) return true;
  return access.roles.includes(auth.role);
}

/**
 * Security for every request: declared access per route (deny by default), sessions from the
 * cookie, CSRF tokens on every state-changing form, and the security headers with a CSP nonce.
 */
export function registerSecurity(app: FastifyInstance, options: SecurityOptions): void {
  app.decorateRequest('auth', null);
  app.decorateRequest('cspNonce', '');
  app.decorateRequest('csrfToken', '');

  const declared: { method: string; url: string; access: Access }[] = [];
  app.decorate('declaredRoutes', declared);
  app.addHook('onRoute', (route) => {
    const access = route.config?.access;
    if (!access && !route.url.startsWith('/assets/')) {
      throw new Error(`Route ${String(route.method)} ${route.url} does not declare its access (config.access)`);
    }
    for (const method of [route.method].flat()) if (access && method !== 'HEAD') declared.push({ method: String(method), url: route.url, access });
  });

  const csrfFor = (subject: string) => createHmac('sha256', options.secret).update(`csrf:${subject}`).digest('base64url');

  app.addHook('onRequest', async (request, reply) => {
    request.cspNonce = randomBytes(16).toString('base64');
    request.auth = await options.accounts.resolveSession(request.cookies[SESSION_COOKIE]);
    if (request.cookies[SESSION_COOKIE] && !request.auth) reply.clearCookie(SESSION_COOKIE, COOKIE_OPTIONS);
    let subject = request.auth?.sessionHash;
    if (!subject) {
      subject = request.cookies[VISITOR_COOKIE];
      if (!subject || !/^[A-Za-z0-9_-]{20,64}$/.test(subject)) {
        subject = randomBytes(24).toString('base64url');
        reply.setCookie(VISITOR_COOKIE, subject, { ...COOKIE_OPTIONS, secure: options.secureCookies });
      }
    }
    request.csrfToken = csrfFor(subject);
  });

  app.addHook('preHandler', async (request, reply) => {
    // here, not onRequest: @fastify/view resets reply.locals in its own onRequest hook
    reply.locals = { ...reply.locals, cspNonce: request.cspNonce, csrfToken: request.csrfToken, auth: request.auth, currentPath: request.url };
    const config = request.routeOptions.config;
    const access = config.access;
    if (!access) {
      if (request.is404 || request.routeOptions.url?.startsWith('/assets/')) return; // not found, or govuk-frontend's static files
      return denied(request, reply);
    }
    if (!allowed(access, request.auth)) return denied(request, reply);
    const params = request.params as Record<string, string> | undefined;
    if (!('public' in access) && params?.partnership && params.partnership !== request.auth?.partnershipSlug) return denied(request, reply);
    if (!['GET', 'HEAD', 'OPTIONS'].includes(request.method) && config.csrf !== false) {
      const sent = (request.body as Record<string, unknown> | undefined)?._csrf;
      const expected = Buffer.from(request.csrfToken);
      if (typeof sent !== 'string' || sent.length !== expected.length || !timingSafeEqual(Buffer.from(sent), expected)) {
        request.log.warn('csrf token missing or wrong');
        return reply.code(403).view('error.njk', {
          pageTitle: 'Your form could not be sent',
          heading: 'Your form could not be sent',
          paragraphs: ['The form had expired or did not come from this service. Go back, reload the page and try again.'],
        });
      }
    }
  });

  app.addHook('onSend', async (request, reply, payload) => {
    const nonce = request.cspNonce;
    reply.header(
      'content-security-policy',
      `default-src 'self'; script-src 'self'${nonce ? ` 'nonce-${nonce}'` : ''}; style-src 'self'; img-src 'self' data:; font-src 'self'; connect-src 'self'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'; object-src 'none'`,
    );
    reply.header('x-content-type-options', 'nosniff');
    reply.header('x-frame-options', 'DENY');
    reply.header('referrer-policy', 'same-origin');
    reply.header('permissions-policy', 'camera=(), microphone=(), geolocation=(), payment=()');
    reply.header('cross-origin-opener-policy', 'same-origin');
    reply.header('cross-origin-resource-policy', 'same-origin');
    if (options.secureCookies) reply.header('strict-transport-security', 'max-age=31536000; includeSubDomains');
    // signed-in pages, and pages whose address carries a one-time token, must not be cached
    if ((request.auth || /[?&]token=|^\/invitations\//.test(request.url)) && !reply.hasHeader('cache-control')) reply.header('cache-control', 'no-store');
    return payload;
  });
}

/** Signed out: go and sign in (then come back). Signed in without the role: "you do not have access". */
function denied(request: FastifyRequest, reply: FastifyReply) {
  if (!request.auth && request.method === 'GET') {
    return reply.redirect(`/sign-in?returnTo=${encodeURIComponent(safeReturnPath(request.url))}`, 303);
  }
  return reply.code(request.auth ? 403 : 401).view('no-access.njk', { pageTitle: 'You do not have access to this page', signedIn: Boolean(request.auth) });
}
