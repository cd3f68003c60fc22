// A measure page's CSV attacked as a reader would (issue 12, defect 1): a count measure split by area with small
// counts in its series and its latest period; every figure the public CSV shows, with the sum a reader can see
// (the whole area of the latest period is its areas, plus a remainder of records without an area), goes to a linear
// programme (HiGHS, test/helpers/disclosure-attacker.ts). No hidden count may be narrowed to an interval smaller
// than the threshold (Hundepool et al. (2012) Statistical Disclosure Control, Wiley, §4.3).
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { reasonText } from '../../src/lib/disclosure/index.ts';
import { recoverable, type AttackCell } from '../helpers/disclosure-attacker.ts';
import { DATABASE_KINDS } from '../helpers/test-database.ts';
import { createTestApp, type TestApp } from '../helpers/test-server.ts';

const PLAN = '/partnerships/essex/plans/essex-send-improvement-programme';
const SLUG = 'essex-integrated-checks';
const THRESHOLD = 5;
// integrated checks per quarter (whole area), and by area in the latest quarter: Mid has 3
const SERIES: [string, string, number][] = [['2024 Q2', '2024-04-01', 31], ['2024 Q3', '2024-07-01', 3], ['2024 Q4', '2024-10-01', 27], ['2025 Q1', '2025-01-01', 40]];
const AREAS: [string, number][] = [['North', 20], ['Mid', 3], ['South', 10], ['West', 7]];

for (const kind of DATABASE_KINDS) describe(`measure disclosure control, attacked by linear programming (${kind})`, () => {
    let t: TestApp;

    before(async () => {
      t = await createTestApp({ kind });
      const measure = await t.database.db.selectFrom('measures').innerJoin('partnerships', 'partnerships.id', 'measures.partnership_id')
        .select(['measures.id', 'measures.partnership_id']).where('partnerships.slug', '=', 'essex').where('measures.slug', '=', SLUG).executeTakeFirstOrThrow();
      await t.database.db.deleteFrom('measure_values').where('measure_id', '=', measure.id).execute();
      const row = (period: string, start: string, count: number, area = '') => ({
        partnership_id: measure.partnership_id, measure_id: measure.id, period, period_start: start, breakdown: area ? 'area' : '', breakdown_value: area,
        numerator: count, denominator: null, value: null, source: 'test return', synthetic: false,
      });
      await t.database.db.insertInto('measure_values').values([
        ...SERIES.map(([period, start, n]) => row(period, start, n)),
        ...AREAS.map(([area, n]) => row('2025 Q1', '2025-01-01', n, area)),
      ]).execute();
      t.container.measures.seriesChanged();
    });
    after(() => t.close());

    it('leaves no hidden count of the measure CSV recoverable, and says why each is hidden', async () => {
      const res = await t.app.inject(`${PLAN}/measures/${SLUG}.csv`);
      assert.equal(res.statusCode, 200);
      const lines = res.body.trimEnd().split('\r\n').slice(1).map((l) => l.split(',').map((c) => c.replace(/^"|"$/g, '')));
      const cells: AttackCell[] = [];
      const truth = new Map<string, number>([...SERIES.map(([p, , n]) => [`${p}|all`, n] as const), ...AREAS.map(([a, n]) => [`2025 Q1|area:${a}`, n] as const)]);
      const reasons: string[] = [];
      for (const [, period, breakdown, numerator, , value, , , suppressed] of lines) {
        const id = `${period}|${breakdown}`;
        const shown = breakdown === 'all' ? numerator : value;
        const hidden = shown === '';
        if (!hidden) assert.equal(Number(shown), truth.get(id), `${id} is shown as stored`);
        else reasons.push(`${id}: ${suppressed}`);
        cells.push({ id, numerator: null, denominator: truth.get(id)!, hidden });
      }
      assert.equal(cells.length, SERIES.length + AREAS.length, 'every period and area has a line');
      const areas = AREAS.reduce((s, [, n]) => s + n, 0);
      assert.equal(areas, 40, 'the areas add up to the whole area');
      const relations = [{ total: '2025 Q1|all', parts: AREAS.map(([a]) => `2025 Q1|area:${a}`) }];
      const leaks = await recoverable(cells, relations, THRESHOLD);
      console.log(`measure attack: ${cells.length} cells (${cells.filter((c) => c.hidden).length} hidden), ${relations.length} sums, ${leaks.length} recoverable`);
      assert.deepEqual(leaks, []);
      const primary = reasonText({ kind: 'primary', quantity: 'denominator' }, THRESHOLD);
      const secondary = reasonText({ kind: 'secondary', protects: [] }, THRESHOLD);
      assert.ok(reasons.includes(`2024 Q3|all: ${primary}`) && reasons.includes(`2025 Q1|area:Mid: ${primary}`), reasons.join('; '));
      for (const r of reasons) assert.ok(r.endsWith(primary) || r.endsWith(secondary), r);
      assert.ok(reasons.some((r) => r.endsWith(secondary)), 'another figure is hidden to protect Mid');
    });

    it('hides on the measure page and the dashboard what the CSV hides, and no statistic of a hidden figure', async () => {
      const csv = (await t.app.inject(`${PLAN}/measures/${SLUG}.csv`)).body.trimEnd().split('\r\n').slice(1).map((l) => l.split(',').map((c) => c.replace(/^"|"$/g, '')));
      const hiddenIn = (breakdown: string) => new Set(csv.filter((r) => r[2] === breakdown || (breakdown === 'area' && r[2]!.startsWith('area:'))).filter((r) => r[8] !== '').map((r) => (breakdown === 'all' ? r[1]! : r[2]!.slice(5))));
      const page = await t.app.inject(`${PLAN}/measures/${SLUG}`);
      assert.equal(page.statusCode, 200);
      const rows = [...page.body.matchAll(/<tr class="govuk-table__row"><th scope="row" class="govuk-table__header">([^<]*)<\/th><td class="govuk-table__cell">([^<]*)<\/td>/g)].map((m) => [m[1]!, m[2]!]);
      for (const [period] of SERIES) assert.equal(rows.find((r) => r[0] === period)![1]!.startsWith('Not shown'), hiddenIn('all').has(period), `${period} over time`);
      for (const [area] of AREAS) assert.equal(rows.find((r) => r[0] === area)![1]!.startsWith('Not shown'), hiddenIn('area').has(area), `${area} by area`);
      assert.ok(hiddenIn('area').has('Mid') && hiddenIn('all').has('2024 Q3'));
      const plain = page.body.replace(/<[^>]*>/g, ' ');
      assert.doesNotMatch(plain, /\bMid\s+3\b|\b2024 Q3\s+3\b/, 'no suppressed count on the page');
      const dashboard = await t.app.inject(`${PLAN}/dashboard`);
      assert.equal(dashboard.statusCode, 200);
      const row = /<tr class="govuk-table__row">((?:(?!<\/tr>)[\s\S])*?Integrated 2½-year checks completed[\s\S]*?)<\/tr>/.exec(dashboard.body)![1]!;
      assert.equal(/Not shown/.test(row), hiddenIn('all').has('2025 Q1'), 'the dashboard shows the latest figure as the CSV does');
    });
});
