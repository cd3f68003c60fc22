import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { ROLES, type ApiScope, type Role } from '../../src/modules/accounts/index.ts';
import { createTestApp, type TestApp } from '../helpers/test-server.ts';
import { createPerson, csrfFrom, Visitor } from '../helpers/sign-in.ts';

/**
 * THE declared access table: every route of the app, who may use it, and a sample request.
 * A route missing here (or listed here but gone from the app) fails the first test.
 * `who`: 'public' (anyone), 'signed-in' (any role), or the roles allowed. Roles act only in their own
 * partnership: the Southend administrator is refused everything of Essex except public pages.
 * `{ apiToken: scope }`: an API token with that scope in the Authorization header (cookies never count);
 * the token principals below are checked against every row as well.
 */
type Who = 'public' | 'signed-in' | readonly Role[] | { apiToken: ApiScope };
interface Row {
  who: Who;
  url: string;
  payload?: Record<string, unknown>;
  /** Other-partnership principals are refused even where their role is allowed (Essex-only URLs). */
  essexOnly?: boolean;
  /** API rows: only a token of the organisation that supplies the sample URL's schedule may use it. */
  supplierOnly?: boolean;
}

const isApiRow = (row: Row): row is Row & { who: { apiToken: ApiScope } } => typeof row.who === 'object' && !Array.isArray(row.who);
const describeWho = (who: Who) => (typeof who === 'string' ? who : 'apiToken' in who ? `apiToken:${who.apiToken}` : [...who].sort().join(','));
/** Essex County Council supplies this example schedule (examples/return-schedules.yaml). */
const API_RETURN = '/api/v1/returns/local-offer-users/2025-05';

const PLAN = '/partnerships/essex/plans/essex-send-improvement-programme';
const EDITORS: readonly Role[] = ['partnership-admin', 'plan-editor', 'data-submitter'];
const ADMINS: readonly Role[] = ['partnership-admin'];
const RETURNS: readonly Role[] = ['partnership-admin', 'analyst', 'data-submitter'];
const REVIEWERS: readonly Role[] = ['partnership-admin', 'analyst'];
const RETURN = '/partnerships/essex/returns/advice-timeliness-by-provider/2025-Q1';
const ANALYSTS: readonly Role[] = ['analyst'];
const CASEWORK = '/partnerships/essex/casework';
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
  // data returns: the sample return is supplied by Essex County Council, the data submitter's organisation
  'GET /partnerships/:partnership/returns': { who: RETURNS, url: '/partnerships/essex/returns', essexOnly: true },
  'GET /partnerships/:partnership/returns/:schedule/:period': { who: RETURNS, url: RETURN, essexOnly: true },
  'GET /partnerships/:partnership/returns/:schedule/:period/changes': { who: RETURNS, url: `${RETURN}/changes?from=1&to=2`, essexOnly: true },
  'GET /partnerships/:partnership/returns/:schedule/:period/template.xlsx': { who: RETURNS, url: `${RETURN}/template.xlsx`, essexOnly: true },
  'GET /partnerships/:partnership/returns/:schedule/:period/template.csv': { who: RETURNS, url: `${RETURN}/template.csv`, essexOnly: true },
  'GET /partnerships/:partnership/returns/:schedule/:period/form': { who: RETURNS, url: `${RETURN}/form`, essexOnly: true },
  'POST /partnerships/:partnership/returns/:schedule/:period/form': { who: RETURNS, url: `${RETURN}/form`, payload: { 'r0-numerator': '' }, essexOnly: true },
  'GET /partnerships/:partnership/returns/:schedule/:period/upload': { who: RETURNS, url: `${RETURN}/upload`, essexOnly: true },
  // (sent as a plain form here: allowed callers are asked to choose a file)
  'POST /partnerships/:partnership/returns/:schedule/:period/upload': { who: RETURNS, url: `${RETURN}/upload`, essexOnly: true },
  'POST /partnerships/:partnership/returns/:schedule/:period/upload/confirm': { who: RETURNS, url: `${RETURN}/upload/confirm`, payload: { token: 'not-signed' }, essexOnly: true },
  // nothing is submitted, so allowed callers get 409 for approve and 400 (no reason) for return
  'POST /partnerships/:partnership/returns/:schedule/:period/approve': { who: REVIEWERS, url: `${RETURN}/approve`, essexOnly: true },
  'POST /partnerships/:partnership/returns/:schedule/:period/return': { who: REVIEWERS, url: `${RETURN}/return`, payload: { reason: '' }, essexOnly: true },
  // casework: case-level (pseudonymised) rows and case files, for analysts only (issue 6)
  'GET /partnerships/:partnership/casework': { who: ANALYSTS, url: CASEWORK, essexOnly: true },
  'GET /partnerships/:partnership/casework/worklist': { who: ANALYSTS, url: `${CASEWORK}/worklist?status=overdue`, essexOnly: true },
  'GET /partnerships/:partnership/casework/worklist.csv': { who: ANALYSTS, url: `${CASEWORK}/worklist.csv?status=due-soon&within=14`, essexOnly: true },
  'GET /partnerships/:partnership/casework/import': { who: ANALYSTS, url: `${CASEWORK}/import`, essexOnly: true },
  // find a case (issue 12 item 14): the reference goes in a POST body, never a URL
  'GET /partnerships/:partnership/casework/find': { who: ANALYSTS, url: `${CASEWORK}/find`, essexOnly: true },
  'POST /partnerships/:partnership/casework/find': { who: ANALYSTS, url: `${CASEWORK}/find`, payload: { reference: '' }, essexOnly: true },
  // (sent as a plain form here: analysts are asked to choose the kind and a file)
  'POST /partnerships/:partnership/casework/import': { who: ANALYSTS, url: `${CASEWORK}/import`, payload: { kind: 'ehc-requests' }, essexOnly: true },
  // casework indicators: aggregate figures only (small numbers suppressed), for every signed-in role of the partnership
  'GET /partnerships/:partnership/casework/indicators': { who: 'signed-in', url: `${CASEWORK}/indicators`, essexOnly: true },
  'GET /partnerships/:partnership/casework/indicators/:indicator': { who: 'signed-in', url: `${CASEWORK}/indicators/ehc-plans-within-20-weeks`, essexOnly: true },
  'GET /partnerships/:partnership/casework/indicators/:indicator.csv': { who: 'signed-in', url: `${CASEWORK}/indicators/ehc-plans-within-20-weeks.csv`, essexOnly: true },
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
  'GET /admin/disclosure': { who: ADMINS, url: '/admin/disclosure' },
  'POST /admin/disclosure': { who: ADMINS, url: '/admin/disclosure', payload: { threshold: '' } },
  'GET /invitations/:token': { who: 'public', url: '/invitations/unknown' },
  'POST /invitations/:token': { who: 'public', url: '/invitations/unknown', payload: { password: 'a' } },
  'GET /api/docs': { who: 'public', url: '/api/docs' },
  'GET /api/openapi.json': { who: 'public', url: '/api/openapi.json' },
  'GET /api/v1/schedules': { who: { apiToken: 'returns:write' }, url: '/api/v1/schedules' },
  'GET /api/v1/returns/:schedule/:period': { who: { apiToken: 'returns:write' }, url: API_RETURN, essexOnly: true, supplierOnly: true },
  // an empty return: allowed callers get 422 (nothing saved), refused ones 401/403/404
  'POST /api/v1/returns/:schedule/:period': { who: { apiToken: 'returns:write' }, url: API_RETURN, payload: { rows: [] }, essexOnly: true, supplierOnly: true },
  'GET /admin/api-tokens': { who: ADMINS, url: '/admin/api-tokens' },
  'POST /admin/api-tokens': { who: ADMINS, url: '/admin/api-tokens', payload: { organisation: '', name: '' } },
  'GET /admin/api-tokens/:tokenId/revoke': { who: ADMINS, url: `/admin/api-tokens/${NO_ONE}/revoke` },
  'POST /admin/api-tokens/:tokenId/revoke': { who: ADMINS, url: `/admin/api-tokens/${NO_ONE}/revoke` },
};

type Principal = { name: string; role: Role | null; partnership: 'essex' | 'southend-on-sea' };
const PRINCIPALS: Principal[] = [
  { name: 'signed out', role: null, partnership: 'essex' },
  ...ROLES.map((role) => ({ name: role, role, partnership: 'essex' as const })),
  { name: 'administrator of another partnership', role: 'partnership-admin', partnership: 'southend-on-sea' },
];

/** API tokens as principals: sent in the Authorization header, with no cookie. */
type TokenHolder = { name: string; token: string; works: boolean; essex: boolean; supplier: boolean };

function expectedAllowedForToken(row: Row, holder: TokenHolder): boolean {
  if (!isApiRow(row)) return false; // a token opens API routes only (public rows are not asked)
  return holder.works && (!row.essexOnly || holder.essex) && (!row.supplierOnly || holder.supplier);
}

function expectedAllowed(row: Row, principal: Principal): boolean {
  if (row.who === 'public') return true;
  if (typeof row.who === 'object' && 'apiToken' in row.who) return false; // a session cookie never opens an API token route
  if (!principal.role) return false;
  if (row.essexOnly && principal.partnership !== 'essex') return false;
  return row.who === 'signed-in' || row.who.includes(principal.role);
}

describe('authorisation matrix', () => {
  let t: TestApp;
  const visitors = new Map<string, Visitor>();
  const holders: TokenHolder[] = [];
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
    const partnership = async (slug: string) => (await t.container.returns.partnership(slug))!.id;
    const [essex, southend] = [await partnership('essex'), await partnership('southend-on-sea')];
    const organisation = async (partnershipId: string, name: string) => (await t.database.db.selectFrom('organisations').select('id').where('partnership_id', '=', partnershipId).where('name', '=', name).executeTakeFirstOrThrow()).id;
    const actor = { label: 'matrix', personId: null };
    const make = async (partnershipId: string, organisationName: string, name: string) => t.container.apiTokens.create(partnershipId, await organisation(partnershipId, organisationName), name, actor);
    const supplier = await make(essex, 'Essex County Council', 'supplier');
    const other = await make(essex, 'NHS Mid and South Essex ICB', 'other organisation');
    const revoked = await make(essex, 'Essex County Council', 'revoked');
    await t.container.apiTokens.revoke(essex, revoked.id, actor);
    const unscoped = await make(essex, 'Essex County Council', 'no scope');
    await t.database.db.updateTable('api_tokens').set({ scopes: JSON.stringify([]) }).where('id', '=', unscoped.id).execute();
    const southendToken = await make(southend, 'NHS Mid and South Essex ICB', 'other partnership');
    holders.push(
      { name: 'token of the supplying organisation', token: supplier.token, works: true, essex: true, supplier: true },
      { name: 'token of another organisation', token: other.token, works: true, essex: true, supplier: false },
      { name: 'token of another partnership', token: southendToken.token, works: true, essex: false, supplier: false },
      { name: 'revoked token', token: revoked.token, works: false, essex: true, supplier: true },
      { name: 'token without the scope', token: unscoped.token, works: false, essex: true, supplier: true },
      { name: 'malformed token', token: `${supplier.token.slice(0, -1)}!`, works: false, essex: true, supplier: true },
    );
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
      const access = route.access;
      const declared = 'public' in access ? 'public' : 'signedIn' in access ? 'signed-in' : 'apiToken' in access ? `apiToken:${access.apiToken}` : [...access.roles].sort().join(',');
      const expected = describeWho(row.who);
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

  it('allows API tokens on API routes only, as declared, and never on cookie routes', async () => {
    const mismatches: string[] = [];
    for (const holder of holders) {
      for (const [key, row] of Object.entries(ACCESS_TABLE)) {
        if (row.who === 'public') continue;
        const [method] = key.split(' ');
        const res = await t.app.inject({ method: method as 'GET' | 'POST', url: row.url, headers: { authorization: `Bearer ${holder.token}` }, ...(method === 'POST' ? { payload: { ...row.payload } } : {}) });
        // 404: a token of another partnership does not see this partnership's schedules at all
        const denied = [401, 403, 404].includes(res.statusCode) || (res.statusCode === 303 && String(res.headers.location).startsWith('/sign-in?returnTo='));
        const expected = expectedAllowedForToken(row, holder);
        if (denied === expected) mismatches.push(`${holder.name}, ${key}: expected ${expected ? 'allowed' : 'denied'}, got ${res.statusCode}`);
      }
    }
    assert.deepEqual(mismatches, []);
  });
});
