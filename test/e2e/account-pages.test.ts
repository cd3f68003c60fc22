// Browser tests of the account pages outside the administration area: password reset (form,
// errors, success, expired link), "You do not have access", sign-out and "You have signed out",
// the single sign-on failure page and the "too many requests" page. Each passes axe (WCAG 2.2 AA)
// with JavaScript on, and each flow works with JavaScript off.
// Runs the real app on a fresh PGlite database, in Debian's Chromium (see helpers/browser.ts).
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { AxeBuilder } from '@axe-core/playwright';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { launchBrowser } from '../helpers/browser.ts';
import { createPerson, TEST_PASSWORD } from '../helpers/sign-in.ts';
import { createTestApp, startTestServer, type TestApp } from '../helpers/test-server.ts';

type Server = Awaited<ReturnType<typeof startTestServer>>;

const AXE_TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'];
const VIEWER = 'viewer@essex.example';
const EDITOR = 'editor@essex.example';
const NEW_PASSWORD = 'violet harbour compass lantern';
const TIMEOUT = { timeout: 120_000 };

/** Runs axe, with a limit: axe-core never finishes in a context with JavaScript off (its timers do not fire). */
async function expectAccessible(page: Page, label: string): Promise<void> {
  let timer: NodeJS.Timeout | undefined;
  const limit = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`${label}: axe did not finish in 60s (is JavaScript off in this context?)`)), 60_000);
  });
  try {
    const results = await Promise.race([new AxeBuilder({ page }).withTags(AXE_TAGS).analyze(), limit]);
    const lines = results.violations.flatMap((v) => [`  ${v.id} [${v.impact ?? 'unknown'}] ${v.help}`, ...v.nodes.slice(0, 5).map((n) => `    at ${n.target.map(String).join(' >>> ')}`)]);
    assert.equal(results.violations.length, 0, `${label}: ${results.violations.length} axe violation(s)\n${lines.join('\n')}`);
  } finally {
    clearTimeout(timer);
  }
}

async function expectPageBasics(page: Page, label: string, h1: string | RegExp): Promise<void> {
  assert.equal(await page.locator('h1').count(), 1, `${label}: exactly one <h1>`);
  const heading = (await page.locator('h1').innerText()).trim();
  if (typeof h1 === 'string') assert.equal(heading, h1, `${label}: the <h1>`);
  else assert.match(heading, h1, `${label}: the <h1>`);
  assert.notEqual((await page.title()).trim(), '', `${label}: <title> is not empty`);
  assert.equal(await page.locator('html').getAttribute('lang'), 'en', `${label}: html[lang=en]`);
}

/** Clicks a button and waits for the page the form brings back (after any redirect); returns its status. */
async function submit(page: Page, button: string): Promise<number> {
  const [response] = await Promise.all([
    page.waitForResponse((r) => r.request().resourceType() === 'document' && (r.status() < 300 || r.status() >= 400)),
    page.getByRole('button', { name: button, exact: true }).click(),
  ]);
  await page.waitForLoadState('load');
  return response.status();
}

async function visit(page: Page, url: string): Promise<number> {
  return (await page.goto(url, { waitUntil: 'load' }))!.status();
}

async function signIn(page: Page, base: string, email: string, returnTo = '/account'): Promise<void> {
  await visit(page, `${base}/sign-in?returnTo=${encodeURIComponent(returnTo)}`);
  await page.locator('#email').fill(email);
  await page.locator('#password').fill(TEST_PASSWORD);
  assert.equal(await submit(page, 'Sign in'), 200);
  assert.equal(new URL(page.url()).pathname, returnTo, `signed in as ${email}`);
}

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

  after(async () => {
    try {
      await browser?.close();
    } finally {
      await server?.close();
    }
  });

  it('every page and state has its status, one h1 and no axe violations (JavaScript on)', { timeout: 300_000 }, async (t) => {
    const context = await browser!.newContext({ viewport: { width: 1280, height: 900 } });
    const problems: string[] = [];
    context.on('weberror', (error) => problems.push(`page error: ${String(error.error())}`));
    context.on('response', (r) => {
      if (r.status() >= 400 && r.request().resourceType() !== 'document') problems.push(`${r.status()} ${r.url()}`);
    });
    const page = await context.newPage();
    page.setDefaultTimeout(20_000);
    const check = (name: string, open: () => Promise<number>, status: number, h1: string | RegExp) =>
      t.test(name, async () => {
        assert.equal(await open(), status, `${name}: HTTP status`);
        await expectPageBasics(page, name, h1);
        await expectAccessible(page, name);
      });
    try {
      const link = await resetLink('reset.js@essex.example');
      await check('reset password: the form', () => visit(page, url(link)), 200, 'Choose a new password');
      await check('reset password: passwords that do not match', async () => {
        await page.locator('#password').fill(NEW_PASSWORD);
        await page.locator('#confirm').fill('a different password entirely');
        return submit(page, 'Change password');
      }, 400, 'Choose a new password');
      assert.deepEqual(await errorSummaryLinks(page), [{ text: 'The passwords do not match', href: '#confirm' }]);
      assert.match(await page.title(), /^Error: /);
      assert.match(await page.locator('#confirm-error').innerText(), /The passwords do not match/);
      await check('reset password: a password that is too easy to guess', async () => {
        await page.locator('#password').fill('password1234');
        await page.locator('#confirm').fill('password1234');
        return submit(page, 'Change password');
      }, 400, 'Choose a new password');
      assert.equal((await errorSummaryLinks(page))[0]?.href, '#password');
      await check('reset password: done', async () => {
        await page.locator('#password').fill(NEW_PASSWORD);
        await page.locator('#confirm').fill(NEW_PASSWORD);
        return submit(page, 'Change password');
      }, 200, 'Your password has been changed');
      await check('reset password: the used link has expired', () => visit(page, url(link)), 410, 'This link has expired');
      await check('reset password: no token', () => visit(page, url('/reset-password')), 410, 'This link has expired');

      await check('SSO failure: an unknown connection', () => visit(page, url('/sign-in/sso/unknown')), 404, 'You could not be signed in');
      assert.match(await page.locator('main').innerText(), /There is no organisation sign-in with that name/);
      await check('SSO failure: a callback with no sign-in in progress', () => visit(page, url('/sign-in/sso/unknown/callback?code=x&state=y')), 404, 'You could not be signed in');

      await signIn(page, server!.url, VIEWER);
      await check('you do not have access (a viewer at /admin)', () => visit(page, url('/admin')), 403, 'You do not have access to this page');
      assert.match(await page.locator('main').innerText(), /acting as viewer \(board member\) for Essex County Council/);
      await check('sign out: the confirmation', () => visit(page, url('/sign-out')), 200, 'Sign out');
      await check('sign out: you have signed out', () => submit(page, 'Sign out'), 200, 'You have signed out');
      assert.equal(await page.locator('#acting-as').count(), 0, 'signed out');

      await t.test('no script errors or failed asset requests', () => assert.deepEqual(problems, []));
    } finally {
      await context.close();
    }
  });

  describe('without JavaScript', () => {
    let context: BrowserContext;
    let page: Page;
    before(async () => {
      context = await browser!.newContext({ javaScriptEnabled: false });
      page = await context.newPage();
      page.setDefaultTimeout(20_000);
    });
    after(async () => {
      await context?.close();
    });

    it('a person resets their password: errors, success, then signs in with it; the link works once', TIMEOUT, async () => {
      const email = 'reset.nojs@essex.example';
      const link = await resetLink(email);
      assert.equal(await visit(page, url(link)), 200);
      // the "Show" buttons need JavaScript: without it they are not there to get in the way
      assert.equal(await page.getByRole('button', { name: /^Show/ }).count(), 0, 'no "Show password" button without JavaScript');
      await page.locator('#password').fill(NEW_PASSWORD);
      await page.locator('#confirm').fill('a different password entirely');
      assert.equal(await submit(page, 'Change password'), 400);
      assert.deepEqual(await errorSummaryLinks(page), [{ text: 'The passwords do not match', href: '#confirm' }]);
      await page.locator('.govuk-error-summary__list a').click();
      assert.equal(new URL(page.url()).hash, '#confirm', 'the summary link goes to the field');
      assert.equal(await page.locator('input[name="token"]').count(), 1, 'the form keeps the token');

      await page.locator('#password').fill(NEW_PASSWORD);
      await page.locator('#confirm').fill(NEW_PASSWORD);
      assert.equal(await submit(page, 'Change password'), 200);
      await expectPageBasics(page, 'reset done', 'Your password has been changed');
      await page.getByRole('link', { name: 'Sign in with your new password' }).click();
      await page.waitForURL(url('/sign-in'));
      await page.locator('#email').fill(email);
      await page.locator('#password').fill(NEW_PASSWORD);
      assert.equal(await submit(page, 'Sign in'), 200);
      assert.match(await page.locator('#acting-as').innerText(), /Signed in as reset\.nojs@essex\.example/);

      assert.equal(await visit(page, url(link)), 410, 'the link works once');
      await expectPageBasics(page, 'expired link', 'This link has expired');
      assert.match(await page.locator('main').innerText(), /Ask an administrator of your partnership for a new one/);
    });

    it('a viewer is told they do not have access to /admin, then signs out and is told so', TIMEOUT, async () => {
      await visit(page, url('/sign-out'));
      if ((await page.locator('#acting-as').count()) > 0) await submit(page, 'Sign out'); // signed in by the test before
      await signIn(page, server!.url, VIEWER);
      assert.equal(await visit(page, url('/admin')), 403);
      await expectPageBasics(page, 'no access', 'You do not have access to this page');
      assert.equal(await page.getByRole('link', { name: 'Administration' }).count(), 0, 'a viewer is not offered the administration link');

      await page.locator('.govuk-service-navigation').getByRole('link', { name: 'Sign out' }).click();
      await page.waitForURL(url('/sign-out'));
      await expectPageBasics(page, 'sign out', 'Sign out');
      assert.match(await page.locator('main').innerText(), /You are signed in as viewer@essex\.example/);
      assert.equal(await submit(page, 'Sign out'), 200);
      assert.equal(page.url(), url('/sign-out'));
      await expectPageBasics(page, 'signed out', 'You have signed out');
      assert.equal(await page.locator('#acting-as').count(), 0);
      // the session has really gone: a signed-in page sends the visitor to sign in
      await visit(page, url('/account'));
      assert.equal(new URL(page.url()).pathname, '/sign-in');
      await page.goBack();
      await page.getByRole('link', { name: 'go to the list of improvement plans' }).click();
      await page.waitForURL(url('/'));
    });

    it('the SSO failure page explains and leads back to the sign-in page', TIMEOUT, async () => {
      // a context of its own: signed in, /sign-in/sso/... sends the person on instead
      const signedOut = await browser!.newContext({ javaScriptEnabled: false });
      try {
        const page = await signedOut.newPage();
        page.setDefaultTimeout(20_000);
        assert.equal(await visit(page, url('/sign-in/sso/unknown')), 404);
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
        assert.equal(await visit(first, url(link)), 200);
        assert.equal(await visit(second, url(link)), 200);
        await second.locator('#password').fill(NEW_PASSWORD);
        await second.locator('#confirm').fill(NEW_PASSWORD);
        assert.equal(await submit(second, 'Change password'), 200, 'the password is changed in the second tab');
        const page = first;
        await page.locator('#password').fill('another good long password');
        await page.locator('#confirm').fill('another good long password');
        const status = await submit(page, 'Change password');
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

  after(async () => {
    try {
      await browser?.close();
    } finally {
      await limited?.close();
    }
  });

  it('the third sign-in in a minute gets the 429 page: it works without JavaScript and has no axe violations', TIMEOUT, async () => {
    const noScript = await browser!.newContext({ javaScriptEnabled: false });
    const withScript = await browser!.newContext({ viewport: { width: 1280, height: 900 } });
    try {
      const page = await noScript.newPage();
      const statuses: number[] = [];
      for (let i = 0; i < 3; i += 1) {
        await visit(page, `${base}/sign-in`);
        await page.locator('#email').fill('someone@essex.example');
        await page.locator('#password').fill('not the password');
        statuses.push(await submit(page, 'Sign in'));
      }
      assert.deepEqual(statuses, [400, 400, 429]);
      await expectPageBasics(page, '429 without JavaScript', 'There is a problem');
      assert.match(await page.locator('main').innerText(), /There have been too many requests from your network\. Try again in \d+ seconds\./);
      assert.equal(await page.locator('link[rel="stylesheet"][href^="/assets/app.css"]').count(), 1, 'the GOV.UK page, not the plugin default');

      // still limited (same address, same minute): the same page, checked with axe
      const scripted = await withScript.newPage();
      await visit(scripted, `${base}/sign-in`);
      await scripted.locator('#email').fill('someone@essex.example');
      await scripted.locator('#password').fill('not the password');
      assert.equal(await submit(scripted, 'Sign in'), 429);
      await expectPageBasics(scripted, '429', 'There is a problem');
      await expectAccessible(scripted, '429');
    } finally {
      await noScript.close();
      await withScript.close();
    }
  });
});
