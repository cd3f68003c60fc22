import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { Access, AccountsService, SignedIn } from '../modules/accounts/index.ts';
import { COOKIE_OPTIONS, SESSION_COOKIE, VISITOR_COOKIE, safeReturnPath } from './http-helpers.ts';


declare module 'fastify' {
  interface FastifyContextConfig {
    /** What the route needs; every route must say (see accounts/roles.ts). */
    access?: Access;
    /**
     * Set false only for routes that authenticate by other means than a cookie (API tokens), or that
     * check the token themselves with csrfTokenMatches (multipart uploads, whose fields are a stream).
     */
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
    /** The API token's holder, on routes declared `{ apiToken: scope }` (never from a cookie). */
    apiPrincipal: ApiPrincipal | null;
    cspNonce: string;
    csrfToken: string;
  }
}

/** Who holds an API token (the shape of returns' TokenPrincipal, kept here so web/ needs no returns types). */
export interface ApiPrincipal {
  tokenId: string;
  partnershipId: string;
  organisationId: string;
  organisationName: string;
  name: string;
  scopes: string[];
}

export interface SecurityOptions {
  accounts: AccountsService;
  /** Checks the bearer token of routes declared `{ apiToken: scope }`; required if there are any. */
  apiTokens?: { authenticate(token: string): Promise<ApiPrincipal | null> };
  /** Requests a minute one address may make to each API token route (default 120). */
  apiRateLimit?: number;
  secret: string;
  /** Set Secure on cookies (true except in tests that speak plain HTTP to a non-local host). */
  secureCookies: boolean;
}


function allowed(access: Access, auth: SignedIn | null): boolean {
  if ('public' in access) return true;
  if ('apiToken' in access) return false; // a token, checked in the route's own onRequest hook, never a session
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
  app.decorateRequest('apiPrincipal', null);
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
    if (access && 'apiToken' in access) {
      if (!options.apiTokens) throw new Error(`Route ${String(route.method)} ${route.url} needs API tokens, but the security layer was given no token service`);
      if (typeof app.rateLimit !== 'function') throw new Error('API token routes need @fastify/rate-limit registered before the security layer');
      // rate limit first (so guessing tokens is throttled too), then the token: both before the body is read
      const limit = app.rateLimit({ max: options.apiRateLimit ?? 120, timeWindow: '1 minute' });
      route.onRequest = [...[route.onRequest ?? []].flat(), limit, bearerToken(options.apiTokens, access.apiToken)] as typeof route.onRequest;
    }
  });

  const csrfFor = (subject: string) => createHmac('sha256', options.secret).update(`csrf:${subject}`).digest('base64url');

  app.addHook('onRequest', async (request, reply) => {
    request.cspNonce = randomBytes(16).toString('base64');
    const access = request.routeOptions.config?.access;
    if (access && 'apiToken' in access) return; // no session, visitor cookie or CSRF token: see bearerToken
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
    if ('apiToken' in access) {
      // authenticated by the route's onRequest hook (bearerToken); CSRF does not apply to a header token
      if (!request.apiPrincipal) return tokenRefused(reply, 401, 'missing', 'Send your API token in the Authorization header: Bearer <token>');
      return;
    }
    if (!allowed(access, request.auth)) return denied(request, reply);
    const params = request.params as Record<string, string> | undefined;
    if (!('public' in access) && params?.partnership && params.partnership !== request.auth?.partnershipSlug) return denied(request, reply);
    if (!['GET', 'HEAD', 'OPTIONS'].includes(request.method) && config.csrf !== false) {
      if (!csrfTokenMatches(request, (request.body as Record<string, unknown> | undefined)?._csrf)) {
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
    if ((request.auth || request.apiPrincipal || /[?&]token=|^\/invitations\//.test(request.url)) && !reply.hasHeader('cache-control')) reply.header('cache-control', 'no-store');
    return payload;
  });
}

/** Whether `sent` is this request's CSRF token (compared in constant time); anything but one string is not. */
export function csrfTokenMatches(request: FastifyRequest, sent: unknown): boolean {
  const expected = Buffer.from(request.csrfToken);
  return typeof sent === 'string' && expected.length > 0 && sent.length === expected.length && timingSafeEqual(Buffer.from(sent), expected);
}

/** Signed out: go and sign in (then come back). Signed in without the role: "you do not have access". */
function denied(request: FastifyRequest, reply: FastifyReply) {
  if (!request.auth && request.method === 'GET') {
    return reply.redirect(`/sign-in?returnTo=${encodeURIComponent(safeReturnPath(request.url))}`, 303);
  }
  return reply.code(request.auth ? 403 : 401).view('no-access.njk', { pageTitle: 'You do not have access to this page', signedIn: Boolean(request.auth) });
}

/**
 * The onRequest hook of an API token route: the token comes from `Authorization: Bearer` only (a cookie
 * is never read), must be known and not revoked (401 otherwise), and must carry the route's scope (403).
 * Refusals are JSON with a WWW-Authenticate header as RFC 6750 describes.
 */
function bearerToken(tokens: NonNullable<SecurityOptions['apiTokens']>, scope: string) {
  return async (request: FastifyRequest, reply: FastifyReply) => {
    const match = /^Bearer +(\S+) *$/i.exec(request.headers.authorization ?? '');
    if (!match) return tokenRefused(reply, 401, 'missing', 'Send your API token in the Authorization header: Bearer <token>');
    const principal = await tokens.authenticate(match[1]!);
    if (!principal) return tokenRefused(reply, 401, 'invalid_token', 'The API token is not valid: it may have been mistyped or revoked');
    if (!principal.scopes.includes(scope)) return tokenRefused(reply, 403, 'insufficient_scope', `The API token does not allow this: it needs the scope ${scope}`, scope);
    request.apiPrincipal = principal;
  };
}

function tokenRefused(reply: FastifyReply, status: 401 | 403, error: 'missing' | 'invalid_token' | 'insufficient_scope', message: string, scope?: string) {
  // RFC 6750 section 3: no error code when no token was sent at all
  const challenge = `Bearer realm="send-outcomes"${error === 'missing' ? '' : `, error="${error}"`}${scope ? `, scope="${scope}"` : ''}`;
  return reply.code(status).header('www-authenticate', challenge).header('cache-control', 'no-store').send({ error: status === 401 ? 'unauthorised' : 'forbidden', message });
}
