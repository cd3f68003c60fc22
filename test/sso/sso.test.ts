import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { FastifyInstance } from 'fastify';
import { buildApp } from '../../src/app.ts';
import { buildContainer } from '../../src/container.ts';
import { createPerson } from '../helpers/sign-in.ts';
import { fixedClock, startTestServer, TEST_SECRET, type TestApp } from '../helpers/test-server.ts';
import { startTestProvider, type TestProvider } from './oidc-test-provider.ts';
import { getPage, ssoSignIn, type FlowResult } from './sso-flow.ts';

/**
 * Single sign-on end to end: our app and a real OpenID provider (oidc-provider) on 127.0.0.1, driven
 * over HTTP like a browser (manual redirects, cookies kept per origin). Nothing of our client is mocked.
 */
const CLIENT = { client_id: 'send-outcomes', client_secret: 'a-client-secret-of-at-least-32-chars!' };
const OTHER_CLIENT = { client_id: 'another-service', client_secret: 'another-secret-of-at-least-32-chars!!' };
const ID_TOKEN_TTL = 300;

let server: TestApp & { url: string };
let skewed: { app: FastifyInstance; url: string };
let provider: TestProvider;
let partnershipId: string;

async function failures() {
  return (await server.container.audit.search(partnershipId, { action: 'sso.failed' })).map((e) => (e.details as { reason: string }).reason);
}

/** The refusal page, no session cookie, /account still asks to sign in, and the reason audited. */
async function assertRefused(appUrl: string, result: FlowResult, reason: string, message: RegExp) {
  assert.ok(result.status >= 400 && result.status < 500, `expected a refusal, got ${result.status} ${result.location ?? ''}`);
  assert.match(result.body, /<h1 class="govuk-heading-l">You could not be signed in<\/h1>/);
  assert.match(result.body, new RegExp(`data-sso-reason="${reason}"`));
  assert.match(result.body, message);
  assert.match(result.body, /class="govuk-template/);
  assert.doesNotMatch(result.cookies, /so_session=/);
  const account = await getPage(appUrl, '/account', result.cookies);
  assert.equal(account.status, 303);
  assert.match(String(account.location), /^\/sign-in\?returnTo=/);
  assert.equal((await failures())[0], reason, 'the latest sso.failed has this reason');
}

describe('OpenID Connect single sign-on against a real provider', () => {
  before(async () => {
    server = await startTestServer();
    // the same database behind a second app whose clock is set past the ID token's lifetime (and the
    // 30 s tolerance): every ID token it receives has expired by its clock
    const container = buildContainer(server.database, { clock: fixedClock, secret: TEST_SECRET, ssoClockSkewSeconds: ID_TOKEN_TTL + 120 });
    const app = await buildApp(container, { signInRateLimit: 10_000 });
    skewed = { app, url: await app.listen({ port: 0, host: '127.0.0.1' }) };

    const callbacks = (slug: string) => [server.url, skewed.url].map((u) => `${u}/sign-in/sso/${slug}/callback`);
    provider = await startTestProvider({
      clients: [
        { ...CLIENT, redirect_uris: callbacks('testshire') },
        { ...OTHER_CLIENT, redirect_uris: callbacks('testshire-misrouted') },
      ],
      // the provider resolves the id our second connection uses to the other service's registration
      aliases: { 'send-outcomes-misrouted': OTHER_CLIENT.client_id },
      accounts: {
        ada: { email: 'Ada@Testshire.gov.example', emailVerified: true, name: 'Ada Lovelace' },
        bob: { email: 'bob@testshire.gov.example', emailVerified: true },
        cat: { email: 'cat@elsewhere.example', emailVerified: true },
        dan: { email: 'dan@testshire.gov.example', emailVerified: false },
        eve: { email: 'eve@testshire.gov.example', emailVerified: true },
        kim: { email: 'kim@testshire.gov.example', emailVerified: true },
        sam: { email: 'sam@testshire.gov.example', emailVerified: true },
      },
      idTokenTtlSeconds: ID_TOKEN_TTL,
    });

    const accounts = server.container.accounts;
    await accounts.createOrganisation('essex', { name: 'Testshire Council', kind: 'council', area: null }, 'test');
    partnershipId = (await server.database.db.selectFrom('partnerships').select('id').where('slug', '=', 'essex').executeTakeFirstOrThrow()).id;
    const common = { partnershipSlug: 'essex', issuer: provider.issuer, clientSecret: CLIENT.client_secret, organisation: 'Testshire Council', domains: ['testshire.gov.example'], role: 'plan-editor' };
    await server.container.sso.addConnection({ ...common, slug: 'testshire', displayName: 'Testshire Council', clientId: CLIENT.client_id }, 'test');
    await server.container.sso.addConnection({ ...common, slug: 'testshire-misrouted', displayName: 'Testshire (misrouted)', clientId: 'send-outcomes-misrouted', clientSecret: OTHER_CLIENT.client_secret }, 'test');
  });

  after(async () => {
    await provider?.close();
    await skewed?.app.close();
    await server?.close();
  });

  it('lists the connections on the sign-in page', async () => {
    const page = await getPage(server.url, '/sign-in', '');
    assert.match(page.body, /href="\/sign-in\/sso\/testshire\?returnTo=%2F">Sign in with Testshire Council<\/a>/);
  });

  it('starts at the provider with PKCE (S256), state and nonce, keeping them in a signed, HttpOnly, Secure, Lax cookie', async () => {
    const res = await fetch(`${server.url}/sign-in/sso/testshire?returnTo=%2Faccount`, { redirect: 'manual' });
    assert.equal(res.status, 303);
    const location = new URL(res.headers.get('location')!);
    assert.equal(location.origin, provider.issuer);
    for (const name of ['state', 'nonce', 'code_challenge']) assert.match(location.searchParams.get(name) ?? '', /^[A-Za-z0-9_-]{43}$/, name);
    assert.equal(location.searchParams.get('code_challenge_method'), 'S256');
    assert.equal(location.searchParams.get('client_id'), CLIENT.client_id);
    assert.equal(location.searchParams.get('redirect_uri'), `${server.url}/sign-in/sso/testshire/callback`);
    const cookie = res.headers.getSetCookie().find((c) => c.startsWith('so_sso='));
    assert.ok(cookie);
    for (const attribute of ['HttpOnly', 'Secure', 'SameSite=Lax', 'Path=/sign-in/sso/testshire', 'Max-Age=600']) assert.ok(cookie.includes(attribute), attribute);
    // the verifier travels only in the cookie, never in the URL
    assert.doesNotMatch(location.href, /code_verifier/);
  });

  it('signs a new person in: created in the connection\'s organisation with its default role, session works, audited', async () => {
    const result = await ssoSignIn(provider, server.url, 'testshire', 'ada', { returnTo: '/account' });
    assert.equal(result.status, 303, result.body.slice(0, 300));
    assert.equal(result.location, '/account');
    assert.match(result.cookies, /so_session=/);
    assert.doesNotMatch(result.cookies, /so_sso=/, 'the transaction cookie is cleared');

    const account = await getPage(server.url, '/account', result.cookies);
    assert.equal(account.status, 200);
    assert.match(account.body, /ada@testshire\.gov\.example/);

    const ada = await findPerson('ada@testshire.gov.example');
    assert.ok(ada, 'the person was created');
    assert.equal(ada.partnership_id, partnershipId);
    assert.equal(ada.display_name, 'Ada Lovelace');
    const memberships = await server.container.accounts.memberships(partnershipId, ada.id);
    assert.deepEqual(memberships.map((m) => [m.organisation_name, m.role]), [['Testshire Council', 'plan-editor']]);

    const signIns = await server.container.audit.search(partnershipId, { action: 'sign-in.succeeded', actor: 'ada@' });
    assert.deepEqual(signIns.map((e) => e.details), [{ method: 'oidc' }]);
    assert.deepEqual(provider.tokensIssuedTo.at(-1), CLIENT.client_id);
  });

  it('keeps an existing person\'s memberships and adds none', async () => {
    const { personId } = await createPerson(server.container, { partnership: 'essex', email: 'kim@testshire.gov.example', organisation: 'Essex County Council', role: 'analyst' });
    const result = await ssoSignIn(provider, server.url, 'testshire', 'kim');
    assert.equal(result.status, 303, result.body.slice(0, 300));
    const memberships = await server.container.accounts.memberships(partnershipId, personId);
    assert.deepEqual(memberships.map((m) => [m.organisation_name, m.role]), [['Essex County Council', 'analyst']]);
  });

  it('refuses an ID token issued to another client (wrong audience): no session, nobody created', async () => {
    const before = provider.tokensIssuedTo.length;
    const result = await ssoSignIn(provider, server.url, 'testshire-misrouted', 'bob');
    // the provider did issue tokens, to the other client: the refusal is our audience check
    assert.deepEqual(provider.tokensIssuedTo.slice(before), [OTHER_CLIENT.client_id]);
    await assertRefused(server.url, result, 'wrong-audience', /sent a sign-in meant for a different service/);
    assert.equal(await findPerson('bob@testshire.gov.example'), undefined);
  });

  it('refuses an ID token that has expired by our clock: no session, nobody created', async () => {
    const before = provider.tokensIssuedTo.length;
    const result = await ssoSignIn(provider, skewed.url, 'testshire', 'bob');
    assert.deepEqual(provider.tokensIssuedTo.slice(before), [CLIENT.client_id]);
    await assertRefused(skewed.url, result, 'expired-token', /sent a sign-in that has already expired/);
    assert.equal(await findPerson('bob@testshire.gov.example'), undefined);
  });

  it('refuses an email outside the connection\'s domains', async () => {
    const result = await ssoSignIn(provider, server.url, 'testshire', 'cat');
    await assertRefused(server.url, result, 'domain-not-allowed', /Your email address is not one that can sign in this way/);
    assert.equal(await findPerson('cat@elsewhere.example'), undefined);
  });

  it('refuses an email the provider has not verified', async () => {
    const result = await ssoSignIn(provider, server.url, 'testshire', 'dan');
    await assertRefused(server.url, result, 'email-unverified', /Your organisation&#39;s sign-in service did not confirm your email address/);
    assert.equal(await findPerson('dan@testshire.gov.example'), undefined);
  });

  it('refuses a callback whose state was tampered with, without exchanging the code', async () => {
    const before = provider.tokensIssuedTo.length;
    const result = await ssoSignIn(provider, server.url, 'testshire', 'eve', { tamper: (url) => url.searchParams.set('state', `${url.searchParams.get('state')}x`) });
    await assertRefused(server.url, result, 'state-mismatch', /did not match the sign-in you started/);
    assert.equal(provider.tokensIssuedTo.length, before, 'no code was exchanged');
    assert.equal(await findPerson('eve@testshire.gov.example'), undefined);
  });

  it('refuses a callback that arrives without the sign-in cookie', async () => {
    const result = await ssoSignIn(provider, server.url, 'testshire', 'eve', { dropAppCookies: true });
    await assertRefused(server.url, result, 'transaction-missing', /started in another browser/);
  });

  it('refuses an email that belongs to a person in another partnership', async () => {
    await createPerson(server.container, { partnership: 'southend-on-sea', email: 'sam@testshire.gov.example', organisation: 'Southend-on-Sea City Council', role: 'viewer' });
    const result = await ssoSignIn(provider, server.url, 'testshire', 'sam');
    await assertRefused(server.url, result, 'other-partnership', /belongs to an account in another partnership/);
  });

  it('says so when the provider cannot be reached', async () => {
    await server.container.sso.addConnection({ partnershipSlug: 'essex', slug: 'offline', displayName: 'Offline', issuer: 'http://127.0.0.1:9', clientId: 'x', clientSecret: 'y', organisation: 'Testshire Council', domains: ['testshire.gov.example'] }, 'test');
    const page = await getPage(server.url, '/sign-in/sso/offline', '');
    assert.equal(page.status, 502);
    assert.match(page.body, /sign-in service could not be reached/);
    assert.equal((await failures())[0], 'provider-unavailable');
  });

  it('shows a not-found page for an unknown connection', async () => {
    const page = await getPage(server.url, '/sign-in/sso/nowhere', '');
    assert.equal(page.status, 404);
    assert.match(page.body, /There is no organisation sign-in with that name/);
  });
});

async function findPerson(email: string) {
  return server.database.db.selectFrom('people').selectAll().where('email', '=', email).executeTakeFirst();
}
