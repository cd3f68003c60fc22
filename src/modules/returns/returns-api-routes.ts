import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { apiToken } from '../accounts/index.ts';
import { RETURNS_WRITE } from './api-tokens.ts';
import { bodyRowsOf, problemsAsPaths, readReturnBody, rowsOfBody } from './returns-api-schema.ts';
import { ReturnProblemsError, ReturnsError } from './returns-errors.ts';
import type { ReturnsActor, ReturnsService } from './returns-service.ts';
import type { Schedule } from './return-layout.ts';

/** Body limit of the POST: 250,000 rows of JSON with long breakdown values fit well inside it. */
export const API_BODY_LIMIT = 64 * 1_048_576;

interface ReturnParams {
  schedule: string;
  period: string;
}

const WRITE = { access: apiToken(RETURNS_WRITE) };
const returnLink = (schedule: string, period: string) => `/api/v1/returns/${encodeURIComponent(schedule)}/${encodeURIComponent(period)}`;

/**
 * The data returns API (issue 5): an organisation's systems send a return as JSON with an API token
 * (Authorization: Bearer), read a return back, and list what the organisation owes. Documented at
 * /api/docs (openapi.ts). The token is checked by the security layer before the body is read.
 */
export function registerReturnsApiRoutes(app: FastifyInstance, returns: ReturnsService): void {
  /** The schedule the token's organisation supplies, or a 404/403 JSON error. */
  async function ownSchedule(request: FastifyRequest<{ Params: ReturnParams }>): Promise<Schedule> {
    const principal = request.apiPrincipal!;
    const schedule = await returns.schedule(principal.partnershipId, request.params.schedule);
    if (schedule.organisationId !== principal.organisationId) {
      throw new ReturnsError('forbidden', 403, `The schedule "${schedule.slug}" is supplied by ${schedule.organisationName}; this token is for ${principal.organisationName}`);
    }
    return schedule;
  }

  app.get('/api/v1/schedules', { config: WRITE, errorHandler: apiErrors }, async (request) => {
    const principal = request.apiPrincipal!;
    const [schedules, owed] = await Promise.all([returns.listSchedules(principal.partnershipId, principal.organisationId), returns.obligations(principal.partnershipId, principal.organisationId)]);
    return {
      organisation: { name: principal.organisationName },
      schedules: schedules.map((s) => ({
        schedule: s.slug,
        measure: { slug: s.measureSlug, title: s.measureTitle, unit: s.measureUnit },
        grain: s.grain,
        shape: s.shape,
        breakdown: s.breakdown || null,
        breakdownValues: s.breakdownValues,
        deadlineDays: s.deadlineDays,
        guidance: s.guidance,
        obligations: owed
          .filter((o) => o.schedule.id === s.id)
          .map((o) => ({ period: o.period.code, label: o.period.label, dueOn: o.dueOn, status: o.status, overdue: o.overdue, revision: o.revision, links: { self: returnLink(s.slug, o.period.code) } })),
      })),
      links: { docs: '/api/docs' },
    };
  });

  app.get<{ Params: ReturnParams }>('/api/v1/returns/:schedule/:period', { config: WRITE, errorHandler: apiErrors }, async (request) => {
    const schedule = await ownSchedule(request);
    const period = returns.period(schedule, request.params.period);
    const detail = await returns.detail(request.apiPrincipal!.partnershipId, schedule, period);
    return {
      return: {
        schedule: schedule.slug,
        period: period.code,
        label: period.label,
        status: detail.status,
        revision: detail.revision,
        dueOn: detail.dueOn,
        overdue: detail.overdue,
        note: detail.note,
        returnedReason: detail.returnedReason,
        rows: bodyRowsOf(schedule.shape, detail.rows),
        history: detail.history.map((h) => ({ revision: h.revision, action: h.action, channel: h.channel, at: h.at.toISOString() })),
      },
      links: { self: returnLink(schedule.slug, period.code), docs: '/api/docs' },
    };
  });

  app.post<{ Params: ReturnParams }>('/api/v1/returns/:schedule/:period', { config: WRITE, bodyLimit: API_BODY_LIMIT, errorHandler: apiErrors }, async (request, reply) => {
    const principal = request.apiPrincipal!;
    const schedule = await ownSchedule(request);
    const period = returns.period(schedule, request.params.period);
    if (!/^application\/(.+\+)?json\b/i.test(request.headers['content-type'] ?? '')) {
      return reply.code(415).send({ error: 'unsupported-media-type', message: 'Send the return as JSON, with Content-Type: application/json' });
    }
    const read = readReturnBody(schedule.shape, request.body);
    if (!read.ok) return reply.code(422).send({ error: 'invalid-return', message: 'The return is not in the expected form; nothing was saved', problems: read.problems });
    const actor: ReturnsActor = { label: `API token "${principal.name}" (${principal.organisationName})`, personId: null, organisationId: principal.organisationId, reviewer: false };
    const submit = read.body.submit ?? false;
    try {
      const saved = await returns.save(principal.partnershipId, schedule, period, rowsOfBody(schedule.shape, read.body), { actor, channel: 'api', submit, note: read.body.note ?? '' });
      const self = returnLink(schedule.slug, period.code);
      return reply.code(201).header('location', self).send({
        return: { schedule: schedule.slug, period: period.code, status: submit ? 'submitted' : 'draft', revision: saved.revision },
        links: { self, docs: '/api/docs' },
      });
    } catch (error) {
      if (error instanceof ReturnProblemsError) return reply.code(422).send({ error: 'invalid-return', message: error.message, problems: problemsAsPaths(schedule, error.problems) });
      throw error;
    }
  });
}

/** Every error of an API route as JSON `{ error, message }`, never an HTML page. */
function apiErrors(error: FastifyError & { status?: number }, request: FastifyRequest, reply: FastifyReply) {
  if (error instanceof ReturnsError) return reply.code(error.status).send({ error: error.code, message: error.message });
  const status = typeof error.status === 'number' ? error.status : (error.statusCode ?? 500);
  if (status >= 500) {
    request.log.error({ err: error }, 'API request failed');
    return reply.code(500).send({ error: 'internal-error', message: 'Something went wrong on our side; nothing was saved. Try again later.' });
  }
  if (error.code === 'FST_ERR_CTP_INVALID_JSON_BODY' || error.code === 'FST_ERR_CTP_EMPTY_JSON_BODY' || error instanceof SyntaxError) {
    return reply.code(400).send({ error: 'invalid-json', message: 'The body is not valid JSON: check it with a JSON validator (quotes, commas and brackets)' });
  }
  const code = status === 413 ? 'too-large' : status === 415 ? 'unsupported-media-type' : status === 429 ? 'rate-limited' : 'bad-request';
  return reply.code(status).send({ error: code, message: error.message });
}
