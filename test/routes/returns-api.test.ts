// The data returns API on the real app and a fresh PGlite database: tokens made on the admin pages,
// returns sent as JSON, every refusal (401/403/400/409/415/422) leaving the database as it was,
// and the OpenAPI document whose examples the real endpoint accepts.
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { after, before, describe, it } from 'node:test';
import { REQUEST_EXAMPLES, type OpenApiDocument } from '../../src/modules/returns/index.ts';
import { createPerson, Visitor } from '../helpers/sign-in.ts';
import { tableChecksums } from '../helpers/table-checksums.ts';
import { createTestApp, TEST_TODAY, type TestApp } from '../helpers/test-server.ts';

const TOKEN = /sot_[0-9a-f]{8}_[A-Za-z0-9_-]{43}/;
const ADVICE = '/api/v1/returns/advice-timeliness-by-provider';
const ADMIN = 'admin@essex.example';
/** A fixed instant, so the "last used" time a token gets is the same at every request and checksums compare. */
const NOW = new Date(`${TEST_TODAY}T10:00:00Z`);

const adviceRows = (total = 60) => [
  { breakdown: 'Total', numerator: total, denominator: 90 },
  { breakdown: 'Educational psychology', numerator: 20, denominator: 30 },
  { breakdown: 'Health', numerator: total - 35, denominator: 30 },
  { breakdown: 'Social care', numerator: 15, denominator: 30 },
];

describe('data returns API', () => {
  let t: TestApp;
  let admin: Visitor;
  let essex = '';
  let council = '';
  let icb = '';
  let councilToken = '';

  const api = (method: 'GET' | 'POST', url: string, token: string | null, body?: unknown, headers: Record<string, string> = {}) =>
    t.app.inject({
      method,
      url,
      headers: { ...(token ? { authorization: `Bearer ${token}` } : {}), ...(body !== undefined && typeof body !== 'string' ? { 'content-type': 'application/json' } : {}), ...headers },
      ...(body === undefined ? {} : { payload: typeof body === 'string' ? body : JSON.stringify(body) }),
    });

  /** Creates a token through the admin pages, as an administrator would, and reads it off the page shown once. */
  async function tokenFromAdminPage(organisationId: string, name: string): Promise<string> {
    const res = await admin.post('/admin/api-tokens', { organisation: organisationId, name });
    assert.equal(res.statusCode, 200, res.body.slice(0, 500));
    assert.match(res.body, /Copy the token now/);
    const token = TOKEN.exec(res.body)?.[0];
    assert.ok(token, 'the page shows the token');
    return token;
  }

  const organisation = async (name: string) => (await t.database.db.selectFrom('organisations').select('id').where('partnership_id', '=', essex).where('name', '=', name).executeTakeFirstOrThrow()).id;

  before(async () => {
    t = await createTestApp({ clock: { today: () => TEST_TODAY, now: () => NOW } });
    essex = (await t.container.returns.partnership('essex'))!.id;
    council = await organisation('Essex County Council');
    icb = await organisation('NHS Mid and South Essex ICB');
    await createPerson(t.container, { partnership: 'essex', email: ADMIN, organisation: 'Essex County Council', role: 'partnership-admin' });
    admin = await new Visitor(t.app).signIn(ADMIN);
    councilToken = await tokenFromAdminPage(council, 'Case management system');
  });
  after(() => t.close());

  it('takes a return from a token made on the admin page, and shows its figures back', async () => {
    const list = await admin.get('/admin/api-tokens');
    assert.equal(list.statusCode, 200);
    assert.match(list.body, /Case management system/);
    assert.doesNotMatch(list.body, TOKEN, 'the list never shows a whole token again');

    const sent = await api('POST', `${ADVICE}/2024-Q4`, councilToken, { rows: adviceRows(), note: 'Health figure provisional' });
    assert.equal(sent.statusCode, 201, sent.body);
    assert.deepEqual(sent.json().return, { schedule: 'advice-timeliness-by-provider', period: '2024-Q4', status: 'draft', revision: 1 });
    assert.equal(sent.headers.location, `${ADVICE}/2024-Q4`);

    const read = await api('GET', `${ADVICE}/2024-Q4`, councilToken);
    assert.equal(read.statusCode, 200);
    const back = read.json().return;
    assert.equal(back.status, 'draft');
    assert.equal(back.note, 'Health figure provisional');
    assert.deepEqual(back.rows, adviceRows());
    assert.deepEqual(back.history.map((h: { channel: string; action: string }) => [h.action, h.channel]), [['saved', 'api']]);

    const schedules = (await api('GET', '/api/v1/schedules', councilToken)).json();
    assert.equal(schedules.organisation.name, 'Essex County Council');
    assert.deepEqual(schedules.schedules.map((s: { schedule: string }) => s.schedule).sort(), ['advice-timeliness-by-provider', 'local-offer-users']);
    const q4 = schedules.schedules.find((s: { schedule: string }) => s.schedule === 'advice-timeliness-by-provider').obligations.find((o: { period: string }) => o.period === '2024-Q4');
    assert.deepEqual([q4.status, q4.revision, q4.links.self], ['draft', 1, `${ADVICE}/2024-Q4`]);
  });

  it('keeps only a SHA-256 of the token, never the token itself', async () => {
    const rows = await t.database.db.selectFrom('api_tokens').selectAll().execute();
    const row = rows.find((r) => r.token_hash === createHash('sha256').update(councilToken).digest('hex'));
    assert.ok(row, 'the stored hash is the SHA-256 of the token');
    assert.notEqual(row.token_hash, councilToken);
    const secret = councilToken.split('_')[2]!;
    assert.ok(!JSON.stringify(rows).includes(secret), 'no column holds the secret part of a token');
    const audit = await t.database.db.selectFrom('audit_events').select(['action', 'details']).where('action', '=', 'api-token.created').execute();
    assert.ok(!JSON.stringify(audit).includes(secret) && audit.length > 0, 'the audit trail records the token, not its secret');
  });

  it('answers 401 with WWW-Authenticate for no token, a wrong one or a revoked one, and ignores session cookies', async () => {
    const revokedToken = await tokenFromAdminPage(council, 'Old export');
    const id = (await t.database.db.selectFrom('api_tokens').select('id').where('name', '=', 'Old export').executeTakeFirstOrThrow()).id;
    const confirm = await admin.get(`/admin/api-tokens/${id}/revoke`);
    assert.match(confirm.body, /Revoke this API token\?/);
    const revoked = await admin.post(`/admin/api-tokens/${id}/revoke`, {}, `/admin/api-tokens/${id}/revoke`);
    assert.equal(revoked.headers.location, '/admin/api-tokens?done=revoked');

    const before = await tableChecksums(t.database);
    const wrong = `sot_00000000_${'A'.repeat(43)}`;
    const cases: [string, Awaited<ReturnType<typeof api>>, string][] = [
      ['no token', await api('POST', `${ADVICE}/2025-Q1`, null, { rows: adviceRows() }), 'Bearer realm="send-outcomes"'],
      ['an unknown token', await api('POST', `${ADVICE}/2025-Q1`, wrong, { rows: adviceRows() }), 'Bearer realm="send-outcomes", error="invalid_token"'],
      ['a revoked token', await api('POST', `${ADVICE}/2025-Q1`, revokedToken, { rows: adviceRows() }), 'Bearer realm="send-outcomes", error="invalid_token"'],
      ['a revoked token, reading', await api('GET', '/api/v1/schedules', revokedToken), 'Bearer realm="send-outcomes", error="invalid_token"'],
      ['basic authentication', await api('GET', '/api/v1/schedules', null, undefined, { authorization: `Basic ${Buffer.from('a:b').toString('base64')}` }), 'Bearer realm="send-outcomes"'],
      ['a session cookie', await api('POST', `${ADVICE}/2025-Q1`, null, { rows: adviceRows() }, { cookie: admin.cookies }), 'Bearer realm="send-outcomes"'],
    ];
    for (const [name, res, challenge] of cases) {
      assert.equal(res.statusCode, 401, name);
      assert.equal(res.headers['www-authenticate'], challenge, name);
      assert.equal(res.json().error, 'unauthorised', name);
      assert.equal(res.headers['set-cookie'], undefined, `${name}: an API answer sets no cookie`);
    }
    assert.deepEqual(await tableChecksums(t.database), before);
  });

  it('answers 403 for another organisation’s schedule or a token without the scope, changing nothing', async () => {
    const icbToken = (await t.container.apiTokens.create(essex, icb, 'ICB warehouse', { label: 'test', personId: null })).token;
    const unscoped = await t.container.apiTokens.create(essex, council, 'no scope', { label: 'test', personId: null });
    await t.database.db.updateTable('api_tokens').set({ scopes: JSON.stringify([]) }).where('id', '=', unscoped.id).execute();
    await api('GET', '/api/v1/schedules', icbToken); // first use sets "last used"; the clock is fixed, so later uses change nothing
    await api('GET', '/api/v1/schedules', unscoped.token);
    const before = await tableChecksums(t.database);
    const other = await api('POST', `${ADVICE}/2025-Q1`, icbToken, { rows: adviceRows() });
    assert.equal(other.statusCode, 403);
    assert.match(other.json().message, /supplied by Essex County Council; this token is for NHS Mid and South Essex ICB/);
    assert.equal((await api('GET', `${ADVICE}/2025-Q1`, icbToken)).statusCode, 403);
    const scopeless = await api('POST', `${ADVICE}/2025-Q1`, unscoped.token, { rows: adviceRows() });
    assert.equal(scopeless.statusCode, 403);
    assert.equal(scopeless.headers['www-authenticate'], 'Bearer realm="send-outcomes", error="insufficient_scope", scope="returns:write"');
    assert.deepEqual(await tableChecksums(t.database), before);
  });

  it('answers 400 for malformed JSON or a wrong period, 404 for an unknown schedule and 415 for a body that is not JSON', async () => {
    const before = await tableChecksums(t.database);
    const broken = await api('POST', `${ADVICE}/2025-Q1`, councilToken, '{"rows": [{"breakdown": "Total", "numerator": 6', { 'content-type': 'application/json' });
    assert.equal(broken.statusCode, 400);
    assert.equal(broken.json().error, 'invalid-json');
    const empty = await api('POST', `${ADVICE}/2025-Q1`, councilToken, '', { 'content-type': 'application/json' });
    assert.deepEqual([empty.statusCode, empty.json().error], [400, 'invalid-json']);
    const period = await api('POST', `${ADVICE}/2025-13`, councilToken, { rows: adviceRows() });
    assert.deepEqual([period.statusCode, period.json().error], [400, 'invalid']);
    assert.equal((await api('POST', `${ADVICE}/2023-Q1`, councilToken, { rows: adviceRows() })).statusCode, 400, 'before the schedule began');
    const unknown = await api('GET', '/api/v1/returns/no-such-schedule/2025-Q1', councilToken);
    assert.deepEqual([unknown.statusCode, unknown.json().error], [404, 'not-found']);
    const form = await api('POST', `${ADVICE}/2025-Q1`, councilToken, 'rows=1', { 'content-type': 'application/x-www-form-urlencoded' });
    assert.deepEqual([form.statusCode, form.json().error], [415, 'unsupported-media-type']);
    assert.deepEqual(await tableChecksums(t.database), before);
  });

  it('answers 422 with a JSON pointer for every problem in the form of the body, saving nothing', async () => {
    const before = await tableChecksums(t.database);
    const res = await api('POST', `${ADVICE}/2025-Q1`, councilToken, {
      rows: [{ breakdown: 'Total', numerator: '60', denominator: 90 }, { breakdown: 'Health', denominator: 30 }, { breakdown: 'Social care', count: 3, numerator: 1, denominator: 2 }],
      note: 42,
      sumbit: true,
    });
    assert.equal(res.statusCode, 422);
    const body = res.json();
    assert.equal(body.error, 'invalid-return');
    const paths = Object.fromEntries(body.problems.map((p: { path: string; message: string }) => [p.path, p.message]));
    assert.deepEqual(Object.keys(paths).sort(), ['/note', '/rows/0/numerator', '/rows/1/numerator', '/rows/2/count', '/sumbit']);
    assert.equal(paths['/rows/0/numerator'], 'The numerator must be a number, not text');
    assert.equal(paths['/rows/1/numerator'], 'Give the numerator');
    assert.match(paths['/rows/2/count']!, /"count" is not expected here: a row of a ratio return has "breakdown", "numerator" and "denominator"/);
    assert.deepEqual(await tableChecksums(t.database), before);
  });

  it('answers 422 with a JSON pointer for every figure that fails its check, saving nothing', async () => {
    const before = await tableChecksums(t.database);
    const res = await api('POST', `${ADVICE}/2025-Q1`, councilToken, {
      rows: [
        { breakdown: 'Total', numerator: 60, denominator: 90 },
        { breakdown: 'Educational psychology', numerator: -2, denominator: 30 },
        { breakdown: 'Health', numerator: 31, denominator: 30 },
        { breakdown: 'Astrology', numerator: 1, denominator: 2 },
        { breakdown: 'Health', numerator: 2.5, denominator: 30 },
      ],
      submit: true,
    });
    assert.equal(res.statusCode, 422);
    const problems: { path: string; message: string }[] = res.json().problems;
    assert.deepEqual(problems, [
      { path: '/rows/1/numerator', message: 'Provider "Educational psychology": the numerator cannot be negative' },
      { path: '/rows/2/numerator', message: 'Provider "Health": the numerator (31) cannot be more than the denominator (30)' },
      { path: '/rows/3/breakdown', message: 'Provider "Astrology" is not in this schedule; use one of: Total, Educational psychology, Health, Social care, Unknown provider' },
      { path: '/rows/4/breakdown', message: 'Provider "Health" appears more than once' },
      { path: '/rows/4/numerator', message: 'Provider "Health": the numerator must be a whole number' },
      { path: '/rows', message: 'There is no row for Provider "Social care"' },
    ]);
    assert.deepEqual(await tableChecksums(t.database), before);
  });

  it('answers 409 while a submitted return waits for review, changing nothing', async () => {
    const first = await api('POST', `${ADVICE}/2025-Q2`, councilToken, { rows: adviceRows(), submit: true });
    assert.deepEqual(first.json().return, { schedule: 'advice-timeliness-by-provider', period: '2025-Q2', status: 'submitted', revision: 1 });
    const before = await tableChecksums(t.database);
    const again = await api('POST', `${ADVICE}/2025-Q2`, councilToken, { rows: adviceRows(61), submit: true });
    assert.deepEqual([again.statusCode, again.json().error], [409, 'conflict']);
    assert.deepEqual(await tableChecksums(t.database), before);
    assert.equal((await api('GET', `${ADVICE}/2025-Q2`, councilToken)).json().return.status, 'submitted');
  });

  it('answers 422 for a Total that is not the sum of its rows, and takes an "Unknown provider" row the Total includes (issue 12 item 7)', async () => {
    const before = await tableChecksums(t.database);
    const wrong = await api('POST', `${ADVICE}/2025-Q1`, councilToken, { rows: [{ breakdown: 'Total', numerator: 10, denominator: 90 }, ...adviceRows().slice(1)] });
    assert.equal(wrong.statusCode, 422);
    assert.deepEqual(wrong.json().problems, [{ path: '/rows/0/numerator', message: 'Total: the numerator (10) is not the sum of the provider rows (60); correct the Total or a row, or if the Total includes cases whose provider is not known, give them on the row "Unknown provider"' }]);
    assert.deepEqual(await tableChecksums(t.database), before);
    const rows = [{ breakdown: 'Total', numerator: 70, denominator: 100 }, ...adviceRows().slice(1), { breakdown: 'unknown provider', numerator: 10, denominator: 10 }];
    const sent = await api('POST', `${ADVICE}/2025-Q1`, councilToken, { rows });
    assert.equal(sent.statusCode, 201, sent.body);
    const back = (await api('GET', `${ADVICE}/2025-Q1`, councilToken)).json().return.rows as { breakdown: string }[];
    assert.ok(back.some((r) => JSON.stringify(r) === JSON.stringify({ breakdown: 'Unknown provider', numerator: 10, denominator: 10 })), JSON.stringify(back));
  });

  it('takes a body far above the site-wide 256 KB limit (20,000 rows of an open breakdown)', async () => {
    const measure = await t.database.db.selectFrom('measures').select('id').where('partnership_id', '=', essex).where('slug', '=', 'essex-local-offer-website-users').executeTakeFirstOrThrow();
    await t.container.returns.createSchedule(essex, { slug: 'users-by-school', measureId: measure.id, organisationId: council, grain: 'month', shape: 'count', breakdown: 'school', breakdownValues: [], deadlineDays: 10, firstPeriodStart: '2025-01-01' }, { label: 'test', personId: null, organisationId: null, reviewer: true });
    const schools = Array.from({ length: 20_000 }, (_, i) => ({ breakdown: `School ${String(i).padStart(5, '0')} with a longish name`, count: i % 17 }));
    const rows = [{ count: schools.reduce((sum, s) => sum + s.count, 0) }, ...schools];
    const body = JSON.stringify({ rows });
    assert.ok(body.length > 1_000_000);
    const res = await api('POST', '/api/v1/returns/users-by-school/2025-05', councilToken, body, { 'content-type': 'application/json' });
    assert.equal(res.statusCode, 201, res.body.slice(0, 300));
    assert.equal((await api('GET', '/api/v1/returns/users-by-school/2025-05', councilToken)).json().return.rows.length, 20_001);
  });

  describe('OpenAPI document', () => {
    let document: OpenApiDocument;
    before(async () => {
      const res = await t.app.inject({ method: 'GET', url: '/api/openapi.json' });
      assert.equal(res.statusCode, 200);
      assert.match(String(res.headers['content-type']), /^application\/json/);
      document = JSON.parse(res.body) as OpenApiDocument;
    });

    it('is OpenAPI 3.1 with the three operations, each behind the bearer token scheme, and every reference resolving', () => {
      assert.equal(document.openapi, '3.1.0');
      const operations = Object.entries(document.paths).flatMap(([path, item]) => (['get', 'post'] as const).filter((m) => item[m]).map((m) => `${m.toUpperCase()} ${path}`));
      assert.deepEqual(operations.sort(), ['GET /api/v1/returns/{schedule}/{period}', 'GET /api/v1/schedules', 'POST /api/v1/returns/{schedule}/{period}']);
      assert.deepEqual(document.components.securitySchemes.bearerToken, { ...document.components.securitySchemes.bearerToken, type: 'http', scheme: 'bearer' });
      for (const item of Object.values(document.paths)) {
        for (const op of [item.get, item.post].filter((o) => o !== undefined)) {
          assert.deepEqual(op.security, [{ bearerToken: ['returns:write'] }], op.operationId);
          for (const status of ['401', '403', '429']) assert.ok(op.responses[status], `${op.operationId} documents ${status}`);
        }
      }
      const refs = [...JSON.stringify(document).matchAll(/"\$ref":"#\/components\/(schemas|responses)\/([^"]+)"/g)];
      assert.ok(refs.length > 5);
      for (const [, kind, name] of refs) assert.ok(document.components[kind as 'schemas' | 'responses'][name!], `${kind}/${name} is defined`);
      const post = document.paths['/api/v1/returns/{schedule}/{period}']!.post!;
      assert.deepEqual(Object.keys(post.responses).sort(), ['201', '400', '401', '403', '404', '409', '413', '415', '422', '429']);
      assert.deepEqual(Object.keys(post.requestBody!.content['application/json']!.examples!).sort(), ['count', 'ratio', 'value']);
    });

    it('has example bodies the real endpoint accepts', async () => {
      const examples = document.paths['/api/v1/returns/{schedule}/{period}']!.post!.requestBody!.content['application/json']!.examples!;
      assert.deepEqual(examples, JSON.parse(JSON.stringify(REQUEST_EXAMPLES)));
      for (const [name, example] of Object.entries(examples)) {
        const path = example['x-example-path']!;
        const schedule = await t.container.returns.schedule(essex, path.split('/')[4]!);
        const token = (await t.container.apiTokens.create(essex, schedule.organisationId, `example ${name}`, { label: 'test', personId: null })).token;
        const res = await api('POST', path, token, example.value);
        assert.equal(res.statusCode, 201, `${name}: ${res.body}`);
        const stored = (await api('GET', path, token)).json().return;
        assert.deepEqual(stored.rows.length, (example.value as { rows: unknown[] }).rows.length, name);
      }
    });

    it('is rendered at /api/docs with every operation, the token instructions and no outside scripts', async () => {
      const res = await t.app.inject({ method: 'GET', url: '/api/docs' });
      assert.equal(res.statusCode, 200);
      for (const text of ['GET /api/v1/schedules', 'GET /api/v1/returns/{schedule}/{period}', 'POST /api/v1/returns/{schedule}/{period}', 'Getting an API token', 'rows[].numerator', '/rows/2/numerator', 'Authorization: Bearer &lt;token&gt;']) {
        assert.ok(res.body.includes(text), `the page shows ${text}`);
      }
      assert.doesNotMatch(res.body, /<script[^>]+src="(https?:)?\/\//, 'no script from another site');
    });
  });
});

describe('data returns API rate limit', () => {
  it('limits each address per minute on API routes, before looking at the token, with a JSON 429', async () => {
    const t = await createTestApp({ examples: false, app: { apiRateLimit: 2 } });
    try {
      const statuses: number[] = [];
      let last;
      for (let i = 0; i < 3; i += 1) {
        last = await t.app.inject({ method: 'GET', url: '/api/v1/schedules', headers: { authorization: `Bearer sot_00000000_${'A'.repeat(43)}` } });
        statuses.push(last.statusCode);
      }
      assert.deepEqual(statuses, [401, 401, 429]);
      assert.equal(last!.json().error, 'rate-limited');
    } finally {
      await t.close();
    }
  });
});
