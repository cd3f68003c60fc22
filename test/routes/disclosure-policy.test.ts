// Route tests of the partnership's disclosure policy (issue 12 item 4) on real services (PGlite; PostgreSQL with
// DATABASE_URL): a plan editor can no longer set a measure's "Hide counts below" under the policy (it was 0 on the
// old code), only an administrator changes the policy, and every change is in the audit trail.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { sql } from 'kysely';
import { createTestApp, type TestApp } from '../helpers/test-server.ts';
import { createPerson, Visitor } from '../helpers/sign-in.ts';
import { tableChecksums } from '../helpers/table-checksums.ts';

const PLAN = '/partnerships/essex/plans/essex-send-improvement-programme';
const SLUG = 'essex-advice-within-timescales';
const EDIT = `${PLAN}/measures/${SLUG}/edit`;
const valid = { title: 'Advice within 6 weeks', kind: 'timeliness', unit: 'percent', polarity: 'higher-is-better', periodGrain: 'quarter', breakdowns: 'provider', suppressionThreshold: '5', baselineValue: '61.5', baselineN: '1200', baselinePeriod: '2019 Q4', targetValue: '90', targetOn: '2026-03-31', targetRelative: 'none' };
const summaryLinks = (html: string) => [...(/<div class="govuk-error-summary"[\s\S]*?<\/ul>/.exec(html)?.[0] ?? '').matchAll(/<a href="([^"]+)">([\s\S]*?)<\/a>/g)].map((m) => [m[1]!, m[2]!.trim().replace(/&#39;/g, "'")]);
const kind = process.env.DATABASE_URL ? 'postgres' : 'pglite';

describe(`the partnership's disclosure policy (${kind})`, () => {
  let t: TestApp;
  let editor: Visitor;
  let admin: Visitor;
  let essex: string;
  const unchanged = async () => {
    const { sessions: _s, ...rest } = await tableChecksums(t.database);
    return rest;
  };
  before(async () => {
    t = await createTestApp({ kind });
    essex = (await t.container.casework.partnershipId('essex'))!;
    await createPerson(t.container, { partnership: 'essex', email: 'editor@essex.example', organisation: 'Essex County Council', role: 'plan-editor' });
    await createPerson(t.container, { partnership: 'essex', email: 'admin@essex.example', organisation: 'Essex County Council', role: 'partnership-admin' });
    await createPerson(t.container, { partnership: 'essex', email: 'analyst@essex.example', organisation: 'Essex County Council', role: 'analyst' });
    editor = await new Visitor(t.app).signIn('editor@essex.example');
    admin = await new Visitor(t.app).signIn('admin@essex.example');
  });
  after(() => t.close());

  it('refuses a measure threshold of 0 with an error on the field, and writes nothing', async () => {
    const before = await unchanged();
    const res = await editor.post(EDIT, { ...valid, suppressionThreshold: '0' });
    assert.equal(res.statusCode, 400);
    assert.deepEqual(summaryLinks(res.body), [['#suppressionThreshold', "Hide counts below must be 5 or more: the partnership's disclosure policy does not allow smaller counts to be shown"]]);
    assert.match(res.body, /<p id="suppressionThreshold-error" class="govuk-error-message">/);
    assert.deepEqual(await unchanged(), before);
  });

  it('shows a threshold stored below the policy at the policy', async () => {
    await sql`update measures set suppression_threshold = 0 where slug = ${SLUG}`.execute(t.database.db);
    const found = await t.container.measures.evaluate(essex, SLUG);
    assert.equal(found?.suppressionThreshold, 5);
    assert.equal(await t.container.disclosure.effectiveThreshold(essex, 0), 5);
    await sql`update measures set suppression_threshold = 5 where slug = ${SLUG}`.execute(t.database.db);
  });

  it('is shown to administrators and to nobody else', async () => {
    const page = await admin.get('/admin/disclosure');
    assert.equal(page.statusCode, 200);
    assert.match(page.body, /id="threshold" name="threshold" type="text" spellcheck="false" value="5"/);
    assert.match((await admin.get('/admin')).body, /href="\/admin\/disclosure"/);
    assert.equal((await editor.get('/admin/disclosure')).statusCode, 403);
    const analyst = await new Visitor(t.app).signIn('analyst@essex.example');
    const before = await unchanged();
    assert.equal((await analyst.post('/admin/disclosure', { threshold: '3' }, '/partnerships/essex/casework/import')).statusCode, 403);
    assert.equal((await t.app.inject({ method: 'POST', url: '/admin/disclosure', payload: { threshold: '3' } })).statusCode, 401);
    assert.deepEqual(await unchanged(), before);
    assert.equal(await t.container.disclosure.threshold(essex), 5);
  });

  it('refuses a threshold that is not a whole number from 3 to 100, with the error on the field', async () => {
    const before = await unchanged();
    for (const [threshold, message] of [['', 'Enter the smallest count that may be shown'], ['2', 'The smallest count shown must be 3 or more'], ['0', 'The smallest count shown must be 3 or more'], ['4.5', 'The smallest count shown must be a whole number, like 5'], ['101', 'The smallest count shown must be 100 or less']]) {
      const res = await admin.post('/admin/disclosure', { threshold: threshold! });
      assert.equal(res.statusCode, 400, threshold);
      assert.deepEqual(summaryLinks(res.body), [['#threshold', message]], threshold);
      assert.match(res.body, /id="threshold-error"/);
    }
    assert.deepEqual(await unchanged(), before);
  });

  it('lets an administrator raise it, audits the change, and makes it the floor of every measure', async () => {
    const res = await admin.post('/admin/disclosure', { threshold: '10' });
    assert.equal(res.statusCode, 303);
    assert.equal(res.headers.location, '/admin/disclosure?saved=1');
    assert.match((await admin.get('/admin/disclosure?saved=1')).body, /Disclosure policy saved\. Counts from 1 to 9 are no longer shown\./);
    const events = await t.database.db.selectFrom('audit_events').select(['actor', 'record_type', 'details']).where('action', '=', 'disclosure-policy.updated').execute();
    assert.deepEqual(events.map((e) => ({ ...e, details: typeof e.details === 'string' ? JSON.parse(e.details) : e.details })), [{ actor: 'admin@essex.example', record_type: 'disclosure-policy', details: { from: 5, to: 10 } }]);
    assert.equal(await t.container.disclosure.threshold(essex), 10);
    assert.equal((await t.container.measures.evaluate(essex, SLUG))?.suppressionThreshold, 10, 'the stored 5 is shown at 10');
    const refused = await editor.post(EDIT, { ...valid, suppressionThreshold: '7' });
    assert.equal(refused.statusCode, 400);
    assert.deepEqual(summaryLinks(refused.body), [['#suppressionThreshold', "Hide counts below must be 10 or more: the partnership's disclosure policy does not allow smaller counts to be shown"]]);
    assert.equal((await editor.post(EDIT, { ...valid, suppressionThreshold: '12' })).statusCode, 303);
    assert.equal((await t.container.measures.evaluate(essex, SLUG))?.suppressionThreshold, 12, 'a measure may hide more than the policy');
  });

  it('is one partnership\'s own: Southend keeps the default', async () => {
    const southend = (await t.container.casework.partnershipId('southend-on-sea'))!;
    assert.equal(await t.container.disclosure.threshold(southend), 5);
  });
});
