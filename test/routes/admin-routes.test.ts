// The administration pages (/admin) and invitation links, through the real app with app.inject:
// what an administrator can do, what everyone else cannot, and that partnerships stay apart.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { createPerson, csrfFrom, mergeCookies, TEST_PASSWORD, Visitor } from '../helpers/sign-in.ts';
import { tableChecksums } from '../helpers/table-checksums.ts';
import { createTestApp, type TestApp } from '../helpers/test-server.ts';

const ADMIN = 'admin@essex.example';
const EDITOR = 'editor@essex.example';
const SOUTHEND_PERSON = 'person@southend.example';
const NEW_PASSWORD = 'violet harbour compass lantern';
const ADMIN_PAGES = ['/admin', '/admin/organisations', '/admin/people', '/admin/audit', '/admin/audit.csv'];

/** The link shown once on the "link created" page. */
function linkFrom(html: string): string {
  const match = /id="link">\s*(http[^<\s]+)\s*</.exec(html);
  assert.ok(match, 'the page shows a link');
  return match[1]!.replaceAll('&amp;', '&');
}

describe('administration pages', () => {
  let t: TestApp;
  let admin: Visitor;
  let adminId: string;
  let editorId: string;
  let southendPersonId: string;
  let essexCouncilId: string;
  let southendCouncilId: string;

  let partnershipId = '';
  const auditActions = async () => (await t.container.audit.search(partnershipId, {})).map((e) => e.action);
  const membershipsOf = (personId: string) => t.container.accounts.memberships(partnershipId, personId);
  const adminPerson = (personId: string) => `/admin/people/${personId}`;

  before(async () => {
    t = await createTestApp();
    adminId = (await createPerson(t.container, { partnership: 'essex', email: ADMIN, organisation: 'Essex County Council', role: 'partnership-admin' })).personId;
    editorId = (await createPerson(t.container, { partnership: 'essex', email: EDITOR, organisation: 'Essex County Council', role: 'plan-editor' })).personId;
    southendPersonId = (await createPerson(t.container, { partnership: 'southend-on-sea', email: SOUTHEND_PERSON, organisation: 'Southend-on-Sea City Council', role: 'partnership-admin' })).personId;
    admin = await new Visitor(t.app).signIn(ADMIN);
    const organisations = await t.database.db.selectFrom('organisations').innerJoin('partnerships', 'partnerships.id', 'organisations.partnership_id').select(['organisations.id', 'organisations.name', 'partnerships.slug', 'partnerships.id as partnership_id']).execute();
    const essex = organisations.find((o) => o.slug === 'essex' && o.name === 'Essex County Council')!;
    essexCouncilId = essex.id;
    partnershipId = essex.partnership_id;
    southendCouncilId = organisations.find((o) => o.slug === 'southend-on-sea')!.id;
  });
  after(() => t.close());

  it('sends a signed-out visitor to sign in, and comes back after', async () => {
    for (const path of [...ADMIN_PAGES, adminPerson(adminId)]) {
      const res = await t.app.inject(path);
      assert.equal(res.statusCode, 303, path);
      assert.equal(res.headers.location, `/sign-in?returnTo=${encodeURIComponent(path)}`, path);
    }
  });

  it('refuses every /admin page and form to a plan editor (403), writing nothing', async () => {
    const editor = await new Visitor(t.app).signIn(EDITOR);
    for (const path of [...ADMIN_PAGES, adminPerson(adminId), adminPerson(editorId)]) {
      const res = await editor.get(path);
      assert.equal(res.statusCode, 403, path);
      assert.match(res.body, /You do not have access/, path);
    }
    const before = await tableChecksums(t.database);
    const posts: [string, Record<string, string>][] = [
      ['/admin/organisations', { name: 'Editor organisation', kind: 'other' }],
      ['/admin/people', { email: 'x@essex.example', organisation: essexCouncilId, role: 'partnership-admin' }],
      [`${adminPerson(editorId)}/memberships`, { organisation: essexCouncilId, role: 'partnership-admin' }],
      [`${adminPerson(adminId)}/disable`, {}],
      [`${adminPerson(adminId)}/reset-link`, {}],
    ];
    for (const [path, payload] of posts) {
      const res = await editor.post(path, payload, '/sign-out');
      assert.equal(res.statusCode, 403, path);
    }
    const { sessions: _a, ...afterWithoutSessions } = await tableChecksums(t.database);
    const { sessions: _b, ...beforeWithoutSessions } = before;
    assert.deepEqual(afterWithoutSessions, beforeWithoutSessions);
  });

  it('shows the start page with the partnership name and the sections', async () => {
    const res = await admin.get('/admin');
    assert.equal(res.statusCode, 200);
    assert.match(res.body, /Essex local area SEND partnership/);
    for (const href of ['/admin/organisations', '/admin/people', '/admin/audit']) assert.match(res.body, new RegExp(`href="${href}"`));
  });

  it('adds an organisation, after showing errors for a blank name', async () => {
    const blank = await admin.post('/admin/organisations', { name: '  ', kind: '' });
    assert.equal(blank.statusCode, 400);
    assert.match(blank.body, /<title>Error: Organisations/);
    assert.match(blank.body, /href="#name">Enter the name of the organisation/);
    assert.match(blank.body, /href="#kind">Select the kind of organisation/);
    assert.match(blank.body, /id="name-error"/);

    const long = await admin.post('/admin/organisations', { name: 'x'.repeat(201), kind: 'icb' });
    assert.match(long.body, /Name of the organisation must be 200 characters or fewer/);

    const res = await admin.post('/admin/organisations', { name: 'Mid and South Essex ICB', kind: 'icb', area: 'South Essex' });
    assert.equal(res.statusCode, 303);
    assert.equal(res.headers.location, '/admin/organisations?done=added');
    const list = await admin.get('/admin/organisations?done=added');
    assert.match(list.body, /Organisation added/);
    assert.match(list.body, /Mid and South Essex ICB<\/th>\s*<td class="govuk-table__cell">NHS integrated care board<\/td>\s*<td class="govuk-table__cell">South Essex<\/td>\s*<td[^>]*>0<\/td>/);
    assert.match(list.body, /Essex County Council<\/th>\s*<td[^>]*>[^<]*<\/td>\s*<td[^>]*>[^<]*<\/td>\s*<td[^>]*>2<\/td>/);

    const again = await admin.post('/admin/organisations', { name: 'mid and south essex icb', kind: 'icb' });
    assert.equal(again.statusCode, 400);
    assert.match(again.body, /is already an organisation of this partnership/);
  });

  it('invites a person; the invitee sets a password and is signed in with that role and organisation; the link works once', async () => {
    const invalid = await admin.post('/admin/people', { email: 'not-an-email', organisation: '', role: '' });
    assert.equal(invalid.statusCode, 400);
    assert.match(invalid.body, /href="#email">Enter an email address in the correct format/);
    assert.match(invalid.body, /href="#organisation">Select an organisation/);
    assert.match(invalid.body, /href="#role">Select a role/);

    const res = await admin.post('/admin/people', { email: 'New.Analyst@Essex.example', organisation: essexCouncilId, role: 'analyst' });
    assert.equal(res.statusCode, 200);
    assert.match(res.body, /Invitation created/);
    assert.match(res.body, /It works once, for 7 days/);
    const link = linkFrom(res.body);
    assert.match(link, /^http:\/\/localhost(:\d+)?\/invitations\/[A-Za-z0-9_-]{43}$/);
    const path = new URL(link).pathname;

    const people = await admin.get('/admin/people');
    assert.match(people.body, /new\.analyst@essex\.example<\/th>[\s\S]*?Analyst \(case-level data\)[\s\S]*?Invited, not signed in yet/);

    const invitee = new Visitor(t.app);
    const page = await invitee.get(path);
    assert.equal(page.statusCode, 200);
    assert.match(page.body, /Set up your account/);
    assert.match(page.body, /analyst \(case-level data\) for Essex County Council/);
    assert.equal(page.headers['cache-control'], 'no-store');

    const mismatch = await invitee.post(path, { displayName: 'Nia Analyst', password: NEW_PASSWORD, confirm: 'something else' });
    assert.equal(mismatch.statusCode, 400);
    assert.match(mismatch.body, /href="#confirm">The passwords do not match/);
    const weak = await invitee.post(path, { displayName: 'Nia Analyst', password: 'short', confirm: 'short' });
    assert.equal(weak.statusCode, 400);
    assert.match(weak.body, /Password must be 12 characters or more/);

    const accepted = await invitee.post(path, { displayName: 'Nia Analyst', password: NEW_PASSWORD, confirm: NEW_PASSWORD });
    assert.equal(accepted.statusCode, 303);
    assert.equal(accepted.headers.location, '/account');
    assert.match(String(accepted.headers['set-cookie']), /so_session=[^;]+;.*HttpOnly.*Secure|so_session=[^;]+;.*Secure.*HttpOnly/);
    const account = await invitee.get('/account');
    assert.equal(account.statusCode, 200);
    assert.match(account.body, /new\.analyst@essex\.example/);
    assert.match(account.body, /Analyst \(case-level data\)/);
    assert.match(account.body, /acting as analyst \(case-level data\) for Essex County Council/);

    const twice = await new Visitor(t.app).get(path);
    assert.equal(twice.statusCode, 410);
    assert.match(twice.body, /This invitation has expired/);
    const postTwice = await new Visitor(t.app).post(path, { displayName: 'Someone else', password: NEW_PASSWORD, confirm: NEW_PASSWORD }, '/sign-in');
    assert.equal(postTwice.statusCode, 410);
    assert.equal((await new Visitor(t.app).get('/invitations/made-up-token-made-up-token-made-up-token')).statusCode, 410);

    const signIn = await new Visitor(t.app).post('/sign-in', { email: 'new.analyst@essex.example', password: NEW_PASSWORD });
    assert.equal(signIn.statusCode, 303);
    const listed = await admin.get('/admin/people');
    assert.match(listed.body, /new\.analyst@essex\.example<\/a><\/th>\s*<td class="govuk-table__cell">Nia Analyst<\/td>[\s\S]*?>Active</);
    const actions = await auditActions();
    assert.ok(actions.includes('invitation.created') && actions.includes('invitation.accepted'), actions.join(', '));
  });

  it('an invitation to a person who already has an account adds the role after they confirm their password', async () => {
    const res = await admin.post('/admin/people', { email: EDITOR, organisation: essexCouncilId, role: 'viewer' });
    const path = new URL(linkFrom(res.body)).pathname;
    const editor = new Visitor(t.app);
    const page = await editor.get(path);
    assert.match(page.body, /You already have an account/);
    const wrong = await editor.post(path, { password: 'not the password at all' });
    assert.equal(wrong.statusCode, 400);
    assert.match(wrong.body, /Enter your current password/);
    const ok = await editor.post(path, { password: TEST_PASSWORD });
    assert.equal(ok.statusCode, 303);
    assert.match((await editor.get('/account')).body, /acting as viewer \(board member\) for Essex County Council/);
    assert.deepEqual((await membershipsOf(editorId)).map((m) => m.role).sort(), ['plan-editor', 'viewer']);
  });

  it('adds and removes a role on a person page', async () => {
    const page = await admin.get(adminPerson(editorId));
    assert.equal(page.statusCode, 200);
    assert.match(page.body, /editor@essex\.example/);

    const missing = await admin.post(`${adminPerson(editorId)}/memberships`, { organisation: '', role: '' }, adminPerson(editorId));
    assert.equal(missing.statusCode, 400);
    assert.match(missing.body, /href="#organisation">Select an organisation/);

    const added = await admin.post(`${adminPerson(editorId)}/memberships`, { organisation: essexCouncilId, role: 'data-submitter' }, adminPerson(editorId));
    assert.equal(added.statusCode, 303);
    assert.equal(added.headers.location, `${adminPerson(editorId)}?done=role-added`);
    assert.match((await admin.get(added.headers.location as string)).body, /Role added[\s\S]*Data submitter/);

    const duplicate = await admin.post(`${adminPerson(editorId)}/memberships`, { organisation: essexCouncilId, role: 'data-submitter' }, adminPerson(editorId));
    assert.equal(duplicate.statusCode, 400);
    assert.match(duplicate.body, /already has this role/);

    const membership = (await membershipsOf(editorId)).find((m) => m.role === 'data-submitter')!;
    const removed = await admin.post(`${adminPerson(editorId)}/memberships/${membership.id}/remove`, {}, adminPerson(editorId));
    assert.equal(removed.statusCode, 303);
    assert.ok(!(await membershipsOf(editorId)).some((m) => m.role === 'data-submitter'));
    const actions = await auditActions();
    assert.ok(actions.includes('membership.created') && actions.includes('membership.removed'));
  });

  it('disables a person (their session stops working) and enables them again', async () => {
    const editor = await new Visitor(t.app).signIn(EDITOR);
    assert.equal((await editor.get('/account')).statusCode, 200);
    const disabled = await admin.post(`${adminPerson(editorId)}/disable`, {}, adminPerson(editorId));
    assert.equal(disabled.statusCode, 303);
    assert.match((await admin.get(disabled.headers.location as string)).body, /Account disabled[\s\S]*>Disabled<[\s\S]*Enable account/);
    const after = await editor.get('/account');
    assert.equal(after.statusCode, 303);
    assert.match(after.headers.location as string, /^\/sign-in\?returnTo=/);
    assert.equal((await new Visitor(t.app).post('/sign-in', { email: EDITOR, password: TEST_PASSWORD })).statusCode, 400);

    assert.equal((await admin.post(`${adminPerson(editorId)}/enable`, {}, adminPerson(editorId))).statusCode, 303);
    await new Visitor(t.app).signIn(EDITOR);
    const actions = await auditActions();
    assert.ok(actions.includes('person.disabled') && actions.includes('person.enabled'));
  });

  it('creates a password reset link, shown once, that opens the reset page', async () => {
    const res = await admin.post(`${adminPerson(editorId)}/reset-link`, {}, adminPerson(editorId));
    assert.equal(res.statusCode, 200);
    assert.match(res.body, /Password reset link created/);
    assert.match(res.body, /It works once, for 1 hour/);
    const link = new URL(linkFrom(res.body));
    assert.equal(link.pathname, '/reset-password');
    const reset = await new Visitor(t.app).get(`${link.pathname}${link.search}`);
    assert.equal(reset.statusCode, 200);
    assert.match(reset.body, /Choose a new password/);
    assert.ok((await auditActions()).includes('password-reset.link-created'));
  });

  it('will not let an administrator disable themselves or remove their own last admin role', async () => {
    const self = await admin.get(adminPerson(adminId));
    assert.match(self.body, /You cannot disable your own account/);
    const disable = await admin.post(`${adminPerson(adminId)}/disable`, {}, adminPerson(adminId));
    assert.equal(disable.statusCode, 400);
    assert.match(disable.body, /href="#account">You cannot disable your own account/);
    const own = (await membershipsOf(adminId))[0]!;
    const remove = await admin.post(`${adminPerson(adminId)}/memberships/${own.id}/remove`, {}, adminPerson(adminId));
    assert.equal(remove.statusCode, 400);
    assert.match(remove.body, /You cannot remove your own last partnership administrator role/);
    assert.equal((await membershipsOf(adminId)).length, 1);
    assert.equal((await admin.get('/admin')).statusCode, 200);
  });

  it("cannot see or change another partnership's people or use its organisations (404 or refused, nothing written)", async () => {
    assert.equal((await admin.get(adminPerson(southendPersonId))).statusCode, 404);
    assert.equal((await admin.get('/admin/people/not-a-uuid')).statusCode, 404);
    const people = await admin.get('/admin/people');
    assert.doesNotMatch(people.body, /southend\.example/);
    const organisations = await admin.get('/admin/organisations');
    assert.doesNotMatch(organisations.body, /Southend-on-Sea City Council/);

    const before = await tableChecksums(t.database);
    const southendMembership = (await t.container.accounts.memberships((await t.database.db.selectFrom('people').select('partnership_id').where('id', '=', southendPersonId).executeTakeFirstOrThrow()).partnership_id, southendPersonId))[0]!;
    const attempts: [string, Record<string, string>, number][] = [
      [`${adminPerson(southendPersonId)}/disable`, {}, 404],
      [`${adminPerson(southendPersonId)}/reset-link`, {}, 404],
      [`${adminPerson(southendPersonId)}/memberships`, { organisation: essexCouncilId, role: 'viewer' }, 404],
      [`${adminPerson(southendPersonId)}/memberships/${southendMembership.id}/remove`, {}, 404],
      [`${adminPerson(editorId)}/memberships/${southendMembership.id}/remove`, {}, 404],
      [`${adminPerson(editorId)}/memberships`, { organisation: southendCouncilId, role: 'partnership-admin' }, 400],
      ['/admin/people', { email: 'spy@essex.example', organisation: southendCouncilId, role: 'partnership-admin' }, 400],
      ['/admin/people', { email: SOUTHEND_PERSON, organisation: essexCouncilId, role: 'viewer' }, 400],
    ];
    for (const [path, payload, status] of attempts) {
      const res = await admin.post(path, payload, '/admin/people');
      assert.equal(res.statusCode, status, path);
    }
    const { sessions: _a, ...afterWithoutSessions } = await tableChecksums(t.database);
    const { sessions: _b, ...beforeWithoutSessions } = before;
    assert.deepEqual(afterWithoutSessions, beforeWithoutSessions);
  });

  it('shows every change in the audit trail, searchable, newest first, and as CSV with formulas neutralised', async () => {
    await admin.post('/admin/organisations', { name: '=HYPERLINK("http://evil.example","x")', kind: 'other' });
    const page = await admin.get('/admin/audit');
    assert.equal(page.statusCode, 200);
    for (const action of ['organisation.created', 'invitation.created', 'invitation.accepted', 'membership.created', 'membership.removed', 'person.disabled', 'person.enabled', 'password-reset.link-created']) {
      assert.ok(page.body.includes(`>${action}<`), `the audit page shows ${action}`);
    }
    assert.match(page.body, /Organisation: Mid and South Essex ICB/);
    assert.match(page.body, /Person: editor@essex\.example/);
    assert.match(page.body, /<td class="govuk-table__cell">\d{1,2} [A-Z][a-z]+ \d{4}, \d{2}:\d{2}<\/td>\s*<td[^>]*>admin@essex\.example<\/td>\s*<td[^>]*>organisation\.created<\/td>/);
    assert.match(page.body, />127\.0\.0\.1</);
    assert.doesNotMatch(page.body, /southend/);

    const filtered = await admin.get('/admin/audit?action=person.&actor=admin%40essex');
    assert.match(filtered.body, />person\.disabled</);
    assert.doesNotMatch(filtered.body, />organisation\.created</);
    assert.match(filtered.body, /href="\/admin\/audit\.csv\?action=person\.&amp;actor=admin%40essex"/);

    const badDate = await admin.get('/admin/audit?fromDay=31&fromMonth=2&fromYear=2025');
    assert.equal(badDate.statusCode, 400);
    assert.match(badDate.body, /href="#from-day">From date must be a real date/);

    await t.container.audit.record({ partnershipId, actorPersonId: null, actor: '=cmd|"/c calc"!A1', action: 'organisation.formula-test', recordType: '+type', recordId: '@id', ip: '-1' });
    const csv = await admin.get('/admin/audit.csv?action=organisation.');
    assert.equal(csv.statusCode, 200);
    assert.match(csv.headers['content-type'] as string, /^text\/csv/);
    assert.match(csv.headers['content-disposition'] as string, /attachment; filename="audit-trail-essex\.csv"/);
    const lines = csv.body.trim().split('\r\n');
    assert.match(lines[0]!, /^"When \(UTC\)","When \(UK time\)","Who","Action"/);
    assert.ok(lines.length > 3 && lines.slice(1).every((l) => /,"organisation\.[a-z-]+",/.test(l)), 'only organisation. events');
    assert.match(csv.body, /"Organisation: =HYPERLINK\(""http:\/\/evil\.example"",""x""\)"/);
    assert.match(csv.body, /"'=cmd\|""\/c calc""!A1","organisation\.formula-test","'\+type","'@id","'\+type: @id","'-1"/);
    assert.doesNotMatch(csv.body, /(^|,)"[=+\-@]/m);
  });

  it('shows the newest 200 events with a note when there are more', async () => {
    for (let i = 0; i < 210; i += 1) await t.container.audit.record({ partnershipId, actorPersonId: null, actor: 'bulk test', action: 'test.bulk', ip: null });
    const page = await admin.get('/admin/audit?actor=bulk');
    assert.match(page.body, /Showing the newest 200 events only/);
    assert.equal(page.body.match(/>test\.bulk</g)?.length, 200);
  });

  it('keeps CSRF protection on the invitation form', async () => {
    const res = await admin.post('/admin/people', { email: 'csrf@essex.example', organisation: essexCouncilId, role: 'viewer' });
    const path = new URL(linkFrom(res.body)).pathname;
    const visitor = new Visitor(t.app);
    const page = await visitor.get(path);
    csrfFrom(page.body);
    const forged = await t.app.inject({ method: 'POST', url: path, payload: { displayName: 'X', password: NEW_PASSWORD, confirm: NEW_PASSWORD }, headers: { cookie: mergeCookies('', page.headers['set-cookie']) } });
    assert.equal(forged.statusCode, 403);
    assert.equal((await visitor.get(path)).statusCode, 200, 'the link still works');
  });
});
