import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { ROLES, type Role } from '../../src/modules/accounts/index.ts';
import { createTestApp, type TestApp } from '../helpers/test-server.ts';
import { createPerson, csrfFrom, Visitor } from '../helpers/sign-in.ts';

/**
 * THE declared access table: every route of the app, who may use it, and a sample request.
 * A route missing here (or listed here but gone from the app) fails the first test.
 * `who`: 'public' (anyone), 'signed-in' (any role), or the roles allowed. Roles act only in their own
 * partnership: the Southend administrator is refused everything of Essex except public pages.
 */
type Who = 'public' | 'signed-in' | readonly Role[];
interface Row {
  who: Who;
  url: string;
  payload?: Record<string, string>;
  /** Other-partnership principals are refused even where their role is allowed (Essex-only URLs). */
  essexOnly?: boolean;
}

const PLAN = '/partnerships/essex/plans/essex-send-improvement-programme';
const EDITORS: readonly Role[] = ['partnership-admin', 'plan-editor', 'data-submitter'];
const ADMINS: readonly Role[] = ['partnership-admin'];
/** A person or membership id that exists nowhere: administrators get 404, everyone else is refused first. */
const NO_ONE = '00000000-0000-4000-8000-000000000000';

export const ACCESS_TABLE: Record<string, Row> = {
  'GET /': { who: 'public', url: '/' },
  'GET /health': { who: 'public', url: '/health' },
  'GET /favicon.ico': { who: 'public', url: '/favicon.ico' },
  'GET /assets/app.css': { who: 'public', url: '/assets/app.css' },
  'GET /assets/app.js': { who: 'public', url: '/assets/app.js' },
  'GET /assets/govuk-frontend.min.js': { who: 'public', url: '/assets/govuk-frontend.min.js' },
  'GET /assets/favicon.svg': { who: 'public', url: '/assets/favicon.svg' },
  'GET /sign-in': { who: 'public', url: '/sign-in' },
  'POST /sign-in': { who: 'public', url: '/sign-in', payload: { email: 'x@y.example', password: 'nope' } },
  'GET /sign-out': { who: 'public', url: '/sign-out' },
  'POST /sign-out': { who: 'public', url: '/sign-out' },
  'GET /reset-password': { who: 'public', url: '/reset-password?token=unknown' },
  'POST /reset-password': { who: 'public', url: '/reset-password', payload: { token: 'unknown', password: 'a', confirm: 'a' } },
  'GET /sign-in/sso/:connection': { who: 'public', url: '/sign-in/sso/unknown' },
  'GET /sign-in/sso/:connection/callback': { who: 'public', url: '/sign-in/sso/unknown/callback' },
  'GET /account': { who: 'signed-in', url: '/account' },
  'POST /account/act-as': { who: 'signed-in', url: '/account/act-as', payload: { membership: 'none' } },
  'GET /partnerships/:partnership/plans/:plan': { who: 'public', url: PLAN },
  'GET /partnerships/:partnership/plans/:plan/export.json': { who: 'public', url: `${PLAN}/export.json` },
  'GET /partnerships/:partnership/plans/:plan/outcomes/:outcome': { who: 'public', url: `${PLAN}/outcomes/OUTCOME` },
  'GET /partnerships/:partnership/plans/:plan/actions/:ref': { who: 'public', url: `${PLAN}/actions/ID1` },
  'POST /partnerships/:partnership/plans/:plan/actions/:ref': { who: EDITORS, url: `${PLAN}/actions/ID1`, payload: { whatWeDid: '' }, essexOnly: true },
  'GET /partnerships/:partnership/plans/:plan/dashboard': { who: 'public', url: `${PLAN}/dashboard` },
  'GET /partnerships/:partnership/plans/:plan/measures/:measure': { who: 'public', url: `${PLAN}/measures/essex-advice-within-timescales` },
  'GET /partnerships/:partnership/plans/:plan/measures/:measure.csv': { who: 'public', url: `${PLAN}/measures/essex-advice-within-timescales.csv` },
  'GET /partnerships/:partnership/plans/:plan/measures/:measure/edit': { who: ['partnership-admin', 'plan-editor'], url: `${PLAN}/measures/essex-advice-within-timescales/edit`, essexOnly: true },
  'POST /partnerships/:partnership/plans/:plan/measures/:measure/edit': { who: ['partnership-admin', 'plan-editor'], url: `${PLAN}/measures/essex-advice-within-timescales/edit`, payload: { title: '' }, essexOnly: true },
  'GET /admin': { who: ADMINS, url: '/admin' },
  'GET /admin/organisations': { who: ADMINS, url: '/admin/organisations' },
  'POST /admin/organisations': { who: ADMINS, url: '/admin/organisations', payload: { name: '' } },
  'GET /admin/people': { who: ADMINS, url: '/admin/people' },
  'POST /admin/people': { who: ADMINS, url: '/admin/people', payload: { email: '' } },
  'GET /admin/people/:personId': { who: ADMINS, url: `/admin/people/${NO_ONE}` },
  'POST /admin/people/:personId/memberships': { who: ADMINS, url: `/admin/people/${NO_ONE}/memberships`, payload: { organisation: '', role: '' } },
  'POST /admin/people/:personId/memberships/:membershipId/remove': { who: ADMINS, url: `/admin/people/${NO_ONE}/memberships/${NO_ONE}/remove` },
  'POST /admin/people/:personId/disable': { who: ADMINS, url: `/admin/people/${NO_ONE}/disable` },
  'POST /admin/people/:personId/enable': { who: ADMINS, url: `/admin/people/${NO_ONE}/enable` },
  'POST /admin/people/:personId/reset-link': { who: ADMINS, url: `/admin/people/${NO_ONE}/reset-link` },
  'GET /admin/audit': { who: ADMINS, url: '/admin/audit' },
  'GET /admin/audit.csv': { who: ADMINS, url: '/admin/audit.csv' },
  'GET /invitations/:token': { who: 'public', url: '/invitations/unknown' },
  'POST /invitations/:token': { who: 'public', url: '/invitations/unknown', payload: { password: 'a' } },
};

type Principal = { name: string; role: Role | null; partnership: 'essex' | 'southend-on-sea' };
const PRINCIPALS: Principal[] = [
  { name: 'signed out', role: null, partnership: 'essex' },
  ...ROLES.map((role) => ({ name: role, role, partnership: 'essex' as const })),
  { name: 'administrator of another partnership', role: 'partnership-admin', partnership: 'southend-on-sea' },
];

function expectedAllowed(row: Row, principal: Principal): boolean {
  if (row.who === 'public') return true;
  if (!principal.role) return false;
  if (row.essexOnly && principal.partnership !== 'essex') return false;
  return row.who === 'signed-in' || row.who.includes(principal.role);
}

describe('authorisation matrix', () => {
  let t: TestApp;
  const visitors = new Map<string, Visitor>();
  let outcomeId = '';

  before(async () => {
    t = await createTestApp();
    outcomeId = (await t.container.plans.planTree('essex-send-improvement-programme')).priorities[0]!.outcomes[0]!.id;
    for (const p of PRINCIPALS) {
      const visitor = new Visitor(t.app);
      if (p.role) {
        const email = `${p.role}.${p.partnership}@matrix.example`;
        const organisation = p.partnership === 'essex' ? 'Essex County Council' : 'Southend-on-Sea City Council';
        await createPerson(t.container, { partnership: p.partnership, email, organisation, role: p.role });
        await visitor.signIn(email);
      }
      visitors.set(p.name, visitor);
    }
  });
  after(() => t.close());

  it('declares every route of the app in the table, and nothing more', () => {
    const inApp = t.app.declaredRoutes.map((r) => `${r.method} ${r.url}`).sort();
    const inTable = Object.keys(ACCESS_TABLE).sort();
    assert.deepEqual(inApp.filter((r) => !inTable.includes(r)), [], 'routes missing from ACCESS_TABLE');
    assert.deepEqual(inTable.filter((r) => !inApp.includes(r)), [], 'ACCESS_TABLE lists routes the app does not have');
  });

  it('declares on each route the access the table expects', () => {
    for (const route of t.app.declaredRoutes) {
      const row = ACCESS_TABLE[`${route.method} ${route.url}`];
      if (!row) continue;
      const declared = 'public' in route.access ? 'public' : 'signedIn' in route.access ? 'signed-in' : [...route.access.roles].sort().join(',');
      const expected = typeof row.who === 'string' ? row.who : [...row.who].sort().join(',');
      assert.equal(declared, expected, `${route.method} ${route.url}`);
    }
  });

  for (const principal of PRINCIPALS) {
    it(`allows and denies every route as declared for: ${principal.name}`, async () => {
      const visitor = visitors.get(principal.name)!;
      const token = csrfFrom((await visitor.get(principal.role ? '/sign-out' : '/sign-in')).body);
      const mismatches: string[] = [];
      // signing out last, so it does not end the session the other requests use
      const rows = Object.entries(ACCESS_TABLE).sort(([a], [b]) => Number(a === 'POST /sign-out') - Number(b === 'POST /sign-out'));
      for (const [key, row] of rows) {
        const [method] = key.split(' ');
        const url = row.url.replace('OUTCOME', outcomeId);
        const res = await t.app.inject({ method: method as 'GET' | 'POST', url, headers: { cookie: visitor.cookies }, ...(method === 'POST' ? { payload: { _csrf: token, ...row.payload } } : {}) });
        const denied = res.statusCode === 401 || res.statusCode === 403 || (res.statusCode === 303 && String(res.headers.location).startsWith('/sign-in?returnTo='));
        const expected = expectedAllowed(row, principal);
        if (denied === expected) mismatches.push(`${key}: expected ${expected ? 'allowed' : 'denied'}, got ${res.statusCode}`);
      }
      assert.deepEqual(mismatches, []);
    });
  }
});
