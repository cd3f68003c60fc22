import type { FastifyInstance } from 'fastify';
import { SIGNED_IN } from '../accounts/index.ts';
import { indicatorCsv } from './casework-export.ts';
import type { CaseworkService } from './casework-service.ts';
import { indicatorPage, indicatorsPage } from './casework-indicator-view-models.ts';

/**
 * The indicator pages show aggregate figures only (no case row; small numbers suppressed), so every signed-in
 * role of the partnership may see them; the security hook refuses other partnerships (the :partnership parameter).
 */
export const CASEWORK_INDICATOR_ACCESS = { access: SIGNED_IN };

type Params = { partnership: string };
const BASE = '/partnerships/:partnership/casework/indicators';

/** The casework indicators: every indicator's latest figures, one indicator's series and breakdowns, and its CSV. */
export function registerCaseworkIndicatorRoutes(app: FastifyInstance, casework: CaseworkService, today: () => string): void {
  app.get<{ Params: Params }>(BASE, { config: CASEWORK_INDICATOR_ACCESS }, async (request, reply) => {
    const auth = request.auth!;
    return reply.view('casework-indicators.njk', indicatorsPage(auth, await casework.indicatorHeadlines(auth.partnershipId), today()));
  });

  app.get<{ Params: Params & { indicator: string } }>(`${BASE}/:indicator`, { config: CASEWORK_INDICATOR_ACCESS }, async (request, reply) => {
    const auth = request.auth!;
    const detail = await casework.indicatorDetail(auth.partnershipId, request.params.indicator);
    if (!detail) return reply.callNotFound();
    return reply.view('casework-indicator.njk', indicatorPage(auth, detail, today()));
  });

  app.get<{ Params: Params & { indicator: string } }>(`${BASE}/:indicator.csv`, { config: CASEWORK_INDICATOR_ACCESS }, async (request, reply) => {
    const auth = request.auth!;
    const found = await casework.indicatorFigures(auth.partnershipId, request.params.indicator);
    if (!found) return reply.callNotFound();
    return reply
      .header('content-disposition', `attachment; filename="casework-${auth.partnershipSlug}-${found.indicator.id}.csv"`)
      .type('text/csv; charset=utf-8')
      .send(indicatorCsv(found.indicator, found.figures, found.disclosure));
  });
}
