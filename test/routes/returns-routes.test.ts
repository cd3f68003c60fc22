// Route tests of the data-return pages (app.inject, real services on PGlite with the example plans and
// schedules; today is 15 June 2025): the submitter's and the analyst's home pages, the form with its
// errors, uploads of CSV and XLSX checked before anything is saved, the signed confirmation, review
// (approve, send back), the changes between revisions, templates, and refusals for other organisations.
import assert from 'node:assert/strict';
import { readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { after, before, describe, it } from 'node:test';
import ExcelJS from 'exceljs';
import { layoutFor } from '../../src/modules/returns/index.ts';
import { parseReturnFile } from '../../src/returns-parsing/index.ts';
import { tableChecksums } from '../helpers/table-checksums.ts';
import { multipartBody, postMultipart, type UploadedFile } from '../helpers/multipart.ts';
import { createPerson, csrfFrom, mergeCookies, Visitor } from '../helpers/sign-in.ts';
import { createTestApp, type TestApp } from '../helpers/test-server.ts';

const HOME = '/partnerships/essex/returns';
const ADVICE = `${HOME}/advice-timeliness-by-provider/2025-Q1`;
const CHECKS = `${HOME}/integrated-checks-by-area/2025-Q1`;
const SUBMITTER = 'submitter@council.example';
const WELLBEING = 'submitter@wellbeing.example';
const ANALYST = 'analyst@essex.example';
const XLSX_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

/** The text of some markup: tags dropped, entities decoded, spaces collapsed. */
function text(html: string): string {
  return html.replace(/<[^>]*>/g, ' ').replace(/&#39;|&#x27;/g, "'").replace(/&quot;/g, '"').replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&amp;/g, '&').replace(/\s+/g, ' ').trim();
}

const mainOf = (html: string) => /<main\b[^>]*>([\s\S]*)<\/main>/.exec(html)?.[1] ?? '';
const summaryLinks = (html: string) => [...(/<div class="govuk-error-summary"[\s\S]*?<\/ul>/.exec(html)?.[0] ?? '').matchAll(/<a href="([^"]+)">([\s\S]*?)<\/a>/g)].map((m) => [m[1]!, text(m[2]!)]);
const tableRows = (html: string) => [...html.matchAll(/<tr\b[^>]*>([\s\S]*?)<\/tr>/g)].map((r) => [...r[1]!.matchAll(/<t[hd]\b[^>]*>([\s\S]*?)<\/t[hd]>/g)].map((c) => text(c[1]!)));
/** The part of a page under the h2 with this id, up to the next h2. */
const section = (html: string, id: string) => text(new RegExp(`<h2[^>]*id="${id}"[^>]*>([\\s\\S]*?)(?=<h2|</main>)`).exec(html)?.[1] ?? '');
const ADVICE_TITLE = 'Professional advice for EHC needs assessments given within 6 weeks';
const uploadDirs = () => readdirSync(tmpdir()).filter((n) => n.startsWith('send-outcomes-upload-')).length;

/** Sends a file to a return's upload form as `visitor`, with the CSRF token of the upload page (or the one given). */
async function upload(t: TestApp, visitor: Visitor, returnPath: string, file: UploadedFile, csrf?: string) {
  if (csrf === undefined) return postMultipart(t.app, visitor, `${returnPath}/upload`, {}, file);
  const body = multipartBody({ _csrf: csrf }, file);
  const res = await t.app.inject({ method: 'POST', url: `${returnPath}/upload`, payload: body.payload, headers: { ...body.headers, cookie: visitor.cookies } });
  visitor.cookies = mergeCookies(visitor.cookies, res.headers['set-cookie']);
  return res;
}

const ADVICE_FORM = { 'r0-numerator': '60', 'r0-denominator': '90', 'r1-numerator': '20', 'r1-denominator': '30', 'r2-numerator': '25', 'r2-denominator': '30', 'r3-numerator': '15', 'r3-denominator': '30' };

/** The integrated-checks return as CSV (Area, Period start, Count, Note). */
const checksCsv = (rows: [string, string][], start = '2025-01-01') => Buffer.from(`Area,Period start,Count,Note\r\n${rows.map(([area, count]) => `${area},${start},${count},`).join('\r\n')}\r\n`);

describe('data return pages', () => {
  let t: TestApp;
  const as: Record<string, Visitor> = {};

  before(async () => {
    t = await createTestApp();
    await createPerson(t.container, { partnership: 'essex', email: SUBMITTER, organisation: 'Essex County Council', role: 'data-submitter' });
    await createPerson(t.container, { partnership: 'essex', email: WELLBEING, organisation: 'Essex Child and Family Wellbeing Service', role: 'data-submitter' });
    await createPerson(t.container, { partnership: 'essex', email: ANALYST, organisation: 'Essex County Council', role: 'analyst' });
    for (const email of [SUBMITTER, WELLBEING, ANALYST]) as[email] = await new Visitor(t.app).signIn(email);
  });
  after(() => t.close());

  it("shows a data submitter only their organisation's returns, the overdue ones under Overdue", async () => {
    const res = await as[SUBMITTER]!.get(HOME);
    assert.equal(res.statusCode, 200);
    const main = text(mainOf(res.body));
    assert.ok(section(res.body, 'overdue').includes(`${ADVICE_TITLE}, 2025 Q1 Not started Overdue Due 20 April 2025`), main);
    assert.equal(section(res.body, 'due'), 'Due Nothing else is due.');
    assert.doesNotMatch(main, /integrated/i, 'another organisation\'s schedule is not listed');
    assert.ok(/<nav [^>]*class="govuk-service-navigation__wrapper"[\s\S]*?href="\/partnerships\/essex\/returns"[^>]*>(<[^>]*>|\s)*Data returns/.test(res.body), 'the header links to the returns');
  });

  it('shows an analyst the grid of every schedule by period, overdue cells marked with the word', async () => {
    const res = await as[ANALYST]!.get(HOME);
    assert.equal(res.statusCode, 200);
    const main = mainOf(res.body);
    assert.match(text(main), /Quarterly returns.*Monthly returns|Monthly returns.*Quarterly returns/);
    const rows = tableRows(main);
    const advice = rows.find((r) => /Essex County Council/.test(r[0]!) && /advice/i.test(r[0]!));
    assert.ok(advice, JSON.stringify(rows));
    assert.deepEqual(advice.slice(1), ['Not due', `Not started : ${ADVICE_TITLE}, 2024 Q4 Overdue`, `Not started : ${ADVICE_TITLE}, 2025 Q1 Overdue`]);
    assert.ok((main.match(/app-return-grid__overdue/g) ?? []).length >= 4);
    assert.match(text(main), /No return is waiting for review/);
  });

  it("refuses a data submitter another organisation's return, form, upload and template (403)", async () => {
    const visitor = as[SUBMITTER]!;
    for (const page of ['', '/form', '/upload', '/template.csv', '/template.xlsx']) {
      assert.equal((await visitor.get(`${CHECKS}${page}`)).statusCode, 403, page);
    }
    const token = csrfFrom((await visitor.get(`${ADVICE}/form`)).body);
    const res = await t.app.inject({ method: 'POST', url: `${CHECKS}/form`, payload: { _csrf: token, 'r0-numerator': '1' }, headers: { cookie: visitor.cookies } });
    assert.equal(res.statusCode, 403);
    assert.equal((await visitor.get(`${HOME}/no-such-schedule/2025-Q1`)).statusCode, 404);
    assert.equal((await visitor.get(`${HOME}/advice-timeliness-by-provider/2019-Q1`)).statusCode, 404, 'a period before the schedule starts');
  });

  it('shows every problem of the form linked to its field, keeps what was typed and saves nothing', async () => {
    const before = await tableChecksums(t.database);
    const res = await as[SUBMITTER]!.post(`${ADVICE}/form`, { ...ADVICE_FORM, 'r0-numerator': 'sixty', 'r1-numerator': '40', 'r3-denominator': '', action: 'submit' });
    assert.equal(res.statusCode, 400);
    assert.deepEqual(summaryLinks(res.body), [
      ['#r0-numerator', 'Total: the numerator must be a number, like 45'],
      ['#r1-numerator', 'Provider "Educational psychology": the numerator (40) cannot be more than the denominator (30)'],
      ['#r3-denominator', 'Provider "Social care": enter the denominator'],
    ]);
    assert.match(res.body, /<title>Error: /);
    assert.match(res.body, /id="r0-numerator" name="r0-numerator"[^>]* value="sixty"/);
    assert.match(res.body, /id="r0-numerator-error"/);
    assert.match(res.body, /inputmode="numeric"/);
    assert.deepEqual(await tableChecksums(t.database), before);
  });

  it('saves the form as a draft, then submits it for review', async () => {
    const draft = await as[SUBMITTER]!.post(`${ADVICE}/form`, { ...ADVICE_FORM, 'r0-numerator': '1,234', 'r0-denominator': '2 000', 'r3-numerator': '1189', 'r3-denominator': '1,940', note: 'Health figure provisional', action: 'draft' });
    assert.equal(draft.statusCode, 303);
    assert.equal(draft.headers.location, `${ADVICE}?done=draft`);
    const page = await as[SUBMITTER]!.get(String(draft.headers.location));
    assert.match(text(mainOf(page.body)), /saved as a draft.*Draft Overdue/);
    assert.ok(tableRows(mainOf(page.body)).some((r) => r.join('|') === 'Total|1,234|2,000'));
    assert.match(text(page.body), /Health figure provisional/);
    const form = await as[SUBMITTER]!.get(`${ADVICE}/form`);
    assert.match(form.body, /name="r0-numerator"[^>]* value="1234"/, 'the form starts from the draft');

    const submitted = await as[SUBMITTER]!.post(`${ADVICE}/form`, { ...ADVICE_FORM, action: 'submit' });
    assert.equal(submitted.statusCode, 303);
    assert.match(section((await as[SUBMITTER]!.get(HOME)).body, 'submitted'), new RegExp(`^Submitted \\(1\\) ${ADVICE_TITLE}, 2025 Q1 Submitted`));
    assert.match(text(mainOf((await as[ANALYST]!.get(HOME)).body)), /Waiting for review \(1\).*2025 Q1 from Essex County Council/);
    assert.match(text((await as[SUBMITTER]!.get(`${ADVICE}/form`)).body), /waiting for review by an analyst/);
  });

  it('lets only analysts review: a reason is required to send it back, and the submitter sees it', async () => {
    const submitterToken = csrfFrom((await as[SUBMITTER]!.get('/sign-out')).body);
    const refused = await t.app.inject({ method: 'POST', url: `${ADVICE}/approve`, payload: { _csrf: submitterToken }, headers: { cookie: as[SUBMITTER]!.cookies } });
    assert.equal(refused.statusCode, 403);

    const blank = await as[ANALYST]!.post(`${ADVICE}/return`, { reason: '  ' }, ADVICE);
    assert.equal(blank.statusCode, 400);
    assert.deepEqual(summaryLinks(blank.body), [['#reason', 'Enter the reason for returning it, so the organisation knows what to correct']]);
    const sent = await as[ANALYST]!.post(`${ADVICE}/return`, { reason: 'Health looks low against last quarter' }, ADVICE);
    assert.equal(sent.statusCode, 303);
    assert.match(section((await as[SUBMITTER]!.get(HOME)).body, 'returned'), /^Returned to you \(1\) .*2025 Q1 Returned Overdue Due 20 April 2025 Returned because: Health looks low against last quarter$/);
  });

  it('approves a corrected return, and shows what changed between revisions', async () => {
    assert.equal((await as[SUBMITTER]!.post(`${ADVICE}/form`, { ...ADVICE_FORM, 'r0-numerator': '62', 'r2-numerator': '27', action: 'submit' })).statusCode, 303);
    const approved = await as[ANALYST]!.post(`${ADVICE}/approve`, {}, ADVICE);
    assert.equal(approved.statusCode, 303);
    const page = await as[ANALYST]!.get(String(approved.headers.location));
    const main = mainOf(page.body);
    assert.match(text(main), /has been approved.*Approved/);
    const history = tableRows(main).filter((r) => /^\d+$/.test(r[0] ?? ''));
    assert.deepEqual(history.map((r) => r.slice(0, 4)), [
      ['3', 'Approved', 'Review', ANALYST],
      ['3', 'Submitted for review', 'Form', SUBMITTER],
      ['2', 'Returned: Health looks low against last quarter', 'Review', ANALYST],
      ['2', 'Submitted for review', 'Form', SUBMITTER],
      ['1', 'Saved as draft', 'Form', SUBMITTER],
    ]);
    assert.match(main, new RegExp(`href="${ADVICE}/changes\\?from=2&amp;to=3"`));
    const changes = await as[ANALYST]!.get(`${ADVICE}/changes?from=2&to=3`);
    assert.equal(changes.statusCode, 200);
    assert.deepEqual(tableRows(mainOf(changes.body)).slice(1), [
      ['Total', 'Numerator', '60', '62'],
      ['Health', 'Numerator', '25', '27'],
    ]);
    assert.equal((await as[ANALYST]!.get(`${ADVICE}/changes?from=3&to=9`)).statusCode, 404);
    const series = await t.database.db.selectFrom('measure_values').select(['numerator', 'synthetic']).where('period', '=', '2025 Q1').where('breakdown', '=', '').where('source', 'like', 'Data return advice-timeliness-by-provider%').execute();
    assert.deepEqual(series.map((r) => [Number(r.numerator), r.synthetic]), [[62, false]]);
  });

  it('marks a corrected figure, approved again, as revised on the measure page', async () => {
    assert.equal((await as[SUBMITTER]!.post(`${ADVICE}/form`, { ...ADVICE_FORM, 'r0-numerator': '63', 'r2-numerator': '28', action: 'submit' })).statusCode, 303);
    assert.equal((await as[ANALYST]!.post(`${ADVICE}/approve`, {}, ADVICE)).statusCode, 303);
    const res = await t.app.inject({ method: 'GET', url: '/partnerships/essex/plans/essex-send-improvement-programme/measures/essex-advice-within-timescales' });
    assert.equal(res.statusCode, 200);
    const main = mainOf(res.body);
    assert.deepEqual(tableRows([...main.matchAll(/<details[\s\S]*?<\/details>/g)].map((d) => d[0]).find((d) => d.includes('<table'))!).slice(1).map((r) => r.slice(0, 2)), [['2025 Q1 (revised)', '70.0%']]);
    assert.equal(text(/<p [^>]*id="measure-revised"[^>]*>([\s\S]*?)<\/p>/.exec(main)![1]!), 'The figures for 2025 Q1 have been revised since they were first approved.');
    assert.match(main, /<desc[^>]*>[^<]*The figures for 2025 Q1 have been revised since they were first approved\.<\/desc>/, 'the chart\'s text summary says so too');
  });

  it('offers templates that parse back, with the right types and file names', async () => {
    const schedule = await t.container.returns.schedule((await t.container.returns.partnership('essex'))!.id, 'integrated-checks-by-area');
    const visitor = as[WELLBEING]!;
    const csv = await visitor.get(`${CHECKS}/template.csv`);
    assert.equal(csv.headers['content-type'], 'text/csv; charset=utf-8');
    assert.equal(csv.headers['content-disposition'], 'attachment; filename="integrated-checks-by-area-2025-Q1.csv"');
    const xlsx = await visitor.get(`${CHECKS}/template.xlsx`);
    assert.equal(xlsx.headers['content-type'], XLSX_TYPE);
    assert.equal(xlsx.headers['content-disposition'], 'attachment; filename="integrated-checks-by-area-2025-Q1.xlsx"');
    // filled in (every Count 7), both parse to the five rows of the period
    const filledCsv = Buffer.from(csv.body.replace(/,2025-01-01,,/g, ',2025-01-01,7,'));
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(xlsx.rawPayload as unknown as ArrayBuffer);
    const sheet = book.getWorksheet('Return')!;
    for (let r = 2; r <= 6; r += 1) sheet.getCell(r, 3).value = 7;
    const filledXlsx = Buffer.from(await book.xlsx.writeBuffer());
    for (const [name, bytes] of [['template.csv', filledCsv], ['template.xlsx', filledXlsx]] as const) {
      const parsed = await parseReturnFile(layoutFor(schedule), bytes, name);
      assert.ok(parsed.ok, `${name}: ${JSON.stringify(!parsed.ok && parsed.problems)}`);
      assert.deepEqual(parsed.rows.slice(0, 5).map((r) => [r.breakdown, r.period_start, r.numerator]), [['Total', '2025-01-01', 7], ['North', '2025-01-01', 7], ['Mid', '2025-01-01', 7], ['South', '2025-01-01', 7], ['West', '2025-01-01', 7]]);
      assert.deepEqual(parsed.rows.slice(5).map((r) => [r.breakdown, r.period_start]), [['Unknown area', '2025-01-01']], 'the last row is for cases of unknown area');
    }
  });

  it('checks an uploaded CSV and lists each wrong row and column, saving nothing', async () => {
    const before = await tableChecksums(t.database);
    const dirs = uploadDirs();
    const res = await upload(t, as[WELLBEING]!, CHECKS, { name: 'checks.csv', type: 'text/csv', content: checksCsv([['Total', '40'], ['North', '-3'], ['Mid', '10'], ['South', '10'], ['West', '10']]) });
    assert.equal(res.statusCode, 400);
    const main = mainOf(res.body);
    assert.deepEqual(tableRows(main).slice(1), [['3', 'Count', "Row 3, column 'Count': a count cannot be negative, found '-3'"]]);
    assert.deepEqual(summaryLinks(res.body), [['#file', 'checks.csv has a problem. Nothing has been saved: correct it and upload the file again'], ['#problem-1', "Row 3, column 'Count': a count cannot be negative, found '-3'"]]);
    assert.match(main, /enctype="multipart\/form-data"/, 'the upload form is shown again');
    assert.deepEqual(await tableChecksums(t.database), before);
    assert.equal(uploadDirs(), dirs, 'the temporary file is removed');
  });

  it('checks an uploaded XLSX with a wrong row by row and column', async () => {
    const book = new ExcelJS.Workbook();
    const sheet = book.addWorksheet('Return');
    sheet.addRow(['Area', 'Period start', 'Count', 'Note']);
    for (const [area, count] of [['Total', 40], ['North', 10], ['Middle', 10], ['South', 10], ['West', 10]] as const) sheet.addRow([area, '2025-01-01', count, null]);
    const res = await upload(t, as[WELLBEING]!, CHECKS, { name: 'checks.xlsx', type: XLSX_TYPE, content: Buffer.from(await book.xlsx.writeBuffer()) });
    assert.equal(res.statusCode, 400);
    const problems = tableRows(mainOf(res.body)).slice(1);
    assert.ok(problems.some(([row, column, message]) => row === '4' && column === 'Area' && /^Row 4, column 'Area': this is not one of Total, North, Mid, South, West, Unknown area$/.test(message!)), JSON.stringify(problems));
  });

  it('refuses an upload without the CSRF token, and a file over the size limit with a clear message', async () => {
    const before = await tableChecksums(t.database);
    const dirs = uploadDirs();
    const file = { name: 'checks.csv', type: 'text/csv', content: checksCsv([['Total', '1']]) };
    assert.equal((await upload(t, as[WELLBEING]!, CHECKS, file, 'not-the-token')).statusCode, 403);
    const huge = Buffer.alloc(41 * 1_048_576, 'a');
    const res = await upload(t, as[WELLBEING]!, CHECKS, { name: 'huge.csv', type: 'text/csv', content: huge });
    assert.equal(res.statusCode, 413);
    assert.deepEqual(summaryLinks(res.body), [['#file', 'The file must be smaller than 40 MB']]);
    assert.deepEqual(await tableChecksums(t.database), before);
    assert.equal(uploadDirs(), dirs, 'the temporary file is removed');
  });

  it('saves an uploaded file only when the partner confirms, and refuses tampered figures', async () => {
    const book = new ExcelJS.Workbook();
    const sheet = book.addWorksheet('Return');
    sheet.addRow(['Area', 'Period start', 'Count', 'Note']);
    for (const [area, count] of [['Total', 40], ['North', 10], ['Mid', 10], ['South', 10], ['West', 10]] as const) sheet.addRow([area, new Date(Date.UTC(2025, 0, 1)), count, area === 'Mid' ? 'Estimated' : null]);
    const before = await tableChecksums(t.database);
    const checked = await upload(t, as[WELLBEING]!, CHECKS, { name: 'checks Q1.xlsx', type: XLSX_TYPE, content: Buffer.from(await book.xlsx.writeBuffer()) });
    assert.equal(checked.statusCode, 200);
    const main = mainOf(checked.body);
    assert.match(text(main), /Check the figures before you submit them/);
    assert.deepEqual(tableRows(main).slice(1), [['Total', '40'], ['North', '10'], ['Mid', '10'], ['South', '10'], ['West', '10']]);
    assert.deepEqual(await tableChecksums(t.database), before, 'nothing is saved by the check');
    const token = /name="token" value="([^"]+)"/.exec(checked.body)![1]!;
    const csrf = csrfFrom(checked.body);
    const confirm = (payload: Record<string, string>) => t.app.inject({ method: 'POST', url: `${CHECKS}/upload/confirm`, payload: { _csrf: csrf, ...payload }, headers: { cookie: as[WELLBEING]!.cookies } });

    const [payload, signature] = token.split('.') as [string, string];
    for (const forged of [`${payload}.${signature.slice(0, -2)}AA`, `${payload.slice(0, -4)}AAAA.${signature}`, '', 'nonsense']) {
      const res = await confirm({ token: forged, action: 'submit' });
      assert.equal(res.statusCode, 400, forged.slice(0, 20));
      assert.match(text(res.body), /the check page had expired or was changed/);
    }
    // the same token is bound to this person, schedule and period
    const analystCsrf = csrfFrom((await as[ANALYST]!.get('/sign-out')).body);
    const other = await t.app.inject({ method: 'POST', url: `${CHECKS}/upload/confirm`, payload: { _csrf: analystCsrf, token, action: 'submit' }, headers: { cookie: as[ANALYST]!.cookies } });
    assert.equal(other.statusCode, 400);
    const elsewhere = await t.app.inject({ method: 'POST', url: `${HOME}/integrated-checks-by-area/2024-Q4/upload/confirm`, payload: { _csrf: csrf, token, action: 'submit' }, headers: { cookie: as[WELLBEING]!.cookies } });
    assert.equal(elsewhere.statusCode, 400);
    assert.deepEqual(await tableChecksums(t.database), before, 'nothing is saved by a refused confirmation');

    const saved = await confirm({ token, action: 'submit' });
    assert.equal(saved.statusCode, 303);
    const page = mainOf((await as[WELLBEING]!.get(`${CHECKS}?done=submitted`)).body);
    assert.match(text(page), /Submitted/);
    assert.ok(tableRows(page).some((r) => r[0] === '1' && r[1] === 'Submitted for review' && r[2] === 'File upload (checks Q1.xlsx)'), JSON.stringify(tableRows(page)));
    assert.match(text(page), /Mid: Estimated/);
  });
});
