import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { createTestApp, type TestApp } from '../helpers/test-server.ts';
import { listMigrations } from '../../src/db/migrate.ts';
import { createPerson, Visitor } from '../helpers/sign-in.ts';

const ESSEX = '/partnerships/essex/plans/essex-send-improvement-programme';
const SOUTHEND = '/partnerships/southend-on-sea/plans/southend-send-strategic-action-plan';

describe('plan pages', () => {
  let t: TestApp;
  before(async () => {
    t = await createTestApp();
  });
  after(() => t.close());

  it('lists both example plans under their partnerships', async () => {
    const res = await t.app.inject('/');
    assert.equal(res.statusCode, 200);
    assert.match(res.body, /Essex local area SEND partnership/);
    assert.match(res.body, /Southend-on-Sea SEND Area Partnership/);
    assert.match(res.body, new RegExp(`href="${ESSEX}"`));
    assert.match(res.body, /3 priorities, 30 outcomes/);
    assert.match(res.body, /1 priority, 14 outcomes/);
  });

  it('shows a plan with its priorities, findings, action references, measures and import warnings', async () => {
    const res = await t.app.inject(ESSEX);
    assert.equal(res.statusCode, 200);
    for (const text of ['Identification of Need', 'Joint Commissioning', 'EHCP', 'Ofsted/CQC finding', 'POET survey (closing date July 2019, respondents n=2471)', '2 action references were corrected']) {
      assert.ok(res.body.includes(text), `plan page lacks "${text}"`);
    }
    assert.match(res.body, new RegExp(`href="${ESSEX}/actions/ID10"`));
  });

  it('serves the plan as a JSON download', async () => {
    const res = await t.app.inject(`${ESSEX}/export.json`);
    assert.equal(res.statusCode, 200);
    assert.match(res.headers['content-disposition'] as string, /attachment/);
    assert.equal(JSON.parse(res.body).priorities.length, 3);
  });

  it('shows an outcome page with all five Southend fields', async () => {
    const tree = await t.container.plans.planTree('southend-send-strategic-action-plan');
    const outcome = tree.priorities[0]!.outcomes[12]!;
    const res = await t.app.inject(`${SOUTHEND}/outcomes/${outcome.id}`);
    assert.equal(res.statusCode, 200);
    for (const label of ['What we want', 'What we will do', 'Where are we now', 'What we will see', 'The difference this will make', 'Eight (8) schools']) assert.ok(res.body.includes(label), label);
  });

  it('answers 404 for unknown plans, outcomes, actions and a plan asked for through the wrong partnership', async () => {
    for (const url of ['/nowhere', `${ESSEX}x`, `${ESSEX}/outcomes/not-a-uuid`, `${ESSEX}/outcomes/00000000-0000-0000-0000-000000000000`, `${ESSEX}/actions/ZZ99`, `${ESSEX}/actions/..%2F..`, '/partnerships/southend-on-sea/plans/essex-send-improvement-programme']) {
      const res = await t.app.inject(url);
      assert.equal(res.statusCode, 404, url);
      assert.match(res.body, /Page not found/, url);
    }
  });

  it('refuses an invalid progress update with a GOV.UK error summary and keeps what was typed', async () => {
    await createPerson(t.container, { partnership: 'essex', email: 'editor@essex.example', organisation: 'Essex County Council', role: 'plan-editor' });
    const editor = await new Visitor(t.app).signIn('editor@essex.example');
    const res = await editor.post(`${ESSEX}/actions/ID10`, { whatWeDid: 'Met the census team', day: '31', month: '2', year: '2025', onBehalfOf: 'x'.repeat(201) });
    assert.equal(res.statusCode, 400);
    assert.match(res.body, /<title>Error: Action ID10/);
    assert.match(res.body, /govuk-error-summary/);
    assert.match(res.body, /href="#reportedOn-day">Date of the update must be a real date/);
    assert.match(res.body, /href="#onBehalfOf">On behalf of must be 200 characters or fewer/);
    assert.match(res.body, />Met the census team<\/textarea>/);
  });

  it('adds a valid progress update, reported by the signed-in person on behalf of whoever they name, and shows it', async () => {
    const editor = await new Visitor(t.app).signIn('editor@essex.example');
    const form = await editor.get(`${ESSEX}/actions/ID10`);
    assert.match(form.body, /<p class="govuk-body" id="reported-by"><span class="govuk-!-font-weight-bold">Reported by:<\/span> editor \(you\)<\/p>/);
    assert.doesNotMatch(form.body, /name="author"/, 'who reports is not typed in');
    // a free-text author from an old form is ignored: the signed-in person reported it
    const res = await editor.post(`${ESSEX}/actions/ID10`, { whatWeDid: 'Agreed census checks with schools', day: '14', month: '6', year: '2025', author: 'Somebody else', onBehalfOf: 'SEND lead', statusAfter: 'on-track' });
    assert.equal(res.statusCode, 303);
    assert.equal(res.headers.location, `${ESSEX}/actions/ID10?updated=1`);
    const page = await editor.get(`${ESSEX}/actions/ID10?updated=1`);
    assert.match(page.body, /Progress update added/);
    assert.match(page.body, /14 June 2025, by editor on behalf of SEND lead/);
    const stored = await t.database.db.selectFrom('progress_updates').innerJoin('people', 'people.id', 'progress_updates.reported_by_person_id').select(['people.email', 'progress_updates.author', 'progress_updates.on_behalf_of']).where('what_we_did', '=', 'Agreed census checks with schools').execute();
    assert.deepEqual(stored, [{ email: 'editor@essex.example', author: 'editor', on_behalf_of: 'SEND lead' }]);
    assert.match(page.body, /Agreed census checks with schools/);
  });

  it('reports database health as JSON', async () => {
    const res = await t.app.inject('/health');
    assert.equal(res.statusCode, 200);
    const body = res.json() as { status: string; database: Record<string, unknown> };
    assert.deepEqual({ ...body, database: { ...body.database, latencyMs: 0 } }, { status: 'ok', database: { kind: 'pglite', ok: true, latencyMs: 0, migrations: listMigrations().length } });
  });

  it('reports the database as unavailable when it has gone', async () => {
    const other = await createTestApp({ examples: false });
    await other.database.close();
    const res = await other.app.inject('/health');
    assert.equal(res.statusCode, 503);
    assert.equal(res.json().status, 'unavailable');
    await other.app.close();
  });
});
