// Browser tests of every public page: structure and accessibility (axe, WCAG 2.2 AA), the
// progress-update form with and without JavaScript, keyboard access, and the docs screenshots.
// Runs the real app on a fresh PGlite database with the example plans, in Debian's Chromium.
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';
import type { Browser, BrowserContext, Page, Response } from 'playwright-core';
import { closeAll, expectAccessible, expectPageBasics, fillSignInForm, launchBrowser, openPage, pagePool, signInThroughForm, suitePage, unexpectedProblems, watchProblems, type BrowserProblems } from '../helpers/browser.ts';
import { createPerson } from '../helpers/sign-in.ts';
import { startTestServer } from '../helpers/test-server.ts';

type Server = Awaited<ReturnType<typeof startTestServer>>;

// The few browser globals used inside page.evaluate() callbacks: the project compiles without
// the DOM lib, and these declarations stay local to this file.
interface BrowserElement {
  id: string;
  className: string;
  tagName: string;
  textContent: string | null;
  classList: { contains(name: string): boolean };
  getAttribute(name: string): string | null;
  contains(other: BrowserElement | null): boolean;
  getBoundingClientRect(): { top: number; bottom: number };
}
declare const document: { activeElement: BrowserElement | null; getElementById(id: string): BrowserElement | null };
declare const window: { innerHeight: number };
declare const location: { href: string };

const ESSEX = '/partnerships/essex/plans/essex-send-improvement-programme';
const ESSEX_ID10 = `${ESSEX}/actions/ID10`;
/** Progress updates need a signed-in editor of the plan's partnership. */
const EDITOR = 'editor@essex.example';
const TIMEOUT = { timeout: 120_000 };
/** Error statuses some pages have on purpose: the 404 page, and forms shown again with their errors (400). */
const ERROR_PAGE_STATUSES = [400, 404];
/** Visitor pages checked at once in the all-pages test (E2E_CONCURRENCY to change). */
const CONCURRENCY = Math.max(1, Number(process.env.E2E_CONCURRENCY ?? 2));
// The README's screenshots are refreshed only on request (UPDATE_SCREENSHOTS=1 npm test -- e2e/pages),
// so a test run does not change tracked files; otherwise they go to a temporary folder.
const imagesDir = process.env.UPDATE_SCREENSHOTS === '1' ? fileURLToPath(new URL('../../docs/images/', import.meta.url)) : `${mkdtempSync(join(tmpdir(), 'send-outcomes-screens-'))}/`;

interface SitePage {
  name: string;
  path: string;
  status: number;
  /** Seen signed in as the Essex plan editor (otherwise as a visitor who is not signed in). */
  signedIn?: boolean;
  /** Open `path`, submit the form on it empty (button `submit`), check the page that comes back. */
  submit?: string;
}

/** Every page of the site, worked out from the plans in the database. */
async function sitePages(server: Server): Promise<SitePage[]> {
  const pages: SitePage[] = [{ name: 'plans list', path: '/', status: 200 }];
  const plans = await server.container.plans.listPlans();
  assert.equal(plans.length, 2, 'both example plans are loaded');
  for (const plan of plans) {
    const tree = await server.container.plans.planTree(plan.id, plan.partnership.slug);
    const base = `/partnerships/${tree.partnership.slug}/plans/${tree.id}`;
    pages.push({ name: `plan ${tree.id}`, path: base, status: 200 });
    for (const priority of tree.priorities) {
      for (const outcome of priority.outcomes) pages.push({ name: `outcome ${tree.id} ${outcome.id}`, path: `${base}/outcomes/${outcome.id}`, status: 200 });
    }
    for (const action of tree.actions) pages.push({ name: `action ${tree.id} ${action.ref}`, path: `${base}/actions/${action.ref}`, status: 200 });
  }
  pages.push({ name: 'page not found', path: '/no-such-page', status: 404 });
  pages.push({ name: 'sign in', path: '/sign-in', status: 200 });
  pages.push({ name: 'sign in with errors', path: '/sign-in', status: 400, submit: 'Sign in' });
  pages.push({ name: 'action with the progress-update form (signed in)', path: ESSEX_ID10, status: 200, signedIn: true });
  pages.push({ name: 'action with form errors (signed in)', path: ESSEX_ID10, status: 400, signedIn: true, submit: 'Add progress update' });
  pages.push({ name: 'your account (signed in)', path: '/account', status: 200, signedIn: true });
  pages.push({ name: 'sign out (signed in)', path: '/sign-out', status: 200, signedIn: true });
  return pages;
}

/**
 * Clicks a form's button and waits for the page that comes back (an error summary, or the redirect):
 * returns the response to the POST itself (a 303 before the redirect is followed).
 */
async function postForm(page: Page, waitFor: string, button = 'Add progress update'): Promise<Response> {
  const [response] = await Promise.all([
    page.waitForResponse((r) => r.request().method() === 'POST' && r.request().resourceType() === 'document'),
    page.getByRole('button', { name: button, exact: true }).click(),
  ]);
  await page.locator(waitFor).first().waitFor();
  await page.waitForLoadState('load');
  return response;
}

/** Fills in the progress-update form: only the fields given, the others are left as they are. */
async function fillProgressUpdate(page: Page, update: { whatWeDid?: string; day?: string; month?: string; year?: string; onBehalfOf?: string; status?: string }): Promise<void> {
  if (update.whatWeDid !== undefined) await page.locator('#whatWeDid').fill(update.whatWeDid);
  if (update.day !== undefined) await page.locator('#reportedOn-day').fill(update.day);
  if (update.month !== undefined) await page.locator('#reportedOn-month').fill(update.month);
  if (update.year !== undefined) await page.locator('#reportedOn-year').fill(update.year);
  if (update.onBehalfOf !== undefined) await page.locator('#onBehalfOf').fill(update.onBehalfOf);
  if (update.status !== undefined) await page.getByRole('radio', { name: update.status }).check();
}

async function activeElement(page: Page): Promise<{ tag: string; id: string; className: string; href: string | null; text: string }> {
  return page.evaluate(() => {
    const el = document.activeElement;
    return { tag: el?.tagName ?? '', id: el?.id ?? '', className: el?.className ?? '', href: el?.getAttribute('href') ?? null, text: el?.textContent?.trim() ?? '' };
  });
}

describe('pages in a browser', () => {
  let server: Server | undefined;
  let browser: Browser | undefined;
  const url = (path: string) => new URL(path, server!.url).href;

  before(async () => {
    server = await startTestServer();
    await createPerson(server.container, { partnership: 'essex', email: EDITOR, organisation: 'Essex County Council', role: 'plan-editor' });
    browser = await launchBrowser();
  });

  after(() => closeAll(browser, server));

  it('every page has the expected status, one h1, a title, lang=en and no axe violations', { timeout: 600_000, concurrency: CONCURRENCY + 1 }, async (t) => {
    const pages = await sitePages(server!);
    const visitor = await browser!.newContext({ viewport: { width: 1280, height: 900 } });
    const editor = await browser!.newContext({ viewport: { width: 1280, height: 900 } });
    const problems = [watchProblems(visitor, ERROR_PAGE_STATUSES), watchProblems(editor, ERROR_PAGE_STATUSES)];
    const started = performance.now();
    try {
      const visitorPages = await Promise.all(Array.from({ length: CONCURRENCY }, () => visitor.newPage()));
      const editorPage = await editor.newPage();
      for (const page of [...visitorPages, editorPage]) page.setDefaultTimeout(20_000);
      await signInThroughForm(editorPage, server!.url, EDITOR);
      const asVisitor = pagePool(visitorPages);
      const asEditor = pagePool([editorPage]);
      await Promise.all(
        pages.map((site) =>
          t.test(`${site.name} (${site.path})`, () =>
            (site.signedIn ? asEditor : asVisitor)(async (page) => {
              let response = await page.goto(url(site.path), { waitUntil: 'load' });
              if (site.submit) {
                assert.equal(response?.status(), 200);
                response = await postForm(page, '.govuk-error-summary', site.submit);
              }
              assert.equal(response?.status(), site.status, `${site.path}: HTTP status`);
              assert.equal(await page.locator('#acting-as').count(), site.signedIn ? 1 : 0, `${site.path}: seen ${site.signedIn ? '' : 'not '}signed in`);
              await expectPageBasics(page, site.path);
              await expectAccessible(page, site.path);
            }),
          ),
        ),
      );
      await t.test('no console errors, script errors or failed asset requests on any page', () => {
        assert.deepEqual(problems.flatMap(unexpectedProblems), []);
      });
    } finally {
      await visitor.close();
      await editor.close();
      t.diagnostic(`checked ${pages.length} pages in ${((performance.now() - started) / 1000).toFixed(1)}s with ${CONCURRENCY} visitor page(s) at once`);
    }
  });

  describe('without JavaScript', () => {
    const noScript = suitePage(() => browser!, { javaScriptEnabled: false });

    it('links and navigation work: list → plan → outcome → action, and the breadcrumbs lead back', TIMEOUT, async () => {
      const { page } = noScript;
      await page.goto(url('/'));
      await page.getByRole('link', { name: 'Essex SEND improvement programme: the outcomes we will achieve', exact: true }).click();
      await page.waitForURL(url(ESSEX));
      assert.equal(await page.locator('h1').innerText(), 'Essex SEND improvement programme: the outcomes we will achieve');

      await page.locator('.govuk-summary-card__title a').first().click();
      await page.waitForURL(/\/outcomes\/[0-9a-f-]{36}$/);
      assert.match(await page.locator('h1').innerText(), /^Outcome 1\b/);

      const actionLink = page.locator('.app-ref-list a').first();
      const ref = (await actionLink.innerText()).trim();
      await actionLink.click();
      await page.waitForURL(url(`${ESSEX}/actions/${ref}`));
      assert.equal(await page.locator('h1').innerText(), `Action ${ref}`);

      await page.locator('.govuk-breadcrumbs').getByRole('link', { name: 'Essex SEND improvement programme: the outcomes we will achieve' }).click();
      await page.waitForURL(url(ESSEX));
      await page.locator('.govuk-breadcrumbs').getByRole('link', { name: 'Improvement plans' }).click();
      await page.waitForURL(url('/'));
      assert.equal(await page.locator('h1').innerText(), 'Improvement plans');
    });

    it('the skip link is the first focusable element and moves the focus into the main content', TIMEOUT, async () => {
      const { page } = noScript;
      await page.goto(url(ESSEX));
      await page.keyboard.press('Tab');
      const first = await activeElement(page);
      assert.deepEqual({ className: first.className.split(' ')[0], href: first.href }, { className: 'govuk-skip-link', href: '#main-content' });
      await page.keyboard.press('Enter');
      await page.waitForURL(/#main-content$/);
      // Without JavaScript the browser moves the sequential-focus start to <main>: the next Tab
      // lands inside it (past the header and breadcrumbs).
      await page.keyboard.press('Tab');
      assert.equal(await page.evaluate(() => document.getElementById('main-content')!.contains(document.activeElement)), true, 'Tab after the skip link lands inside #main-content');
    });

    it('a visitor signs in from an action page and comes back to its form', TIMEOUT, async () => {
      const { page } = noScript;
      await page.goto(url(ESSEX_ID10));
      assert.equal(await page.locator('form #whatWeDid').count(), 0, 'no form before signing in');
      await page.locator('main').getByRole('link', { name: 'Sign in', exact: true }).click();
      await page.waitForURL(/\/sign-in\?returnTo=/);
      await fillSignInForm(page, EDITOR);
      await postForm(page, '#acting-as', 'Sign in');
      assert.equal(page.url(), `${url(ESSEX_ID10)}#add-update`);
      assert.equal(await page.locator('form #whatWeDid').count(), 1, 'the form is there once signed in');
    });

    it('the progress-update form shows errors, keeps what was typed, then adds the update', TIMEOUT, async () => {
      const { page } = noScript;
      const response = await page.goto(url(ESSEX_ID10));
      assert.equal(response?.status(), 200);
      if ((await page.locator('#acting-as').count()) === 0) await signInThroughForm(page, server!.url, EDITOR, ESSEX_ID10); // when run on its own
      assert.equal(await page.locator('.govuk-error-summary').count(), 0);

      // Empty form: an error summary linking to each field, and each field's own message.
      const empty = await postForm(page, '.govuk-error-summary');
      assert.equal(empty.status(), 400);
      assert.match(await page.title(), /^Error: /);
      const summaryLinks = page.locator('.govuk-error-summary__list a');
      const links = await summaryLinks.evaluateAll((as) => as.map((a) => ({ text: a.textContent!.trim(), href: a.getAttribute('href') })));
      assert.deepEqual(links, [
        { text: 'Enter what was done', href: '#whatWeDid' },
        { text: 'Enter the date of the update', href: '#reportedOn-day' },
      ]);
      for (const { href } of links) assert.equal(await page.locator(href!).count(), 1, `the summary link ${href} has a target`);
      assert.match(await page.locator('#whatWeDid-error').innerText(), /Enter what was done/);
      assert.match(await page.locator('#reportedOn-error').innerText(), /Enter the date of the update/);

      // Part-filled form: what was typed comes back, and the date error names the missing part.
      await fillProgressUpdate(page, { whatWeDid: 'Agreed the tracking dashboard with schools', day: '1', year: '2025', status: 'At risk' });
      const partial = await postForm(page, '.govuk-error-summary');
      assert.equal(partial.status(), 400);
      assert.deepEqual(await summaryLinks.allInnerTexts(), ['Date of the update must include a month']);
      assert.equal(await page.locator('#whatWeDid').inputValue(), 'Agreed the tracking dashboard with schools');
      assert.equal(await page.locator('#reportedOn-day').inputValue(), '1');
      assert.equal(await page.locator('#reportedOn-month').inputValue(), '');
      assert.equal(await page.locator('#reportedOn-year').inputValue(), '2025');
      assert.equal(await page.getByRole('radio', { name: 'At risk' }).isChecked(), true);

      // Valid form: redirected back with a success banner, the update listed, the status changed.
      await fillProgressUpdate(page, { whatWeDid: 'Set up a monthly tracking meeting with the data team', day: '1', month: '6', year: '2025', onBehalfOf: 'SEND improvement lead', status: 'On track' });
      const saved = await postForm(page, '.govuk-notification-banner--success');
      assert.equal(saved.status(), 303);
      assert.match(page.url(), /\/actions\/ID10\?updated=1(#updates)?$/);
      assert.match(await page.locator('.govuk-notification-banner--success').innerText(), /Progress update added/);
      assert.equal(await page.locator('.govuk-error-summary').count(), 0);
      const update = page.locator('#updates + ol > li');
      assert.equal(await update.count(), 1);
      assert.match(await update.locator('h3').innerText(), /^1 June 2025, by editor on behalf of SEND improvement lead$/);
      assert.equal(await update.locator('p').first().innerText(), 'Set up a monthly tracking meeting with the data team');
      assert.match(await update.innerText(), /Status set to on track\./);
      const statusRow = page.locator('.govuk-summary-list__row', { has: page.locator('dt', { hasText: /^Status$/ }) });
      assert.equal((await statusRow.locator('dd').innerText()).trim(), 'On track');
      // The form starts afresh.
      assert.equal(await page.locator('#whatWeDid').inputValue(), '');
      await expectPageBasics(page, 'action page after an update');

      // The plan page's actions table shows the new status.
      await page.goto(url(ESSEX));
      const row = page.locator('table', { hasText: 'All actions in this plan' }).locator('tbody tr', { has: page.locator('th', { hasText: /^ID10$/ }) });
      assert.equal(await row.count(), 1);
      assert.equal((await row.locator('td').nth(3).innerText()).trim(), 'On track');
    });
  });

  describe('with JavaScript', () => {
    let context: BrowserContext;
    let problems: BrowserProblems;
    let page: Page;
    const assets = new Map<string, number>();
    before(async () => {
      ({ context, page } = await openPage(browser!, { viewport: { width: 1280, height: 900 } }));
      problems = watchProblems(context, ERROR_PAGE_STATUSES);
      context.on('response', (r) => {
        const path = new URL(r.url()).pathname;
        if (path.startsWith('/assets/') && !assets.has(path)) assets.set(path, r.status());
      });
    });
    after(() => context?.close());

    it('the skip link is the first focusable element and moves the focus to #main-content', TIMEOUT, async () => {
      await page.goto(url(ESSEX));
      await page.locator('[data-module="govuk-skip-link"][data-govuk-skip-link-init]').waitFor({ state: 'attached' });
      assert.equal(assets.get('/assets/app.css'), 200);
      assert.equal(assets.get('/assets/app.js'), 200);
      assert.equal(assets.get('/assets/govuk-frontend.min.js'), 200);
      await page.keyboard.press('Tab');
      const first = await activeElement(page);
      assert.deepEqual({ className: first.className.split(' ')[0], href: first.href, text: first.text }, { className: 'govuk-skip-link', href: '#main-content', text: 'Skip to main content' });
      const box = await page.locator('.govuk-skip-link').boundingBox();
      assert.ok(box && box.width > 1 && box.height > 1, 'the skip link is visible when it has the focus');
      await page.keyboard.press('Enter');
      assert.equal((await activeElement(page)).id, 'main-content');
    });

    it('the error summary takes the focus after a failed submit and its links focus the fields', TIMEOUT, async () => {
      await signInThroughForm(page, server!.url, EDITOR, `${ESSEX}/actions/ID11`);
      await page.locator('[data-module="govuk-button"][data-govuk-button-init]').waitFor({ state: 'attached' });

      const response = await postForm(page, '.govuk-error-summary');
      assert.equal(response.status(), 400);
      await page.waitForFunction(() => document.activeElement?.classList.contains('govuk-error-summary'), undefined, { timeout: 5000 }).catch(() => undefined);
      assert.match((await activeElement(page)).className, /\bgovuk-error-summary\b/, 'the error summary has the focus after a failed submit');

      const summary = page.locator('.govuk-error-summary__list');
      await summary.getByRole('link', { name: 'Enter what was done' }).click();
      assert.equal((await activeElement(page)).id, 'whatWeDid', 'the summary link focuses the textarea');
      await summary.getByRole('link', { name: 'Enter the date of the update' }).click();
      assert.equal((await activeElement(page)).id, 'reportedOn-day', 'the summary link focuses the day input');
    });

    it('after a good update the success banner is in view and has the focus', TIMEOUT, async () => {
      await page.goto(url(`${ESSEX}/actions/ID11`));
      if ((await page.locator('#acting-as').count()) === 0) await signInThroughForm(page, server!.url, EDITOR, `${ESSEX}/actions/ID11`);
      await fillProgressUpdate(page, { whatWeDid: 'Shared the first tracking report with the board', day: '2', month: '6', year: '2025', onBehalfOf: 'SEND improvement lead' });
      const saved = await postForm(page, '.govuk-notification-banner--success');
      assert.equal(saved.status(), 303);
      await page.locator('[data-govuk-notification-banner-init]').waitFor({ state: 'attached' });
      await expectPageBasics(page, 'action page after an update');
      await expectAccessible(page, 'action page after an update');

      // The redirect once went to `?updated=1#updates`, whose fragment scrolled past the banner and
      // took its focus (WCAG 4.1.3): the banner must be in view and focused.
      await page.waitForTimeout(300); // let the browser's scroll to the fragment happen, if any
      const banner = await page.locator('.govuk-notification-banner--success').evaluate((el) => {
        const box = el.getBoundingClientRect();
        return { top: Math.round(box.top), bottom: Math.round(box.bottom), viewport: window.innerHeight, focused: document.activeElement === el, url: location.href };
      });
      assert.ok(
        banner.top >= 0 && banner.bottom <= banner.viewport && banner.focused,
        `the success banner must be in view and have the focus after a good update; got ${JSON.stringify(banner)}`,
      );
    });

    it('no console errors, script errors or failed asset requests', () => {
      assert.deepEqual(unexpectedProblems(problems), []);
    });
  });

  it('takes the screenshots for the docs (docs/images with UPDATE_SCREENSHOTS=1)', TIMEOUT, async () => {
    mkdirSync(imagesDir, { recursive: true });
    const context = await browser!.newContext({ viewport: { width: 1280, height: 900 } });
    try {
      const page = await context.newPage();
      await page.goto(url(ESSEX));
      await page.screenshot({ path: `${imagesDir}plan-page.png`, clip: { x: 0, y: 0, width: 1280, height: 1700 }, fullPage: true });
      await page.goto(url(`${ESSEX}/actions/ID10`));
      await page.screenshot({ path: `${imagesDir}action-page.png`, fullPage: true });
      for (const name of ['plan-page.png', 'action-page.png']) assert.ok(statSync(`${imagesDir}${name}`).size > 10_000, `${name} was written`);
    } finally {
      await context.close();
    }
  });
});
