import type { FastifyError, FastifyInstance, FastifyReply } from 'fastify';

interface TypedError {
  code?: unknown;
  status?: unknown;
  problems?: { location: string; message: string }[];
}

/** Renders GOV.UK error pages; typed errors (with a code and status) show their own message. */
export function registerErrorHandlers(app: FastifyInstance, development: boolean): void {
  app.setNotFoundHandler((request, reply) => notFound(reply, request.url));

  app.setErrorHandler((error: FastifyError & TypedError, request, reply) => {
    const status = typeof error.status === 'number' ? error.status : (error.statusCode ?? 500);
    if (status === 404) return notFound(reply, request.url);
    if (status >= 500) request.log.error({ err: error }, 'request failed');
    const wantsJson = request.headers.accept?.includes('application/json') && !request.headers.accept.includes('text/html');
    if (wantsJson) return reply.code(status).send({ error: error.code ?? 'error', message: status >= 500 ? 'Internal error' : error.message });
    if (status >= 500) {
      return reply.code(status).view('error.njk', {
        pageTitle: 'Sorry, there is a problem with the service',
        heading: 'Sorry, there is a problem with the service',
        paragraphs: ['Try again later.', ...(development ? [error.message] : [])],
      });
    }
    return reply.code(status).view('error.njk', {
      pageTitle: 'There is a problem',
      heading: 'There is a problem',
      paragraphs: [error.problems ? 'The request could not be completed:' : error.message],
      problems: error.problems,
    });
  });
}

function notFound(reply: FastifyReply, url: string) {
  if (url.startsWith('/api/') || url.endsWith('.json')) return reply.code(404).send({ error: 'not-found', message: 'Not found' });
  return reply.code(404).view('error.njk', {
    pageTitle: 'Page not found',
    heading: 'Page not found',
    paragraphs: ['If you typed the web address, check it is correct.', 'If you pasted the web address, check you copied the entire address.'],
  });
}
