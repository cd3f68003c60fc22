import type { FastifyInstance } from 'fastify';
import type { AccountsAdministration } from '../accounts/index.ts';
import type { AuditService } from '../audit/index.ts';
import { AUDIT_CSV_LIMIT, AUDIT_PAGE_LIMIT, auditCsv, auditPage, type RecordNames } from './admin-audit-view.ts';
import { validateAuditFilters, type FormValues } from './admin-forms.ts';
import { ADMIN_ONLY } from './admin-http.ts';

/** The audit trail of the administrator's partnership: a search page and the same search as CSV. */
export function registerAuditRoutes(app: FastifyInstance, admin: AccountsAdministration, audit: AuditService): void {
  async function recordNames(partnershipId: string): Promise<RecordNames> {
    const [people, organisations] = await Promise.all([admin.people(partnershipId), admin.organisations(partnershipId)]);
    return { people: new Map(people.people.map((p) => [p.id, p.email])), organisations: new Map(organisations.map((o) => [o.id, o.name])) };
  }

  app.get<{ Querystring: FormValues }>('/admin/audit', { config: ADMIN_ONLY }, async (request, reply) => {
    const partnershipId = request.auth!.partnershipId;
    const form = request.query ?? {};
    const result = validateAuditFilters(form);
    const names = await recordNames(partnershipId);
    if (!result.ok) return reply.code(400).view('admin-audit.njk', auditPage([], names, { form, errors: result.errors }));
    // one more than is shown, to know whether there are more
    const rows = await audit.search(partnershipId, { ...result.value, limit: AUDIT_PAGE_LIMIT + 1 });
    return reply.view('admin-audit.njk', auditPage(rows, names, { form, errors: [], filters: result.value }));
  });

  app.get<{ Querystring: FormValues }>('/admin/audit.csv', { config: ADMIN_ONLY }, async (request, reply) => {
    const partnershipId = request.auth!.partnershipId;
    const result = validateAuditFilters(request.query ?? {});
    if (!result.ok) return reply.code(400).type('text/plain; charset=utf-8').send(result.errors.map((e) => e.text).join('\n'));
    const rows = await audit.search(partnershipId, { ...result.value, limit: AUDIT_CSV_LIMIT });
    return reply
      .header('content-disposition', `attachment; filename="audit-trail-${request.auth!.partnershipSlug}.csv"`)
      .type('text/csv; charset=utf-8')
      .send(auditCsv(rows, await recordNames(partnershipId)));
  });
}
