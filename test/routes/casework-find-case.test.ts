// Route tests of "find a case" (issue 12 item 14) on real services (PGlite; PostgreSQL with DATABASE_URL), today
// 15 June 2025: an analyst types the reference from their own casework system and sees the pseudonymised records it
// matches with each timescale's status; every look-up is audited without the reference, which is in no URL, log line,
// table or page. Other roles are refused (the authorisation matrix lists the routes too).
import assert from 'node:assert/strict';
import { Writable } from 'node:stream';
import { after, before, describe, it } from 'node:test';
import { sql } from 'kysely';
import { createPseudonymiser } from '../../src/casework/pseudonym.ts';
import { csvFile, EHC_HEADINGS, ehcRow } from '../factories/casework-files.ts';
import { tableChecksums } from '../helpers/table-checksums.ts';
import { createPerson, Visitor } from '../helpers/sign-in.ts';
import { createTestApp, TEST_PSEUDONYM_KEY, type TestApp } from '../helpers/test-server.ts';

const FIND = '/partnerships/essex/casework/find';
const REFERENCE = 'R-2025-0412';
const kind = process.env.DATABASE_URL ? 'postgres' : 'pglite';
const text = (html: string) => html.replace(/<[^>]*>/g, ' ').replace(/&#39;/g, "'").replace(/&amp;/g, '&').replace(/\s+/g, ' ').trim();
const mainOf = (html: string) => /<main\b[^>]*>([\s\S]*)<\/main>/.exec(html)?.[1] ?? '';
const bodyRows = (html: string, from: string) => {
  const body = /<tbody[^>]*>([\s\S]*?)<\/tbody>/.exec(html.slice(html.indexOf(from)))?.[1] ?? '';
  return [...body.matchAll(/<tr\b[^>]*>([\s\S]*?)<\/tr>/g)].map((r) => [...r[1]!.matchAll(/<t[hd]\b[^>]*>([\s\S]*?)<\/t[hd]>/g)].map((c) => text(c[1]!)));
};
const summaryLinks = (html: string) => [...(/<div class="govuk-error-summary"[\s\S]*?<\/ul>/.exec(html)?.[0] ?? '').matchAll(/<a href="([^"]+)">([\s\S]*?)<\/a>/g)].map((m) => [m[1]!, text(m[2]!)]);
const ADVICE_HEADINGS = ['Record ID', 'Person ID', 'Area', 'Age', 'Assessment ID', 'Advice type', 'Provider', 'Requested date', 'Received date', 'Missed appointment'];

describe(`find a case (${kind})`, () => {
  let t: TestApp;
  let analyst: Visitor;
  let essex: string;
  let logs = '';
  const lookups = () => t.database.db.selectFrom('audit_events').select(['actor', 'record_type', 'record_id', 'details']).where('action', '=', 'casework.case-looked-up').orderBy('id').execute();

  before(async () => {
    const stream = new Writable({ write: (chunk, _encoding, done) => { logs += String(chunk); done(); } });
    t = await createTestApp({ kind, app: { logger: { level: 'trace', stream } } });
    essex = (await t.container.casework.partnershipId('essex'))!;
    for (const role of ['analyst', 'partnership-admin', 'plan-editor']) await createPerson(t.container, { partnership: 'essex', email: `${role}@find.example`, organisation: 'Essex County Council', role });
    const actor = { personId: null, label: 'command line' };
    // An open request whose 20-week deadline (reg 13(2)) is today, and a closed one in time, under another reference.
    const requests = [
      ehcRow({ 'Record ID': REFERENCE, 'Person ID': 'P-FIND-1', Area: 'Mid', 'Received date': '2025-01-26', 'Request outcome date': '2025-03-01', 'Assessment outcome': '', 'Assessment outcome date': '', 'Draft plan date': '', 'Final plan date': '' }),
      ehcRow({ 'Record ID': 'EHC-0001', 'Person ID': 'P-FIND-2' }),
    ];
    assert.ok((await t.container.casework.import(essex, 'ehc-requests', csvFile([EHC_HEADINGS, ...requests]), 'requests.csv', actor)).ok);
    // The same reference in another record kind (the advice for that assessment), received in time (reg 8: 6 weeks).
    const advice = [[REFERENCE, 'P-FIND-1', 'Mid', 7, REFERENCE, 'health', 'EPUT', '2025-03-03', '2025-04-01', 'N']];
    assert.ok((await t.container.casework.import(essex, 'advice-requests', csvFile([ADVICE_HEADINGS, ...advice]), 'advice.csv', actor)).ok);
    analyst = await new Visitor(t.app).signIn('analyst@find.example');
  });
  after(() => t.close());

  it('shows the records the reference matches, in every kind, with each timescale as the worklist computes it', async () => {
    const res = await analyst.post(FIND, { reference: ` ${REFERENCE.toLowerCase()} ` });
    assert.equal(res.statusCode, 200);
    const main = mainOf(res.body);
    assert.match(text(main), /2 records match that reference/);
    const person = t.container.casework.shortPseudonymOf(essex, 'P-FIND-1');
    assert.match(text(main), new RegExp(`EHC needs assessment requests Person \\(pseudonym\\) ${person} Area Mid`));
    assert.match(text(main), new RegExp(`Advice requests Person \\(pseudonym\\) ${person} Area Mid`));
    const ehc = bodyRows(main, 'id="case-1"');
    assert.deepEqual(ehc.find((r) => r[0]!.startsWith('T06')), ['T06 Final EHC plan issued within 20 weeks of the request', '26 January 2025', '15 June 2025', 'Not yet', 'Open, due soon', 'Due today', 'No']);
    const advice = bodyRows(main, 'id="case-2"');
    assert.equal(advice.length, 1);
    assert.deepEqual(advice[0]!.slice(1), ['3 March 2025', '14 April 2025', '1 April 2025', 'Met', '', 'No']);
    assert.equal(res.headers['cache-control'], 'no-store');
  });

  it('never repeats, stores, audits or logs the reference or its hash', async () => {
    const key = createPseudonymiser(TEST_PSEUDONYM_KEY)(essex, 'record', REFERENCE);
    const before = await tableChecksums(t.database);
    logs = '';
    const res = await analyst.post(FIND, { reference: REFERENCE });
    assert.equal(res.statusCode, 200);
    assert.doesNotMatch(res.body, new RegExp(REFERENCE, 'i'), 'the page does not repeat it');
    assert.doesNotMatch(res.body, new RegExp(key.slice(0, 10)), 'nor show its hash');
    const input = /class="govuk-input govuk-input--width-20" id="reference" name="reference"[^>]*>/.exec(res.body);
    assert.ok(input, 'the form is shown again');
    assert.doesNotMatch(input[0], /value=/, 'empty');
    assert.ok(logs.length > 0, 'the request was logged');
    assert.doesNotMatch(logs, new RegExp(`${REFERENCE}|${key}`, 'i'), 'no log line has the reference');
    const { sessions: _s, audit_events: auditBefore, ...otherBefore } = before;
    const { sessions: _a, audit_events: auditAfter, ...otherAfter } = await tableChecksums(t.database);
    assert.deepEqual(otherAfter, otherBefore, 'only the audit trail is written');
    assert.notEqual(auditAfter, auditBefore);
    const { rows } = await sql<{ n: number }>`select count(*)::int as n from audit_events where details::text ilike ${`%${REFERENCE}%`} or details::text like ${`%${key}%`} or coalesce(record_id, '') ilike ${`%${REFERENCE}%`}`.execute(t.database.db);
    assert.equal(rows[0]!.n, 0);
  });

  it('audits every look-up, found or not, with who looked and what was found', async () => {
    const already = (await lookups()).length;
    const res = await analyst.post(FIND, { reference: 'NO-SUCH-CASE' });
    assert.equal(res.statusCode, 200);
    assert.match(text(mainOf(res.body)), /No case matches that reference/);
    const events = (await lookups()).slice(already - 1).map((e) => ({ ...e, details: typeof e.details === 'string' ? JSON.parse(e.details) : e.details }));
    const person = t.container.casework.shortPseudonymOf(essex, 'P-FIND-1');
    assert.deepEqual(events, [
      { actor: 'analyst@find.example', record_type: 'casework-case', record_id: null, details: { matches: 2, kinds: ['ehc-requests', 'advice-requests'], people: [person, person], today: '2025-06-15' } },
      { actor: 'analyst@find.example', record_type: 'casework-case', record_id: null, details: { matches: 0, kinds: [], people: [], today: '2025-06-15' } },
    ]);
  });

  it('looks nothing up from a URL: the form is a POST and GET shows only the form', async () => {
    const already = (await lookups()).length;
    const res = await analyst.get(`${FIND}?reference=${REFERENCE}`);
    assert.equal(res.statusCode, 200);
    assert.match(res.body, /<form method="post" action="\/partnerships\/essex\/casework\/find"/);
    assert.doesNotMatch(res.body, /id="results"/);
    assert.equal((await lookups()).length, already);
    assert.match((await analyst.get('/partnerships/essex/casework')).body, /href="\/partnerships\/essex\/casework\/find"/);
  });

  it('asks for a reference, with the error on the field, and audits nothing', async () => {
    const already = (await lookups()).length;
    for (const [reference, message] of [['  ', 'Enter the case reference from your casework system'], ['x'.repeat(101), 'The case reference must be 100 characters or fewer']]) {
      const res = await analyst.post(FIND, { reference: reference! });
      assert.equal(res.statusCode, 400);
      assert.deepEqual(summaryLinks(res.body), [['#reference', message]]);
      assert.match(res.body, /id="reference-error"/);
    }
    assert.equal((await lookups()).length, already);
  });

  it('is for analysts only', async () => {
    for (const role of ['partnership-admin', 'plan-editor']) {
      const visitor = await new Visitor(t.app).signIn(`${role}@find.example`);
      assert.equal((await visitor.get(FIND)).statusCode, 403, role);
    }
    assert.equal((await t.app.inject({ method: 'POST', url: FIND, payload: { reference: REFERENCE } })).statusCode, 401);
  });
});
