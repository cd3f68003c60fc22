// Route tests of the checks every channel applies to a return's figures (issue 12 items 3, 7 and 8), through
// app.inject with real services on PGlite (today is 15 June 2025): the Total against its breakdown rows and the
// "Unknown area" row, every problem of an upload in one pass, and no identifier repeated from a file.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { tableChecksums } from '../helpers/table-checksums.ts';
import { postMultipart, type UploadedFile } from '../helpers/multipart.ts';
import { createPerson, Visitor } from '../helpers/sign-in.ts';
import { createTestApp, type TestApp } from '../helpers/test-server.ts';

const HOME = '/partnerships/essex/returns';
const ADVICE = `${HOME}/advice-timeliness-by-provider/2025-Q1`;
const CHECKS = `${HOME}/integrated-checks-by-area/2025-Q1`;
const SUBMITTER = 'submitter@council.example';
const WELLBEING = 'submitter@wellbeing.example';

/** The text of some markup: tags dropped, entities decoded, spaces collapsed. */
function text(html: string): string {
  return html.replace(/<[^>]*>/g, ' ').replace(/&#39;|&#x27;/g, "'").replace(/&quot;/g, '"').replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&amp;/g, '&').replace(/\s+/g, ' ').trim();
}

const mainOf = (html: string) => /<main\b[^>]*>([\s\S]*)<\/main>/.exec(html)?.[1] ?? '';
const summaryLinks = (html: string) => [...(/<div class="govuk-error-summary"[\s\S]*?<\/ul>/.exec(html)?.[0] ?? '').matchAll(/<a href="([^"]+)">([\s\S]*?)<\/a>/g)].map((m) => [m[1]!, text(m[2]!)]);
const tableRows = (html: string) => [...html.matchAll(/<tr\b[^>]*>([\s\S]*?)<\/tr>/g)].map((r) => [...r[1]!.matchAll(/<t[hd]\b[^>]*>([\s\S]*?)<\/t[hd]>/g)].map((c) => text(c[1]!)));

/** Sends a file to a return's upload form as `visitor`, with the CSRF token of the upload page. */
const upload = (t: TestApp, visitor: Visitor, returnPath: string, file: UploadedFile) => postMultipart(t.app, visitor, `${returnPath}/upload`, {}, file);

const ADVICE_FORM = { 'r0-numerator': '60', 'r0-denominator': '90', 'r1-numerator': '20', 'r1-denominator': '30', 'r2-numerator': '25', 'r2-denominator': '30', 'r3-numerator': '15', 'r3-denominator': '30' };

/** The integrated-checks return as CSV (Area, Period start, Count, Note). */
const checksCsv = (rows: [string, string][], start = '2025-01-01') => Buffer.from(`Area,Period start,Count,Note\r\n${rows.map(([area, count]) => `${area},${start},${count},`).join('\r\n')}\r\n`);

describe('checks of a return\'s figures, on every channel', () => {
  let t: TestApp;
  const as: Record<string, Visitor> = {};

  before(async () => {
    t = await createTestApp();
    await createPerson(t.container, { partnership: 'essex', email: SUBMITTER, organisation: 'Essex County Council', role: 'data-submitter' });
    await createPerson(t.container, { partnership: 'essex', email: WELLBEING, organisation: 'Essex Child and Family Wellbeing Service', role: 'data-submitter' });
    for (const email of [SUBMITTER, WELLBEING]) as[email] = await new Visitor(t.app).signIn(email);
  });
  after(() => t.close());

  it('refuses an upload whose Total is not the sum of its areas, naming the row and column (issue 12 item 7)', async () => {
    const before = await tableChecksums(t.database);
    const res = await upload(t, as[WELLBEING]!, CHECKS, { name: 'checks.csv', type: 'text/csv', content: checksCsv([['Total', '10'], ['North', '40'], ['Mid', '40'], ['South', '40'], ['West', '30']]) });
    assert.equal(res.statusCode, 400);
    assert.deepEqual(tableRows(mainOf(res.body)).slice(1), [['2', 'Count', "Row 2, column 'Count': the count (10) is not the sum of the area rows (150); correct the Total or a row, or if the Total includes cases whose area is not known, give them on the row \"Unknown area\""]]);
    assert.deepEqual(await tableChecksums(t.database), before);
  });

  it('takes a Total that includes cases of unknown area from the "Unknown area" row, and still checks the sum', async () => {
    const rows: [string, string][] = [['Total', '160'], ['North', '40'], ['Mid', '40'], ['South', '40'], ['West', '30'], ['unknown AREA', '10']];
    const checked = await upload(t, as[WELLBEING]!, CHECKS, { name: 'checks.csv', type: 'text/csv', content: checksCsv(rows) });
    assert.equal(checked.statusCode, 200, text(mainOf(checked.body)).slice(0, 400));
    assert.deepEqual(tableRows(mainOf(checked.body)).slice(1), [['Total', '160'], ['North', '40'], ['Mid', '40'], ['South', '40'], ['West', '30'], ['Unknown area', '10']]);
    const wrong = await upload(t, as[WELLBEING]!, CHECKS, { name: 'checks.csv', type: 'text/csv', content: checksCsv([['Total', '150'], ...rows.slice(1)]) });
    assert.equal(wrong.statusCode, 400);
    assert.deepEqual(tableRows(mainOf(wrong.body)).slice(1), [['2', 'Count', "Row 2, column 'Count': the count (150) is not the sum of the area rows and Unknown area (160); correct the Total or a row"]]);
  });

  it('lists cell problems, a wrong period and a missing area together, in one pass (issue 12 item 8)', async () => {
    const file = Buffer.from('Area,Period start,Count,Note\r\nTotal,2024-10-01,40,\r\nNorth,2024-10-01,ten,\r\nMid,2025-01-01,10,\r\nSouth,31/02/2025,10,\r\n');
    const res = await upload(t, as[WELLBEING]!, CHECKS, { name: 'checks.csv', type: 'text/csv', content: file });
    assert.equal(res.statusCode, 400);
    const period = (row: number) => [String(row), 'Period start', `Row ${row}, Period start: this return is for 2025 Q1, so the period start must be 2025-01-01`];
    assert.deepEqual(tableRows(mainOf(res.body)).slice(1), [
      period(2),
      ['3', 'Count', "Row 3, column 'Count': expected a whole number"],
      period(3),
      ['5', 'Period start', "Row 5, column 'Period start': expected a date such as 2025-03-31 or 31/03/2025"],
    ], 'the period is checked on every row whose period could be read, beside the cell problems');
    const missing = await upload(t, as[WELLBEING]!, CHECKS, { name: 'checks.csv', type: 'text/csv', content: checksCsv([['Total', '30'], ['North', '10'], ['Mid', '10'], ['South', '10']], '2024-10-01') });
    assert.deepEqual(tableRows(mainOf(missing.body)).slice(1).map((r) => r[2]), [
      ...[2, 3, 4, 5].map((row) => `Row ${row}, Period start: this return is for 2025 Q1, so the period start must be 2025-01-01`),
      'There is no row for Area "West": add it, with 0 if there were none',
    ]);
  });

  it('never repeats an identifier from an uploaded file: an NHS number in a count, a postcode in a note (issue 12 item 3)', async () => {
    const file = Buffer.from('Area,Period start,Count,Note\r\nTotal,2025-01-01,9434765919,\r\nNorth,2025-01-01,10,CM1 1AA\r\nMid,2025-01-01,943 476 5919,\r\nSouth,2015-03-02,10,\r\nWest,2025-01-01,10,\r\n');
    const res = await upload(t, as[WELLBEING]!, CHECKS, { name: 'checks.csv', type: 'text/csv', content: file });
    assert.equal(res.statusCode, 400);
    assert.deepEqual(tableRows(mainOf(res.body)).slice(1), [
      ['2', 'Count', "Row 2, column 'Count': this looks like an NHS number. A return holds figures only: remove it"],
      ['3', 'Note', "Row 3, column 'Note': this looks like a postcode. A return holds figures only: remove it"],
      ['4', 'Count', "Row 4, column 'Count': expected a whole number"],
      ['5', 'Period start', 'Row 5, Period start: this return is for 2025 Q1, so the period start must be 2025-01-01'],
    ]);
    const shown = text(res.body);
    for (const value of ['9434765919', '943 476 5919', 'CM1 1AA', '2015-03-02']) assert.ok(!shown.includes(value), value);
  });

  it('refuses a form whose Total is not the sum of its rows, linked to the Total, with an optional Unknown provider row', async () => {
    const before = await tableChecksums(t.database);
    const form = await as[SUBMITTER]!.get(`${ADVICE}/form`);
    assert.match(form.body, /<legend[^>]*>\s*Unknown provider\s*<\/legend>\s*<div id="r4-hint" class="govuk-hint">Cases counted in the Total whose provider is not known/);
    const res = await as[SUBMITTER]!.post(`${ADVICE}/form`, { ...ADVICE_FORM, 'r0-numerator': '70', action: 'draft' });
    assert.equal(res.statusCode, 400);
    assert.deepEqual(summaryLinks(res.body), [['#r0-numerator', 'Total: the numerator (70) is not the sum of the provider rows (60); correct the Total or a row, or if the Total includes cases whose provider is not known, give them on the row "Unknown provider"']]);
    const partly = await as[SUBMITTER]!.post(`${ADVICE}/form`, { ...ADVICE_FORM, 'r0-numerator': '70', 'r0-denominator': '100', 'r4-numerator': '10', action: 'draft' });
    assert.deepEqual(summaryLinks(partly.body), [['#r4-denominator', 'Unknown provider: enter the denominator']]);
    assert.deepEqual(await tableChecksums(t.database), before);
  });

  it('saves the form with cases of unknown provider, which the Total includes, and shows them on the return', async () => {
    const saved = await as[SUBMITTER]!.post(`${ADVICE}/form`, { ...ADVICE_FORM, 'r0-numerator': '70', 'r0-denominator': '100', 'r4-numerator': '10', 'r4-denominator': '10', action: 'draft' });
    assert.equal(saved.statusCode, 303, text(mainOf(saved.body)).slice(0, 300));
    const page = await as[SUBMITTER]!.get(`${ADVICE}?done=draft`);
    assert.ok(tableRows(mainOf(page.body)).some((r) => r.join('|') === 'Unknown provider|10|10'), JSON.stringify(tableRows(mainOf(page.body))));
    const form = await as[SUBMITTER]!.get(`${ADVICE}/form`);
    assert.match(form.body, /name="r4-numerator"[^>]* value="10"/, 'the form starts from the saved unknown row');
  });
});
