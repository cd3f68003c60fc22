import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { roles } from '../accounts/index.ts';
import type { AuditService } from '../audit/index.ts';
import { csrfTokenMatches } from '../../web/security.ts';
import { receiveUpload, type Received } from '../../web/upload-receiver.ts';
import { CASEWORK_LIMITS } from '../../casework/record-layouts.ts';
import { CaseworkError } from './casework-errors.ts';
import { worklistCsv, worklistFileName } from './casework-export.ts';
import { validateImportFields, validateWorklistFilters, WORKLIST_CSV_LIMIT, WORKLIST_PAGE_SIZE, type FieldError, type FormValues, type ImportFields, type WorklistFilters } from './casework-forms.ts';
import type { CaseworkActor, CaseworkService } from './casework-service.ts';
import type { WorklistQuery, WorklistRow } from './casework-worklist.ts';
import { importPage, overviewPage, worklistPage, type ImportOutcome } from './casework-view-models.ts';
import { registerCaseworkIndicatorRoutes } from './casework-indicator-routes.ts';
import { findCasePage, validateCaseReference } from './casework-find-case.ts';

/**
 * Casework pages show case-level rows (pseudonymised) and take case files: the analyst role only. Partnership
 * administrators and the other roles are refused; there is no team-manager role (issue 6 item 5).
 */
export const CASEWORK_ACCESS = { access: roles('analyst') };

export interface CaseworkRoutesOptions {
  /** The day worklists are computed for (YYYY-MM-DD). */
  today: () => string;
  /** Uploads one address may send a minute. */
  uploadRateLimit: number;
}

type Params = { partnership: string };
const BASE = '/partnerships/:partnership/casework';
const MEGABYTES = CASEWORK_LIMITS.maxFileBytes / 1_048_576;
/** The service returns at most this many rows a call; the CSV is read in pages of it. */
const SERVICE_PAGE = 2_000;

const RECEIVE_PROBLEMS: Record<Exclude<Received, { ok: true }>['reason'], string> = {
  'no-file': 'Select a CSV or Excel file',
  'too-large': `The file must be smaller than ${MEGABYTES} MB`,
  unreadable: 'The file could not be received. Check your connection and upload it again',
  csrf: '',
};

function actorOf(request: FastifyRequest): CaseworkActor {
  return { personId: request.auth!.personId, label: request.auth!.email, ip: request.ip };
}

const worklistQuery = (filters: WorklistFilters, today: string): WorklistQuery => ({
  status: filters.status, today, withinDays: filters.withinDays,
  ...(filters.rule ? { rule: filters.rule } : {}), ...(filters.area ? { area: filters.area } : {}),
});

/** The analyst's casework pages: overview, worklist (page and CSV) and the import form; and everyone's indicator pages. */
export function registerCaseworkRoutes(app: FastifyInstance, casework: CaseworkService, audit: AuditService, options: CaseworkRoutesOptions): void {
  registerCaseworkIndicatorRoutes(app, casework, options.today);
  app.get<{ Params: Params }>(BASE, { config: CASEWORK_ACCESS }, async (request, reply) => {
    const auth = request.auth!;
    return reply.view('casework-overview.njk', overviewPage(auth, await casework.recentImports(auth.partnershipId)));
  });

  // Every read of the rows is written to the audit trail by the service (casework.worklist-viewed), with the filters.
  app.get<{ Params: Params; Querystring: FormValues }>(`${BASE}/worklist`, { config: CASEWORK_ACCESS }, async (request, reply) => {
    const auth = request.auth!;
    const today = options.today();
    const checked = validateWorklistFilters(request.query ?? {});
    if (!checked.ok) return reply.code(400).view('casework-worklist.njk', worklistPage(auth, { form: checked.form, errors: checked.errors, today }));
    const { filters } = checked;
    const result = await casework.worklist(auth.partnershipId, { ...worklistQuery(filters, today), limit: WORKLIST_PAGE_SIZE, offset: (filters.page - 1) * WORKLIST_PAGE_SIZE }, actorOf(request));
    return reply.view('casework-worklist.njk', worklistPage(auth, { form: checked.form, errors: [], filters, result, today }));
  });

  app.get<{ Params: Params; Querystring: FormValues }>(`${BASE}/worklist.csv`, { config: CASEWORK_ACCESS }, async (request, reply) => {
    const auth = request.auth!;
    const today = options.today();
    const checked = validateWorklistFilters(request.query ?? {});
    if (!checked.ok) return reply.code(400).type('text/plain; charset=utf-8').send(checked.errors.map((e) => e.text).join('\n'));
    const { filters } = checked;
    const rows: WorklistRow[] = [];
    for (let total = Infinity; rows.length < Math.min(total, WORKLIST_CSV_LIMIT);) {
      const page = await casework.worklist(auth.partnershipId, { ...worklistQuery(filters, today), limit: Math.min(SERVICE_PAGE, WORKLIST_CSV_LIMIT - rows.length), offset: rows.length }, actorOf(request));
      if (page.rows.length === 0) break;
      rows.push(...page.rows);
      total = page.total;
    }
    await audit.record({
      partnershipId: auth.partnershipId, actorPersonId: auth.personId, actor: auth.email, ip: request.ip, action: 'casework.worklist-exported', recordType: 'casework-worklist',
      details: { rule: filters.rule, area: filters.area, status: filters.status, withinDays: filters.withinDays, today, rows: rows.length },
    });
    return reply
      .header('content-disposition', `attachment; filename="${worklistFileName(auth.partnershipSlug, filters, today)}"`)
      .header('cache-control', 'no-store')
      .type('text/csv; charset=utf-8')
      .send(worklistCsv(rows));
  });

  // Find a case by the partner's own reference: a POST, so the reference is in no URL, history or access log; the
  // service hashes it, audits the look-up without it, and nothing stores it (issue 12 item 14).
  app.get<{ Params: Params }>(`${BASE}/find`, { config: CASEWORK_ACCESS }, (request, reply) =>
    reply.view('casework-find-case.njk', findCasePage(request.auth!, { errors: [], today: options.today() })));

  app.post<{ Params: Params; Body: FormValues }>(`${BASE}/find`, { config: CASEWORK_ACCESS }, async (request, reply) => {
    const auth = request.auth!;
    const today = options.today();
    const checked = validateCaseReference(request.body ?? {});
    if (!checked.ok) return reply.code(400).view('casework-find-case.njk', findCasePage(auth, { errors: checked.errors, today }));
    try {
      const cases = await casework.findCase(auth.partnershipId, checked.reference, today, actorOf(request));
      return reply.view('casework-find-case.njk', findCasePage(auth, { errors: [], cases, today }));
    } catch (error) {
      if (!(error instanceof CaseworkError)) throw error;
      return reply.code(error.status).view('casework-find-case.njk', findCasePage(auth, { errors: [{ field: 'reference', href: '#reference', text: error.message }], today }));
    }
  });

  const showImport = (request: FastifyRequest, reply: FastifyReply, code: number, outcome: ImportOutcome) =>
    reply.code(code).view('casework-import.njk', importPage(request.auth!, outcome));
  const blankForm: ImportFields = { kind: '', personColumn: '' };

  app.get<{ Params: Params }>(`${BASE}/import`, { config: CASEWORK_ACCESS }, (request, reply) => showImport(request, reply, 200, { kind: 'form', form: blankForm, errors: [] }));

  // csrf: false because the token is a field of the multipart stream: receiveUpload checks it before reading the file
  app.post<{ Params: Params }>(`${BASE}/import`, { config: { ...CASEWORK_ACCESS, csrf: false, rateLimit: { max: options.uploadRateLimit, timeWindow: '1 minute' } } }, async (request, reply) => {
    const received: Received = request.isMultipart()
      ? await receiveUpload(request, CASEWORK_LIMITS.maxFileBytes)
      : { ok: false, reason: csrfTokenMatches(request, (request.body as Record<string, unknown> | undefined)?._csrf) ? 'no-file' : 'csrf', fileName: '', fields: {} };
    if (!received.ok && received.reason === 'csrf') {
      return reply.code(403).view('error.njk', {
        pageTitle: 'Your form could not be sent', heading: 'Your form could not be sent',
        paragraphs: ['The form had expired or did not come from this service. Go back, reload the page and try again.'],
      });
    }
    const fields = validateImportFields(received.fields);
    const errors: FieldError[] = [...fields.errors];
    if (!received.ok) errors.push({ field: 'file', href: '#file', text: RECEIVE_PROBLEMS[received.reason] });
    if (!received.ok || !fields.value.kind || errors.length > 0) {
      return showImport(request, reply, !received.ok && received.reason === 'too-large' ? 413 : 400, { kind: 'form', form: fields.form, errors });
    }
    try {
      const result = await casework.import(request.auth!.partnershipId, fields.value.kind, received.bytes, received.fileName, actorOf(request), fields.value.personColumn ? { personColumn: fields.value.personColumn } : {});
      if (!result.ok) return showImport(request, reply, 400, { kind: 'problems', form: fields.form, fileName: received.fileName, problems: result.problems });
      return showImport(request, reply, 200, { kind: 'done', form: fields.form, fileName: received.fileName, result });
    } catch (error) {
      if (!(error instanceof CaseworkError)) throw error;
      return showImport(request, reply, error.status, { kind: 'form', form: fields.form, errors: [{ field: 'file', href: '#file', text: error.message }] });
    }
  });
}
