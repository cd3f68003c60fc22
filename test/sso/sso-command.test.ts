import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { runSsoCommand, SsoUsageError } from '../../src/cli/sso-command.ts';
import { createTestApp, type TestApp } from '../helpers/test-server.ts';

describe('send-outcomes sso add / list', () => {
  let t: TestApp;
  let lines: string[];
  const out = (text: string) => lines.push(text);
  const run = (args: string[]) => {
    lines = [];
    return runSsoCommand(t.container, args, out);
  };
  const add = ['add', '--partnership', 'essex', '--slug', 'essex-council', '--name', 'Essex County Council', '--issuer', 'https://login.essex.example', '--client-id', 'send-outcomes', '--client-secret', 'shh-secret', '--org', 'Essex Council Staff'];

  before(async () => {
    t = await createTestApp();
    await t.container.accounts.createOrganisation('essex', { name: 'Essex Council Staff', kind: 'council', area: null }, 'test');
  });
  after(() => t.close());

  it('adds a connection and lists it as JSON without the client secret', async () => {
    await run([...add, '--domain', 'Essex.gov.example', '--domain', '@essexcc.example', '--role', 'analyst']);
    assert.match(lines[0]!, /Added the connection "essex-council"/);
    await run(['list', '--json']);
    const listed = JSON.parse(lines.join('\n')) as Record<string, unknown>[];
    assert.deepEqual(listed, [
      { slug: 'essex-council', displayName: 'Essex County Council', partnership: 'essex', organisation: 'Essex Council Staff', issuer: 'https://login.essex.example', clientId: 'send-outcomes', emailDomains: ['essex.gov.example', 'essexcc.example'], defaultRole: 'analyst' },
    ]);
    assert.doesNotMatch(lines.join('\n'), /shh-secret/);
    assert.deepEqual(await t.container.sso.listConnections(), [{ slug: 'essex-council', displayName: 'Essex County Council' }]);
  });

  it('refuses a plain-http issuer that is not on this machine, a bad domain, an unknown organisation or a duplicate', async () => {
    const other = (slug: string) => add.map((a) => (a === 'essex-council' ? slug : a));
    await assert.rejects(run([...other('a'), '--domain', 'x.example', '--issuer', 'http://login.example']), /must start with https:\/\//);
    await assert.rejects(run([...other('b'), '--domain', 'not a domain']), /"not a domain" is not an email domain/);
    await assert.rejects(run([...other('c'), '--domain', 'x.example', '--org', 'Nowhere']), /There is no organisation "Nowhere"/);
    await assert.rejects(run([...add, '--domain', 'x.example']), /There is already a connection "essex-council"/);
    await assert.rejects(run([...other('d'), '--domain', 'x.example', '--role', 'king']), /Role must be one of/);
    assert.equal((await t.container.sso.describeConnections()).length, 1, 'nothing was added');
  });

  it('accepts a plain-http issuer on 127.0.0.1 (local trials and tests)', async () => {
    await run([...add.map((a) => (a === 'essex-council' ? 'local' : a === 'https://login.essex.example' ? 'http://127.0.0.1:9999' : a)), '--domain', 'x.example']);
    assert.match(lines[0]!, /Added the connection "local"/);
  });

  it('says what is missing', async () => {
    await assert.rejects(run(['add', '--slug', 'x']), (error: Error) => error instanceof SsoUsageError && /--partnership, --name, --issuer, --client-id, --client-secret, --org/.test(error.message));
    await assert.rejects(run([...add]), /at least one --domain/);
    await assert.rejects(run(['remove']), SsoUsageError);
  });
});
