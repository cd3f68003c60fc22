import type { FastifyInstance } from 'fastify';
import { ReturnProblemsError } from './returns-errors.ts';
import { registerReturnFormRoutes } from './returns-form-routes.ts';
import { field, isReviewer, loadReturn, RETURNS_ACCESS, REVIEW_ACCESS, returnsActor, type ReturnParams } from './returns-http.ts';
import type { ReturnsService } from './returns-service.ts';
import { registerReturnUploadRoutes } from './returns-upload-routes.ts';
import { templateCsv, templateXlsx } from './return-template.ts';
import { changesPage, returnPage, returnsHomePage } from './returns-view-models.ts';

export interface ReturnRoutesOptions {
  /** Key for signing checked upload rows (the app secret). */
  secret: string;
  now: () => Date;
  /** Uploads a minute one address may send. */
  uploadRateLimit: number;
}

const RETURN = '/partnerships/:partnership/returns/:schedule/:period';
const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
const MAX_REASON_LENGTH = 2_000;

/**
 * The data-return pages: what is owed (a submitter's own, or the analyst's grid), each return with its
 * history and changes, review (approve, send back), templates, the form and the upload.
 */
export function registerReturnRoutes(app: FastifyInstance, returns: ReturnsService, options: ReturnRoutesOptions): void {
  app.get('/partnerships/:partnership/returns', { config: RETURNS_ACCESS }, async (request, reply) => {
    const auth = request.auth!;
    const reviewer = isReviewer(auth);
    const obligations = await returns.obligations(auth.partnershipId, reviewer ? undefined : auth.organisationId);
    return reply.view('returns-home.njk', returnsHomePage(auth, obligations, reviewer));
  });

  app.get<{ Params: ReturnParams; Querystring: { done?: string } }>(RETURN, { config: RETURNS_ACCESS }, async (request, reply) => {
    const r = await loadReturn(returns, request);
    const detail = await returns.detail(r.partnershipId, r.schedule, r.period);
    return reply.view('return.njk', returnPage(detail, r.auth, { reviewer: r.reviewer, done: request.query.done }));
  });

  app.get<{ Params: ReturnParams; Querystring: { from?: string; to?: string } }>(`${RETURN}/changes`, { config: RETURNS_ACCESS }, async (request, reply) => {
    const r = await loadReturn(returns, request);
    const detail = await returns.detail(r.partnershipId, r.schedule, r.period);
    const [from, to] = [Number(request.query.from), Number(request.query.to)];
    const valid = (n: number) => Number.isInteger(n) && n >= 1 && n <= detail.revision;
    if (!detail.returnId || !valid(from) || !valid(to) || from >= to) return reply.callNotFound();
    const diff = await returns.diff(r.partnershipId, detail.returnId, from, to);
    return reply.view('return-changes.njk', changesPage(detail, r.auth, from, to, diff));
  });

  app.post<{ Params: ReturnParams }>(`${RETURN}/approve`, { config: REVIEW_ACCESS }, async (request, reply) => {
    const r = await loadReturn(returns, request);
    await returns.approve(r.partnershipId, r.schedule, r.period, returnsActor(request));
    return reply.redirect(`${r.href}?done=approved`, 303);
  });

  app.post<{ Params: ReturnParams }>(`${RETURN}/return`, { config: REVIEW_ACCESS }, async (request, reply) => {
    const r = await loadReturn(returns, request);
    const reason = field(request.body, 'reason').trim();
    let error = reason === '' ? 'Enter the reason for returning it, so the organisation knows what to correct' : reason.length > MAX_REASON_LENGTH ? `The reason must be ${MAX_REASON_LENGTH.toLocaleString('en-GB')} characters or fewer` : '';
    if (!error) {
      try {
        await returns.sendBack(r.partnershipId, r.schedule, r.period, reason, returnsActor(request));
        return reply.redirect(`${r.href}?done=returned`, 303);
      } catch (e) {
        if (!(e instanceof ReturnProblemsError)) throw e;
        error = e.problems.map((p) => p.message).join('. ');
      }
    }
    const detail = await returns.detail(r.partnershipId, r.schedule, r.period);
    return reply.code(400).view('return.njk', returnPage(detail, r.auth, { reviewer: r.reviewer, reason, errors: [{ href: '#reason', text: error }] }));
  });

  app.get<{ Params: ReturnParams }>(`${RETURN}/template.xlsx`, { config: RETURNS_ACCESS }, async (request, reply) => {
    const r = await loadReturn(returns, request);
    return reply
      .type(XLSX)
      .header('content-disposition', `attachment; filename="${r.schedule.slug}-${r.period.code}.xlsx"`)
      .send(await templateXlsx(r.schedule, r.period));
  });

  app.get<{ Params: ReturnParams }>(`${RETURN}/template.csv`, { config: RETURNS_ACCESS }, async (request, reply) => {
    const r = await loadReturn(returns, request);
    return reply
      .type('text/csv; charset=utf-8')
      .header('content-disposition', `attachment; filename="${r.schedule.slug}-${r.period.code}.csv"`)
      .send(templateCsv(r.schedule, r.period));
  });

  registerReturnFormRoutes(app, returns);
  registerReturnUploadRoutes(app, returns, options);
}
