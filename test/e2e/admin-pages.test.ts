// Browser tests of the administration pages and invitation links: every page and error state passes
// axe (WCAG 2.2 AA), and the whole invite flow works with JavaScript turned off.
// Runs the real app on a fresh PGlite database, in Debian's Chromium (see helpers/browser.ts).
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { Browser, BrowserContext } from 'playwright-core';
import { closeAll, expectAccessible, expectPageBasics, fillNewPassword, launchBrowser, loadPage, signInThroughForm, submitForm, unexpectedProblems, watchProblems } from '../helpers/browser.ts';
import { createPerson } from '../helpers/sign-in.ts';
import { startTestServer } from '../helpers/test-server.ts';

type Server = Awaited<ReturnType<typeof startTestServer>>;

const ADMIN = 'admin@essex.example';
const EDITOR = 'editor@essex.example';
const NEW_PASSWORD = 'violet harbour compass lantern';

describe('administration pages in a browser', () => {
  let server: Server | undefined;
  let browser: Browser | undefined;
  let adminId = '';
  let editorId = '';
  let councilId = '';

  before(async () => {
    server = await startTestServer();
    browser = await launchBrowser();
    adminId = (await createPerson(server.container, { partnership: 'essex', email: ADMIN, organisation: 'Essex County Council', role: 'partnership-admin' })).personId;
    editorId = (await createPerson(server.container, { partnership: 'essex', email: EDITOR, organisation: 'Essex County Council', role: 'plan-editor' })).personId;
    councilId = (await server.database.db.selectFrom('organisations').select('id').where('name', '=', 'Essex County Council').executeTakeFirstOrThrow()).id;
  });

  after(() => closeAll(browser, server));

  it('every admin page, error state and invitation page has one h1 and no axe violations', async (t) => {
    const base = server!.url;
    const context = await browser!.newContext({ viewport: { width: 1280, height: 900 } });
    // forms shown again with their errors answer 400 on purpose; nothing else may fail
    const problems = watchProblems(context, [400]);
    const page = await context.newPage();
    const check = (name: string, open: () => Promise<number>, status: number) =>
      t.test(name, async () => {
        assert.equal(await open(), status, `${name}: HTTP status`);
        await expectPageBasics(page, name);
        await expectAccessible(page, name);
      });
    const visit = (path: string) => loadPage(page, `${base}${path}`);
    let invitationPath = '';
    try {
      await signInThroughForm(page, base, ADMIN, '/admin');
      await check('start page', () => visit('/admin'), 200);
      await check('organisations', () => visit('/admin/organisations'), 200);
      await check('organisations, blank form', () => submitForm(page, 'Add organisation'), 400);
      assert.equal(await page.locator('.govuk-error-summary__list a').count(), 2);
      await page.locator('#name').fill('Mid and South Essex ICB');
      await page.getByRole('radio', { name: 'NHS integrated care board' }).check();
      await check('organisations, organisation added', () => submitForm(page, 'Add organisation'), 200);
      assert.match(await page.locator('.govuk-notification-banner').innerText(), /Organisation added/);
      await check('people', () => visit('/admin/people'), 200);
      await check('people, blank invitation form', () => submitForm(page, 'Create invitation link'), 400);
      await page.locator('#email').fill('new.person@essex.example');
      await page.locator('#organisation').selectOption(councilId);
      await page.getByRole('radio', { name: 'Viewer (board member)' }).check();
      await check('invitation created', () => submitForm(page, 'Create invitation link'), 200);
      invitationPath = new URL((await page.locator('#link').innerText()).trim()).pathname;
      await check('person', () => visit(`/admin/people/${editorId}`), 200);
      await check('person, blank role form', () => submitForm(page, 'Add role'), 400);
      await check('own person page', () => visit(`/admin/people/${adminId}`), 200);
      await check('own person page, removing the last admin role refused', () => submitForm(page, 'Remove the role partnership administrator for Essex County Council'), 400);
      assert.match(await page.locator('.govuk-error-summary').innerText(), /You cannot remove your own last partnership administrator role/);
      await check('person, disabled', async () => {
        await visit(`/admin/people/${editorId}`);
        return submitForm(page, 'Disable account');
      }, 200);
      await check('reset link created', async () => {
        await visit(`/admin/people/${editorId}`);
        return submitForm(page, 'Create a password reset link');
      }, 200);
      await check('audit trail', () => visit('/admin/audit'), 200);
      await check('audit trail, filtered', () => visit('/admin/audit?action=person.&fromDay=1&fromMonth=1&fromYear=2025'), 200);
      await check('audit trail, impossible date', () => visit('/admin/audit?fromDay=31&fromMonth=2&fromYear=2025'), 400);

      // the invitation, opened by someone signed out
      const invitee = await browser!.newContext();
      try {
        const invitePage = await invitee.newPage();
        const open = (path: string) => loadPage(invitePage, `${base}${path}`);
        await t.test('invitation page', async () => {
          assert.equal(await open(invitationPath), 200);
          await expectPageBasics(invitePage, 'invitation page');
          await expectAccessible(invitePage, 'invitation page');
        });
        await t.test('invitation page, errors', async () => {
          assert.equal(await submitForm(invitePage, 'Create account'), 400);
          assert.equal(await invitePage.locator('.govuk-error-summary__list a').count(), 2);
          await expectAccessible(invitePage, 'invitation page with errors');
        });
        await t.test('invitation expired', async () => {
          assert.equal(await open('/invitations/not-a-real-invitation-token-at-all'), 410);
          await expectPageBasics(invitePage, 'invitation expired');
          await expectAccessible(invitePage, 'invitation expired');
        });
      } finally {
        await invitee.close();
      }
      await t.test('no failed asset requests', () => assert.deepEqual(unexpectedProblems(problems), []));
    } finally {
      await context.close();
    }
  });

  describe('without JavaScript', () => {
    let adminContext: BrowserContext;
    let inviteeContext: BrowserContext;
    before(async () => {
      adminContext = await browser!.newContext({ javaScriptEnabled: false });
      inviteeContext = await browser!.newContext({ javaScriptEnabled: false });
    });
    after(() => closeAll(adminContext, inviteeContext));

    it('an administrator invites a person, who sets a password and is signed in with that role', async () => {
      const base = server!.url;
      const page = await adminContext.newPage();
      await signInThroughForm(page, base, ADMIN, '/admin');
      await page.getByRole('link', { name: 'People', exact: true }).click();
      await page.waitForURL(`${base}/admin/people`);
      await page.locator('#email').fill('nojs.person@essex.example');
      await page.locator('#organisation').selectOption({ label: 'Essex County Council' });
      await page.getByRole('radio', { name: 'Data submitter' }).check();
      assert.equal(await submitForm(page, 'Create invitation link'), 200);
      assert.equal(await page.locator('h1').innerText(), 'Invitation created');
      const link = (await page.locator('#link').innerText()).trim();
      assert.match(link, /^http:\/\/127\.0\.0\.1:\d+\/invitations\/[A-Za-z0-9_-]{43}$/);

      const invitee = await inviteeContext.newPage();
      await invitee.goto(link);
      assert.equal(await invitee.locator('h1').innerText(), 'Set up your account');
      await invitee.locator('#displayName').fill('No Script');
      await fillNewPassword(invitee, NEW_PASSWORD, 'a different password entirely');
      assert.equal(await submitForm(invitee, 'Create account'), 400);
      assert.deepEqual(await invitee.locator('.govuk-error-summary__list a').allInnerTexts(), ['The passwords do not match']);
      assert.equal(await invitee.locator('#displayName').inputValue(), 'No Script');
      await fillNewPassword(invitee, NEW_PASSWORD);
      assert.equal(await submitForm(invitee, 'Create account'), 200);
      assert.equal(invitee.url(), `${base}/account`);
      assert.match(await invitee.locator('#acting-as').innerText(), /Signed in as nojs\.person@essex\.example, acting as data submitter for Essex County Council/);

      // the link works once
      const again = await inviteeContext.newPage();
      assert.equal((await again.goto(link))?.status(), 410);
      assert.equal(await again.locator('h1').innerText(), 'This invitation has expired');

      await page.goto(`${base}/admin/people`);
      const row = page.locator('tbody tr', { has: page.locator('th', { hasText: 'nojs.person@essex.example' }) });
      assert.match(await row.innerText(), /No Script[\s\S]*Data submitter[\s\S]*Active/);
    });
  });
});
