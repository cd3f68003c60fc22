// Route tests of the casework pages (app.inject, real services on PGlite with the example plans; today is
// 15 June 2025): the analyst's worklist of known open cases with its filters, pages and CSV, each read in the
// audit trail; every other role refused; the import form refusing identifiers (nothing written) and importing.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { addDays } from '../../src/casework/calendar-dates.ts';
import { isValidNhsNumber } from '../../src/casework/identifier-detection.ts';
import { ROLES } from '../../src/modules/accounts/index.ts';
import { worklistCsv } from '../../src/modules/casework/casework-export.ts';
import { ukDate } from '../../src/web/nunjucks-filters.ts';
import type { WorklistRow } from '../../src/modules/casework/index.ts';
import { csvFile, EHC_HEADINGS, ehcRow } from '../factories/casework-files.ts';
import { postMultipart } from '../helpers/multipart.ts';
import { tableChecksums } from '../helpers/table-checksums.ts';
import { createPerson, Visitor } from '../helpers/sign-in.ts';
import { createTestApp, TEST_TODAY, type TestApp } from '../helpers/test-server.ts';

const HOME = '/partnerships/essex/casework';
const WORKLIST = `${HOME}/worklist`;
const IMPORT = `${HOME}/import`;
const CSV_TYPE = 'text/csv';

const text = (html: string) => html.replace(/<[^>]*>/g, ' ').replace(/&#39;|&#x27;/g, "'").replace(/&quot;/g, '"').replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&amp;/g, '&').replace(/\s+/g, ' ').trim();
const mainOf = (html: string) => /<main\b[^>]*>([\s\S]*)<\/main>/.exec(html)?.[1] ?? '';
/** The body rows of the first table after `marker` (an id), as cell texts. */
const bodyRows = (html: string, marker = '') => {
  const from = marker ? html.slice(html.indexOf(`id="${marker}"`)) : html;
  const body = /<tbody[^>]*>([\s\S]*?)<\/tbody>/.exec(from)?.[1] ?? '';
  return [...body.matchAll(/<tr\b[^>]*>([\s\S]*?)<\/tr>/g)].map((r) => [...r[1]!.matchAll(/<t[hd]\b[^>]*>([\s\S]*?)<\/t[hd]>/g)].map((c) => text(c[1]!)));
};
const summaryLinks = (html: string) => [...(/<div class="govuk-error-summary"[\s\S]*?<\/ul>/.exec(html)?.[0] ?? '').matchAll(/<a href="([^"]+)">([\s\S]*?)<\/a>/g)].map((m) => [m[1]!, text(m[2]!)]);

const open = { 'Request outcome': 'assess', 'Assessment outcome': '', 'Assessment outcome date': '', 'Draft plan date': '', 'Final plan date': '' };
const ADVICE_HEADINGS = ['Record ID', 'Person ID', 'Area', 'Age', 'Assessment ID', 'Advice type', 'Provider', 'Requested date', 'Received date', 'Missed appointment'];
/** Open advice requests 1 to 205 days past their 6-week deadline (reg 8): more than one page of the worklist. */
const OVERDUE_ADVICE = 205;

function validNhsNumber(): string {
  for (let n = 943476591; ; n += 1) for (let check = 0; check <= 9; check += 1) if (isValidNhsNumber(`${n}${check}`)) return `${n}${check}`;
}

describe('casework pages', () => {
  let t: TestApp;
  let essex: string;
  const as: Record<string, Visitor> = {};
  const auditCount = async (action: string) => (await t.database.db.selectFrom('audit_events').select((eb) => eb.fn.countAll<number>().as('n')).where('action', '=', action).executeTakeFirstOrThrow()).n;

  before(async () => {
    t = await createTestApp();
    essex = (await t.container.casework.partnershipId('essex'))!;
    for (const role of ROLES) {
      const email = `${role}@casework.example`;
      await createPerson(t.container, { partnership: 'essex', email, organisation: 'Essex County Council', role });
      as[role] = await new Visitor(t.app).signIn(email);
    }
    // Open requests whose 20-week deadline (reg 13(2)) is 3 days past, today, in 14 days and in 15 days.
    const requests = [-3, 0, 14, 15].map((offset, i) => ehcRow({ ...open, 'Record ID': `W${i}`, 'Person ID': `PW${i}`, Area: i % 2 ? 'South' : 'North',
      'Received date': addDays(TEST_TODAY, offset - 140), 'Request outcome date': addDays(TEST_TODAY, offset - 120) }));
    const actor = { personId: null, label: 'command line' };
    assert.ok((await t.container.casework.import(essex, 'ehc-requests', csvFile([EHC_HEADINGS, ...requests]), 'open.csv', actor)).ok);
    const advice = Array.from({ length: OVERDUE_ADVICE }, (_, i) => [`ADV-${i}`, `PA${i}`, 'East', 9, '', 'health', 'EPUT', addDays(TEST_TODAY, -43 - i), '', 'N']);
    const imported = await t.container.casework.import(essex, 'advice-requests', csvFile([ADVICE_HEADINGS, ...advice]), 'advice.csv', actor);
    assert.ok(imported.ok, JSON.stringify(imported));
  });
  after(() => t.close());

  it('shows an analyst the cases due within 14 days by default, soonest first, with short pseudonyms and GOV.UK dates', async () => {
    const viewed = await auditCount('casework.worklist-viewed');
    const res = await as.analyst!.get(WORKLIST);
    assert.equal(res.statusCode, 200);
    assert.match(text(mainOf(res.body)), /2 open cases due within 14 days\./);
    const pseudonym = (id: string) => t.container.casework.shortPseudonymOf(essex, id);
    assert.deepEqual(bodyRows(res.body, 'results'), [
      ['T06 Final EHC plan issued within 20 weeks of the request', pseudonym('PW1'), 'South', '26 January 2025', '15 June 2025', 'Due today', 'No'],
      ['T06 Final EHC plan issued within 20 weeks of the request', pseudonym('PW2'), 'North', '9 February 2025', '29 June 2025', '14 days', 'No'],
    ]);
    assert.doesNotMatch(res.body, /PW1|PW2/, 'no identifier is shown');
    assert.match(res.body, /<option value="T06"[^>]*>T06: Final EHC plan issued within 20 weeks of the request \(SEND Regulations 2014 reg 13\(2\)\)<\/option>/);
    assert.doesNotMatch(res.body, /<option value="T12"/, 'a rule without a deadline is not offered');
    assert.equal(res.headers['cache-control'], 'no-store');
    assert.equal(await auditCount('casework.worklist-viewed'), viewed + 1);
    const [event] = await t.database.db.selectFrom('audit_events').selectAll().where('action', '=', 'casework.worklist-viewed').orderBy('id', 'desc').limit(1).execute();
    assert.equal(event!.actor, 'analyst@casework.example');
    assert.deepEqual(event!.details, { rule: null, area: null, status: 'due-soon', withinDays: 14, today: TEST_TODAY, rows: 2, total: 2 });
  });

  it('filters by rule, area and number of days, and lists overdue cases most overdue first', async () => {
    const count = async (query: string) => /(\d[\d,]*) open cases?/.exec(text(mainOf((await as.analyst!.get(`${WORKLIST}?${query}`)).body)))?.[1];
    assert.equal(await count('rule=T06&status=due-soon&within=15'), '3');
    assert.equal(await count('rule=T06&status=due-soon&within=14&area=North'), '1');
    assert.equal(await count('rule=T02&status=due-soon&within=14'), '0');
    const overdue = await as.analyst!.get(`${WORKLIST}?rule=T06&status=overdue`);
    assert.deepEqual(bodyRows(overdue.body, 'results').map((r) => [r[2], r[4], r[5]]), [['North', '12 June 2025', '3 days']]);
    assert.match(overdue.body, /<th scope="col" class="govuk-table__header">Days overdue<\/th>/);
    const none = await as.analyst!.get(`${WORKLIST}?rule=T06&status=overdue&area=West`);
    assert.match(text(mainOf(none.body)), /0 open cases overdue for T06 in West\. No open case is overdue for these filters\./);
    assert.doesNotMatch(none.body, /<table/);
  });

  it('pages 200 cases at a time with GOV.UK pagination that keeps the filters', async () => {
    const first = await as.analyst!.get(`${WORKLIST}?status=overdue`);
    const main = text(mainOf(first.body));
    assert.match(main, /206 open cases overdue\. Showing cases 1 to 200 of 206\./);
    assert.equal(bodyRows(first.body, 'results').length, 200);
    assert.deepEqual(bodyRows(first.body, 'results')[0]!.slice(4, 6), [ukDate(addDays(TEST_TODAY, -OVERDUE_ADVICE)), '205 days']);
    assert.match(first.body, /<nav class="govuk-pagination" aria-label="Pages of cases">/);
    assert.match(first.body, /href="\/partnerships\/essex\/casework\/worklist\?status=overdue&amp;page=2"/);
    const second = await as.analyst!.get(`${WORKLIST}?status=overdue&page=2`);
    assert.deepEqual(bodyRows(second.body, 'results').map((r) => `${r[0]!.slice(0, 3)} ${r[5]}`), ['T02 5 days', 'T02 4 days', 'T02 3 days', 'T06 3 days', 'T02 2 days', 'T02 1 day']);
    assert.match(text(mainOf(second.body)), /Showing cases 201 to 206 of 206/);
    const beyond = await as.analyst!.get(`${WORKLIST}?status=overdue&page=9`);
    assert.match(text(mainOf(beyond.body)), /Overdue cases There are no cases on this page\. Go to the first page/);
  });

  it('shows the filter problems with an error summary, lists nothing and writes no audit event', async () => {
    const viewed = await auditCount('casework.worklist-viewed');
    const res = await as.analyst!.get(`${WORKLIST}?rule=T99&status=due-soon&within=abc&area=%3DSUM(A1)`);
    assert.equal(res.statusCode, 400);
    assert.deepEqual(summaryLinks(res.body), [
      ['#rule', 'Select a rule from the list'],
      ['#area', "Enter an area code of up to 40 letters, digits, spaces and & ' ( ) . / _ -"],
      ['#within', 'Enter the number of days as a whole number from 0 to 365'],
    ]);
    assert.match(res.body, /<title>Error: /);
    assert.ok(/id="within" name="within"[^>]*value="abc"/.test(res.body), 'what was typed is kept');
    assert.doesNotMatch(res.body, /id="results"/);
    assert.equal(await auditCount('casework.worklist-viewed'), viewed);
  });

  it('exports the same cases as CSV, not cached, and writes the export to the audit trail', async () => {
    const exported = await auditCount('casework.worklist-exported');
    const res = await as.analyst!.get(`${WORKLIST}.csv?status=overdue`);
    assert.equal(res.statusCode, 200);
    assert.match(String(res.headers['content-type']), /^text\/csv/);
    assert.equal(res.headers['content-disposition'], `attachment; filename="casework-essex-overdue-${TEST_TODAY}.csv"`);
    assert.equal(res.headers['cache-control'], 'no-store');
    const lines = res.body.replace(/^\uFEFF/, '').trimEnd().split('\r\n');
    assert.equal(lines[0], 'Rule,Rule title,Legal reference,Record kind,Person (pseudonym),Area,Start date,Deadline,Days remaining,Days overdue,Exception applies');
    assert.equal(lines.length, 1 + 206, 'every overdue case, beyond the first page');
    const t06 = lines.find((l) => l.startsWith('T06,'));
    assert.equal(t06, `T06,Final EHC plan issued within 20 weeks of the request,SEND Regulations 2014 reg 13(2),ehc-requests,${t.container.casework.shortPseudonymOf(essex, 'PW0')},North,${addDays(TEST_TODAY, -143)},2025-06-12,,3,N`);
    assert.equal(await auditCount('casework.worklist-exported'), exported + 1);
    const [event] = await t.database.db.selectFrom('audit_events').selectAll().where('action', '=', 'casework.worklist-exported').orderBy('id', 'desc').limit(1).execute();
    assert.deepEqual(event!.details, { rule: null, area: null, status: 'overdue', withinDays: 14, today: TEST_TODAY, rows: 206 });
    assert.equal((await as.analyst!.get(`${WORKLIST}.csv?within=-1`)).statusCode, 400);
  });

  it('neutralises formula-looking cells in the CSV', () => {
    const row: WorklistRow = { rule: 'T02', ruleTitle: 'Advice', kind: 'advice-requests', person: 'abc', area: '=HYPERLINK("x")', startOn: null, deadlineOn: '2025-06-01', daysRemaining: null, daysOverdue: 1, exceptionApplies: true };
    const lines = worklistCsv([row, { ...row, area: '+1' }, { ...row, area: '@SUM(1)' }, { ...row, area: '-2' }]).trimEnd().split('\r\n').slice(1);
    assert.deepEqual(lines.map((l) => l.split(',')[5]), ['"\'=HYPERLINK(""x"")"', "'+1", "'@SUM(1)", "'-2"]);
  });

  it('refuses every role but analyst (403) on every casework page, and sends a signed-out visitor to sign in', async () => {
    const pages = [HOME, WORKLIST, `${WORKLIST}.csv`, IMPORT];
    for (const role of ROLES.filter((r) => r !== 'analyst')) {
      for (const page of pages) assert.equal((await as[role]!.get(page)).statusCode, 403, `${role} ${page}`);
      const posted = await postMultipart(t.app, as[role]!, IMPORT, { kind: 'ehc-requests' }, { name: 'r.csv', content: csvFile([EHC_HEADINGS, ehcRow()]), type: CSV_TYPE }, '/sign-out');
      assert.equal(posted.statusCode, 403, `${role} POST import`);
      assert.doesNotMatch((await as[role]!.get('/account')).body, /href="\/partnerships\/essex\/casework"/, `no Casework link for ${role}`);
    }
    const stranger = new Visitor(t.app);
    for (const page of pages) {
      const res = await stranger.get(page);
      assert.equal(res.statusCode, 303, page);
      assert.equal(res.headers.location, `/sign-in?returnTo=${encodeURIComponent(page)}`);
    }
    assert.equal((await t.app.inject({ method: 'POST', url: IMPORT })).statusCode, 401);
    assert.match((await as.analyst!.get('/account')).body, /href="\/partnerships\/essex\/casework"[^>]*>\s*Casework/, 'the analyst has the Casework link');
  });

  it('refuses a file with a name column or an NHS number, with the specific message, and writes nothing', async () => {
    const before = await tableChecksums(t.database);
    const named = await postMultipart(t.app, as.analyst!, IMPORT, { kind: 'ehc-requests', personColumn: '' },
      { name: 'names.csv', content: csvFile([[...EHC_HEADINGS, 'Surname'], [...ehcRow({ 'Record ID': 'N1' }), 'Smith']]), type: CSV_TYPE });
    assert.equal(named.statusCode, 400);
    const [firstLink] = summaryLinks(named.body);
    assert.equal(firstLink?.[0], '#file');
    assert.match(firstLink?.[1] ?? '', /^names\.csv has (a problem|\d+ problems)\. Nothing has been saved/);
    const namedProblems = bodyRows(named.body, 'problems');
    assert.ok(namedProblems.some(([row, column, message]) => row === '1' && column === 'Surname' && message!.startsWith("Column 'Surname' looks like a person’s name. Names must never be uploaded")), JSON.stringify(namedProblems));

    const nhs = validNhsNumber();
    const spaced = `${nhs.slice(0, 3)} ${nhs.slice(3, 6)} ${nhs.slice(6)}`;
    const headed = await postMultipart(t.app, as.analyst!, IMPORT, { kind: 'ehc-requests' },
      { name: 'nhs.csv', content: csvFile([EHC_HEADINGS.map((h) => (h === 'Person ID' ? 'NHS number' : h)), ehcRow({ 'Record ID': 'N2', 'Person ID': spaced })]), type: CSV_TYPE });
    assert.equal(headed.statusCode, 400);
    assert.ok(bodyRows(headed.body, 'problems').some(([, column, message]) => column === 'NHS number' && /looks like an NHS number\. It may be uploaded only as the person identifier/.test(message!)));
    const inArea = await postMultipart(t.app, as.analyst!, IMPORT, { kind: 'ehc-requests' },
      { name: 'area.csv', content: csvFile([EHC_HEADINGS, ehcRow({ 'Record ID': 'N3', Area: spaced })]), type: CSV_TYPE });
    assert.equal(inArea.statusCode, 400);
    assert.deepEqual(bodyRows(inArea.body, 'problems'), [['2', 'Area', "Row 2, column 'Area': this looks like an NHS number. Identifiers may be uploaded only in the 'Person ID' column, which is pseudonymised; remove it from this column"]]);
    for (const res of [named, headed, inArea]) assert.ok(!res.body.includes(spaced) && !res.body.includes('Smith'), 'the page never repeats an identifier');
    assert.match(inArea.body, /<input class="govuk-radios__input" id="kind" name="kind" type="radio" value="ehc-requests" checked/, 'the kind stays chosen');
    assert.deepEqual(await tableChecksums(t.database), before, 'nothing was written');
  });

  it('asks for the record kind and the file when they are missing', async () => {
    const res = await postMultipart(t.app, as.analyst!, IMPORT, {});
    assert.equal(res.statusCode, 400);
    assert.deepEqual(summaryLinks(res.body), [['#kind', 'Select the kind of records in the file'], ['#file', 'Select a CSV or Excel file']]);
  });

  it('imports a good file, shows the success panel with the counts, and lists the import on the overview', async () => {
    const imported = await auditCount('casework.imported');
    const nhs = validNhsNumber();
    const content = csvFile([EHC_HEADINGS.map((h) => (h === 'Person ID' ? 'NHS number' : h)), ehcRow({ 'Record ID': 'GOOD-1', 'Person ID': nhs })]);
    const res = await postMultipart(t.app, as.analyst!, IMPORT, { kind: 'ehc-requests', personColumn: 'NHS number' }, { name: 'good.csv', content, type: CSV_TYPE });
    assert.equal(res.statusCode, 200, text(mainOf(res.body)).slice(0, 500));
    assert.match(res.body, /<div class="govuk-panel govuk-panel--confirmation">/);
    assert.match(text(mainOf(res.body)), /Records imported 1 row from good\.csv/);
    assert.match(text(/id="import-result"[\s\S]*?<\/dl>/.exec(res.body)![0]), /Record kind EHC needs assessment requests Rows 1 New records 1 Replaced records 0 Months recomputed 3: February 2025, April 2025, May 2025/);
    assert.ok(!res.body.includes(nhs));
    assert.equal(await auditCount('casework.imported'), imported + 1);

    const overview = await as.analyst!.get(HOME);
    assert.equal(overview.statusCode, 200);
    const latest = bodyRows(overview.body, 'imports');
    assert.deepEqual(latest[0]!.slice(1), ['EHC needs assessment requests', 'analyst@casework.example', '1', '1', '0', '3']);
    assert.equal(latest.length, 3, 'with the two imports made by the command line');
  });

  it('shows the rules as declared, the record kinds and the columns of each import file', async () => {
    const res = await as.analyst!.get(HOME);
    const rules = bodyRows(res.body, 'rules');
    assert.deepEqual(rules.find((r) => r[0]!.startsWith('T06')), ['T06 Final EHC plan issued within 20 weeks of the request', 'EHC needs assessment requests', 'Request received', 'Final plan issued', '20 weeks',
      'reg 13(3) → (a)-(d): school or early years provider closed 4+ weeks; exceptional personal circumstances; absent from the area 4+ weeks', 'SEND Regulations 2014 reg 13(2)']);
    assert.deepEqual(rules.find((r) => r[0]!.startsWith('T17'))!.slice(2, 5), ['The transfer year', 'Amended plan issued', 'Before 15 February in the transfer year']);
    assert.equal(bodyRows(res.body, 'kinds').length, 8);
    const referrals = bodyRows(res.body, 'format-referrals');
    assert.deepEqual(referrals.find((r) => r[0] === 'Pathway')!.slice(0, 3), ['Pathway', 'Yes', 'autism, speech-and-language, other']);
    assert.match(res.body, /href="\/partnerships\/essex\/casework\/worklist\?status=overdue"/);
  });
});
