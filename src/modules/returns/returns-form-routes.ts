import type { FastifyInstance } from 'fastify';
import { formPage } from './returns-entry-view-models.ts';
import { ReturnProblemsError } from './returns-errors.ts';
import { formRows, problemsAsErrors, readReturnForm, valuesFromRows } from './returns-forms.ts';
import { loadReturn, RETURNS_ACCESS, returnsActor, type ReturnParams } from './returns-http.ts';
import type { ReturnsService } from './returns-service.ts';

const FORM = '/partnerships/:partnership/returns/:schedule/:period/form';

/**
 * Entering a return's figures in a form: the current figures to start from; on sending, every problem
 * as a GOV.UK error linked to its input, with what was typed kept; saved as a draft or submitted.
 */
export function registerReturnFormRoutes(app: FastifyInstance, returns: ReturnsService): void {
  app.get<{ Params: ReturnParams }>(FORM, { config: RETURNS_ACCESS }, async (request, reply) => {
    const r = await loadReturn(returns, request);
    const detail = await returns.detail(r.partnershipId, r.schedule, r.period);
    const breakdownValues = formRows(r.schedule, detail.rows);
    return reply.view('return-form.njk', formPage(r.auth, r.schedule, r.period, { status: detail.status, breakdownValues, values: valuesFromRows(r.schedule, breakdownValues, detail.rows), note: detail.note, errors: [] }));
  });

  app.post<{ Params: ReturnParams }>(FORM, { config: RETURNS_ACCESS }, async (request, reply) => {
    const r = await loadReturn(returns, request);
    const detail = await returns.detail(r.partnershipId, r.schedule, r.period);
    const breakdownValues = formRows(r.schedule, detail.rows);
    const form = readReturnForm(r.schedule, breakdownValues, request.body);
    let errors = form.errors;
    if (errors.length === 0) {
      try {
        await returns.save(r.partnershipId, r.schedule, r.period, form.rows, { actor: returnsActor(request), channel: 'form', submit: form.submit, note: form.note });
        return reply.redirect(`${r.href}?done=${form.submit ? 'submitted' : 'draft'}`, 303);
      } catch (error) {
        if (!(error instanceof ReturnProblemsError)) throw error;
        errors = problemsAsErrors(r.schedule, breakdownValues, error.problems);
      }
    }
    return reply.code(400).view('return-form.njk', formPage(r.auth, r.schedule, r.period, { status: detail.status, breakdownValues, values: form.values, note: form.note, errors }));
  });
}
