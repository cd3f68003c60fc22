// Route tests of issue 12 item 13's administration details (app.inject, real services on PGlite; PostgreSQL with
// DATABASE_URL): the audit trail names an action by its reference (ID1), not its uuid; inviting an email again says
// that the earlier link stopped working, and audits it as a re-issue; the invitation form shows every field's problem
// at once, the common-password one included.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { createTestApp, type TestApp } from '../helpers/test-server.ts';
import { createPerson, Visitor } from '../helpers/sign-in.ts';

const PLAN = '/partnerships/essex/plans/essex-send-improvement-programme';
const kind = process.env.DATABASE_URL ? 'postgres' : 'pglite';
const text = (html: string) => html.replace(/<[^>]*>/g, ' ').replace(/&#39;/g, "'").replace(/&amp;/g, '&').replace(/\s+/g, ' ').trim();
const summaryLinks = (html: string) => [...(/<div class="govuk-error-summary"[\s\S]*?<\/ul>/.exec(html)?.[0] ?? '').matchAll(/<a href="([^"]+)">([\s\S]*?)<\/a>/g)].map((m) => [m[1]!, text(m[2]!)]);
const linkFrom = (html: string) => new URL(/id="link">\s*(http[^<\s]+)\s*</.exec(html)![1]!.replaceAll('&amp;', '&')).pathname;

describe(`administration details (${kind})`, () => {
  let t: TestApp;
  let admin: Visitor;
  let councilId: string;
  let partnershipId: string;
  before(async () => {
    t = await createTestApp({ kind });
    await createPerson(t.container, { partnership: 'essex', email: 'admin@details.example', organisation: 'Essex County Council', role: 'partnership-admin' });
    await createPerson(t.container, { partnership: 'essex', email: 'editor@details.example', organisation: 'Essex County Council', role: 'plan-editor' });
    admin = await new Visitor(t.app).signIn('admin@details.example');
    const council = await t.database.db.selectFrom('organisations').innerJoin('partnerships', 'partnerships.id', 'organisations.partnership_id')
      .select(['organisations.id', 'partnerships.id as partnership_id']).where('partnerships.slug', '=', 'essex').where('organisations.name', '=', 'Essex County Council').executeTakeFirstOrThrow();
    councilId = council.id;
    partnershipId = council.partnership_id;
  });
  after(() => t.close());

  it('names an action in the audit trail by its reference, on the page and in the CSV', async () => {
    const editor = await new Visitor(t.app).signIn('editor@details.example');
    assert.equal((await editor.post(`${PLAN}/actions/ID1`, { whatWeDid: 'Agreed the workstream terms of reference', day: '1', month: '6', year: '2025' })).statusCode, 303);
    const [event] = await t.container.audit.search(partnershipId, { action: 'progress-update.created' });
    assert.ok(event?.record_id);
    const page = await admin.get('/admin/audit?action=progress-update');
    assert.match(page.body, /<td class="govuk-table__cell govuk-!-text-break-word">Action: ID1<\/td>/);
    assert.doesNotMatch(page.body, new RegExp(`Action: ${event.record_id}`));
    const csv = (await admin.get('/admin/audit.csv?action=progress-update')).body;
    assert.match(csv, /,"Action: ID1",/);
  });

  it('says when an invitation replaces an earlier one for the same role, which then stops working, and audits it', async () => {
    const invite = { email: 'twice@details.example', organisation: councilId, role: 'viewer' };
    const first = await admin.post('/admin/people', invite);
    assert.equal(first.statusCode, 200);
    assert.match(first.body, /Invitation created/);
    assert.doesNotMatch(first.body, /id="replaced"/);
    const firstLink = linkFrom(first.body);
    const second = await admin.post('/admin/people', invite);
    assert.equal(second.statusCode, 200);
    assert.match(second.body, /New invitation created/);
    assert.match(text(/<div id="replaced" class="govuk-inset-text">[\s\S]*?<\/div>/.exec(second.body)?.[0] ?? ''), /^twice@details\.example had already been invited to this role on \d{1,2} [A-Z][a-z]+ \d{4}, \d{2}:\d{2}\. That link no longer works: send this new one instead\.$/);
    assert.equal((await new Visitor(t.app).get(firstLink)).statusCode, 410, 'the earlier link no longer works');
    assert.equal((await new Visitor(t.app).get(linkFrom(second.body))).statusCode, 200);
    const events = (await t.container.audit.search(partnershipId, { action: 'invitation.' })).reverse().map((e) => ({ action: e.action, record: e.record_id, details: typeof e.details === 'string' ? JSON.parse(e.details) : e.details }));
    assert.deepEqual(events, [
      { action: 'invitation.created', record: 'twice@details.example', details: { organisation: 'Essex County Council', role: 'viewer' } },
      { action: 'invitation.reissued', record: 'twice@details.example', details: { organisation: 'Essex County Council', role: 'viewer', replaced: 1 } },
    ]);
    const people = await admin.get('/admin/people');
    assert.equal(people.body.match(/twice@details\.example/g)?.length, 1, 'one open invitation is listed');
    // another role for the same email is a separate invitation, and replaces nothing
    const other = await admin.post('/admin/people', { ...invite, role: 'forum-member' });
    assert.doesNotMatch(other.body, /id="replaced"/);
  });

  it('shows every problem of the invitation form at once, the common password with the missing name', async () => {
    const created = await admin.post('/admin/people', { email: 'newcomer@details.example', organisation: councilId, role: 'viewer' });
    const path = linkFrom(created.body);
    const invitee = new Visitor(t.app);
    const res = await invitee.post(path, { displayName: '', password: 'password1234', confirm: 'password1234' });
    assert.equal(res.statusCode, 400);
    assert.deepEqual(summaryLinks(res.body), [
      ['#displayName', 'Enter your name'],
      ['#password', 'Password is too common: choose one that is harder to guess, such as three random words'],
    ]);
    assert.match(res.body, /id="displayName-error"/);
    assert.match(res.body, /id="password-error"/);
    const both = await invitee.post(path, { displayName: '', password: 'short', confirm: 'other' });
    assert.deepEqual(summaryLinks(both.body).map(([href]) => href), ['#displayName', '#password', '#confirm']);
  });
});
