// Browser tests of the pages issue 12 items 4, 13 and 14 added or changed: the disclosure policy, find a case, an
// invitation that replaces an earlier one, and the measure form refusing a threshold under the policy. Every page
// and error state passes axe (WCAG 2.2 AA) and reflows at 320 CSS px (WCAG 2.2 SC 1.4.10); find a case works without
// JavaScript. The real app on a fresh PGlite database, in Debian's Chromium (see helpers/browser.ts).
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { Browser, Page } from 'playwright-core';
import { closeAll, expectAccessible, expectPageBasics, launchBrowser, loadPage, signInThroughForm, submitForm, unexpectedProblems, watchProblems } from '../helpers/browser.ts';
import { csvFile, EHC_HEADINGS, ehcRow } from '../factories/casework-files.ts';
import { createPerson } from '../helpers/sign-in.ts';
import { startTestServer } from '../helpers/test-server.ts';

type Server = Awaited<ReturnType<typeof startTestServer>>;
/** The page's document as these checks use it (the tests are compiled without the DOM library). */
declare const document: { documentElement: { scrollWidth: number }; activeElement: { id: string } | null };
const ADMIN = 'admin@trust.example';
const EDITOR = 'editor@trust.example';
const ANALYST = 'analyst@trust.example';
const MEASURE = '/partnerships/essex/plans/essex-send-improvement-programme/measures/essex-advice-within-timescales';
const FIND = '/partnerships/essex/casework/find';

/** Accessible at 1280 px, and no sideways scrolling at 320 CSS px. */
async function expectGoodPage(page: Page, label: string): Promise<void> {
  await expectPageBasics(page, label);
  await expectAccessible(page, label);
  const wide = page.viewportSize()!;
  await page.setViewportSize({ width: 320, height: 640 });
  assert.ok(await page.evaluate(() => document.documentElement.scrollWidth <= 320), `${label}: reflows at 320 px`);
  await page.setViewportSize(wide);
}

describe('trust pages in a browser', () => {
  let server: Server | undefined;
  let browser: Browser | undefined;
  let councilId = '';

  before(async () => {
    server = await startTestServer();
    browser = await launchBrowser();
    for (const [email, role] of [[ADMIN, 'partnership-admin'], [EDITOR, 'plan-editor'], [ANALYST, 'analyst']] as const) {
      await createPerson(server.container, { partnership: 'essex', email, organisation: 'Essex County Council', role });
    }
    councilId = (await server.database.db.selectFrom('organisations').select('id').where('name', '=', 'Essex County Council').executeTakeFirstOrThrow()).id;
    const essex = (await server.container.casework.partnershipId('essex'))!;
    const file = csvFile([EHC_HEADINGS, ehcRow({ 'Record ID': 'R-77', 'Person ID': 'P-77', 'Received date': '2025-01-26', 'Assessment outcome': '', 'Assessment outcome date': '', 'Draft plan date': '', 'Final plan date': '' })]);
    assert.ok((await server.container.casework.import(essex, 'ehc-requests', file, 'cases.csv', { personId: null, label: 'test' })).ok);
  });
  after(() => closeAll(browser, server));

  it('the disclosure policy, a re-issued invitation and the measure form under the policy pass axe and reflow', async (t) => {
    const base = server!.url;
    const context = await browser!.newContext({ viewport: { width: 1280, height: 900 } });
    const problems = watchProblems(context, [400]);
    const page = await context.newPage();
    try {
      await signInThroughForm(page, base, ADMIN, '/admin');
      await t.test('disclosure policy', async () => {
        assert.equal(await loadPage(page, `${base}/admin/disclosure`), 200);
        await expectGoodPage(page, 'disclosure policy');
      });
      await t.test('disclosure policy, refused', async () => {
        await page.locator('#threshold').fill('2');
        assert.equal(await submitForm(page, 'Save disclosure policy'), 400);
        assert.deepEqual(await page.locator('.govuk-error-summary__list a').allInnerTexts(), ['The smallest count shown must be 3 or more']);
        await expectGoodPage(page, 'disclosure policy with an error');
      });
      await t.test('disclosure policy, saved', async () => {
        await page.locator('#threshold').fill('6');
        assert.equal(await submitForm(page, 'Save disclosure policy'), 200);
        assert.match(await page.locator('.govuk-notification-banner').innerText(), /Counts from 1 to 5 are no longer shown/);
        await expectGoodPage(page, 'disclosure policy saved');
      });
      await t.test('invitation re-issued', async () => {
        for (let i = 0; i < 2; i += 1) {
          await loadPage(page, `${base}/admin/people`);
          await page.locator('#email').fill('again@trust.example');
          await page.locator('#organisation').selectOption(councilId);
          await page.getByRole('radio', { name: 'Viewer (board member)' }).check();
          assert.equal(await submitForm(page, 'Create invitation link'), 200);
        }
        assert.match(await page.locator('#replaced').innerText(), /had already been invited to this role .* That link no longer works/);
        await expectGoodPage(page, 'invitation re-issued');
      });
      const editorPage = await (await browser!.newContext({ viewport: { width: 1280, height: 900 } })).newPage();
      await signInThroughForm(editorPage, base, EDITOR, `${MEASURE}/edit`);
      await t.test('measure form, threshold under the policy', async () => {
        await editorPage.locator('#suppressionThreshold').fill('0');
        assert.equal(await submitForm(editorPage, 'Save changes'), 400);
        assert.deepEqual(await editorPage.locator('.govuk-error-summary__list a').allInnerTexts(), ["Hide counts below must be 6 or more: the partnership's disclosure policy does not allow smaller counts to be shown"]);
        assert.match(await editorPage.locator('#suppressionThreshold-error').innerText(), /must be 6 or more/);
        await expectAccessible(editorPage, 'measure form with a threshold error');
      });
      await editorPage.context().close();
      await t.test('no failed requests', () => assert.deepEqual(unexpectedProblems(problems), []));
    } finally {
      await context.close();
    }
  });

  it('find a case passes axe and reflows, with results and with an error', async (t) => {
    const base = server!.url;
    const context = await browser!.newContext({ viewport: { width: 1280, height: 900 } });
    const problems = watchProblems(context, [400]);
    const page = await context.newPage();
    try {
      await signInThroughForm(page, base, ANALYST, FIND);
      await t.test('find a case', () => expectGoodPage(page, 'find a case'));
      await t.test('find a case, no reference', async () => {
        assert.equal(await submitForm(page, 'Find the case'), 400);
        await page.locator('.govuk-error-summary__list a').click();
        assert.equal(await page.evaluate(() => document.activeElement?.id), 'reference', 'the summary link focuses the field');
        await expectGoodPage(page, 'find a case with an error');
      });
      await t.test('find a case, found', async () => {
        await page.locator('#reference').fill('r-77');
        assert.equal(await submitForm(page, 'Find the case'), 200);
        assert.equal(await page.locator('#results').innerText(), '1 record matches that reference');
        assert.equal(new URL(page.url()).search, '', 'the reference is in no URL');
        await expectGoodPage(page, 'find a case with results');
      });
      await t.test('no failed requests', () => assert.deepEqual(unexpectedProblems(problems), []));
    } finally {
      await context.close();
    }
  });

  it('find a case works without JavaScript', async () => {
    const context = await browser!.newContext({ javaScriptEnabled: false });
    try {
      const page = await context.newPage();
      await signInThroughForm(page, server!.url, ANALYST, '/partnerships/essex/casework');
      await page.getByRole('link', { name: 'Find a case by its reference from your casework system' }).click();
      await page.locator('#reference').fill('R-77');
      assert.equal(await submitForm(page, 'Find the case'), 200);
      assert.match(await page.locator('main').innerText(), /Open, due soon/);
    } finally {
      await context.close();
    }
  });
});
