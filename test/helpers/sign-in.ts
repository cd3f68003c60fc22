import assert from 'node:assert/strict';
import type { FastifyInstance } from 'fastify';
import type { Container } from '../../src/container.ts';

export const TEST_PASSWORD = 'orange piano kettle window';

/** The cookies a response set, as a Cookie header value merged over an earlier one. */
export function mergeCookies(previous: string, setCookie: string | string[] | undefined): string {
  const jar = new Map(previous.split('; ').filter(Boolean).map((c) => [c.split('=')[0]!, c] as const));
  for (const line of [setCookie ?? []].flat()) {
    const pair = line.split(';')[0]!;
    const [name, value] = [pair.split('=')[0]!, pair.slice(pair.indexOf('=') + 1)];
    if (value === '' || /expires=Thu, 01 Jan 1970/i.test(line)) jar.delete(name);
    else jar.set(name, pair);
  }
  return [...jar.values()].join('; ');
}

export function csrfFrom(html: string): string {
  const match = /name="_csrf" value="([^"]+)"/.exec(html);
  assert.ok(match, 'the page has no CSRF token');
  return match[1]!;
}

/** A browser-like visitor: keeps cookies and reads CSRF tokens from the pages it gets. */
export class Visitor {
  cookies = '';
  constructor(private readonly app: FastifyInstance) {}

  async get(url: string) {
    const res = await this.app.inject({ method: 'GET', url, headers: { cookie: this.cookies } });
    this.cookies = mergeCookies(this.cookies, res.headers['set-cookie']);
    return res;
  }

  /** Loads `formPage`, then posts `payload` with the page's CSRF token to `url`. */
  async post(url: string, payload: Record<string, string>, formPage = url) {
    const page = await this.get(formPage);
    const res = await this.app.inject({ method: 'POST', url, payload: { _csrf: csrfFrom(page.body), ...payload }, headers: { cookie: this.cookies } });
    this.cookies = mergeCookies(this.cookies, res.headers['set-cookie']);
    return res;
  }

  async signIn(email: string, password = TEST_PASSWORD) {
    const res = await this.post('/sign-in', { email, password });
    assert.equal(res.statusCode, 303, `sign-in as ${email} failed: ${res.body.slice(0, 200)}`);
    return this;
  }
}

/** Creates a person with one role in an organisation (created if missing) of a partnership. */
export async function createPerson(container: Container, input: { partnership: string; email: string; organisation: string; role: string }) {
  const partnership = input.partnership;
  try {
    return await container.accounts.createUser({ partnershipSlug: partnership, email: input.email, organisation: input.organisation, role: input.role, password: TEST_PASSWORD, actor: 'test' });
  } catch (error) {
    if ((error as { code?: string }).code !== 'no-organisation') throw error;
    await container.accounts.createOrganisation(partnership, { name: input.organisation, kind: 'other', area: null }, 'test');
    return container.accounts.createUser({ partnershipSlug: partnership, email: input.email, organisation: input.organisation, role: input.role, password: TEST_PASSWORD, actor: 'test' });
  }
}
