import type { FastifyInstance } from 'fastify';
import { PUBLIC } from '../accounts/index.ts';
import { apiDocsPage } from './api-docs-view.ts';
import { openApiDocument } from './openapi.ts';

/** The API's description: the OpenAPI document for programs, and the same rendered as a page for people. Both public. */
export function registerApiDocsRoutes(app: FastifyInstance): void {
  const document = openApiDocument();
  const body = `${JSON.stringify(document, null, 2)}\n`;

  app.get('/api/openapi.json', { config: { access: PUBLIC } }, (_request, reply) => reply.type('application/json; charset=utf-8').header('cache-control', 'public, max-age=3600').send(body));

  app.get('/api/docs', { config: { access: PUBLIC } }, (request, reply) => reply.view('api-docs.njk', apiDocsPage(document, `${request.protocol}://${request.host}`)));
}
