import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { csrfTokenMatches } from '../../web/security.ts';
import { receiveUpload, type Received } from '../../web/upload-receiver.ts';
import { UPLOAD_LIMITS } from './return-layout.ts';
import { checkPage, uploadPage } from './returns-entry-view-models.ts';
import { ReturnProblemsError } from './returns-errors.ts';
import { field, loadReturn, RETURNS_ACCESS, returnsActor, type LoadedReturn, type ReturnParams } from './returns-http.ts';
import type { ReturnsService } from './returns-service.ts';
import { signUpload, UPLOAD_TOKEN_TTL_MS, verifyUpload } from './upload-token.ts';

const UPLOAD = '/partnerships/:partnership/returns/:schedule/:period/upload';

/** Largest "Submit these figures" form: the signed rows are compressed, so this is many thousands of rows. */
const CONFIRM_BODY_LIMIT = 16 * 1_048_576;

const MEGABYTES = UPLOAD_LIMITS.maxFileBytes / 1_048_576;
const RECEIVE_PROBLEMS: Record<Exclude<Received, { ok: true }>['reason'], string> = {
  'no-file': 'Select a CSV or Excel file',
  'too-large': `The file must be smaller than ${MEGABYTES} MB`,
  unreadable: 'The file could not be received. Check your connection and upload it again',
  csrf: '',
};

function formExpired(reply: FastifyReply) {
  return reply.code(403).view('error.njk', {
    pageTitle: 'Your form could not be sent',
    heading: 'Your form could not be sent',
    paragraphs: ['The form had expired or did not come from this service. Go back, reload the page and try again.'],
  });
}

/**
 * Uploading a return file: the file is streamed to a temporary file (size limit enforced as it arrives)
 * and checked, and nothing is saved: a file with problems gets them listed by row and column; a good
 * one gets a check page whose "Submit these figures" carries the rows, signed, to the confirm route.
 */
export function registerReturnUploadRoutes(app: FastifyInstance, returns: ReturnsService, options: { secret: string; now: () => Date; uploadRateLimit: number }): void {
  const binding = (r: LoadedReturn) => ({ partnershipId: r.partnershipId, schedule: r.schedule.slug, period: r.period.code, personId: r.auth.personId });

  const showUpload = async (reply: FastifyReply, r: LoadedReturn, code = 200, failed?: { fileName: string; problems: { row?: number; column?: string; message: string }[] }) => {
    const detail = await returns.detail(r.partnershipId, r.schedule, r.period);
    return reply.code(code).view('return-upload.njk', uploadPage(r.auth, r.schedule, r.period, detail.status, failed));
  };

  app.get<{ Params: ReturnParams }>(UPLOAD, { config: RETURNS_ACCESS }, async (request, reply) => showUpload(reply, await loadReturn(returns, request)));

  // csrf: false because the token is a field of the multipart stream: receiveUpload checks it before reading the file
  app.post<{ Params: ReturnParams }>(UPLOAD, { config: { ...RETURNS_ACCESS, csrf: false, rateLimit: { max: options.uploadRateLimit, timeWindow: '1 minute' } } }, async (request, reply) => {
    const r = await loadReturn(returns, request);
    let received: Received;
    if (request.isMultipart()) received = await receiveUpload(request, UPLOAD_LIMITS.maxFileBytes);
    else received = { ok: false, reason: csrfTokenMatches(request, field(request.body, '_csrf')) ? 'no-file' : 'csrf', fileName: '', fields: {} };
    if (!received.ok) {
      if (received.reason === 'csrf') return formExpired(reply);
      return showUpload(reply, r, received.reason === 'too-large' ? 413 : 400, { fileName: received.fileName, problems: [{ message: RECEIVE_PROBLEMS[received.reason] }] });
    }
    const checked = await returns.checkFile(r.schedule, r.period, received.bytes, received.fileName);
    if (!checked.ok) return showUpload(reply, r, 400, { fileName: received.fileName, problems: checked.problems });
    const note = checked.notes.join('\n').slice(0, 2_000);
    const token = signUpload(options.secret, { ...binding(r), fileName: received.fileName, note, rows: checked.rows, expiresAt: options.now().getTime() + UPLOAD_TOKEN_TTL_MS });
    if (token.length > CONFIRM_BODY_LIMIT - 4_096) {
      return showUpload(reply, r, 400, { fileName: received.fileName, problems: [{ message: `The file has too many rows (${checked.rows.length.toLocaleString('en-GB')}) to submit through this page. Use the command line or the API` }] });
    }
    return reply.view('return-check.njk', checkPage(r.auth, r.schedule, r.period, { fileName: received.fileName, rows: checked.rows, note, token }));
  });

  app.post<{ Params: ReturnParams }>(`${UPLOAD}/confirm`, { bodyLimit: CONFIRM_BODY_LIMIT, config: RETURNS_ACCESS }, async (request: FastifyRequest<{ Params: ReturnParams }>, reply) => {
    const r = await loadReturn(returns, request);
    const upload = verifyUpload(options.secret, field(request.body, 'token'), binding(r), options.now());
    if (!upload) {
      return showUpload(reply, r, 400, { fileName: '', problems: [{ message: 'The checked figures could not be used: the check page had expired or was changed. Upload the file again' }] });
    }
    const submit = field(request.body, 'action') !== 'draft';
    try {
      await returns.save(r.partnershipId, r.schedule, r.period, upload.rows, { actor: returnsActor(request), channel: 'upload', submit, note: upload.note, fileName: upload.fileName });
    } catch (error) {
      if (!(error instanceof ReturnProblemsError)) throw error;
      return showUpload(reply, r, 400, { fileName: upload.fileName, problems: error.problems });
    }
    return reply.redirect(`${r.href}?done=${submit ? 'submitted' : 'draft'}`, 303);
  });
}
