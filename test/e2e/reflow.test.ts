// Issue 12, defect 10: pages must reflow at 320 CSS pixels (WCAG 2.2 SC 1.4.10 Reflow; 320 px is
// 1280 px at 400% zoom), which axe does not check. Every kind of page is opened in Chromium with a
// viewport 320 px wide, every <details> opened, and must not scroll sideways
// (document.documentElement.scrollWidth <= 320); every table must sit in the shared scrolling region
// (src/web/views/components/table-region), and axe must pass on each page.
// Real app on one fresh PGlite database (today 15 June 2025), in Debian's Chromium.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { addDays } from '../../src/casework/calendar-dates.ts';
import { csvFile, EHC_HEADINGS, ehcRow } from '../factories/casework-files.ts';
import { closeAll, expectAccessible, launchBrowser, loadPage, signInThroughForm, submitForm, unexpectedProblems, watchProblems, type BrowserProblems } from '../helpers/browser.ts';
import { createPerson } from '../helpers/sign-in.ts';
import { startTestServer, TEST_TODAY } from '../helpers/test-server.ts';

type Server = Awaited<ReturnType<typeof startTestServer>>;

const WIDTH = 320;
const ESSEX = '/partnerships/essex/plans/essex-send-improvement-programme';
const SOUTHEND = '/partnerships/southend-on-sea/plans/southend-send-strategic-action-plan';
const RETURNS = '/partnerships/essex/returns';
const CASEWORK = '/partnerships/essex/casework';
const ADMIN = 'admin@essex.example';
const EDITOR = 'editor@essex.example';
const ANALYST = 'analyst@essex.example';
const VIEWER = 'viewer@essex.example';
const COUNCIL = 'submitter@council.example';
const WELLBEING = 'submitter@wellbeing.example';
const TIMEOUT = { timeout: 600_000 };
/** Error statuses some pages have on purpose: forms shown again with errors, no access, not found. */
const EXPECTED_STATUSES = [400, 403, 404, 410];

interface Reflow {
  scrollWidth: number;
  /** The outermost elements that reach past the right edge of the viewport (outside a table region). */
  wide: string[];
  /** Tables that are not in a labelled, focusable region of their own. */
  bareTables: string[];
  regions: number;
}

// Runs in the page (a string, as the project compiles without the DOM lib): opens every <details>,
// then measures. The visually hidden text GOV.UK positions absolutely counts as well.
const MEASURE = `(() => {
  for (const d of document.querySelectorAll('details')) d.open = true;
  const edge = document.documentElement.clientWidth + 0.5;
  const outside = (el) => el.getBoundingClientRect().right > edge && !el.closest('.app-table-scroll');
  const wide = [];
  for (const el of document.querySelectorAll('body *')) {
    if (!outside(el) || (el.parentElement && outside(el.parentElement))) continue;
    const cls = typeof el.className === 'string' ? el.className : (el.className && el.className.baseVal) || '';
    wide.push(el.tagName.toLowerCase() + (el.id ? '#' + el.id : '') + (cls ? '.' + cls.trim().split(/\\s+/).join('.') : '') + ' (right edge ' + Math.round(el.getBoundingClientRect().right) + ' px): ' + (el.textContent || '').trim().slice(0, 60));
  }
  const bareTables = [];
  for (const table of document.querySelectorAll('table')) {
    const region = table.closest('.app-table-scroll');
    const ok = region && region.getAttribute('role') === 'region' && (region.getAttribute('aria-label') || '').trim() !== '' && region.getAttribute('tabindex') === '0';
    if (!ok) bareTables.push((table.querySelector('caption') || table).textContent.trim().slice(0, 80));
  }
  return { scrollWidth: document.documentElement.scrollWidth, wide: wide.slice(0, 10), bareTables, regions: document.querySelectorAll('.app-table-scroll').length };
})()`;

async function expectReflow(page: Page, label: string): Promise<Reflow> {
  const r = (await page.evaluate(MEASURE)) as Reflow;
  assert.ok(r.scrollWidth <= WIDTH, `${label}: the page scrolls sideways at ${WIDTH} px (scrollWidth ${r.scrollWidth}); too wide:\n  ${r.wide.join('\n  ')}`);
  assert.deepEqual(r.bareTables, [], `${label}: every table is in a labelled, focusable region (the table-region component)`);
  return r;
}

/** An advice-timeliness return's form: the total, then the three providers (the total is their sum). */
async function fillAdviceForm(page: Page): Promise<void> {
  for (const [i, [numerator, denominator]] of [['60', '90'], ['20', '30'], ['25', '30'], ['15', '30']].entries()) {
    await page.locator(`#r${i}-numerator`).fill(numerator!);
    await page.locator(`#r${i}-denominator`).fill(denominator!);
  }
}

const checksCsv = (rows: [string, number | string][]) => Buffer.from(`Area,Period start,Count,Note\r\n${rows.map(([area, count]) => `${area},01/01/2025,${count},`).join('\r\n')}\r\n`);

describe(`pages reflow at ${WIDTH} CSS pixels`, () => {
  let server: Server | undefined;
  let browser: Browser | undefined;
  const contexts: BrowserContext[] = [];
  const watched: { name: string; problems: BrowserProblems }[] = [];

  /** A 320 px wide context (signed in as `email` if given) and its page; closed after the suite. */
  const open = async (name: string, email?: string, start = '/') => {
    const context = await browser!.newContext({ viewport: { width: WIDTH, height: 640 } });
    contexts.push(context);
    watched.push({ name, problems: watchProblems(context, EXPECTED_STATUSES) });
    const page = await context.newPage();
    page.setDefaultTimeout(20_000);
    if (email) await signInThroughForm(page, server!.url, email, start);
    return page;
  };
  /**
   * The page `go` opens (or the one now shown): its status, reflow, and axe unless `axe` is false. axe
   * runs at 320 px on at least one page of each kind (layout-dependent rules such as target size, SC
   * 2.5.8, change with the width); the other e2e tests run it on every page at 1280 px.
   */
  const check = async (page: Page, label: string, status: number | null, go?: () => Promise<number>, axe = true): Promise<void> => {
    const got = go ? await go() : null;
    if (status !== null) assert.equal(got, status, `${label}: HTTP status`);
    await expectReflow(page, label);
    if (axe) await expectAccessible(page, label);
  };
  const visit = (page: Page, path: string) => () => loadPage(page, new URL(path, server!.url).href);

  before(async () => {
    server = await startTestServer();
    browser = await launchBrowser();
    const c = server.container;
    await createPerson(c, { partnership: 'essex', email: ADMIN, organisation: 'Essex County Council', role: 'partnership-admin' });
    await createPerson(c, { partnership: 'essex', email: EDITOR, organisation: 'Essex County Council', role: 'plan-editor' });
    await createPerson(c, { partnership: 'essex', email: ANALYST, organisation: 'Essex County Council', role: 'analyst' });
    await createPerson(c, { partnership: 'essex', email: VIEWER, organisation: 'Essex County Council', role: 'viewer' });
    await createPerson(c, { partnership: 'essex', email: COUNCIL, organisation: 'Essex County Council', role: 'data-submitter' });
    await createPerson(c, { partnership: 'essex', email: WELLBEING, organisation: 'Essex Child and Family Wellbeing Service', role: 'data-submitter' });
    // casework: open requests (the worklist) and plans issued in May 2025 (the indicators), as casework-pages.test.ts
    const essex = (await c.casework.partnershipId('essex'))!;
    const stillOpen = { 'Request outcome': 'assess', 'Assessment outcome': '', 'Assessment outcome date': '', 'Draft plan date': '', 'Final plan date': '' };
    const requests = [-3, -30, 0, 10].map((offset, i) => ehcRow({ ...stillOpen, 'Record ID': `S${i}`, 'Person ID': `SP${i}`, Area: i % 2 ? 'South' : 'North', 'Received date': addDays(TEST_TODAY, offset - 140), 'Request outcome date': addDays(TEST_TODAY, offset - 120) }));
    const plans = Array.from({ length: 24 }, (_, i) => ehcRow({ 'Record ID': `IN${i}`, 'Person ID': `INP${i}`, Area: ['North', 'Mid', 'South', 'West'][i % 4]!, 'Received date': i % 3 ? '2025-01-06' : '2024-12-02', 'Final plan date': '2025-05-19' }));
    for (const [name, rows] of [['requests.csv', requests], ['plans.csv', plans]] as const) {
      const imported = await c.casework.import(essex, 'ehc-requests', csvFile([EHC_HEADINGS, ...rows]), name, { personId: null, label: 'command line' });
      assert.ok(imported.ok, JSON.stringify(imported));
    }
  });

  after(async () => {
    await closeAll(...contexts);
    await closeAll(browser, server);
  });

  // the page kinds are checked two at a time, each in contexts of its own
  describe('every kind of page', { concurrency: 2 }, () => {
    it('public pages: plans, outcomes, actions, dashboards, sign-in, the API docs and the error pages', TIMEOUT, async (t) => {
      const page = await open('visitor');
      const trees = await Promise.all([['essex-send-improvement-programme', 'essex'], ['southend-send-strategic-action-plan', 'southend-on-sea']].map(([plan, p]) => server!.container.plans.planTree(plan!, p)));
      // [name, path, status, axe]: axe on the smaller Southend plan's pages (Essex's take ~20 s each)
      const pages: [string, string, number, boolean][] = [['plans list', '/', 200, true]];
      for (const [base, tree] of [[ESSEX, trees[0]!], [SOUTHEND, trees[1]!]] as const) {
        const axe = base === SOUTHEND;
        pages.push([`plan ${tree.id}`, base, 200, axe], [`dashboard ${tree.id}`, `${base}/dashboard`, 200, axe]);
        // the outcome with the most measures, and the first action
        const outcome = tree.priorities.flatMap((p) => p.outcomes).sort((a, b) => b.measures.length - a.measures.length)[0]!;
        pages.push([`outcome ${tree.id}`, `${base}/outcomes/${outcome.id}`, 200, axe], [`action ${tree.id} ${tree.actions[0]!.ref}`, `${base}/actions/${tree.actions[0]!.ref}`, 200, false]);
      }
      pages.push(
        ['dashboard, actions filtered', `${ESSEX}/dashboard?owner=none&status=not-started`, 200, false],
        ['dashboard, a filter with a mistake', `${SOUTHEND}/dashboard?status=lost`, 400, true],
        ['sign in', '/sign-in', 200, false],
        ['reset password, link not valid', '/reset-password?token=not-a-token', 410, false],
        ['API documentation', '/api/docs', 200, true],
        ['page not found', '/partnerships/essex/plans/no-such-plan', 404, false],
      );
      for (const [name, path, status, axe] of pages) await t.test(name, () => check(page, name, status, visit(page, path), axe));
      await loadPage(page, new URL('/sign-in', server!.url).href);
      await t.test('sign in with errors', () => check(page, 'sign in with errors', 400, () => submitForm(page, 'Sign in'), false));
      const viewer = await open('viewer', VIEWER, '/account');
      await t.test('your account (a viewer)', () => check(viewer, 'your account', 200, visit(viewer, '/account'), false));
      await t.test('no access (a viewer at the casework pages)', () => check(viewer, 'no access', 403, visit(viewer, CASEWORK), false));
    });

    it('every measure page of both plans, its tables opened (axe on one of each plan and on those with areas)', TIMEOUT, async (t) => {
      const page = await open('measure pages');
      const measures = await server!.container.measures.list();
      assert.equal(measures.length, 95, 'every defined measure of both plans');
      const axeOn = new Set([measures[0]!.slug, measures.find((m) => m.plan.partnership === 'southend-on-sea')!.slug, 'essex-integrated-checks', 'southend-ready-to-learn-coverage']);
      for (const m of measures) {
        const label = `measure ${m.slug}`;
        assert.equal(await visit(page, `/partnerships/${m.plan.partnership}/plans/${m.plan.id}/measures/${m.slug}`)(), 200, `${label}: HTTP status`);
        const reflow = await expectReflow(page, label);
        assert.ok(reflow.regions >= 1, `${label}: its over-time table is in a region`);
        if (axeOn.has(m.slug)) await t.test(label, () => expectAccessible(page, label));
      }
    });

    it('a plan editor: an action with the progress-update form and its errors, a measure’s edit page', TIMEOUT, async (t) => {
      const page = await open('editor', EDITOR, '/account');
      await t.test('action with the progress-update form', () => check(page, 'action with the form', 200, visit(page, `${ESSEX}/actions/ID10`), false));
      await t.test('action with form errors', () => check(page, 'action with form errors', 400, () => submitForm(page, 'Add progress update')));
      await t.test('measure edit page', () => check(page, 'measure edit page', 200, visit(page, `${ESSEX}/measures/essex-integrated-checks/edit`)));
    });

    it('an administrator: every administration page, an invitation link and an API token shown once', TIMEOUT, async (t) => {
      const page = await open('administrator', ADMIN, '/admin');
      for (const path of ['/admin', '/admin/organisations', '/admin/people', '/admin/audit', '/admin/api-tokens']) await t.test(path, () => check(page, path, 200, visit(page, path), ['/admin/people', '/admin/audit'].includes(path)));
      const editor = (await server!.database.db.selectFrom('people').select('id').where('email', '=', EDITOR).executeTakeFirstOrThrow()).id;
      await t.test('a person', () => check(page, 'person', 200, visit(page, `/admin/people/${editor}`), false));
      await t.test('audit trail, a date with a mistake', () => check(page, 'audit trail with errors', 400, visit(page, '/admin/audit?fromDay=31&fromMonth=2&fromYear=2025'), false));
      await visit(page, '/admin/people')();
      await page.locator('#email').fill('a.very.long.email.address.for.reflow.testing@essex-county-council.example');
      await page.locator('#organisation').selectOption({ label: 'Essex County Council' });
      await page.getByRole('radio', { name: 'Viewer (board member)' }).check();
      await t.test('invitation link created (a long link)', () => check(page, 'invitation created', 200, () => submitForm(page, 'Create invitation link')));
      const invitation = new URL((await page.locator('#link').innerText()).trim()).pathname;
      await visit(page, '/admin/api-tokens')();
      await page.locator('#organisation').selectOption({ label: 'Essex County Council' });
      await page.locator('#name').fill('Case management system');
      await t.test('API token created (a long token)', () => check(page, 'API token created', 200, () => submitForm(page, 'Create API token'), false));
      const visitor = await open('invited visitor');
      await t.test('invitation page', () => check(visitor, 'invitation', 200, visit(visitor, invitation), false));
    });

    it('data returns: a submitter’s home, a return, its form, a draft then a submission, the changes, an upload with a problem and its check page; the analyst’s grid', TIMEOUT, async (t) => {
      const advice = `${RETURNS}/advice-timeliness-by-provider/2025-Q1`;
      let page = await open('council submitter', COUNCIL, RETURNS);
      await t.test('returns home (submitter)', () => check(page, 'returns home', 200, visit(page, RETURNS), false));
      await t.test('a return, not started', () => check(page, 'return, not started', 200, visit(page, advice), false));
      await t.test('the form', () => check(page, 'return form', 200, visit(page, `${advice}/form`), false));
      await fillAdviceForm(page);
      await t.test('a draft', () => check(page, 'return, draft', 200, () => submitForm(page, 'Save as draft'), false));
      await visit(page, `${advice}/form`)();
      await t.test('submitted', () => check(page, 'return, submitted', 200, () => submitForm(page, 'Submit for review')));
      const changes = await page.getByRole('link', { name: /See changes/ }).first().getAttribute('href');
      assert.ok(changes, 'the second revision links its changes');
      await t.test('the changes', () => check(page, 'return changes', 200, visit(page, changes)));

      page = await open('wellbeing submitter', WELLBEING, RETURNS);
      const upload = `${RETURNS}/integrated-checks-by-area/2025-Q1/upload`;
      await t.test('upload page', () => check(page, 'upload page', 200, visit(page, upload), false));
      await page.locator('#file').setInputFiles({ name: 'integrated-checks-with-a-very-long-file-name-for-the-reflow-test-2025-Q1.csv', mimeType: 'text/csv', buffer: checksCsv([['Total', 40], ['North', 12], ['Middle', 9], ['South', 11], ['West', 8]]) });
      await page.getByRole('button', { name: 'Upload and check' }).click();
      await page.locator('#problems').waitFor();
      await t.test('upload with a problem', () => check(page, 'upload with a problem', null));
      await page.locator('#file').setInputFiles({ name: 'integrated-checks-2025-Q1.csv', mimeType: 'text/csv', buffer: checksCsv([['Total', 40], ['North', 12], ['Mid', 9], ['South', 11], ['West', 8]]) });
      await page.getByRole('button', { name: 'Upload and check' }).click();
      await page.getByRole('heading', { level: 1, name: 'Check the figures before you submit them' }).waitFor();
      await t.test('check page', () => check(page, 'check page', null));

      page = await open('analyst (returns)', ANALYST, RETURNS);
      await t.test('returns home (analyst: the grid)', () => check(page, 'returns grid', 200, visit(page, RETURNS)));
      await t.test('a return for review', () => check(page, 'return for review', 200, visit(page, advice), false));
    });

    it('casework: the overview, the import page and a file with problems, the worklist, the indicators and one indicator', TIMEOUT, async (t) => {
      const page = await open('analyst (casework)', ANALYST, CASEWORK);
      await t.test('overview', () => check(page, 'casework overview', 200, visit(page, CASEWORK)));
      await t.test('import page', () => check(page, 'casework import', 200, visit(page, `${CASEWORK}/import`), false));
      await page.getByLabel('EHC needs assessment requests').check();
      await page.locator('#file').setInputFiles({ name: 'names.csv', mimeType: 'text/csv', buffer: csvFile([[...EHC_HEADINGS, 'Surname'], [...ehcRow({ 'Record ID': 'X1' }), 'Smith']]) });
      await page.getByRole('button', { name: 'Import the file' }).click();
      await page.locator('#problems').waitFor();
      await t.test('import with problems', () => check(page, 'casework import with problems', null));
      await t.test('worklist', () => check(page, 'worklist', 200, visit(page, `${CASEWORK}/worklist?status=overdue`)));
      await t.test('worklist, due soon', () => check(page, 'worklist due soon', 200, visit(page, `${CASEWORK}/worklist?status=due-soon`), false));
      await t.test('indicators', () => check(page, 'indicators', 200, visit(page, `${CASEWORK}/indicators`)));
      await t.test('one indicator', () => check(page, 'indicator', 200, visit(page, `${CASEWORK}/indicators/ehc-plans-within-20-weeks`), false));
    });

    it('a wide table scrolls inside its region, which the keyboard reaches and scrolls', TIMEOUT, async () => {
      const page = await open('keyboard');
      await visit(page, ESSEX)();
      const region = page.getByRole('region', { name: 'All actions in this plan' });
      const size = await region.evaluate((el) => ({ scroll: el.scrollWidth, client: el.clientWidth }));
      assert.ok(size.scroll > size.client, `the actions table is wider than its region (${size.scroll} > ${size.client} px)`);
      // reached with the Tab key, as a keyboard user would: from the last link before the actions section
      await page.locator('main section:not([aria-labelledby="actions"])').last().locator('a').last().focus();
      await page.keyboard.press('Tab');
      assert.ok(await region.evaluate((el) => el.ownerDocument.activeElement === el), 'the Tab key reaches the region');
      for (let i = 0; i < 5; i += 1) await page.keyboard.press('ArrowRight');
      assert.ok((await region.evaluate((el) => el.scrollLeft)) > 0, 'the arrow keys scroll it');
      assert.equal(await page.evaluate('document.documentElement.scrollWidth'), WIDTH, 'the page itself does not scroll');
    });

    it('the plan, dashboard and a measure page reflow with JavaScript off too', TIMEOUT, async () => {
      const context = await browser!.newContext({ viewport: { width: WIDTH, height: 640 }, javaScriptEnabled: false });
      contexts.push(context);
      const page = await context.newPage();
      for (const path of [ESSEX, `${ESSEX}/dashboard`, `${SOUTHEND}/measures/southend-ehcp-absence`]) {
        assert.equal(await visit(page, path)(), 200, path);
        await expectReflow(page, `${path} (no JavaScript)`);
      }
    });
  });

  it('nothing went wrong in the browser', () => {
    // the uploads with problems are answered 400 on purpose: with JavaScript on they go by XMLHttpRequest
    const refused = (p: string) => /^(400 for xhr \S+\/(upload|casework\/import)|\S+\/(upload|casework\/import): Failed to load resource: the server responded with a status of 400\b)/.test(p);
    for (const { name, problems } of watched) assert.deepEqual(unexpectedProblems(problems).filter((p) => !refused(p)), [], name);
  });
});
