// Route tests of the casework indicator pages (app.inject, real services on PGlite with the example plans; today is
// 15 June 2025): EHC plans and equipment records are imported, and the figures the pages and the CSV show are
// checked against the numerators and denominators stored in casework_indicator_values; counts of 1 to 4 are
// suppressed with the reason; every signed-in role of the partnership may read them; unknown indicators are 404.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { ROLES } from '../../src/modules/accounts/index.ts';
import type { SignedIn } from '../../src/modules/accounts/index.ts';
import { indicatorCsv } from '../../src/modules/casework/casework-export.ts';
import { indicatorsPage } from '../../src/modules/casework/casework-indicator-view-models.ts';
import { indicatorDisclosure } from '../../src/modules/casework/casework-indicator-disclosure.ts';
import { INDICATORS, indicatorById } from '../../src/modules/casework/index.ts';
import { wilsonInterval } from '../../src/lib/stats/index.ts';
import { reasonText } from '../../src/lib/disclosure/index.ts';
import { csvFile, EHC_HEADINGS, ehcRow } from '../factories/casework-files.ts';
import { createPerson, Visitor } from '../helpers/sign-in.ts';
import { createTestApp, type TestApp } from '../helpers/test-server.ts';

const HOME = '/partnerships/essex/casework/indicators';
const EHC = `${HOME}/ehc-plans-within-20-weeks`;
const EQUIPMENT = `${HOME}/equipment-within-6-weeks`;
const PLAN = '/partnerships/essex/plans/essex-send-improvement-programme';

const text = (html: string) => html.replace(/<[^>]*>/g, ' ').replace(/&#39;|&#x27;/g, "'").replace(/&quot;/g, '"').replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&amp;/g, '&').replace(/\s+/g, ' ').trim();
const mainOf = (html: string) => /<main\b[^>]*>([\s\S]*)<\/main>/.exec(html)?.[1] ?? '';
/** The rows of the table with this id, as cell texts. */
const tableRows = (html: string, id: string) => {
  const table = new RegExp(`<table[^>]*id="${id}"[^>]*>([\\s\\S]*?)</table>`).exec(html)?.[1] ?? '';
  const body = /<tbody[^>]*>([\s\S]*?)<\/tbody>/.exec(table)?.[1] ?? '';
  return [...body.matchAll(/<tr\b[^>]*>([\s\S]*?)<\/tr>/g)].map((r) => [...r[1]!.matchAll(/<t[hd]\b[^>]*>([\s\S]*?)<\/t[hd]>/g)].map((c) => text(c[1]!)));
};
const pct = (n: number) => `${n.toFixed(1)}%`;
// what a hidden figure says: its own small numbers, or hidden so that subtraction cannot reveal another (issue 12)
const SMALL = `Not shown: ${reasonText({ kind: 'primary', quantity: 'numerator' }, 5)}`;
const PROTECTING = `Not shown: ${reasonText({ kind: 'secondary', protects: [] }, 5)}`;
const interval = (n: number, d: number) => { const i = wilsonInterval(n, d)!; return `${pct(i.lower * 100)} to ${pct(i.upper * 100)}`; };

const ehcDates = (received: string, decided: string, assessed: string, draft: string, final: string) =>
  ({ 'Received date': received, 'Request outcome date': decided, 'Assessment outcome date': assessed, 'Draft plan date': draft, 'Final plan date': final });
// May 2025: 24 plans in time (133 days) and 8 late (168 days); April 2025: 3 in time; August 2023: 6 in time.
const MAY_IN_TIME = ehcDates('2025-01-06', '2025-02-10', '2025-04-14', '2025-04-22', '2025-05-19');
const MAY_LATE = ehcDates('2024-12-02', '2025-02-10', '2025-04-14', '2025-04-22', '2025-05-19');
const APRIL = ehcDates('2024-11-25', '2025-01-06', '2025-03-20', '2025-03-27', '2025-04-10');
const AUGUST_2023 = ehcDates('2023-04-03', '2023-05-08', '2023-07-03', '2023-07-10', '2023-08-14');
const EQUIPMENT_HEADINGS = ['Record ID', 'Person ID', 'Area', 'Equipment type', 'Identified date', 'Delivered date'];

describe('casework indicator pages', () => {
  let t: TestApp;
  let essex: string;
  const as: Record<string, Visitor> = {};
  type Stored = { numerator: number | null; denominator: number | null; value: number | null };
  const stored = async (indicator: string, grain: string, periodStart: string, breakdown = '', breakdownValue = ''): Promise<Stored> => {
    const row = await t.database.db.selectFrom('casework_indicator_values').select(['numerator', 'denominator', 'value'])
      .where('partnership_id', '=', essex).where('indicator', '=', indicator).where('grain', '=', grain).where('period_start', '=', periodStart)
      .where('breakdown', '=', breakdown).where('breakdown_value', '=', breakdownValue).executeTakeFirstOrThrow();
    return { numerator: row.numerator === null ? null : Number(row.numerator), denominator: row.denominator === null ? null : Number(row.denominator), value: row.value === null ? null : Number(row.value) };
  };

  before(async () => {
    t = await createTestApp();
    essex = (await t.container.casework.partnershipId('essex'))!;
    for (const role of ROLES) {
      const email = `${role}@indicators.example`;
      await createPerson(t.container, { partnership: 'essex', email, organisation: 'Essex County Council', role });
      as[role] = await new Visitor(t.app).signIn(email);
    }
    const rows = [
      ...Array.from({ length: 24 }, (_, i) => ehcRow({ ...MAY_IN_TIME, 'Record ID': `M${i}`, 'Person ID': `PM${i}`, Area: i % 2 ? 'South' : 'North' })),
      ...Array.from({ length: 8 }, (_, i) => ehcRow({ ...MAY_LATE, 'Record ID': `L${i}`, 'Person ID': `PL${i}`, Area: i < 2 ? 'West' : 'North' })),
      ...Array.from({ length: 3 }, (_, i) => ehcRow({ ...APRIL, 'Record ID': `A${i}`, 'Person ID': `PA${i}`, Area: 'North' })),
      ...Array.from({ length: 6 }, (_, i) => ehcRow({ ...AUGUST_2023, 'Record ID': `G${i}`, 'Person ID': `PG${i}`, Area: 'South' })),
    ];
    const actor = { personId: null, label: 'command line' };
    const imported = await t.container.casework.import(essex, 'ehc-requests', csvFile([EHC_HEADINGS, ...rows]), 'plans.csv', actor);
    assert.ok(imported.ok, JSON.stringify(imported));
    // May 2025: 9 delivered in 5 weeks, 3 in 10 weeks; March 2025: 2 (too few to show)
    const equipment = [
      ...Array.from({ length: 9 }, (_, i) => [`E${i}`, `PE${i}`, 'North', 'posture-and-seating', '2025-04-07', '2025-05-12']),
      ...Array.from({ length: 3 }, (_, i) => [`F${i}`, `PF${i}`, 'South', 'posture-and-seating', '2025-03-03', '2025-05-12']),
      ...Array.from({ length: 2 }, (_, i) => [`H${i}`, `PH${i}`, 'South', 'sensory', '2025-02-03', '2025-03-10']),
    ];
    assert.ok((await t.container.casework.import(essex, 'equipment-requests', csvFile([EQUIPMENT_HEADINGS, ...equipment]), 'equipment.csv', actor)).ok);
  });
  after(() => t.close());

  it('shows every indicator in its group with the stored latest month and 12 months, with Wilson intervals', async () => {
    const res = await as.viewer!.get(HOME);
    assert.equal(res.statusCode, 200);
    assert.match(res.body, /<h1 class="govuk-heading-l">Casework indicators<\/h1>/);
    const groups = [...res.body.matchAll(/<h2 class="govuk-heading-m" id="([a-z]+)">/g)].map((m) => m[1]);
    assert.deepEqual(groups, ['ehc', 'advice', 'reviews', 'referrals', 'equipment', 'dsr']);
    assert.equal([...res.body.matchAll(/<tr class="govuk-table__row" id="indicator-/g)].length, INDICATORS.length, 'every indicator once');

    const may = await stored('ehc-plans-within-20-weeks', 'month', '2025-05-01');
    assert.deepEqual(may, { numerator: 24, denominator: 32, value: 75 });
    const year = (await Promise.all(['2025-04-01', '2025-05-01'].map((m) => stored('ehc-plans-within-20-weeks', 'month', m))));
    const [n, d] = [year.reduce((s, r) => s + r.numerator!, 0), year.reduce((s, r) => s + r.denominator!, 0)];
    assert.deepEqual([n, d], [27, 35]);
    const [row] = tableRows(res.body, 'table-ehc');
    // May (24 of 32) is hidden, as on the indicator page: with the quarter shown it would give April's 3 of 3
    assert.deepEqual(row, [
      `EHC plans issued within 20 weeks, including exception cases ${indicatorById('ehc-plans-within-20-weeks')!.reference}`,
      `May 2025: ${PROTECTING}`,
      `June 2024 to May 2025: ${pct((100 * n) / d)} (${interval(n, d)}) ${n} of ${d}`,
    ]);
    assert.match(res.body, new RegExp(`href="${EHC}"`));
    // the median of 12 equipment waits is shown, in weeks, but not added up over months
    const equipment = tableRows(res.body, 'table-equipment');
    const median = await stored('equipment-wait-median-weeks', 'month', '2025-05-01');
    assert.deepEqual(median, { numerator: null, denominator: 12, value: 5 });
    assert.deepEqual(equipment.find((r) => r[0]!.startsWith('Median wait'))!.slice(1), ['May 2025: 5.0 weeks 12 cases', 'Not added up: a median or range is for one month']);
    // nothing imported for the register
    assert.deepEqual(tableRows(res.body, 'table-dsr').map((r) => r.slice(1)), [['No figures yet', 'No figures yet'], ['No figures yet', 'No figures yet']]);
  });

  it('shows an indicator by month (24, newest first), quarter and year, and by area over the 12 months, from the stored figures', async () => {
    const res = await as['forum-member']!.get(EHC);
    assert.equal(res.statusCode, 200);
    const main = text(mainOf(res.body));
    assert.ok(main.includes(`May 2025: ${PROTECTING.toLowerCase()}. Over the 24 months to May 2025, 1 month has a figure, 2 are not shown: 1 because of small numbers, 1 so that it cannot be worked out by subtraction and 21 had none.`), main);
    assert.match(main, /SEND Regulations 2014 reg 13\(2\); DfE SEN2/);
    assert.match(main, /T06: Final EHC plan issued within 20 weeks of the request \(SEND Regulations 2014 reg 13\(2\)\)/);
    const months = tableRows(res.body, 'months');
    assert.equal(months.length, 24);
    // April's 3 of 3 is hidden for small numbers; May too, or April would be the quarter's 27 of 35 minus May
    assert.deepEqual(months.slice(0, 3), [
      ['May 2025', PROTECTING, '', '', ''],
      ['April 2025', SMALL, '', '', ''],
      ['March 2025', 'None in the period', '', '', ''],
    ]);
    assert.deepEqual(months.at(-1)![0], 'June 2023');
    assert.deepEqual(months.find((r) => r[0] === 'August 2023'), ['August 2023', pct(100), interval(6, 6), '6', '6']);
    const quarter = await stored('ehc-plans-within-20-weeks', 'quarter', '2025-04-01');
    assert.deepEqual([quarter.numerator, quarter.denominator], [27, 35]);
    assert.deepEqual(tableRows(res.body, 'quarters'), [['April to June 2025', pct((100 * 27) / 35), interval(27, 35), '27', '35'], ['July to September 2023', pct(100), interval(6, 6), '6', '6']]);
    assert.deepEqual(tableRows(res.body, 'years').map((r) => r[0]), ['2025', '2023']);
    // North: 12 + 3 in time, 6 late; South 12 of 12; West 0 of 2, suppressed, and North with it (27 of 35 less South)
    const north = await Promise.all(['2025-04-01', '2025-05-01'].map((m) => stored('ehc-plans-within-20-weeks', 'month', m, 'area', 'North')));
    assert.deepEqual([north[0]!.numerator! + north[1]!.numerator!, north[0]!.denominator! + north[1]!.denominator!], [15, 21]);
    assert.deepEqual(tableRows(res.body, 'table-by-area'), [
      ['North', PROTECTING, '', '', ''],
      ['South', pct(100), interval(12, 12), '12', '12'],
      ['West', SMALL, '', '', ''],
    ]);
    assert.match(res.body, /By area, the 12 months from June 2024 to May 2025, added up/);
    assert.doesNotMatch(main, /\b[0-4] of [0-9]\b|\b3 of 3\b|\b0 of 2\b|\b24 of 32\b|\b15 of 21\b/, 'no suppressed count appears');
    assert.match(res.body, /<svg[^>]*role="img"/, 'the chart is an image with a name');
    assert.match(res.body, /id="linked-measures">\s*No plan measure is computed from this indicator/);
  });

  it('suppresses a median and a percentage of 1 to 4 cases, and links to the plan measure computed from the indicator', async () => {
    const march = await stored('equipment-within-6-weeks', 'month', '2025-03-01');
    assert.deepEqual([march.numerator, march.denominator], [2, 2]);
    const res = await as['plan-editor']!.get(EQUIPMENT);
    assert.equal(res.statusCode, 200);
    const months = tableRows(res.body, 'months');
    // May: 9 of 12 in time, so 3 were not: a small number too (the complement)
    assert.deepEqual(months.slice(0, 3), [['May 2025', SMALL, '', '', ''], ['April 2025', 'None in the period', '', '', ''], ['March 2025', SMALL, '', '', '']]);
    const href = `${PLAN}/measures/essex-equipment-within-6-weeks`;
    assert.match(res.body, new RegExp(`<a class="govuk-link" href="${href}">Specialist equipment received within 6 weeks of identification</a>`));
    assert.equal((await as['plan-editor']!.get(href)).statusCode, 200, 'the linked measure page exists');
    const median = await as.viewer!.get(`${HOME}/equipment-wait-median-weeks`);
    assert.deepEqual(tableRows(median.body, 'months').slice(0, 3), [['May 2025', '5.0 weeks', '12'], ['April 2025', 'None in the period', ''], ['March 2025', SMALL, '']]);
    // South had 3 waits in May; North's 9 would give them as 12 − 9, so it is hidden too
    assert.deepEqual(tableRows(median.body, 'table-by-area'), [['North', PROTECTING, ''], ['South', SMALL, '']]);
    assert.doesNotMatch(median.body, /id="quarters"|id="years"/, 'medians are not added up');
  });

  it('downloads every published figure as CSV, suppressed as on the page', async () => {
    const res = await as.viewer!.get(`${EHC}.csv`);
    assert.equal(res.statusCode, 200);
    assert.match(String(res.headers['content-type']), /^text\/csv/);
    assert.equal(res.headers['content-disposition'], 'attachment; filename="casework-essex-ehc-plans-within-20-weeks.csv"');
    const lines = res.body.replace(/^\uFEFF/, '').trimEnd().split('\r\n');
    assert.equal(lines[0], 'indicator,grain,period_start,breakdown,breakdown_value,numerator,denominator,value,unit,lower_95,upper_95,suppressed');
    // the whole area's stored months, quarters and years, then the 12 months by breakdown value as on the page;
    // a breakdown's single months are not published
    const count = await t.database.db.selectFrom('casework_indicator_values').select((eb) => eb.fn.countAll<number>().as('n'))
      .where('partnership_id', '=', essex).where('indicator', '=', 'ehc-plans-within-20-weeks').where('breakdown', '=', '').executeTakeFirstOrThrow();
    assert.equal(lines.filter((l) => !l.includes(',12-months,')).length - 1, Number(count.n), 'one line per stored whole-area figure');
    assert.ok(lines.filter((l) => !l.includes(',12-months,')).every((l, i) => i === 0 || l.split(',')[3] === 'all'), 'no single month of a breakdown');
    const i = wilsonInterval(27, 35)!;
    assert.ok(lines.includes(`ehc-plans-within-20-weeks,quarter,2025-04-01,all,,27,35,77.143,percent,${Number((i.lower * 100).toFixed(3))},${Number((i.upper * 100).toFixed(3))},`));
    const reason = (text: string) => text.replace(/^Not shown: /, '');
    assert.ok(lines.includes(`ehc-plans-within-20-weeks,month,2025-05-01,all,,,,,percent,,,${reason(PROTECTING)}`), 'hidden as on the page');
    assert.ok(lines.includes(`ehc-plans-within-20-weeks,month,2025-04-01,all,,,,,percent,,,${reason(SMALL)}`));
    assert.ok(lines.includes(`ehc-plans-within-20-weeks,12-months,2024-06-01,area,West,,,,percent,,,${reason(SMALL)}`), 'the 12 months by area, hidden as on the page');
    assert.ok(lines.includes('ehc-plans-within-20-weeks,year,2023-01-01,all,,6,6,100,percent,' + `${Number((wilsonInterval(6, 6)!.lower * 100).toFixed(3))},100,`));
  });

  it('neutralises formula-looking cells in the CSV', () => {
    const indicator = indicatorById('ehc-plans-within-20-weeks')!;
    const figure = { grain: 'month' as const, periodStart: '2025-05-01', breakdown: 'area', numerator: 10, denominator: 20, value: 50 };
    const figures = [{ ...figure, breakdown: '', breakdownValue: '', numerator: 40, denominator: 80 }, ...['=HYPERLINK("x")', '+1', '@SUM(1)', '-2'].map((breakdownValue) => ({ ...figure, breakdownValue }))];
    const lines = indicatorCsv(indicator, figures, indicatorDisclosure(indicator, figures, 5)).trimEnd().split('\r\n').slice(1).filter((l) => l.split(',')[3] === 'area');
    assert.deepEqual(lines.map((l) => l.split(',')[4]).sort(), ['"\'=HYPERLINK(""x"")"', "'+1", "'-2", "'@SUM(1)"]);
  });

  it('marks the month that has not ended yet as "so far"', () => {
    const auth = { partnershipSlug: 'essex', partnershipName: 'Essex', role: 'viewer' } as SignedIn;
    const indicator = indicatorById('ehc-plans-within-20-weeks')!;
    const latest = { grain: 'month' as const, periodStart: '2025-06-01', breakdown: '', breakdownValue: '', numerator: 10, denominator: 20, value: 50 };
    const headline = { indicator, latest, window: { from: '2024-07-01', to: '2025-06-01', numerator: 10, denominator: 20, months: 1 }, disclosure: indicatorDisclosure(indicator, [latest], 5) };
    const row = (today: string) => indicatorsPage(auth, [headline], today).groups[0]!.rows[0]!;
    assert.deepEqual([row('2025-06-15').latestPeriod, row('2025-06-15').windowPeriod], ['June 2025 (so far)', 'July 2024 to June 2025 (so far)']);
    assert.deepEqual([row('2025-07-01').latestPeriod, row('2025-07-01').windowPeriod], ['June 2025', 'July 2024 to June 2025']);
  });

  it('answers 404 for an unknown indicator, page and CSV', async () => {
    for (const url of [`${HOME}/no-such-indicator`, `${HOME}/no-such-indicator.csv`, `${HOME}/T06`]) assert.equal((await as.viewer!.get(url)).statusCode, 404, url);
  });

  it('is open to every signed-in role of the partnership, with the casework breadcrumb for analysts only, and linked from the account page', async () => {
    for (const role of ROLES) {
      for (const url of [HOME, EHC, `${EHC}.csv`]) assert.equal((await as[role]!.get(url)).statusCode, 200, `${role} ${url}`);
      const page = await as[role]!.get(EHC);
      assert.equal(/<a class="govuk-breadcrumbs__link" href="\/partnerships\/essex\/casework">Casework<\/a>/.test(page.body), role === 'analyst', role);
      assert.match((await as[role]!.get('/account')).body, new RegExp(`<a class="govuk-link" href="${HOME}">Casework indicators</a>`), role);
    }
    assert.match((await as.analyst!.get('/partnerships/essex/casework')).body, new RegExp(`href="${HOME}"`), 'linked from the casework overview');
    const stranger = new Visitor(t.app);
    const res = await stranger.get(HOME);
    assert.equal(res.statusCode, 303);
    assert.equal(res.headers.location, `/sign-in?returnTo=${encodeURIComponent(HOME)}`);
  });
});
