import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { createTestApp, type TestApp } from '../helpers/test-server.ts';
import { createPerson, csrfFrom, Visitor } from '../helpers/sign-in.ts';
import { tableChecksums } from '../helpers/table-checksums.ts';

const PLAN = '/partnerships/essex/plans/owned-actions';
const update = { whatWeDid: 'Sent the quarterly waiting times', day: '2', month: '6', year: '2025', author: 'Trust analyst', statusAfter: 'on-track' };

describe('a data submitter acts only for their own organisation', () => {
  let t: TestApp;
  let submitter: Visitor;

  before(async () => {
    t = await createTestApp();
    const plan = {
      format: 'send-outcomes/plan@1',
      id: 'owned-actions',
      title: 'Plan with owned actions',
      priorities: [{ kind: 'priority', title: 'Waits', outcomes: [{ statement: 'Shorter waits', actionRefs: 'W1-2' }] }],
      actions: [
        { ref: 'W1', title: 'Publish autism assessment waits', owner: 'Essex Community Trust' },
        { ref: 'W2', title: 'Publish speech and language waits', owner: 'Essex County Council' },
      ],
    };
    await t.container.plans.importPlanFile(JSON.stringify(plan), 'plan.json', { partnership: { slug: 'essex', name: 'Essex' } });
    await createPerson(t.container, { partnership: 'essex', email: 'submitter@trust.example', organisation: 'Essex Community Trust', role: 'data-submitter' });
    submitter = await new Visitor(t.app).signIn('submitter@trust.example');
  });
  after(() => t.close());

  it('reports progress on an action their organisation owns', async () => {
    const res = await submitter.post(`${PLAN}/actions/W1`, update);
    assert.equal(res.statusCode, 303);
    assert.match((await submitter.get(`${PLAN}/actions/W1`)).body, /Sent the quarterly waiting times/);
  });

  it('is not offered the form on another organisation\'s action', async () => {
    const page = await submitter.get(`${PLAN}/actions/W2`);
    assert.doesNotMatch(page.body, /name="whatWeDid"/);
    assert.match(page.body, /reported by the plan's editors and by Essex County Council/);
  });

  it('cannot post to another organisation\'s action by changing the address (URL tampering), and nothing is written', async () => {
    const before = await tableChecksums(t.database);
    const token = csrfFrom((await submitter.get(`${PLAN}/actions/W1`)).body);
    const res = await t.app.inject({ method: 'POST', url: `${PLAN}/actions/W2`, payload: { ...update, _csrf: token }, headers: { cookie: submitter.cookies } });
    assert.equal(res.statusCode, 403);
    assert.match(res.body, /belongs to another organisation/);
    assert.deepEqual(await tableChecksums(t.database), before);
  });

  it('cannot post to an action of another partnership\'s plan with the same reference (form tampering)', async () => {
    const token = csrfFrom((await submitter.get(`${PLAN}/actions/W1`)).body);
    const before = await tableChecksums(t.database);
    const res = await t.app.inject({ method: 'POST', url: '/partnerships/southend-on-sea/plans/southend-send-strategic-action-plan/actions/A1', payload: { ...update, _csrf: token }, headers: { cookie: submitter.cookies } });
    assert.equal(res.statusCode, 403);
    assert.deepEqual(await tableChecksums(t.database), before);
  });
});
