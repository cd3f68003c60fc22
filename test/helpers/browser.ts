// What the browser tests (test/e2e) share: the system Chromium, the accessibility check (axe), the
// page-basics check, a watcher for what goes wrong in the browser, and forms filled and sent the
// way a person would (signing in included).
import assert from 'node:assert/strict';
import { AxeBuilder } from '@axe-core/playwright';
import { after, before } from 'node:test';
import { chromium, type Browser, type BrowserContext, type BrowserContextOptions, type Page } from 'playwright-core';
import { TEST_PASSWORD } from './sign-in.ts';

/** Debian's Chromium by default; set CHROMIUM_PATH to use another build. Never downloads a browser. */
export const CHROMIUM_PATH = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

/** Flags that let the system Chromium run headless in containers and CI without side traffic. */
export const CHROMIUM_ARGS = [
  '--headless=new',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
];

export function launchBrowser(): Promise<Browser> {
  return chromium.launch({ executablePath: CHROMIUM_PATH, args: CHROMIUM_ARGS });
}

/** Something a test opens and must close: a browser, a context, the test server. */
interface Closable {
  close(): Promise<unknown>;
}

/**
 * Closes each of `things` in turn (say the browser, then the server it was testing), the later ones
 * even when an earlier one fails; then throws the first failure, if any. Undefined ones are skipped
 * (a `before` hook that failed part way).
 */
export async function closeAll(...things: (Closable | undefined)[]): Promise<void> {
  const failures: unknown[] = [];
  for (const thing of things) {
    try {
      await thing?.close();
    } catch (error) {
      failures.push(error);
    }
  }
  if (failures.length > 0) throw failures[0];
}

/**
 * A new browser context with `options` (say `{ javaScriptEnabled: false }`) and one page in it,
 * whose actions and waits time out after 20s. Close the context when done.
 */
export async function openPage(browser: Browser, options: BrowserContextOptions = {}): Promise<{ context: BrowserContext; page: Page }> {
  const context = await browser.newContext(options);
  const page = await context.newPage();
  page.setDefaultTimeout(20_000);
  return { context, page };
}

/**
 * For the tests of one describe(): registers a `before` hook that opens a context with `options` and
 * a page in it (as openPage does) and an `after` hook that closes the context. Call it in the
 * describe() callback; the tests read `.context` and `.page` (not set until the hook has run).
 */
export function suitePage(browser: () => Browser, options: BrowserContextOptions = {}): { readonly context: BrowserContext; readonly page: Page } {
  let opened: { context: BrowserContext; page: Page } | undefined;
  const get = () => {
    assert.ok(opened, 'the page is opened in a before() hook: read it in a test');
    return opened;
  };
  before(async () => {
    opened = await openPage(browser(), options);
  });
  after(() => opened?.context.close());
  return {
    get context() {
      return get().context;
    },
    get page() {
      return get().page;
    },
  };
}

/** The axe rule tags every page is checked against: WCAG 2.0, 2.1 and 2.2, levels A and AA. */
export const AXE_TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'];

/** How long axe may take on one page before the check fails. */
const AXE_LIMIT_MS = 60_000;

type AxeViolations = Awaited<ReturnType<AxeBuilder['analyze']>>['violations'];

/** The assertion message for axe violations: each rule with its impact and help link, and up to ten places. */
export function describeViolations(label: string, violations: AxeViolations): string {
  const lines = [`${label}: ${violations.length} axe violation(s)`];
  for (const v of violations) {
    lines.push(`  ${v.id} [${v.impact ?? 'unknown'}] ${v.help} (${v.helpUrl})`);
    for (const node of v.nodes.slice(0, 10)) lines.push(`    at ${node.target.map(String).join(' >>> ')}`);
    if (v.nodes.length > 10) lines.push(`    ...and ${v.nodes.length - 10} more`);
  }
  return lines.join('\n');
}

/**
 * Runs axe (AXE_TAGS) on the page and fails on any violation. Call it only on pages of contexts
 * with JavaScript on: axe-core runs on timers, which never fire in a `javaScriptEnabled: false`
 * context, so there it would wait for ever; the time limit turns that mistake into a failure.
 */
export async function expectAccessible(page: Page, label: string): Promise<void> {
  let timer: NodeJS.Timeout | undefined;
  const limit = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`${label}: axe did not finish in ${AXE_LIMIT_MS / 1000}s (is JavaScript off in this context?)`)), AXE_LIMIT_MS);
  });
  try {
    const results = await Promise.race([new AxeBuilder({ page }).withTags(AXE_TAGS).analyze(), limit]);
    assert.equal(results.violations.length, 0, describeViolations(label, results.violations));
  } finally {
    clearTimeout(timer);
  }
}

/**
 * What every page must have: exactly one <h1>, with text (and, when `h1` is given, that text or
 * text that matches it), a <title> that is not empty, and html[lang=en].
 */
export async function expectPageBasics(page: Page, label: string, h1?: string | RegExp): Promise<void> {
  assert.equal(await page.locator('h1').count(), 1, `${label}: exactly one <h1>`);
  const heading = (await page.locator('h1').innerText()).trim();
  assert.notEqual(heading, '', `${label}: the <h1> has text`);
  if (typeof h1 === 'string') assert.equal(heading, h1, `${label}: the <h1>`);
  else if (h1) assert.match(heading, h1, `${label}: the <h1>`);
  assert.notEqual((await page.title()).trim(), '', `${label}: <title> is not empty`);
  assert.equal(await page.locator('html').getAttribute('lang'), 'en', `${label}: html[lang=en]`);
}

/** What went wrong in a browser context: console errors, script errors, failed or error responses. */
export interface BrowserProblems {
  consoleErrors: string[];
  pageErrors: string[];
  failedRequests: string[];
  errorResponses: { url: string; status: number; type: string }[];
  /** Statuses that documents are answered with on purpose (a 404 page, a form re-shown with 400). */
  expectedDocumentStatuses: readonly number[];
}

/**
 * Records, from now on, every console error, script error, failed request and response with a
 * status of 400 or more in `context`. `expectedDocumentStatuses` are the error statuses the test
 * means some pages (documents) to have; unexpectedProblems() lets those through, and nothing else.
 */
export function watchProblems(context: BrowserContext, expectedDocumentStatuses: readonly number[] = []): BrowserProblems {
  const problems: BrowserProblems = { consoleErrors: [], pageErrors: [], failedRequests: [], errorResponses: [], expectedDocumentStatuses };
  context.on('console', (message) => {
    if (message.type() === 'error') problems.consoleErrors.push(`${message.location().url}: ${message.text()}`);
  });
  context.on('weberror', (error) => problems.pageErrors.push(String(error.error())));
  context.on('requestfailed', (request) => problems.failedRequests.push(`${request.method()} ${request.url()}: ${request.failure()?.errorText}`));
  context.on('response', (response) => {
    if (response.status() >= 400) problems.errorResponses.push({ url: response.url(), status: response.status(), type: response.request().resourceType() });
  });
  return problems;
}

/**
 * The problems a test should fail on. A document answered with one of the expected error statuses
 * is not one, nor is the "Failed to load resource" console error Chromium logs for it; every other
 * console error, script error, failed request and error response is.
 */
export function unexpectedProblems(problems: BrowserProblems): string[] {
  const expected = (status: number) => problems.expectedDocumentStatuses.includes(status);
  const isExpectedDocument = (url: string, status: number) => problems.errorResponses.some((r) => r.type === 'document' && r.url === url && r.status === status);
  return [
    ...problems.consoleErrors.filter((line) => {
      const match = /^(.*): Failed to load resource: the server responded with a status of (\d{3})\b/.exec(line);
      return !(match && expected(Number(match[2])) && isExpectedDocument(match[1]!, Number(match[2])));
    }),
    ...problems.pageErrors.map((e) => `page error: ${e}`),
    // Chromium gives up on the favicon (fetched after "load") when the test moves on at once.
    ...problems.failedRequests.filter((r) => !/\/assets\/favicon\.svg: net::ERR_ABORTED$/.test(r)).map((r) => `request failed: ${r}`),
    ...problems.errorResponses.filter((r) => !(r.type === 'document' && expected(r.status))).map((r) => `${r.status} for ${r.type} ${r.url}`),
  ];
}

/** Lends out pages one test at a time, so several pages can be checked at once. */
export function pagePool(pages: Page[]): <T>(use: (page: Page) => Promise<T>) => Promise<T> {
  const free = [...pages];
  const waiting: ((page: Page) => void)[] = [];
  return async <T>(use: (page: Page) => Promise<T>): Promise<T> => {
    const page = free.pop() ?? (await new Promise<Page>((resolve) => waiting.push(resolve)));
    try {
      return await use(page);
    } finally {
      const next = waiting.shift();
      if (next) next(page);
      else free.push(page);
    }
  };
}

/** Opens `url` and waits for its load event; returns the HTTP status of the page. */
export async function loadPage(page: Page, url: string): Promise<number> {
  const response = await page.goto(url, { waitUntil: 'load' });
  assert.ok(response, `${url}: no response`);
  return response.status();
}

/** Clicks a form's button and waits for the page the form brings back (after any redirect); returns its status. */
export async function submitForm(page: Page, button: string): Promise<number> {
  const [response] = await Promise.all([
    page.waitForResponse((r) => r.request().resourceType() === 'document' && (r.status() < 300 || r.status() >= 400)),
    page.getByRole('button', { name: button, exact: true }).click(),
  ]);
  await page.waitForLoadState('load');
  return response.status();
}

/** Fills in the sign-in form on the page (#email, #password); does not send it. */
export async function fillSignInForm(page: Page, email: string, password = TEST_PASSWORD): Promise<void> {
  await page.locator('#email').fill(email);
  await page.locator('#password').fill(password);
}

/** Fills in a new password and its confirmation (#password, #confirm), as on the reset and invitation forms. */
export async function fillNewPassword(page: Page, password: string, confirm = password): Promise<void> {
  await page.locator('#password').fill(password);
  await page.locator('#confirm').fill(confirm);
}

/**
 * Signs in as `email` (password TEST_PASSWORD) through the sign-in page, as a person would, and
 * checks that it worked: status 200, the "signed in as" banner (#acting-as), and the page `returnTo` names.
 */
export async function signInThroughForm(page: Page, base: string, email: string, returnTo = '/'): Promise<void> {
  await loadPage(page, new URL(`/sign-in?returnTo=${encodeURIComponent(returnTo)}`, base).href);
  await fillSignInForm(page, email);
  assert.equal(await submitForm(page, 'Sign in'), 200, `signing in as ${email}: HTTP status`);
  await page.locator('#acting-as').waitFor();
  assert.equal(new URL(page.url()).pathname, returnTo, `signed in as ${email}`);
}
