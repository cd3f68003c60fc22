import { createHmac } from 'node:crypto';
import { signerFactory } from '@fastify/cookie';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { COOKIE_OPTIONS, SESSION_COOKIE, safeReturnPath } from '../../web/http-helpers.ts';
import { PUBLIC } from './roles.ts';
import { SsoError } from './sso-errors.ts';
import { SSO_TRANSACTION_TTL_MS, type SsoService, type SsoTransaction } from './sso-service.ts';

/** Holds the sign-in in progress (state, nonce, PKCE verifier, return path) between the two requests. */
export const SSO_TRANSACTION_COOKIE = 'so_sso';

type Params = { connection: string };

/**
 * Reads back a transaction cookie; null when absent, tampered with or malformed. The signature
 * (HMAC with a key derived from the app secret) is what lets the callback trust the cookie's state,
 * nonce and verifier; the cookie is HttpOnly, so page scripts cannot read the verifier either.
 */
function readTransaction(signer: ReturnType<typeof signerFactory>, raw: string | undefined): SsoTransaction | null {
  if (!raw) return null;
  const result = signer.unsign(raw);
  if (!result.valid || result.value === null) return null;
  try {
    const value = JSON.parse(Buffer.from(result.value, 'base64url').toString('utf8')) as Partial<SsoTransaction>;
    const strings = [value.connection, value.state, value.nonce, value.codeVerifier, value.returnTo, value.redirectUri];
    return strings.every((s) => typeof s === 'string') && typeof value.expiresAt === 'number' ? (value as SsoTransaction) : null;
  } catch {
    return null;
  }
}

/**
 * Single sign-on: `/sign-in/sso/:connection` sends the browser to the organisation's provider, and
 * `/sign-in/sso/:connection/callback` is where the provider sends it back.
 */
export function registerSsoRoutes(app: FastifyInstance, sso: SsoService, options: { secret: string; secureCookies: boolean; rateLimit: number }): void {
  // a key of its own, so a signature made here is worth nothing anywhere else the secret is used
  const signer = signerFactory(createHmac('sha256', options.secret).update('sso-transaction-cookie').digest());
  const sessionCookie = { ...COOKIE_OPTIONS, secure: options.secureCookies };
  // scoped to one connection's paths: sent only to its callback, and two tabs on two connections do not collide
  const transactionCookie = (slug: string) => ({ ...COOKIE_OPTIONS, secure: options.secureCookies, path: `/sign-in/sso/${encodeURIComponent(slug)}` });
  const origin = (request: FastifyRequest) => `${request.protocol}://${request.host}`;

  const refused = (reply: FastifyReply, error: SsoError) =>
    reply.code(error.status).header('cache-control', 'no-store').view('sso-failed.njk', { pageTitle: 'You could not be signed in', message: error.message, reason: error.code });

  app.get<{ Params: Params; Querystring: { returnTo?: string } }>(
    '/sign-in/sso/:connection',
    { config: { access: PUBLIC, rateLimit: { max: options.rateLimit, timeWindow: '1 minute' } } },
    async (request, reply) => {
      const returnTo = safeReturnPath(request.query.returnTo);
      if (request.auth) return reply.redirect(returnTo, 303);
      const slug = request.params.connection;
      const redirectUri = `${origin(request)}/sign-in/sso/${encodeURIComponent(slug)}/callback`;
      try {
        const { authorizationUrl, transaction } = await sso.begin(slug, returnTo, redirectUri, request.ip);
        const value = Buffer.from(JSON.stringify(transaction)).toString('base64url');
        reply.setCookie(SSO_TRANSACTION_COOKIE, signer.sign(value), { ...transactionCookie(slug), maxAge: SSO_TRANSACTION_TTL_MS / 1000 });
        return reply.header('cache-control', 'no-store').redirect(authorizationUrl, 303);
      } catch (error) {
        if (error instanceof SsoError) return refused(reply, error);
        throw error;
      }
    },
  );

  app.get<{ Params: Params }>(
    '/sign-in/sso/:connection/callback',
    // warn, not info: the routine request log line would write the authorization code (in the URL) to the log
    { logLevel: 'warn', config: { access: PUBLIC, rateLimit: { max: options.rateLimit, timeWindow: '1 minute' } } },
    async (request, reply) => {
      const slug = request.params.connection;
      const transaction = readTransaction(signer, request.cookies[SSO_TRANSACTION_COOKIE]);
      // one use only, whatever happens next
      reply.clearCookie(SSO_TRANSACTION_COOKIE, transactionCookie(slug));
      reply.header('cache-control', 'no-store');
      try {
        const result = await sso.complete(slug, new URL(request.url, origin(request)), transaction, request.ip);
        reply.setCookie(SESSION_COOKIE, result.token, sessionCookie);
        return reply.redirect(safeReturnPath(result.returnTo), 303);
      } catch (error) {
        if (error instanceof SsoError) return refused(reply, error);
        throw error;
      }
    },
  );
}
