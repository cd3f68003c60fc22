// ACCEPTANCE (issue 5) in Chromium: a data submitter of Essex County Council completes a return by the
// form (one error first), a submitter of the wellbeing service completes another by uploading an XLSX
// through the file input (sent by XMLHttpRequest with a progress bar), an analyst approves both, and the
// measure pages show the approved values. axe finds nothing on any page; then each kind of page is used
// once more with JavaScript off (form errors, an upload with a wrong row, the check page, approval).
// Runs the real app on a fresh PGlite database with the example plans and schedules (today 15 June 2025).
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import ExcelJS from 'exceljs';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { closeAll, expectAccessible, expectPageBasics, launchBrowser, loadPage, signInThroughForm, submitForm, unexpectedProblems, watchProblems } from '../helpers/browser.ts';
import { createPerson } from '../helpers/sign-in.ts';
import { startTestServer } from '../helpers/test-server.ts';

type Server = Awaited<ReturnType<typeof startTestServer>>;

const HOME = '/partnerships/essex/returns';
const PLAN = '/partnerships/essex/plans/essex-send-improvement-programme';
const COUNCIL = 'submitter@council.example';
const WELLBEING = 'submitter@wellbeing.example';
const ANALYST = 'analyst@essex.example';
const ADVICE_TITLE = 'Professional advice for EHC needs assessments given within 6 weeks';
const CHECKS_TITLE = 'Integrated 2½-year checks completed';
const XLSX_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

/** An integrated-checks return as an Excel workbook, built the way a partner's spreadsheet would be. */
async function checksWorkbook(periodStart: Date, rows: [string, number][]): Promise<Buffer> {
  const book = new ExcelJS.Workbook();
  const sheet = book.addWorksheet('Return');
  sheet.addRow(['Area', 'Period start', 'Count', 'Note']);
  for (const [area, count] of rows) sheet.addRow([area, periodStart, count, null]);
  sheet.getColumn(2).numFmt = 'dd/mm/yyyy';
  return Buffer.from(await book.xlsx.writeBuffer());
}

const CHECKS_ROWS: [string, number][] = [['Total', 40], ['North', 12], ['Mid', 9], ['South', 11], ['West', 8]];

/** Fills the advice return's form: the total, then the three providers. */
async function fillAdviceForm(page: Page, total: [string, string]): Promise<void> {
  const values: [string, string][] = [total, ['20', '30'], ['25', '30'], ['15', '30']];
  for (const [i, [numerator, denominator]] of values.entries()) {
    await page.locator(`#r${i}-numerator`).fill(numerator);
    await page.locator(`#r${i}-denominator`).fill(denominator);
  }
}

/** The cells of the over-time table row of a period on a measure page. */
async function overTimeRow(page: Page, period: string): Promise<string[]> {
  // the figures table's <details>, not "How to read this"
  await page.locator('main details.govuk-details', { has: page.locator('table') }).first().locator('summary').click();
  const row = page.locator('main details table tbody tr').filter({ has: page.locator('th', { hasText: new RegExp(`^${period}`) }) });
  assert.equal(await row.count(), 1, `one over-time row for ${period}`);
  return (await row.locator('th, td').allInnerTexts()).map((s) => s.trim());
}

describe('data returns in a browser', () => {
  let server: Server | undefined;
  let browser: Browser | undefined;

  before(async () => {
    server = await startTestServer();
    browser = await launchBrowser();
    await createPerson(server.container, { partnership: 'essex', email: COUNCIL, organisation: 'Essex County Council', role: 'data-submitter' });
    await createPerson(server.container, { partnership: 'essex', email: WELLBEING, organisation: 'Essex Child and Family Wellbeing Service', role: 'data-submitter' });
    await createPerson(server.container, { partnership: 'essex', email: ANALYST, organisation: 'Essex County Council', role: 'analyst' });
  });
  after(() => closeAll(browser, server));

  it('a return by form and a return by XLSX upload, approved, appear in the measure series', { timeout: 300_000 }, async (t) => {
    const base = server!.url;
    const contexts: BrowserContext[] = [];
    const open = async () => {
      const context = await browser!.newContext({ viewport: { width: 1280, height: 900 } });
      contexts.push(context);
      // a form shown again with its errors answers 400 on purpose; nothing else may fail
      const problems = watchProblems(context, [400]);
      const page = await context.newPage();
      page.setDefaultTimeout(20_000);
      return { page, problems };
    };
    const check = (page: Page, name: string, h1?: string | RegExp) =>
      t.test(name, async () => {
        await expectPageBasics(page, name, h1);
        await expectAccessible(page, name);
      });
    try {
      // 1. by form, for Essex County Council
      const council = await open();
      let page = council.page;
      await signInThroughForm(page, base, COUNCIL, HOME);
      await check(page, 'returns home (submitter)', 'Data returns');
      assert.match(await page.locator('#overdue + ul').innerText(), new RegExp(`${ADVICE_TITLE}, 2025 Q1\\s+Not started\\s+Overdue`));
      await page.getByRole('link', { name: `${ADVICE_TITLE}, 2025 Q1` }).click();
      await page.waitForURL(`${base}${HOME}/advice-timeliness-by-provider/2025-Q1`);
      await check(page, 'return page (not started)', `${ADVICE_TITLE}, 2025 Q1`);
      await page.getByRole('link', { name: 'Enter figures in a form' }).click();
      await check(page, 'form', `Enter figures: ${ADVICE_TITLE}`);
      assert.equal(await page.locator('#r0-numerator').getAttribute('inputmode'), 'numeric');
      await fillAdviceForm(page, ['60', '59']);
      assert.equal(await submitForm(page, 'Submit for review'), 400);
      await check(page, 'form with errors');
      // both problems of the Total in one pass: above its denominator, and not the sum of the providers' denominators
      assert.deepEqual(await page.locator('.govuk-error-summary__list a').allInnerTexts(), [
        'Total: the numerator (60) cannot be more than the denominator (59)',
        'Total: the denominator (59) is not the sum of the provider rows (90); correct the Total or a row, or if the Total includes cases whose provider is not known, give them on the row "Unknown provider"',
      ]);
      assert.deepEqual(await page.locator('.govuk-error-summary__list a').evaluateAll((links) => links.map((a) => a.getAttribute('href'))), ['#r0-numerator', '#r0-denominator']);
      assert.equal(await page.locator('#r1-numerator').inputValue(), '20', 'what was typed is kept');
      await page.locator('#r0-denominator').fill('90');
      await page.locator('#note').fill('Health figure is provisional');
      assert.equal(await submitForm(page, 'Submit for review'), 200);
      await check(page, 'return page (submitted by form)');
      assert.match(await page.locator('.govuk-notification-banner').innerText(), /submitted for review/);
      assert.equal((await page.locator('#status').innerText()).trim(), 'Submitted');

      // 2. by XLSX upload through the file input, for the wellbeing service
      const wellbeing = await open();
      page = wellbeing.page;
      await signInThroughForm(page, base, WELLBEING, HOME);
      await page.getByRole('link', { name: `${CHECKS_TITLE}, 2025 Q1` }).click();
      await page.getByRole('link', { name: 'Upload a file' }).click();
      await check(page, 'upload', `Upload a file: ${CHECKS_TITLE}`);
      await page.locator('#file').setInputFiles({ name: 'integrated-checks-Q1.xlsx', mimeType: XLSX_TYPE, buffer: await checksWorkbook(new Date(Date.UTC(2025, 0, 1)), CHECKS_ROWS) });
      // while the request is held here, the page shows its progress bar and the percentage as text
      let progress: { visible: boolean; text: string; live: string | null } | undefined;
      await page.route('**/upload', async (route) => {
        progress = { visible: await page.locator('#upload-progress').isVisible(), text: await page.locator('#upload-progress-text').innerText(), live: await page.locator('#upload-progress-text').getAttribute('aria-live') };
        await route.continue();
      });
      const [sent] = await Promise.all([page.waitForRequest((r) => r.url().endsWith('/upload') && r.method() === 'POST'), page.getByRole('button', { name: 'Upload and check' }).click()]);
      assert.equal(sent.resourceType(), 'xhr', 'with JavaScript on, the file goes by XMLHttpRequest');
      await page.getByRole('heading', { level: 1, name: 'Check the figures before you submit them' }).waitFor();
      await check(page, 'check page');
      await page.unroute('**/upload');
      assert.ok(progress?.visible, 'the progress bar shows while the file uploads');
      assert.match(progress.text, /^Upload(ing|ed): \d+%/);
      assert.equal(progress.live, 'polite');
      assert.deepEqual((await page.locator('main table tbody tr').allInnerTexts()).map((r) => r.replace(/\s+/g, ' ').trim()), ['Total 40', 'North 12', 'Mid 9', 'South 11', 'West 8']);
      assert.equal(await submitForm(page, 'Submit these figures'), 200);
      await check(page, 'return page (submitted by upload)');
      assert.match(await page.locator('main table').last().innerText(), /File upload \(integrated-checks-Q1\.xlsx\)/);

      // 3. an analyst approves both
      const analyst = await open();
      page = analyst.page;
      await signInThroughForm(page, base, ANALYST, HOME);
      await check(page, 'returns home (analyst)', 'Data returns');
      assert.match(await page.locator('main').innerText(), /Overdue/);
      assert.ok((await page.locator('.app-return-grid__overdue .govuk-tag', { hasText: 'Overdue' }).count()) > 0, 'overdue cells carry the word');
      for (const title of [ADVICE_TITLE, CHECKS_TITLE]) {
        await loadPage(page, `${base}${HOME}`);
        await page.locator('#waiting + ul').getByRole('link', { name: `${title}, 2025 Q1` }).click();
        await check(page, `return page for review: ${title}`);
        assert.equal(await submitForm(page, 'Approve'), 200);
        await check(page, `approved: ${title}`);
        assert.equal((await page.locator('#status').innerText()).trim(), 'Approved');
      }

      // 4. the measure pages show the approved values in their over-time tables
      await loadPage(page, `${base}${PLAN}/measures/essex-advice-within-timescales`);
      await check(page, 'measure page: advice within timescales', ADVICE_TITLE);
      assert.deepEqual((await overTimeRow(page, '2025 Q1')).slice(0, 2), ['2025 Q1', '66.7%']);
      await loadPage(page, `${base}${PLAN}/measures/essex-integrated-checks`);
      await check(page, 'measure page: integrated checks', CHECKS_TITLE);
      assert.deepEqual((await overTimeRow(page, '2025 Q1')).slice(0, 2), ['2025 Q1', '40']);

      await t.test('nothing went wrong in the browser', () => {
        for (const { problems } of [council, wellbeing, analyst]) assert.deepEqual(unexpectedProblems(problems), []);
      });
    } finally {
      await closeAll(...contexts);
    }
  });

  it('works with JavaScript off: home, return page, form errors, an upload with a wrong row, the check page, approval', { timeout: 300_000 }, async () => {
    const base = server!.url;
    const contexts: BrowserContext[] = [];
    const open = async (email: string) => {
      const context = await browser!.newContext({ javaScriptEnabled: false });
      contexts.push(context);
      const page = await context.newPage();
      page.setDefaultTimeout(20_000);
      await signInThroughForm(page, base, email, HOME);
      return page;
    };
    try {
      // the form, with an error first, for 2024 Q4
      let page = await open(COUNCIL);
      assert.equal(await page.locator('h1').innerText(), 'Data returns');
      await page.getByRole('link', { name: `${ADVICE_TITLE}, 2024 Q4` }).click();
      await page.getByRole('link', { name: 'Enter figures in a form' }).click();
      await fillAdviceForm(page, ['fifty', '90']);
      assert.equal(await submitForm(page, 'Submit for review'), 400);
      assert.deepEqual(await page.locator('.govuk-error-summary__list a').allInnerTexts(), ['Total: the numerator must be a number, like 45']);
      assert.equal(await page.locator('#r0-numerator').inputValue(), 'fifty');
      // the Total must be the sum of the providers (20 + 25 + 15)
      await page.locator('#r0-numerator').fill('60');
      assert.equal(await submitForm(page, 'Submit for review'), 200);
      assert.equal((await page.locator('#status').innerText()).trim(), 'Submitted');

      // an upload with a wrong row (a plain form post), then the corrected file, saved as a draft
      page = await open(WELLBEING);
      await loadPage(page, `${base}${HOME}/integrated-checks-by-area/2024-Q4/upload`);
      assert.equal(await page.locator('.app-upload-progress').isVisible(), false, 'no progress bar without JavaScript');
      const start = new Date(Date.UTC(2024, 9, 1));
      await page.locator('#file').setInputFiles({ name: 'checks-Q4.xlsx', mimeType: XLSX_TYPE, buffer: await checksWorkbook(start, [['Total', 30], ['North', 10], ['Middle', 10], ['South', 5], ['West', 5]]) });
      assert.equal(await submitForm(page, 'Upload and check'), 400);
      const problems = await page.locator('#problems + .app-table-scroll table tbody tr').first().locator('td').allInnerTexts();
      assert.deepEqual(problems.slice(0, 2), ['4', 'Area'], 'the wrong row and column');
      assert.match(problems[2]!, /^Row 4, column 'Area': this is not one of Total, North/, 'the wrong value is described, not repeated');
      await page.locator('#file').setInputFiles({ name: 'checks-Q4.xlsx', mimeType: XLSX_TYPE, buffer: await checksWorkbook(start, [['Total', 30], ['North', 10], ['Mid', 10], ['South', 5], ['West', 5]]) });
      assert.equal(await submitForm(page, 'Upload and check'), 200);
      assert.equal(await page.locator('h1').innerText(), 'Check the figures before you submit them');
      assert.equal(await submitForm(page, 'Save as draft'), 200);
      assert.equal((await page.locator('#status').innerText()).trim(), 'Draft Overdue');

      // the analyst approves the form's return
      page = await open(ANALYST);
      await page.locator('#waiting + ul').getByRole('link', { name: `${ADVICE_TITLE}, 2024 Q4` }).click();
      assert.equal(await submitForm(page, 'Approve'), 200);
      assert.equal((await page.locator('#status').innerText()).trim(), 'Approved');
    } finally {
      await closeAll(...contexts);
    }
  });
});
