// Browser tests of the plan dashboards and every measure page of both example plans: structure,
// accessibility (axe, WCAG 2.2 AA), the charts' accessible names and descriptions as Chromium
// computes them, the pages without JavaScript (charts, tables in <details>, the CSV link) and
// keyboard access to the dashboard's measure links.
// Runs the real app on a fresh PGlite database with the example plans, in Debian's Chromium.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import type { MeasureView } from '../../src/modules/measures/index.ts';
import { closeAll, expectAccessible, expectPageBasics, launchBrowser, loadPage, pagePool, unexpectedProblems, watchProblems } from '../helpers/browser.ts';
import { startTestServer } from '../helpers/test-server.ts';
import { describePeriod, midpointDay, parseDatedPeriod } from '../../src/lib/dates/period-model.ts';

type Server = Awaited<ReturnType<typeof startTestServer>>;

// The few browser globals used inside page.evaluate() callbacks: the project compiles without
// the DOM lib, and these declarations stay local to this file.
interface BrowserElement {
  tagName: string;
  textContent: string | null;
  getAttribute(name: string): string | null;
}
declare const document: { activeElement: BrowserElement | null; getElementById(id: string): BrowserElement | null };

const PLANS = [
  { name: 'Essex', partnership: 'essex', base: '/partnerships/essex/plans/essex-send-improvement-programme', measures: 69 },
  { name: 'Southend', partnership: 'southend-on-sea', base: '/partnerships/southend-on-sea/plans/southend-send-strategic-action-plan', measures: 26 },
] as const;
/** Pages checked at once (E2E_CONCURRENCY to change), as in pages.test.ts. */
const CONCURRENCY = Math.max(1, Number(process.env.E2E_CONCURRENCY ?? 2));
const TIMEOUT = { timeout: 120_000 };

const measurePath = (m: MeasureView) => `/partnerships/${m.plan.partnership}/plans/${m.plan.id}/measures/${m.slug}`;
const squash = (s: string | null | undefined) => (s ?? '').replace(/\s+/g, ' ').trim();

/**
 * The image nodes of Chromium's accessibility tree with the name and description it computed
 * (from aria-labelledby and aria-describedby), so the test checks what assistive technology gets.
 */
async function accessibleImages(page: Page): Promise<{ name: string; description: string }[]> {
  const cdp = await page.context().newCDPSession(page);
  try {
    const { nodes } = await cdp.send('Accessibility.getFullAXTree');
    return nodes
      .filter((n) => !n.ignored && (n.role?.value === 'image' || n.role?.value === 'img'))
      .map((n) => ({ name: squash(String(n.name?.value ?? '')), description: squash(String(n.description?.value ?? '')) }));
  } finally {
    await cdp.detach();
  }
}

/** The chart names a measure page should have: always the SPC chart, the others when there are figures. */
function expectedCharts(m: MeasureView, areas: number, national: number): string[] {
  return [`${m.title}: statistical process control chart`, ...(areas > 0 ? [`${m.title}: by area`] : []), ...(national > 0 ? [`${m.title}: compared with England`] : [])];
}

/** Each chart svg: its accessible name (the <title>) and description (the <desc>), as Chromium exposes them. */
async function expectAccessibleCharts(page: Page, label: string, names: string[]): Promise<void> {
  // (no named functions inside: tsx would wrap them in a helper the page does not have)
  const charts = await page.locator('svg.app-chart').evaluateAll((svgs) =>
    svgs.map((svg) => ({
      role: svg.getAttribute('role'),
      title: document.getElementById(svg.getAttribute('aria-labelledby') ?? '')?.textContent ?? null,
      desc: document.getElementById(svg.getAttribute('aria-describedby') ?? '')?.textContent ?? null,
    })),
  );
  assert.deepEqual(charts.map((c) => squash(c.title)), names, `${label}: the charts, in order, by their <title>`);
  const images = await accessibleImages(page);
  for (const chart of charts) {
    assert.equal(chart.role, 'img', `${label}: role="img"`);
    assert.notEqual(squash(chart.desc), '', `${label}: "${chart.title}" has a <desc>`);
    const node = images.find((i) => i.name === squash(chart.title));
    assert.ok(node, `${label}: Chromium exposes an image named "${squash(chart.title)}" (got ${JSON.stringify(images.map((i) => i.name))})`);
    assert.equal(node.description, squash(chart.desc), `${label}: the image "${node.name}" is described by its <desc>`);
    assert.equal(await page.getByRole('img', { name: squash(chart.title), exact: true }).count(), 1, `${label}: getByRole('img', { name: "${squash(chart.title)}" })`);
  }
}

describe('dashboards and measure pages in a browser', () => {
  let server: Server | undefined;
  let browser: Browser | undefined;
  let measures: MeasureView[] = [];
  const shape = new Map<string, { areas: number; national: number; periods: number }>();
  type Evaluated = NonNullable<Awaited<ReturnType<Server['container']['measures']['evaluate']>>>;
  const evaluated = new Map<string, Evaluated>();
  const url = (path: string) => new URL(path, server!.url).href;

  before(async () => {
    server = await startTestServer();
    browser = await launchBrowser();
    measures = await server.container.measures.list();
    for (const m of measures) {
      const plan = await server.container.plans.publishedPlan(m.plan.partnership, m.plan.id);
      const e = await server.container.measures.evaluate(plan.partnershipId, m.slug, plan.planId);
      assert.ok(e, `${m.slug} evaluates`);
      shape.set(m.slug, { areas: e.evaluation.areas.length, national: e.national.length, periods: e.series.length });
      evaluated.set(m.slug, e);
    }
    assert.deepEqual(PLANS.map((p) => measures.filter((m) => m.plan.partnership === p.partnership).length), PLANS.map((p) => p.measures), 'every defined measure of both plans');
  });

  after(() => closeAll(browser, server));

  it('both dashboards and every measure page: status 200, one h1, a title, named and described charts, no axe violations', { timeout: 900_000, concurrency: CONCURRENCY + 1 }, async (t) => {
    const context = await browser!.newContext({ viewport: { width: 1280, height: 900 } });
    // every page here should be found (200): any error response, document or asset, is a problem
    const problems = watchProblems(context);
    const started = performance.now();
    let checked = 0;
    try {
      const pages = await Promise.all(Array.from({ length: CONCURRENCY }, () => context.newPage()));
      for (const page of pages) page.setDefaultTimeout(30_000);
      const withPage = pagePool(pages);
      const visit = async (page: Page, path: string) => {
        assert.equal(await loadPage(page, url(path)), 200, `${path}: HTTP status`);
        checked += 1;
      };
      await Promise.all([
        ...PLANS.map((plan) =>
          t.test(`${plan.name} dashboard`, () =>
            withPage(async (page) => {
              const path = `${plan.base}/dashboard`;
              await visit(page, path);
              await expectPageBasics(page, path);
              assert.match(await page.locator('main').innerText(), /Synthetic demonstration data/);
              const links = page.locator('main table a[href*="/measures/"]');
              assert.equal(await links.count(), plan.measures, `${path}: a link to each measure`);
              await expectAccessible(page, path);
            }),
          ),
        ),
        ...measures.map((m) =>
          t.test(`${m.plan.partnership} ${m.slug}`, () =>
            withPage(async (page) => {
              const path = measurePath(m);
              const { areas, national } = shape.get(m.slug)!;
              await visit(page, path);
              await expectPageBasics(page, path);
              assert.equal(squash(await page.locator('h1').innerText()), squash(m.title), `${path}: the h1 is the measure's title`);
              assert.match(await page.locator('main').innerText(), /Synthetic demonstration data/);
              await expectAccessibleCharts(page, path, expectedCharts(m, areas, national).map(squash));
              await expectAccessible(page, path);
            }),
          ),
        ),
      ]);
      await t.test('no console errors, script errors or error responses', () => assert.deepEqual(unexpectedProblems(problems), []));
    } finally {
      await context.close();
      t.diagnostic(`checked ${checked} pages with axe in ${((performance.now() - started) / 1000).toFixed(1)}s, ${CONCURRENCY} at a time`);
    }
  });

  describe('without JavaScript', () => {
    let context: BrowserContext;
    before(async () => {
      context = await browser!.newContext({ javaScriptEnabled: false, acceptDownloads: true });
    });
    after(async () => {
      await context?.close();
    });

    it('every measure page shows its charts, opens its <details> table and links to a CSV that downloads', { timeout: 600_000, concurrency: CONCURRENCY + 1 }, async (t) => {
      const started = performance.now();
      const pages = await Promise.all(Array.from({ length: CONCURRENCY }, () => context.newPage()));
      for (const page of pages) page.setDefaultTimeout(20_000);
      const withPage = pagePool(pages);
      await Promise.all(
        measures.map((m) =>
          t.test(`${m.plan.partnership} ${m.slug}`, () =>
            withPage(async (page) => {
              const path = measurePath(m);
              const { areas, national, periods } = shape.get(m.slug)!;
              assert.equal(await loadPage(page, url(path)), 200, `${path}: HTTP status`);
              // the charts are in the HTML: drawn, and of a real size, with no script
              const charts = page.locator('svg.app-chart');
              assert.equal(await charts.count(), expectedCharts(m, areas, national).length, `${path}: charts`);
              for (const chart of await charts.all()) {
                const box = await chart.boundingBox();
                assert.ok(box && box.width > 300 && box.height > 50, `${path}: a chart is drawn at a readable size (${JSON.stringify(box)})`);
              }
              // the over-time table: closed, then opened by its summary (a native <details>)
              const details = page.locator('main details.govuk-details:has(table)');
              assert.equal(await details.count(), 1, `${path}: one <details> with the table`);
              const table = details.locator('table');
              assert.equal(await details.getAttribute('open'), null, `${path}: the <details> starts closed`);
              assert.equal(await table.isVisible(), false, `${path}: the table is hidden while closed`);
              await details.locator('summary').click();
              assert.notEqual(await details.getAttribute('open'), null, `${path}: the <details> opens without JavaScript`);
              assert.equal(await table.isVisible(), true, `${path}: the table shows once opened`);
              assert.equal(await table.locator('tbody tr').count(), periods, `${path}: a table row per period, suppressed ones included`);
              // the area and England tables are always visible
              assert.equal((await page.locator('main table').count()) - (await page.locator('main details table').count()), (areas > 0 ? 1 : 0) + (national > 0 ? 1 : 0), `${path}: the area and England tables`);
              // the CSV link is a plain link to a CSV file
              const link = page.getByRole('link', { name: 'Download the figures (CSV)' });
              const href = await link.getAttribute('href');
              assert.equal(href, `${path}.csv`, `${path}: the CSV link`);
              const csv = await context.request.get(url(href!));
              assert.equal(csv.status(), 200, `${href}: HTTP status`);
              assert.match(csv.headers()['content-type'] ?? '', /^text\/csv\b/, `${href}: content type`);
              assert.match(await csv.text(), /^"measure","period","breakdown",/, `${href}: the CSV header`);
            }),
          ),
        ),
      );
      t.diagnostic(`checked ${measures.length} measure pages without JavaScript in ${((performance.now() - started) / 1000).toFixed(1)}s`);
    });

    it('the dashboard links lead to the measure pages, and clicking the CSV link downloads the file', TIMEOUT, async () => {
      const page = await context.newPage();
      try {
        const essex = measures.find((m) => m.plan.partnership === 'essex')!;
        await page.goto(url(`${PLANS[0].base}/dashboard`));
        await page.getByRole('link', { name: essex.title, exact: true }).click();
        await page.waitForURL(url(measurePath(essex)));
        assert.equal(squash(await page.locator('h1').innerText()), squash(essex.title));
        const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('link', { name: 'Download the figures (CSV)' }).click()]);
        assert.equal(download.suggestedFilename(), `${essex.slug}.csv`);
        assert.equal(await download.failure(), null, 'the download completed');
        await page.locator('.govuk-breadcrumbs').getByRole('link', { name: 'Dashboard' }).click();
        await page.waitForURL(url(`${PLANS[0].base}/dashboard`));
      } finally {
        await page.close();
      }
    });
  });

  describe('with the keyboard', () => {
    for (const plan of PLANS) {
      it(`every measure link on the ${plan.name} dashboard is reached with Tab, in order, and Enter follows it`, TIMEOUT, async () => {
        const context = await browser!.newContext({ viewport: { width: 1280, height: 900 } });
        try {
          const page = await context.newPage();
          await page.goto(url(`${plan.base}/dashboard`));
          const expected = measures.filter((m) => m.plan.partnership === plan.partnership).map(measurePath);
          const dashboardOrder = await page.locator('main table a[href*="/measures/"]').evaluateAll((as) => as.map((a) => a.getAttribute('href')));
          assert.deepEqual([...dashboardOrder].sort(), [...expected].sort(), 'the dashboard links to each measure');
          const reached: string[] = [];
          for (let i = 0; i < 400 && reached.length < expected.length; i += 1) {
            await page.keyboard.press('Tab');
            const href = await page.evaluate(() => document.activeElement?.getAttribute('href') ?? null);
            if (href?.includes('/measures/') && !reached.includes(href)) reached.push(href);
          }
          assert.deepEqual(reached, dashboardOrder, 'Tab reaches every measure link, in the order of the page');
          // the last one reached has the focus: Enter opens it
          await page.keyboard.press('Enter');
          await page.waitForURL(url(reached.at(-1)!));
          assert.equal(await page.locator('h1').count(), 1);
        } finally {
          await context.close();
        }
      });
    }

    it('on a measure page the <details> summary opens with the keyboard', TIMEOUT, async () => {
      const context = await browser!.newContext({ viewport: { width: 1280, height: 900 } });
      try {
        const page = await context.newPage();
        await page.goto(url(measurePath(measures[0]!)));
        const summary = page.locator('main details:has(table) summary');
        let focused = false;
        for (let i = 0; i < 60 && !focused; i += 1) {
          await page.keyboard.press('Tab');
          focused = await page.evaluate(() => document.activeElement?.tagName === 'SUMMARY' && (document.activeElement.textContent ?? '').includes('as a table'));
        }
        assert.ok(focused, 'Tab reaches the <details> summary');
        await page.keyboard.press('Enter');
        assert.notEqual(await page.locator('main details:has(table)').getAttribute('open'), null, 'Enter opens the <details>');
        assert.equal(await summary.isVisible(), true);
        assert.equal(await page.locator('main details table').isVisible(), true);
      } finally {
        await context.close();
      }
    });
  });
  // Issue 12: England compared like period with like period and drawn by date (defect 5), counts by area not
  // compared with the whole area's count (defect 6), and summaries in plain words with the terms under "How to read this" (defect 12).
  describe('like-for-like comparisons and plain words (issue 12)', () => {
    let context: BrowserContext;
    before(async () => {
      context = await browser!.newContext({ viewport: { width: 1280, height: 900 } });
    });
    after(async () => {
      await context?.close();
    });
    const section = (page: Page, heading: string) => page.locator('main h2', { hasText: heading }).locator('xpath=following-sibling::p[1]').innerText();

    it('every England chart places its points in the order of their dates, and the page names both periods compared or says why not', { timeout: 300_000 }, async () => {
      const page = await context.newPage();
      let charts = 0;
      try {
        for (const m of measures.filter((x) => shape.get(x.slug)!.national > 0)) {
          const path = measurePath(m);
          const e = evaluated.get(m.slug)!;
          assert.equal(await loadPage(page, url(path)), 200, path);
          const chart = page.getByRole('img', { name: `${m.title}: compared with England`, exact: true });
          const points: { label: string; x: number; mid: number }[] = [];
          for (const point of await chart.locator('path.point').all()) {
            const title = (await point.locator('title').textContent()) ?? '';
            const label = /^[^,]+, (.+): [^:]+$/.exec(title)?.[1] ?? '';
            const period = parseDatedPeriod(label);
            const box = await point.boundingBox();
            assert.ok(period && box, `${path}: the point "${title}" is of a dated period and drawn`);
            points.push({ label: title, x: box.x + box.width / 2, mid: midpointDay(period) });
          }
          for (const a of points) {
            for (const b of points) {
              if (b.mid - a.mid > 20) assert.ok(a.x < b.x, `${path}: "${a.label}" is drawn left of "${b.label}", which is later`);
            }
          }
          charts += 1;
          const text = squash(await section(page, 'Compared with England'));
          const summary = squash(await page.locator('#measure-summary').innerText());
          const n = e.evaluation.national;
          if (n?.comparison && n.localPeriod) {
            const [local, england] = [n.localPeriod, n.period].map((p) => describePeriod(parseDatedPeriod(p)!));
            assert.ok(text.includes(`in ${local} is`) && text.includes(`for ${england}`), `${path}: "${text}" names ${local} and ${england}`);
            assert.ok(summary.includes(`in ${local} (England: `) && summary.includes(` in ${england})`), `${path}: the summary names both periods: "${summary}"`);
          } else if (n) {
            assert.match(text, /Not compared: /, `${path}: says why England is not compared`);
            assert.doesNotMatch(summary, /(better|worse|higher|lower) than England/i, `${path}: no comparison in "${summary}"`);
          }
        }
      } finally {
        await page.close();
      }
      assert.ok(charts >= 5, `checked ${charts} England charts`);
    });

    it('a count by area is not compared with the whole area, and the page says whether the areas add up to it', TIMEOUT, async () => {
      const page = await context.newPage();
      try {
        const counts = measures.filter((m) => m.kind === 'count' && shape.get(m.slug)!.areas > 0);
        assert.ok(counts.some((m) => m.slug === 'essex-integrated-checks'), 'essex-integrated-checks is a count by area');
        for (const m of counts) {
          const path = measurePath(m);
          assert.equal(await loadPage(page, url(path)), 200, path);
          const text = squash(await section(page, 'By area'));
          assert.doesNotMatch(text, /funnel/i, `${path}: "${text}"`);
          assert.match(text, /Counts are not compared between areas/, path);
          assert.match(text, /Together they make the whole area's [\d,]+\.|is not the sum of the areas' counts|not added up here/, `${path}: "${text}"`);
          const chart = page.getByRole('img', { name: `${m.title}: by area`, exact: true });
          assert.equal(await chart.locator('line.benchmark').count(), 0, `${path}: no "Whole area" line beside the areas' counts`);
        }
      } finally {
        await page.close();
      }
    });

    it('every summary is in plain words, and "How to read this" names the statistics behind them', { timeout: 300_000 }, async () => {
      const page = await context.newPage();
      try {
        for (const m of measures) {
          const path = measurePath(m);
          assert.equal(await loadPage(page, url(path)), 200, path);
          const summary = squash(await page.locator('#measure-summary').innerText());
          assert.doesNotMatch(summary, /common cause|special cause|significantly|\(-?[\d.,]+%? to -?[\d.,]+%?\)/i, `${path}: "${summary}"`);
          const how = page.locator('#how-to-read');
          assert.equal(await how.getAttribute('open'), null, `${path}: "How to read this" starts closed`);
          await how.locator('summary').click();
          const notes = squash(await how.innerText());
          assert.match(notes, /95% confidence interval/, path);
          assert.match(notes, /common cause variation/, path);
          assert.match(notes, /special cause variation/, path);
        }
      } finally {
        await page.close();
      }
    });
  });
});
