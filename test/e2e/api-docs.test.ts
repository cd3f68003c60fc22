// Browser tests of the API documentation page and the API token administration pages: each passes axe
// (WCAG 2.2 AA) with one h1, and a token created in the browser works against the API.
// Runs the real app on a fresh PGlite database, in Debian's Chromium (see helpers/browser.ts).
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { Browser } from 'playwright-core';
import { closeAll, expectAccessible, expectPageBasics, launchBrowser, loadPage, signInThroughForm, submitForm, unexpectedProblems, watchProblems } from '../helpers/browser.ts';
import { createPerson } from '../helpers/sign-in.ts';
import { startTestServer } from '../helpers/test-server.ts';

type Server = Awaited<ReturnType<typeof startTestServer>>;

const ADMIN = 'admin@essex.example';

describe('API documentation and token pages in a browser', () => {
  let server: Server | undefined;
  let browser: Browser | undefined;

  before(async () => {
    server = await startTestServer();
    browser = await launchBrowser();
    await createPerson(server.container, { partnership: 'essex', email: ADMIN, organisation: 'Essex County Council', role: 'partnership-admin' });
  });

  after(() => closeAll(browser, server));

  it('every page has one h1 and no axe violations, and a token made here is accepted by the API', async (t) => {
    const base = server!.url;
    const context = await browser!.newContext({ viewport: { width: 1280, height: 900 } });
    // the create form shown again with its errors answers 400 on purpose; nothing else may fail
    const problems = watchProblems(context, [400]);
    const page = await context.newPage();
    const check = (name: string, open: () => Promise<number>, status: number, h1?: string | RegExp) =>
      t.test(name, async () => {
        assert.equal(await open(), status, `${name}: HTTP status`);
        await expectPageBasics(page, name, h1);
        await expectAccessible(page, name);
      });
    let token = '';
    try {
      await check('API documentation, signed out', () => loadPage(page, `${base}/api/docs`), 200, 'Data returns API');
      assert.equal(await page.locator('h2', { hasText: 'Send a return' }).count(), 1);
      assert.ok((await page.locator('pre.app-code').count()) >= 4, 'the examples are shown as code');

      await signInThroughForm(page, base, ADMIN, '/admin');
      assert.equal(await page.locator('main a[href="/admin/api-tokens"]').count(), 1, 'the administration start page links to the tokens');
      await check('API tokens, none yet', () => loadPage(page, `${base}/admin/api-tokens`), 200, 'API tokens');
      await check('API tokens, blank form', () => submitForm(page, 'Create API token'), 400);
      assert.equal(await page.locator('.govuk-error-summary__list a').count(), 2);
      await page.locator('#organisation').selectOption({ label: 'Essex County Council' });
      await page.locator('#name').fill('Case management system');
      await check('API token created', () => submitForm(page, 'Create API token'), 200, 'API token created');
      token = (await page.locator('#token').innerText()).trim();
      assert.match(token, /^sot_[0-9a-f]{8}_[A-Za-z0-9_-]{43}$/);

      const sent = await fetch(`${base}/api/v1/returns/local-offer-users/2025-05`, {
        method: 'POST',
        headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
        body: JSON.stringify({ rows: [{ count: 1843 }] }),
      });
      assert.equal(sent.status, 201);

      await check('API tokens, one token', () => loadPage(page, `${base}/admin/api-tokens`), 200);
      assert.doesNotMatch(await page.content(), new RegExp(token), 'the token is not shown again');
      const revoke = await page.getByRole('link', { name: 'Revoke Case management system' }).getAttribute('href');
      await check('revoke confirmation', () => loadPage(page, `${base}${revoke}`), 200, 'Revoke this API token?');
      await check('API tokens, token revoked', () => submitForm(page, 'Revoke API token'), 200);
      assert.match(await page.locator('.govuk-notification-banner').innerText(), /API token revoked/);

      const refused = await fetch(`${base}/api/v1/schedules`, { headers: { authorization: `Bearer ${token}` } });
      assert.equal(refused.status, 401);
      await t.test('no failed requests or script errors', () => assert.deepEqual(unexpectedProblems(problems), []));
    } finally {
      await context.close();
    }
  });
});
