// Browser tests of the account pages outside the administration area: password reset (form,
// errors, success, expired link), "You do not have access", sign-out and "You have signed out",
// the single sign-on failure page and the "too many requests" page. Each passes axe (WCAG 2.2 AA)
// with JavaScript on, and each flow works with JavaScript off.
// Runs the real app on a fresh PGlite database, in Debian's Chromium (see helpers/browser.ts).
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { Browser, Page } from 'playwright-core';
import { closeAll, expectAccessible, expectPageBasics, fillNewPassword, fillSignInForm, launchBrowser, loadPage, openPage, signInThroughForm, suitePage, submitForm, unexpectedProblems, watchProblems } from '../helpers/browser.ts';
import { createPerson } from '../helpers/sign-in.ts';
import { createTestApp, startTestServer, type TestApp } from '../helpers/test-server.ts';

type Server = Awaited<ReturnType<typeof startTestServer>>;

const VIEWER = 'viewer@essex.example';
const EDITOR = 'editor@essex.example';
const NEW_PASSWORD = 'violet harbour compass lantern';
const TIMEOUT = { timeout: 120_000 };

async function errorSummaryLinks(page: Page): Promise<{ text: string; href: string | null }[]> {
  return page.locator('.govuk-error-summary__list a').evaluateAll((as) => as.map((a) => ({ text: (a.textContent ?? '').trim(), href: a.getAttribute('href') })));
}

describe('account pages in a browser', () => {
  let server: Server | undefined;
  let browser: Browser | undefined;
  const url = (path: string) => new URL(path, server!.url).href;
  /** A fresh password-reset link for a new person, as an administrator would make one. */
  const resetLink = async (email: string) => {
    await createPerson(server!.container, { partnership: 'essex', email, organisation: 'Essex County Council', role: 'plan-editor' });
    return `/reset-password?token=${await server!.container.accounts.createResetToken(email, 'test')}`;
  };

  before(async () => {
    server = await startTestServer();
    browser = await launchBrowser();
    await createPerson(server.container, { partnership: 'essex', email: VIEWER, organisation: 'Essex County Council', role: 'viewer' });
    await createPerson(server.container, { partnership: 'essex', email: EDITOR, organisation: 'Essex County Council', role: 'plan-editor' });
  });

  after(() => closeAll(browser, server));

  it('every page and state has its status, one h1 and no axe violations (JavaScript on)', { timeout: 300_000 }, async (t) => {
    const { context, page } = await openPage(browser!, { viewport: { width: 1280, height: 900 } });
    // the error pages and forms shown again with errors answer so on purpose; nothing else may fail
    const problems = watchProblems(context, [400, 403, 404, 410]);
    const check = (name: string, open: () => Promise<number>, status: number, h1: string | RegExp) =>
      t.test(name, async () => {
        assert.equal(await open(), status, `${name}: HTTP status`);
        await expectPageBasics(page, name, h1);
        await expectAccessible(page, name);
      });
    try {
      const link = await resetLink('reset.js@essex.example');
      await check('reset password: the form', () => loadPage(page, url(link)), 200, 'Choose a new password');
      await check('reset password: passwords that do not match', async () => {
        await fillNewPassword(page, NEW_PASSWORD, 'a different password entirely');
        return submitForm(page, 'Change password');
      }, 400, 'Choose a new password');
      assert.deepEqual(await errorSummaryLinks(page), [{ text: 'The passwords do not match', href: '#confirm' }]);
      assert.match(await page.title(), /^Error: /);
      assert.match(await page.locator('#confirm-error').innerText(), /The passwords do not match/);
      await check('reset password: a password that is too easy to guess', async () => {
        await fillNewPassword(page, 'password1234');
        return submitForm(page, 'Change password');
      }, 400, 'Choose a new password');
      assert.equal((await errorSummaryLinks(page))[0]?.href, '#password');
      await check('reset password: done', async () => {
        await fillNewPassword(page, NEW_PASSWORD);
        return submitForm(page, 'Change password');
      }, 200, 'Your password has been changed');
      await check('reset password: the used link has expired', () => loadPage(page, url(link)), 410, 'This link has expired');
      await check('reset password: no token', () => loadPage(page, url('/reset-password')), 410, 'This link has expired');

      await check('SSO failure: an unknown connection', () => loadPage(page, url('/sign-in/sso/unknown')), 404, 'You could not be signed in');
      assert.match(await page.locator('main').innerText(), /There is no organisation sign-in with that name/);
      await check('SSO failure: a callback with no sign-in in progress', () => loadPage(page, url('/sign-in/sso/unknown/callback?code=x&state=y')), 404, 'You could not be signed in');

      await signInThroughForm(page, server!.url, VIEWER, '/account');
      await check('you do not have access (a viewer at /admin)', () => loadPage(page, url('/admin')), 403, 'You do not have access to this page');
      assert.match(await page.locator('main').innerText(), /acting as viewer \(board member\) for Essex County Council/);
      await check('sign out: the confirmation', () => loadPage(page, url('/sign-out')), 200, 'Sign out');
      await check('sign out: you have signed out', () => submitForm(page, 'Sign out'), 200, 'You have signed out');
      assert.equal(await page.locator('#acting-as').count(), 0, 'signed out');

      await t.test('no script errors or failed asset requests', () => assert.deepEqual(unexpectedProblems(problems), []));
    } finally {
      await context.close();
    }
  });

  describe('without JavaScript', () => {
    const noScript = suitePage(() => browser!, { javaScriptEnabled: false });

    it('a person resets their password: errors, success, then signs in with it; the link works once', TIMEOUT, async () => {
      const { page } = noScript;
      const email = 'reset.nojs@essex.example';
      const link = await resetLink(email);
      assert.equal(await loadPage(page, url(link)), 200);
      // the "Show" buttons need JavaScript: without it they are not there to get in the way
      assert.equal(await page.getByRole('button', { name: /^Show/ }).count(), 0, 'no "Show password" button without JavaScript');
      await fillNewPassword(page, NEW_PASSWORD, 'a different password entirely');
      assert.equal(await submitForm(page, 'Change password'), 400);
      assert.deepEqual(await errorSummaryLinks(page), [{ text: 'The passwords do not match', href: '#confirm' }]);
      await page.locator('.govuk-error-summary__list a').click();
      assert.equal(new URL(page.url()).hash, '#confirm', 'the summary link goes to the field');
      assert.equal(await page.locator('input[name="token"]').count(), 1, 'the form keeps the token');

      await fillNewPassword(page, NEW_PASSWORD);
      assert.equal(await submitForm(page, 'Change password'), 200);
      await expectPageBasics(page, 'reset done', 'Your password has been changed');
      await page.getByRole('link', { name: 'Sign in with your new password' }).click();
      await page.waitForURL(url('/sign-in'));
      await fillSignInForm(page, email, NEW_PASSWORD);
      assert.equal(await submitForm(page, 'Sign in'), 200);
      assert.match(await page.locator('#acting-as').innerText(), /Signed in as reset\.nojs@essex\.example/);

      assert.equal(await loadPage(page, url(link)), 410, 'the link works once');
      await expectPageBasics(page, 'expired link', 'This link has expired');
      assert.match(await page.locator('main').innerText(), /Ask an administrator of your partnership for a new one/);
    });

    it('a viewer is told they do not have access to /admin, then signs out and is told so', TIMEOUT, async () => {
      const { page } = noScript;
      await loadPage(page, url('/sign-out'));
      if ((await page.locator('#acting-as').count()) > 0) await submitForm(page, 'Sign out'); // signed in by the test before
      await signInThroughForm(page, server!.url, VIEWER, '/account');
      assert.equal(await loadPage(page, url('/admin')), 403);
      await expectPageBasics(page, 'no access', 'You do not have access to this page');
      assert.equal(await page.getByRole('link', { name: 'Administration' }).count(), 0, 'a viewer is not offered the administration link');

      await page.locator('.govuk-service-navigation').getByRole('link', { name: 'Sign out' }).click();
      await page.waitForURL(url('/sign-out'));
      await expectPageBasics(page, 'sign out', 'Sign out');
      assert.match(await page.locator('main').innerText(), /You are signed in as viewer@essex\.example/);
      assert.equal(await submitForm(page, 'Sign out'), 200);
      assert.equal(page.url(), url('/sign-out'));
      await expectPageBasics(page, 'signed out', 'You have signed out');
      assert.equal(await page.locator('#acting-as').count(), 0);
      // the session has really gone: a signed-in page sends the visitor to sign in
      await loadPage(page, url('/account'));
      assert.equal(new URL(page.url()).pathname, '/sign-in');
      await page.goBack();
      await page.getByRole('link', { name: 'go to the list of improvement plans' }).click();
      await page.waitForURL(url('/'));
    });

    it('the SSO failure page explains and leads back to the sign-in page', TIMEOUT, async () => {
      // a context of its own: signed in, /sign-in/sso/... sends the person on instead
      const { context: signedOut, page } = await openPage(browser!, { javaScriptEnabled: false });
      try {
        assert.equal(await loadPage(page, url('/sign-in/sso/unknown')), 404);
        await expectPageBasics(page, 'sso failed', 'You could not be signed in');
        await page.getByRole('link', { name: 'Go back to the sign-in page' }).click();
        await page.waitForURL(url('/sign-in'));
      } finally {
        await signedOut.close();
      }
    });
  });

  describe('problems found by these tests, now fixed', () => {
    it('sending the reset form again after the password was changed shows "This link has expired", not the form', TIMEOUT, async () => {
      // POST /reset-password answers a used or expired token with 400 and the form again
      // ("Choose a new password", error "This link has expired or has already been used" on the
      // password field): a form that can never succeed. It should answer as GET does: 410 and
      // reset-password.njk with valid: false. Happens with a second tab, or Back after a reset.
      const context = await browser!.newContext({ javaScriptEnabled: false });
      try {
        const link = await resetLink('reset.twice@essex.example');
        const [first, second] = [await context.newPage(), await context.newPage()];
        assert.equal(await loadPage(first, url(link)), 200);
        assert.equal(await loadPage(second, url(link)), 200);
        await fillNewPassword(second, NEW_PASSWORD);
        assert.equal(await submitForm(second, 'Change password'), 200, 'the password is changed in the second tab');
        const page = first;
        await fillNewPassword(page, 'another good long password');
        const status = await submitForm(page, 'Change password');
        assert.deepEqual({ status, h1: (await page.locator('h1').innerText()).trim(), form: await page.locator('form[action="/reset-password"]').count() }, { status: 410, h1: 'This link has expired', form: 0 });
      } finally {
        await context.close();
      }
    });
  });
});

describe('the "too many requests" page in a browser', () => {
  let limited: TestApp | undefined;
  let base = '';
  let browser: Browser | undefined;

  before(async () => {
    limited = await createTestApp({ examples: false, app: { signInRateLimit: 2 } });
    base = await limited.app.listen({ port: 0, host: '127.0.0.1' });
    browser = await launchBrowser();
  });

  after(() => closeAll(browser, limited));

  it('the third sign-in in a minute gets the 429 page: it works without JavaScript and has no axe violations', TIMEOUT, async () => {
    const noScript = await browser!.newContext({ javaScriptEnabled: false });
    const withScript = await browser!.newContext({ viewport: { width: 1280, height: 900 } });
    try {
      const page = await noScript.newPage();
      const statuses: number[] = [];
      for (let i = 0; i < 3; i += 1) {
        await loadPage(page, `${base}/sign-in`);
        await fillSignInForm(page, 'someone@essex.example', 'not the password');
        statuses.push(await submitForm(page, 'Sign in'));
      }
      assert.deepEqual(statuses, [400, 400, 429]);
      await expectPageBasics(page, '429 without JavaScript', 'There is a problem');
      assert.match(await page.locator('main').innerText(), /There have been too many requests from your network\. Try again in \d+ seconds\./);
      assert.equal(await page.locator('link[rel="stylesheet"][href^="/assets/app.css"]').count(), 1, 'the GOV.UK page, not the plugin default');

      // still limited (same address, same minute): the same page, checked with axe
      const scripted = await withScript.newPage();
      await loadPage(scripted, `${base}/sign-in`);
      await fillSignInForm(scripted, 'someone@essex.example', 'not the password');
      assert.equal(await submitForm(scripted, 'Sign in'), 429);
      await expectPageBasics(scripted, '429', 'There is a problem');
      await expectAccessible(scripted, '429');
    } finally {
      await noScript.close();
      await withScript.close();
    }
  });
});
