import assert from 'node:assert/strict';
import { Writable } from 'node:stream';
import { after, before, describe, it } from 'node:test';
import { sql } from 'kysely';
import { createTestApp, TEST_TODAY, type TestApp } from '../helpers/test-server.ts';
import { createPerson, csrfFrom, mergeCookies, TEST_PASSWORD, Visitor } from '../helpers/sign-in.ts';
import { tableChecksums } from '../helpers/table-checksums.ts';

const ESSEX = '/partnerships/essex/plans/essex-send-improvement-programme';
const update = { whatWeDid: 'Held the census workshop', day: '1', month: '6', year: '2025', author: 'Lead', statusAfter: 'unchanged' };

/** A clock whose instant the test moves, for back-off and session timeouts. */
function movableClock() {
  let offset = 0;
  return { today: () => TEST_TODAY, now: () => new Date(Date.now() + offset), advance: (ms: number) => (offset += ms) };
}

describe('web security', () => {
  let t: TestApp;
  const clock = movableClock();
  let logs = '';

  before(async () => {
    const stream = new Writable({ write: (chunk, _encoding, done) => ((logs += String(chunk)), done()) });
    t = await createTestApp({ clock, app: { logger: { level: 'info', stream } } });
    await createPerson(t.container, { partnership: 'essex', email: 'editor@essex.example', organisation: 'Essex County Council', role: 'plan-editor' });
    await createPerson(t.container, { partnership: 'southend-on-sea', email: 'editor@southend.example', organisation: 'Southend-on-Sea City Council', role: 'plan-editor' });
  });
  after(() => t.close());

  it('refuses a state-changing form without a valid CSRF token, and writes nothing', async () => {
    const editor = await new Visitor(t.app).signIn('editor@essex.example');
    const other = await new Visitor(t.app).signIn('editor@southend.example');
    const stolen = csrfFrom((await other.get('/sign-out')).body);
    const before = await tableChecksums(t.database);
    const missing = await t.app.inject({ method: 'POST', url: `${ESSEX}/actions/ID1`, payload: update, headers: { cookie: editor.cookies } });
    assert.equal(missing.statusCode, 403);
    const wrong = await t.app.inject({ method: 'POST', url: `${ESSEX}/actions/ID1`, payload: { ...update, _csrf: stolen }, headers: { cookie: editor.cookies } });
    assert.equal(wrong.statusCode, 403);
    assert.deepEqual(await tableChecksums(t.database), before);
    assert.equal((await editor.post(`${ESSEX}/actions/ID1`, update)).statusCode, 303);
  });

  it('issues a new session id at sign-in, so a planted cookie is never promoted (session fixation)', async () => {
    const visitor = new Visitor(t.app);
    visitor.cookies = 'so_session=planted-by-attacker-0123456789';
    await visitor.signIn('editor@essex.example');
    const session = /so_session=([^;]+)/.exec(visitor.cookies)?.[1];
    assert.ok(session && session !== 'planted-by-attacker-0123456789');
    const planted = await t.app.inject({ url: '/account', headers: { cookie: 'so_session=planted-by-attacker-0123456789' } });
    assert.equal(planted.statusCode, 303);
  });

  it('redirects only to paths on this site after sign-in (open redirect)', async () => {
    for (const [returnTo, expected] of [['https://evil.example/x', '/'], ['//evil.example', '/'], ['/\\evil.example', '/'], ['/account', '/account']] as const) {
      const visitor = new Visitor(t.app);
      const res = await visitor.post('/sign-in', { email: 'editor@essex.example', password: TEST_PASSWORD, returnTo }, `/sign-in?returnTo=${encodeURIComponent(returnTo)}`);
      assert.equal(res.headers.location, expected, returnTo);
    }
  });

  it('backs off after five failed sign-ins, for known and unknown emails alike, then lets the right password in', async () => {
    for (const email of ['editor@essex.example', 'nobody@essex.example']) {
      const visitor = new Visitor(t.app);
      for (let i = 1; i <= 5; i += 1) {
        const res = await visitor.post('/sign-in', { email, password: 'wrong password here' });
        assert.equal(res.statusCode, 400);
        assert.match(res.body, i < 5 ? /Enter a correct email address and password/ : /Enter a correct email address and password/);
      }
      const locked = await visitor.post('/sign-in', { email, password: TEST_PASSWORD });
      assert.match(locked.body, /too many attempts to sign in with this email address. Try again in 1 minute/);
    }
    clock.advance(61_000);
    await new Visitor(t.app).signIn('editor@essex.example');
  });

  it('sends the security headers, a CSP nonce that matches the inline script, and hardened cookies', async () => {
    const visitor = new Visitor(t.app);
    const res = await visitor.get('/sign-in');
    const csp = String(res.headers['content-security-policy']);
    const nonce = /'nonce-([^']+)'/.exec(csp)?.[1];
    assert.ok(nonce, csp);
    assert.ok(res.body.includes(`<script nonce="${nonce}">`), 'the govuk-frontend inline script carries the nonce');
    assert.match(csp, /default-src 'self'/);
    assert.match(csp, /frame-ancestors 'none'/);
    assert.doesNotMatch(csp, /unsafe-inline/);
    assert.equal(res.headers['x-frame-options'], 'DENY');
    assert.equal(res.headers['x-content-type-options'], 'nosniff');
    assert.equal(res.headers['referrer-policy'], 'same-origin');
    assert.match(String(res.headers['strict-transport-security']), /max-age=31536000/);
    assert.ok(res.headers['permissions-policy']);
    const signIn = await visitor.post('/sign-in', { email: 'editor@essex.example', password: TEST_PASSWORD });
    const cookie = [signIn.headers['set-cookie']].flat().find((c) => c?.startsWith('so_session='))!;
    for (const flag of ['HttpOnly', 'Secure', 'SameSite=Lax', 'Path=/']) assert.ok(cookie.includes(flag), `${flag} missing from ${cookie}`);
    assert.equal((await visitor.get('/account')).headers['cache-control'], 'no-store');
  });

  it('ends a session after 30 minutes idle and after 12 hours in all', async () => {
    const visitor = await new Visitor(t.app).signIn('editor@essex.example');
    clock.advance(29 * 60_000);
    assert.equal((await visitor.get('/account')).statusCode, 200);
    clock.advance(29 * 60_000);
    assert.equal((await visitor.get('/account')).statusCode, 200);
    clock.advance(31 * 60_000);
    assert.equal((await visitor.get('/account')).statusCode, 303, 'idle for 31 minutes');
    const long = await new Visitor(t.app).signIn('editor@essex.example');
    for (let step = 0; step < 14; step += 1) {
      clock.advance(25 * 60_000);
      assert.equal((await long.get('/account')).statusCode, 200);
      clock.advance(25 * 60_000);
      assert.equal((await long.get('/account')).statusCode, 200);
    }
    clock.advance(25 * 60_000);
    assert.equal((await long.get('/account')).statusCode, 303, 'past 12 hours');
  });

  it('destroys the session on the server at sign-out', async () => {
    const visitor = await new Visitor(t.app).signIn('editor@essex.example');
    const cookies = visitor.cookies;
    await visitor.post('/sign-out', {}, '/sign-out');
    assert.equal((await t.app.inject({ url: '/account', headers: { cookie: cookies } })).statusCode, 303);
  });

  it('keeps an editor of one partnership out of another partnership\'s plan', async () => {
    const southend = await new Visitor(t.app).signIn('editor@southend.example');
    const before = await tableChecksums(t.database);
    const res = await southend.post(`${ESSEX}/actions/ID1`, update, '/sign-out');
    assert.equal(res.statusCode, 403);
    assert.deepEqual(await tableChecksums(t.database), before);
  });

  it('resets a password by a link that works once, and ends the old sessions', async () => {
    await createPerson(t.container, { partnership: 'essex', email: 'reset@essex.example', organisation: 'Essex County Council', role: 'viewer' });
    const old = await new Visitor(t.app).signIn('reset@essex.example');
    const token = await t.container.accounts.createResetToken('reset@essex.example', 'test');
    const visitor = new Visitor(t.app);
    const weak = await visitor.post('/reset-password', { token, password: 'password1234', confirm: 'password1234' }, `/reset-password?token=${token}`);
    assert.match(weak.body, /Password is too common/);
    const done = await visitor.post('/reset-password', { token, password: 'lantern meadow copper', confirm: 'lantern meadow copper' }, `/reset-password?token=${token}`);
    assert.match(done.body, /Your password has been changed/);
    assert.equal((await old.get('/account')).statusCode, 303);
    assert.equal((await visitor.get(`/reset-password?token=${token}`)).statusCode, 410);
    await new Visitor(t.app).signIn('reset@essex.example', 'lantern meadow copper');
  });

  it('keeps the audit trail append-only and records changes', async () => {
    const { rows } = await sql<{ action: string }>`select action from audit_events where action = 'progress-update.created'`.execute(t.database.db);
    assert.ok(rows.length >= 1);
    await assert.rejects(sql`update audit_events set actor = 'someone else'`.execute(t.database.db), /append-only/);
    await assert.rejects(sql`delete from audit_events`.execute(t.database.db), /append-only/);
    await assert.rejects(sql`truncate audit_events`.execute(t.database.db), /append-only/);
  });

  it('limits sign-in attempts from one address, with a GOV.UK page', async () => {
    const limited = await createTestApp({ examples: false, app: { signInRateLimit: 3 } });
    try {
      const visitor = new Visitor(limited.app);
      const codes: number[] = [];
      for (let i = 0; i < 4; i += 1) codes.push((await visitor.post('/sign-in', { email: 'a@b.example', password: 'x' })).statusCode);
      assert.deepEqual(codes, [400, 400, 400, 429]);
      const page = await visitor.post('/sign-in', { email: 'a@b.example', password: 'x' });
      assert.match(page.body, /too many requests from your network/);
    } finally {
      await limited.close();
    }
  });

  it('writes no email address, password or one-time token to the application log, and does not let token pages be cached', async () => {
    await createPerson(t.container, { partnership: 'essex', email: 'logged@essex.example', organisation: 'Essex County Council', role: 'viewer' });
    const token = await t.container.accounts.createResetToken('logged@essex.example', 'test');
    const page = await t.app.inject(`/reset-password?token=${token}`);
    assert.equal(page.headers['cache-control'], 'no-store');
    await t.app.inject('/invitations/secret-invitation-token-0123456789');
    assert.ok(logs.length > 1000, 'the log captured requests');
    for (const secret of ['editor@essex.example', TEST_PASSWORD, 'wrong password here', 'so_session=', token, 'secret-invitation-token-0123456789']) assert.ok(!logs.includes(secret), `log contains ${secret}`);
    assert.ok(logs.includes('/reset-password?token=%5Bredacted%5D'), 'the redacted address is logged');
  });

  it('merges cookies like a browser in the test helper', () => {
    assert.equal(mergeCookies('a=1; b=2', ['b=; Expires=Thu, 01 Jan 1970 00:00:00 GMT', 'c=3; Path=/']), 'a=1; c=3');
  });
});
