import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { sql } from 'kysely';
import { createTestApp, type TestApp } from '../helpers/test-server.ts';
import { createPerson, Visitor } from '../helpers/sign-in.ts';
import { tableChecksums } from '../helpers/table-checksums.ts';

const MEASURE = '/partnerships/essex/plans/essex-send-improvement-programme/measures/essex-advice-within-timescales';
const valid = { title: 'Advice within 6 weeks', kind: 'timeliness', unit: 'percent', polarity: 'higher-is-better', periodGrain: 'quarter', breakdowns: 'provider', suppressionThreshold: '5', baselineValue: '61.5', baselineN: '1200', baselinePeriod: '2019 Q4', targetValue: '90', targetOn: '2026-03-31', targetRelative: 'none' };

describe('editing a measure', () => {
  let t: TestApp;
  let editor: Visitor;
  before(async () => {
    t = await createTestApp();
    await createPerson(t.container, { partnership: 'essex', email: 'editor@essex.example', organisation: 'Essex County Council', role: 'plan-editor' });
    editor = await new Visitor(t.app).signIn('editor@essex.example');
  });
  after(() => t.close());

  it('offers plan editors an edit link and a form filled with the current definition', async () => {
    assert.match((await editor.get(MEASURE)).body, /Edit this measure/);
    assert.doesNotMatch((await t.app.inject(MEASURE)).body, /Edit this measure/);
    const form = await editor.get(`${MEASURE}/edit`);
    assert.equal(form.statusCode, 200);
    assert.match(form.body, /value="timeliness" selected/);
  });

  it('refuses an impossible definition with GOV.UK errors and writes nothing', async () => {
    const before = await tableChecksums(t.database);
    const res = await editor.post(`${MEASURE}/edit`, { ...valid, title: '', unit: 'count', baselineValue: '140', baselineN: '1.5', targetOn: '2026-02-30' });
    assert.equal(res.statusCode, 400);
    for (const message of ['Enter a short title for the measure', 'A timeliness measure is shown as a percentage: select Percent', 'Number of respondents or cases must be a whole number', 'Target date must be a real date']) {
      assert.ok(res.body.includes(message), message);
    }
    const { sessions: _s, ...unchanged } = before;
    const { sessions: _a, ...after } = await tableChecksums(t.database);
    assert.deepEqual(after, unchanged);
  });

  it('saves a valid definition, re-evaluates the measure against it and audits the change', async () => {
    const res = await editor.post(`${MEASURE}/edit`, valid);
    assert.equal(res.statusCode, 303);
    const page = await editor.get(`${MEASURE}?updated=1`);
    assert.match(page.body, /Measure saved/);
    assert.match(page.body, /Advice within 6 weeks/);
    assert.match(page.body, /the 2019 Q4 baseline \(61\.5%\)/);
    const { rows } = await sql<{ n: number }>`select count(*)::int as n from audit_events where action = 'measure.updated'`.execute(t.database.db);
    assert.equal(rows[0]!.n, 1);
  });
});
