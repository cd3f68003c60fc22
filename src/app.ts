import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import cookie from '@fastify/cookie';
import formbody from '@fastify/formbody';
import multipart from '@fastify/multipart';
import rateLimit from '@fastify/rate-limit';
import fastifyStatic from '@fastify/static';
import view from '@fastify/view';
import Fastify, { type FastifyInstance, type FastifyServerOptions } from 'fastify';
import nunjucks from 'nunjucks';
import type { Container } from './container.ts';
import { PUBLIC, registerAccountRoutes, registerSsoRoutes } from './modules/accounts/index.ts';
import { registerAdminRoutes, registerApiTokenRoutes } from './modules/admin/index.ts';
import { registerCaseworkRoutes } from './modules/casework/index.ts';
import { registerDisclosurePolicyRoutes } from './modules/disclosure/index.ts';
import { registerHealthRoutes } from './modules/health/index.ts';
import { registerPlanRoutes } from './modules/plans/index.ts';
import { registerMeasureRoutes } from './modules/measures/index.ts';
import { multipartLimits, registerApiDocsRoutes, registerReturnRoutes, registerReturnsApiRoutes, UPLOAD_LIMITS } from './modules/returns/index.ts';
import { compiledCss, govukDist } from './web/assets.ts';
import { registerErrorHandlers } from './web/error-handlers.ts';
import { registerFilters } from './web/nunjucks-filters.ts';
import { registerSecurity } from './web/security.ts';
import { requestSerializers } from './web/log-serializers.ts';

const here = (path: string) => fileURLToPath(new URL(path, import.meta.url));

export interface AppOptions {
  logger?: FastifyServerOptions['logger'];
  /** Show error details on error pages (development only). */
  development?: boolean;
  /** Trust X-Forwarded-* from a proxy in front (TRUST_PROXY): true, a hop count or addresses. */
  trustProxy?: boolean | number | string;
  /** Mark cookies Secure (default true; browsers accept Secure cookies from http://localhost). */
  secureCookies?: boolean;
  /** Requests per minute allowed to sign-in and upload routes from one address. */
  signInRateLimit?: number;
  /** Requests per minute allowed to each API token route from one address (default 120). */
  apiRateLimit?: number;
  /** Single sign-on connections shown on the sign-in page. */
  ssoConnections?: () => Promise<{ slug: string; displayName: string }[]>;
}

/** Builds the web application: plugins in a readable order, then feature routes, then 404 and errors. */
export async function buildApp(container: Container, options: AppOptions = {}): Promise<FastifyInstance> {
  const app = Fastify({
    logger: options.logger ? { ...(options.logger === true ? {} : options.logger), serializers: requestSerializers } : false,
    // Fastify accepts a hop count too; its types list only boolean, string and function
    trustProxy: (options.trustProxy ?? false) as boolean | string,
    bodyLimit: 256 * 1024,
    requestIdHeader: false,
    genReqId: () => crypto.randomUUID(),
  });
  const { css, version } = await compiledCss();

  const secureCookies = options.secureCookies ?? true;
  await app.register(cookie);
  await app.register(formbody);
  // multipart bodies are never buffered: routes that take a file stream it themselves (data-return uploads)
  await app.register(multipart, { throwFileSizeLimit: false, limits: multipartLimits(UPLOAD_LIMITS.maxFileBytes) });
  await app.register(rateLimit, {
    global: false,
    // a typed error, so the error handler shows a GOV.UK page (or JSON) rather than the plugin's default
    errorResponseBuilder: (_request, context) => Object.assign(new Error(`There have been too many requests from your network. Try again in ${Math.ceil(context.ttl / 1000)} seconds.`), { statusCode: 429, status: 429, code: 'rate-limited' }),
  });
  registerSecurity(app, { accounts: container.accounts, apiTokens: container.apiTokens, apiRateLimit: options.apiRateLimit ?? 120, secret: container.secret, secureCookies });
  await app.register(view, {
    engine: { nunjucks },
    templates: [here('./web/views'), here('./modules/plans/views'), here('./modules/accounts/views'), here('./modules/measures/views'), here('./modules/admin/views'), here('./modules/returns/views'), here('./modules/casework/views'), here('./modules/disclosure/views'), join(govukDist, '..')],
    defaultContext: { cssVersion: version },
    options: { onConfigure: registerFilters, autoescape: true, throwOnUndefined: false },
  });
  await app.register(fastifyStatic, { root: join(govukDist, 'assets'), prefix: '/assets/', decorateReply: false, maxAge: '1d' });

  const appJs = readFileSync(here('./web/public/app.js'));
  const favicon = readFileSync(here('./web/public/favicon.svg'));
  const govukJs = readFileSync(join(govukDist, 'govuk-frontend.min.js'));
  app.get('/assets/app.css', { config: { access: PUBLIC } }, (_req, reply) => reply.type('text/css; charset=utf-8').header('cache-control', 'public, max-age=86400').send(css));
  app.get('/assets/app.js', { config: { access: PUBLIC } }, (_req, reply) => reply.type('text/javascript; charset=utf-8').send(appJs));
  app.get('/assets/govuk-frontend.min.js', { config: { access: PUBLIC } }, (_req, reply) => reply.type('text/javascript; charset=utf-8').send(govukJs));
  app.get('/assets/favicon.svg', { config: { access: PUBLIC } }, (_req, reply) => reply.type('image/svg+xml').header('cache-control', 'public, max-age=86400').send(favicon));
  app.get('/favicon.ico', { config: { access: PUBLIC } }, (_req, reply) => reply.redirect('/assets/favicon.svg', 301));

  registerHealthRoutes(app, container.health);
  registerAccountRoutes(app, container.accounts, { secureCookies, signInRateLimit: options.signInRateLimit ?? 20, ssoConnections: options.ssoConnections ?? (() => container.sso.listConnections()) });
  registerSsoRoutes(app, container.sso, { secret: container.secret, secureCookies, rateLimit: options.signInRateLimit ?? 20 });
  registerAdminRoutes(app, container.accounts, container.audit, { secureCookies, signInRateLimit: options.signInRateLimit ?? 20 });
  registerDisclosurePolicyRoutes(app, container.disclosure);
  registerPlanRoutes(app, container.plans, container.clock);
  registerMeasureRoutes(app, container.plans, container.measures);
  registerReturnRoutes(app, container.returns, { secret: container.secret, now: () => container.clock.now(), uploadRateLimit: options.signInRateLimit ?? 20 });
  registerReturnsApiRoutes(app, container.returns);
  registerApiDocsRoutes(app);
  registerApiTokenRoutes(app, container.apiTokens, container.accounts.administration);
  registerCaseworkRoutes(app, container.casework, container.audit, { today: () => container.clock.today(), uploadRateLimit: options.signInRateLimit ?? 20 });
  registerErrorHandlers(app, options.development ?? false);
  return app;
}
