// Issue 12, defect 11: measure pages could not be found. The plan, outcome and action pages now link
// the plan's dashboard (and the navigation does), each defined measure links its measure page, and the
// dashboard sums up the actions: counts by rating with the reasons (src/modules/plans/action-rag.ts,
// milestones included), and the actions filtered by owner and status through a GET form.
// Real app and services on a fresh database (PGlite, and PostgreSQL when DATABASE_URL is set), today 15 June 2025.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { DATABASE_KINDS } from '../helpers/test-database.ts';
import { createTestApp, type TestApp } from '../helpers/test-server.ts';

const ESSEX = '/partnerships/essex/plans/essex-send-improvement-programme';
const TEST_PLAN = '/partnerships/testshire/plans/testshire-plan';

/** A plan whose eight actions have one rating cause each (today 15 June 2025). */
const PLAN = {
  format: 'send-outcomes/plan@1',
  id: 'testshire-plan',
  title: 'Testshire SEND plan',
  area: 'Testshire',
  actionRefPrefixes: { TS: 'Testshire' },
  priorities: [{ kind: 'priority', title: 'Timeliness', outcomes: [{ statement: 'Plans are issued on time.', actionRefs: 'TS1 TS2 TS3 TS4 TS5 TS6 TS7 TS8', measures: [{ description: 'Plans issued within 20 weeks' }] }] }],
  actions: [
    { ref: 'TS1', title: 'Recruit caseworkers', owner: 'Testshire Council', dueOn: '2026-01-31', status: 'off-track' },
    { ref: 'TS2', title: 'Clear the backlog', owner: 'Testshire Council', dueOn: '2025-06-01', status: 'on-track' },
    { ref: 'TS3', title: 'New panel', owner: 'Testshire Council', dueOn: '2026-01-31', status: 'at-risk' },
    { ref: 'TS4', title: 'Health advice pathway', owner: 'Testshire ICB', dueOn: '2026-01-31', status: 'on-track', milestones: [{ title: 'Pathway agreed', dueOn: '2025-05-01' }] },
    { ref: 'TS5', title: 'Training', owner: 'Testshire ICB', dueOn: '2025-07-01', status: 'not-started' },
    { ref: 'TS6', title: 'Quality audit', dueOn: '2026-03-31', status: 'on-track' },
    { ref: 'TS7', title: 'Local offer refresh', dueOn: '2025-03-31', status: 'complete' },
    { ref: 'TS8', title: 'Parent survey', status: 'not-started' },
  ],
};

const text = (html: string) => html.replace(/<[^>]+>/g, ' ').replace(/&amp;/g, '&').replace(/\s+/g, ' ').trim();
/** The text of each row of the table with `id`, cell by cell. */
function tableRows(html: string, id: string): string[] {
  const start = html.indexOf(`id="${id}"`);
  assert.notEqual(start, -1, `a table with id ${id}`);
  const table = html.slice(start, html.indexOf('</table>', start));
  return [...table.matchAll(/<tr class="govuk-table__row">([\s\S]*?)<\/tr>/g)].slice(1).map((m) => text(m[1]!));
}
/** The references of the actions in the "Actions shown" table of a dashboard. */
function shownRefs(html: string): string[] {
  const start = html.indexOf('aria-label="Actions shown"');
  if (start === -1) return [];
  const table = html.slice(start, html.indexOf('</table>', start));
  return [...table.matchAll(/<th scope="row" class="govuk-table__header"><a class="govuk-link" href="[^"]+">([A-Z]+\d+)<\/a>/g)].map((m) => m[1]!);
}
const navigation = (html: string) => [...html.matchAll(/<li class="govuk-service-navigation__item( govuk-service-navigation__item--active)?">\s*<a class="govuk-service-navigation__link" href="([^"]+)"[^>]*>\s*(?:<strong[^>]*>)?\s*([^<]+?)\s*</g)].map((m) => ({ href: m[2]!, text: m[3]!, active: Boolean(m[1]) }));

for (const kind of DATABASE_KINDS) {
  describe(`finding the dashboard and measure pages (${kind})`, () => {
    let t: TestApp;
    before(async () => {
      t = await createTestApp({ kind });
      await t.container.plans.importPlanFile(JSON.stringify(PLAN), 'testshire.json', { partnership: { slug: 'testshire', name: 'Testshire SEND partnership' } });
    });
    after(() => t.close());

    it('links the plan page to its dashboard, and each defined measure on it to its measure page', async () => {
      const res = await t.app.inject(ESSEX);
      assert.equal(res.statusCode, 200);
      assert.match(res.body, new RegExp(`<a class="govuk-link" href="${ESSEX}/dashboard" id="dashboard-link">`));
      const defined = (await t.container.measures.list('essex')).map((m) => m.slug);
      assert.equal(defined.length, 69);
      const linked = [...res.body.matchAll(new RegExp(`href="${ESSEX}/measures/([a-z0-9-]+)"`, 'g'))].map((m) => m[1]);
      assert.deepEqual([...new Set(linked)].sort(), [...defined].sort(), 'every defined measure is linked, and nothing else');
      // each measure page linked is there
      for (const slug of defined.slice(0, 3)) assert.equal((await t.app.inject(`${ESSEX}/measures/${slug}`)).statusCode, 200, slug);
    });

    it('links the measures of an outcome page to their measure pages, and leaves undefined measures as text', async () => {
      const tree = await t.container.plans.planTree('essex-send-improvement-programme', 'essex');
      const outcome = tree.priorities[0]!.outcomes[0]!;
      const res = await t.app.inject(`${ESSEX}/outcomes/${outcome.id}`);
      assert.equal(res.statusCode, 200);
      const measures = outcome.measures.filter((m) => m.slug);
      assert.ok(measures.length > 0);
      for (const m of measures) assert.ok(res.body.includes(`<a class="govuk-link" href="${ESSEX}/measures/${m.slug}">`), `${m.slug} is linked`);
      const testshire = await t.app.inject(TEST_PLAN);
      assert.match(testshire.body, /<li>\s*Plans issued within 20 weeks/, 'a measure with no definition (no page) is plain text');
      assert.doesNotMatch(testshire.body, /\/measures\//);
    });

    it('has the plan dashboard in the navigation of the plan’s pages, current on the dashboard and measure pages', async () => {
      const slug = (await t.container.measures.list('essex'))[0]!.slug;
      const outcome = (await t.container.plans.planTree('essex-send-improvement-programme', 'essex')).priorities[0]!.outcomes[0]!;
      const item = { href: `${ESSEX}/dashboard`, text: 'Plan dashboard' };
      for (const [path, active] of [[ESSEX, false], [`${ESSEX}/outcomes/${outcome.id}`, false], [`${ESSEX}/actions/ID10`, false], [`${ESSEX}/dashboard`, true], [`${ESSEX}/measures/${slug}`, true]] as const) {
        const res = await t.app.inject(path);
        assert.equal(res.statusCode, 200, path);
        assert.deepEqual(navigation(res.body).find((n) => n.text === item.text), { ...item, active }, path);
      }
      const list = await t.app.inject('/');
      assert.ok(list.body.includes(`href="${ESSEX}/dashboard"`), 'the plans list links each plan’s dashboard');
    });

    it('counts the dashboard’s actions by rating, with the reason for each red and amber one', async () => {
      const res = await t.app.inject(`${TEST_PLAN}/dashboard`);
      assert.equal(res.statusCode, 200);
      assert.equal(text(res.body.slice(res.body.indexOf('id="actions-total"'), res.body.indexOf('</p>', res.body.indexOf('id="actions-total"'))).replace(/^[^>]*>/, '')), '8 actions: 2 red, 3 amber, 1 green, 1 complete, 1 not rated.');
      assert.deepEqual(tableRows(res.body, 'actions-by-rating'), [
        'Red 2 Past its due date: 1 Reported off track: 1',
        'Amber 3 A milestone past due: 1 Not started, due within 28 days: 1 Reported at risk: 1',
        'Green 1 On track: 1',
        'Complete 1 Complete: 1',
        'Not rated 1 Not started and no due date set: 1',
      ]);
      assert.deepEqual(shownRefs(res.body), ['TS1', 'TS2', 'TS3', 'TS4', 'TS5', 'TS6', 'TS7', 'TS8'], 'with no filter, every action');
      assert.match(text(res.body), /8 actions in this plan/);
    });

    it('rates an action with a late milestone amber on the plan page too, as its own page does', async () => {
      const plan = await t.app.inject(TEST_PLAN);
      const at = plan.body.indexOf(`<th scope="row" class="govuk-table__header"><a class="govuk-link" href="${TEST_PLAN}/actions/TS4">`);
      assert.notEqual(at, -1, 'TS4 is in the actions table');
      const row = plan.body.slice(at, plan.body.indexOf('</tr>', at));
      assert.match(text(row), /Amber 1 milestone past due$/);
      assert.match(text((await t.app.inject(`${TEST_PLAN}/actions/TS4`)).body), /Amber 1 milestone past due/);
    });

    it('filters the actions by owner and by status, and says how many it found', async () => {
      const page = (query: string) => t.app.inject(`${TEST_PLAN}/dashboard?${query}`);
      const council = await page('owner=Testshire+Council&status=');
      assert.equal(council.statusCode, 200);
      assert.deepEqual(shownRefs(council.body), ['TS1', 'TS2', 'TS3']);
      assert.match(text(council.body), /3 actions owned by Testshire Council Show all actions/);
      assert.match(council.body, /<option value="Testshire Council" selected>Testshire Council<\/option>/);
      const both = await page('owner=Testshire+Council&status=off-track');
      assert.deepEqual(shownRefs(both.body), ['TS1']);
      assert.match(text(both.body), /1 action owned by Testshire Council and with the status “Off track”/);
      assert.deepEqual(shownRefs((await page('status=on-track')).body), ['TS2', 'TS4', 'TS6']);
      assert.deepEqual(shownRefs((await page('owner=none')).body), ['TS6', 'TS7', 'TS8']);
      const none = await page('owner=Testshire+ICB&status=complete');
      assert.deepEqual(shownRefs(none.body), []);
      assert.match(text(none.body), /0 actions owned by Testshire ICB and with the status “Complete”/);
      // the form: a GET form with GOV.UK selects, that works without JavaScript
      assert.match(council.body, new RegExp(`<form method="get" action="${TEST_PLAN}/dashboard#action-results" novalidate>`));
      assert.deepEqual([...council.body.matchAll(/<select class="govuk-select" id="(owner|status)" name="\1">/g)].map((m) => m[1]), ['owner', 'status']);
      assert.deepEqual([...council.body.slice(council.body.indexOf('id="owner"'), council.body.indexOf('</select>', council.body.indexOf('id="owner"'))).matchAll(/<option value="([^"]*)"/g)].map((m) => m[1]), ['', 'Testshire Council', 'Testshire ICB', 'none']);
    });

    it('refuses an owner or status that is not on the list with a GOV.UK error summary, and shows every action', async () => {
      const res = await t.app.inject(`${TEST_PLAN}/dashboard?owner=Nobody&status=lost`);
      assert.equal(res.statusCode, 400);
      assert.match(res.body, /<title>Error: Dashboard: Testshire SEND plan/);
      assert.match(res.body, /govuk-error-summary/);
      assert.match(res.body, /<a href="#owner">Select an owner from the list<\/a>/);
      assert.match(res.body, /<a href="#status">Select a status from the list<\/a>/);
      assert.equal(shownRefs(res.body).length, 8);
    });
  });
}
