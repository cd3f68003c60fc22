// ACCEPTANCE (issue 6: "the worklist pages pass axe with 0 violations and are denied to non-analysts") in
// Chromium: an analyst visits the casework overview, imports a file through the file input (a refused file
// first), and uses the worklist (due soon, then overdue for one rule, and a filter with a mistake); axe finds
// nothing on any page. The same pages then work with JavaScript off, and a data submitter and a viewer are
// shown "You do not have access" there. A viewer reaches the casework indicators (aggregate figures) from the
// account page, reads one indicator with its chart and tables (axe finds nothing), and does so with JavaScript off.
// Real app on a fresh PGlite database (today 15 June 2025).
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { Browser, Page } from 'playwright-core';
import { addDays } from '../../src/casework/calendar-dates.ts';
import { reasonText } from '../../src/lib/disclosure/index.ts';
import { csvFile, EHC_HEADINGS, ehcRow } from '../factories/casework-files.ts';
import { closeAll, expectAccessible, expectPageBasics, launchBrowser, loadPage, openPage, signInThroughForm, submitForm, unexpectedProblems, watchProblems } from '../helpers/browser.ts';
import { createPerson } from '../helpers/sign-in.ts';
import { startTestServer, TEST_TODAY } from '../helpers/test-server.ts';

type Server = Awaited<ReturnType<typeof startTestServer>>;

const HOME = '/partnerships/essex/casework';
const ANALYST = 'analyst@essex.example';
const SUBMITTER = 'submitter@council.example';
const VIEWER = 'viewer@council.example';
const TIMEOUT = { timeout: 300_000 };
const open = { 'Request outcome': 'assess', 'Assessment outcome': '', 'Assessment outcome date': '', 'Draft plan date': '', 'Final plan date': '' };

/** Open EHC requests whose 20-week deadline is `offset` days from today (negative: overdue). */
const openRequests = (offsets: number[], prefix: string) => offsets.map((offset, i) => ehcRow({ ...open, 'Record ID': `${prefix}${i}`, 'Person ID': `${prefix}P${i}`,
  Area: i % 2 ? 'South' : 'North', 'Received date': addDays(TEST_TODAY, offset - 140), 'Request outcome date': addDays(TEST_TODAY, offset - 120) }));

/** The cells of the results table, row by row. */
async function resultRows(page: Page): Promise<string[][]> {
  const rows = page.locator('#results ~ .app-table-scroll table tbody tr');
  const out: string[][] = [];
  for (let i = 0; i < (await rows.count()); i += 1) out.push((await rows.nth(i).locator('td').allInnerTexts()).map((s) => s.replace(/\s+/g, ' ').trim()));
  return out;
}

describe('casework pages in a browser', () => {
  let server: Server | undefined;
  let browser: Browser | undefined;

  before(async () => {
    server = await startTestServer();
    browser = await launchBrowser();
    await createPerson(server.container, { partnership: 'essex', email: ANALYST, organisation: 'Essex County Council', role: 'analyst' });
    await createPerson(server.container, { partnership: 'essex', email: SUBMITTER, organisation: 'Essex County Council', role: 'data-submitter' });
    await createPerson(server.container, { partnership: 'essex', email: VIEWER, organisation: 'Essex County Council', role: 'viewer' });
    const essex = (await server.container.casework.partnershipId('essex'))!;
    const imported = await server.container.casework.import(essex, 'ehc-requests', csvFile([EHC_HEADINGS, ...openRequests([-3, -30, 0, 10], 'S')]), 'seed.csv', { personId: null, label: 'command line' });
    assert.ok(imported.ok, JSON.stringify(imported));
    // open advice requests 1 to 201 days past their 6-week deadline (reg 8): two pages of the worklist
    const advice = Array.from({ length: 201 }, (_, i) => [`A${i}`, `AP${i}`, 'East', 9, '', 'health', 'EPUT', addDays(TEST_TODAY, -43 - i), '', 'N']);
    const headings = ['Record ID', 'Person ID', 'Area', 'Age', 'Assessment ID', 'Advice type', 'Provider', 'Requested date', 'Received date', 'Missed appointment'];
    assert.ok((await server.container.casework.import(essex, 'advice-requests', csvFile([headings, ...advice]), 'advice.csv', { personId: null, label: 'command line' })).ok);
    // plans issued in May 2025: 9 within 20 weeks (133 days), 5 late (168 days); 2 late in August 2023, too few to
    // show, and alone in their quarter and year, so nothing else need be hidden to protect them (issue 12, defect 1)
    const plan = (id: string, received: string, final: string) => ehcRow({ 'Record ID': id, 'Person ID': `${id}P`, 'Received date': received, 'Final plan date': final });
    const august2023 = { 'Request outcome date': '2023-04-03', 'Assessment outcome date': '2023-06-05', 'Draft plan date': '2023-06-12' };
    const plans = [...Array.from({ length: 9 }, (_, i) => plan(`IN${i}`, '2025-01-06', '2025-05-19')), ...Array.from({ length: 5 }, (_, i) => plan(`LATE${i}`, '2024-12-02', '2025-05-19')),
      ...Array.from({ length: 2 }, (_, i) => ehcRow({ 'Record ID': `AUG${i}`, 'Person ID': `AUG${i}P`, 'Received date': '2023-02-27', 'Final plan date': '2023-08-14', ...august2023 }))];
    assert.ok((await server.container.casework.import(essex, 'ehc-requests', csvFile([EHC_HEADINGS, ...plans]), 'plans.csv', { personId: null, label: 'command line' })).ok);
  });
  after(() => closeAll(browser, server));

  it('an analyst uses the overview, the import page and the worklist; axe finds nothing on any page', TIMEOUT, async (t) => {
    const base = server!.url;
    const context = await browser!.newContext({ viewport: { width: 1280, height: 900 } });
    // a refused file and a filter with a mistake are answered with 400 on purpose
    const problems = watchProblems(context, [400]);
    const page = await context.newPage();
    page.setDefaultTimeout(20_000);
    const check = (name: string, h1?: string | RegExp) => t.test(name, async () => {
      await expectPageBasics(page, name, h1);
      await expectAccessible(page, name);
    });
    try {
      await signInThroughForm(page, base, ANALYST, HOME);
      await check('overview', 'Casework');
      assert.equal(await page.locator('.govuk-service-navigation__item--active').innerText(), 'Casework');
      assert.match(await page.locator('#rule-T06').innerText(), /SEND Regulations 2014 reg 13\(2\)/);

      await page.getByRole('link', { name: 'Import casework records' }).click();
      await check('import page', 'Import casework records');
      await page.getByLabel('EHC needs assessment requests').check();
      await page.locator('#file').setInputFiles({ name: 'names.csv', mimeType: 'text/csv', buffer: csvFile([[...EHC_HEADINGS, 'Surname'], [...ehcRow({ 'Record ID': 'X1' }), 'Smith']]) });
      await page.getByRole('button', { name: 'Import the file' }).click();
      await page.locator('.govuk-error-summary').waitFor();
      await check('import page with problems', 'Import casework records');
      assert.match(await page.locator('#problems + .app-table-scroll table').innerText(), /Column 'Surname' looks like a person’s name/);
      assert.equal(await page.locator('#kind:checked').count(), 1, 'the kind stays chosen');
      await page.locator('#file').setInputFiles({ name: 'requests.csv', mimeType: 'text/csv', buffer: csvFile([EHC_HEADINGS, ...openRequests([5], 'U')]) });
      await page.getByRole('button', { name: 'Import the file' }).click();
      await page.getByRole('heading', { level: 1, name: 'Records imported' }).waitFor();
      await check('import done', 'Records imported');
      assert.match(await page.locator('#import-result').innerText(), /New records\s+1/);

      await page.getByRole('link', { name: 'See the cases due soon' }).click();
      await check('worklist: due within 14 days', 'Worklist');
      assert.match(await page.locator('#count').innerText(), /^3 open cases due within 14 days\.$/);
      assert.deepEqual((await resultRows(page)).map((r) => [r[2], r[4], r[5]]), [['North', '15 June 2025', 'Due today'], ['North', '20 June 2025', '5 days'], ['South', '25 June 2025', '10 days']]);

      await page.locator('#rule').selectOption('T06');
      await page.getByLabel('Overdue', { exact: true }).check();
      await page.locator('#area').fill('South');
      assert.equal(await submitForm(page, 'Show cases'), 200);
      await check('worklist: overdue in one area', 'Worklist');
      assert.deepEqual((await resultRows(page)).map((r) => [r[0], r[2], r[4], r[5], r[6]]), [['T06 Final EHC plan issued within 20 weeks of the request', 'South', '16 May 2025', '30 days', 'No']]);
      assert.match(await page.getByRole('link', { name: /Download these cases/ }).getAttribute('href') ?? '', /worklist\.csv\?rule=T06&area=South&status=overdue$/);

      await page.getByLabel('Due soon', { exact: true }).check();
      await page.locator('#within').fill('two weeks');
      assert.equal(await submitForm(page, 'Show cases'), 400);
      await check('worklist with a mistake');
      assert.deepEqual(await page.locator('.govuk-error-summary__list a').allInnerTexts(), ['Enter the number of days as a whole number from 0 to 365']);

      await loadPage(page, `${base}${HOME}/worklist?rule=T02&status=overdue`);
      await check('worklist: first of two pages', 'Worklist');
      assert.match(await page.locator('main').innerText(), /201 open cases overdue for T02\.\s+Showing cases 1 to 200 of 201\./);
      await page.locator('.govuk-pagination').getByRole('link', { name: /Next/ }).click();
      await page.waitForURL(/page=2$/);
      await check('worklist: second page', 'Worklist');
      assert.deepEqual((await resultRows(page)).map((r) => r[5]), ['1 day']);

      // the refused file went by XMLHttpRequest (the progress bar), so its 400 is an xhr's, not a document's
      const refusedUpload = (line: string) => /^400 for xhr .*\/casework\/import$|\/casework\/import: Failed to load resource: the server responded with a status of 400\b/.test(line);
      await t.test('nothing went wrong in the browser', () => assert.deepEqual(unexpectedProblems(problems).filter((line) => !refusedUpload(line)), []));
    } finally {
      await context.close();
    }
  });

  it('works with JavaScript off: overview, an import by a plain form post, the worklist and its filters', TIMEOUT, async () => {
    const base = server!.url;
    const { context, page } = await openPage(browser!, { javaScriptEnabled: false });
    try {
      await signInThroughForm(page, base, ANALYST, HOME);
      assert.equal(await page.locator('h1').innerText(), 'Casework');
      await page.getByRole('link', { name: 'Import casework records' }).click();
      await page.getByLabel('EHC needs assessment requests').check();
      await page.locator('#file').setInputFiles({ name: 'more.csv', mimeType: 'text/csv', buffer: csvFile([EHC_HEADINGS, ...openRequests([7, -1], 'J')]) });
      assert.equal(await submitForm(page, 'Import the file'), 200);
      assert.equal(await page.locator('h1').innerText(), 'Records imported');

      await loadPage(page, `${base}${HOME}/worklist`);
            await page.locator('#within').fill('7');
      assert.equal(await submitForm(page, 'Show cases'), 200);
      assert.match(await page.locator('#count').innerText(), /^3 open cases due within 7 days\.$/);
      await page.locator('#rule').selectOption('T06');
      await page.getByLabel('Overdue', { exact: true }).check();
      assert.equal(await submitForm(page, 'Show cases'), 200);
      assert.deepEqual((await resultRows(page)).map((r) => r[5]), ['30 days', '3 days', '1 day']);
      assert.equal(new URL(page.url()).searchParams.get('status'), 'overdue', 'the filters are in the address');
    } finally {
      await context.close();
    }
  });

  it('a viewer reaches the casework indicators from the account page and reads one; axe finds nothing', TIMEOUT, async (t) => {
    const base = server!.url;
    const { context, page } = await openPage(browser!, { viewport: { width: 1280, height: 900 } });
    const problems = watchProblems(context);
    const check = (name: string, h1: string) => t.test(name, async () => {
      await expectPageBasics(page, name, h1);
      await expectAccessible(page, name);
    });
    try {
      await signInThroughForm(page, base, VIEWER, '/account');
      await page.getByRole('link', { name: 'Casework indicators', exact: true }).click();
      await check('casework indicators', 'Casework indicators');
      assert.equal(await page.locator('.govuk-breadcrumbs').count(), 0, 'no breadcrumb to the analysts\' overview');
      assert.match((await page.locator('#indicator-ehc-plans-within-20-weeks').innerText()).replace(/\s+/g, ' '), /May 2025: 64\.3% \(38\.8% to 83\.7%\) 9 of 14 .*June 2024 to May 2025: 64\.3% \(38\.8% to 83\.7%\) 9 of 14/);

      await page.getByRole('link', { name: 'EHC plans issued within 20 weeks, including exception cases' }).click();
      await check('one indicator', 'EHC plans issued within 20 weeks, including exception cases');
      const chart = page.locator('figure.app-chart svg');
      assert.equal(await chart.getAttribute('role'), 'img');
      const labelledBy = (await chart.getAttribute('aria-labelledby')) ?? '';
      assert.notEqual(labelledBy, '', 'the chart is labelled');
      // for a board member: the interval as a likely range, its statistical name under "How to read this" (issue 12, defect 12)
      assert.match(await page.locator('#indicator-summary').innerText(), /^May 2025: 64\.3% \(9 of 14\), likely between 38\.8% and 83\.7%\./);
      assert.match(await page.locator('#how-to-read').innerText(), /How to read this/);
      await page.locator('#how-to-read summary').click();
      assert.match(await page.locator('#how-to-read').innerText(), /95% confidence interval \(the Wilson score interval\)/);
      const months = page.locator('#months tbody tr');
      assert.equal(await months.count(), 24);
      assert.deepEqual((await months.nth(21).locator('th, td').allInnerTexts()).map((c) => c.trim()), ['August 2023', `Not shown: ${reasonText({ kind: 'primary', quantity: 'numerator' }, 5)}`, '', '', '']);
      const csv = await context.request.get(new URL((await page.getByRole('link', { name: /Download every figure/ }).getAttribute('href'))!, base).href);
      assert.equal(csv.status(), 200);
      assert.match(await csv.text(), /ehc-plans-within-20-weeks,month,2025-05-01,all,,9,14,64\.286,percent,/);
      await t.test('nothing went wrong in the browser', () => assert.deepEqual(unexpectedProblems(problems), []));
    } finally {
      await context.close();
    }
  });

  it('works with JavaScript off for a viewer: the indicators and one indicator', TIMEOUT, async () => {
    const base = server!.url;
    const { context, page } = await openPage(browser!, { javaScriptEnabled: false });
    try {
      await signInThroughForm(page, base, VIEWER, '/account');
      await page.getByRole('link', { name: 'Casework indicators', exact: true }).click();
      assert.equal(await page.locator('h1').innerText(), 'Casework indicators');
      await page.getByRole('link', { name: 'Advice for EHC needs assessments given within 6 weeks' }).click();
      assert.equal(await page.locator('h1').innerText(), 'Advice for EHC needs assessments given within 6 weeks');
      assert.match(await page.locator('main').innerText(), /No figures have been computed for this indicator yet/, 'the open advice requests are not completed cases');
      await page.locator('.govuk-breadcrumbs').getByRole('link', { name: 'Casework indicators', exact: true }).click();
      await page.getByRole('link', { name: 'Decisions whether to assess within 6 weeks' }).click();
      assert.equal(await page.locator('#months tbody tr').count(), 24);
      assert.ok(await page.locator('#table-by-area').isVisible(), 'the breakdown by area is shown');
    } finally {
      await context.close();
    }
  });

  it('shows a data submitter and a viewer that they have no access to the casework pages', TIMEOUT, async (t) => {
    const base = server!.url;
    for (const email of [SUBMITTER, VIEWER]) {
      const { context, page } = await openPage(browser!);
      const problems = watchProblems(context, [403]);
      try {
        await signInThroughForm(page, base, email, '/');
        assert.equal(await page.locator('.govuk-service-navigation').getByRole('link', { name: 'Casework' }).count(), 0, 'no Casework link');
        for (const path of [HOME, `${HOME}/worklist?status=overdue`, `${HOME}/import`]) {
          assert.equal(await loadPage(page, `${base}${path}`), 403, `${email} ${path}`);
          await expectPageBasics(page, `${email} ${path}`, 'You do not have access to this page');
          assert.doesNotMatch(await page.locator('main').innerText(), /North|South|T06/, 'no case is shown');
        }
        await t.test(`no access page is accessible (${email})`, () => expectAccessible(page, `no access (${email})`));
        assert.deepEqual(unexpectedProblems(problems), []);
      } finally {
        await context.close();
      }
    }
  });
});
