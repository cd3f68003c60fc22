// The casework indicator pages attacked as a reader would (issue 12, defects 1 and 2). 80 EHC plans over four areas
// and six months are imported; a viewer (not an analyst) reads the indicators page, the indicator page and its CSV;
// every figure shown there, with every sum a reader can see between them (each breakdown adds up to its whole
// area, quarters to their months, years to their quarters, the 12 months to their months), goes to a linear
// programme (HiGHS, test/helpers/disclosure-attacker.ts) that bounds each hidden count. No hidden k, n or n − k may
// be narrowed to an interval smaller than the threshold (Hundepool et al. (2012) Statistical Disclosure Control,
// Wiley, §4.3). The test derives the sums itself from the figures' grains and periods, not from the application.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { addDays } from '../../src/casework/calendar-dates.ts';
import { reasonText } from '../../src/lib/disclosure/index.ts';
import type { LinearRelation } from '../../src/lib/disclosure/index.ts';
import { csvFile, EHC_HEADINGS, ehcRow } from '../factories/casework-files.ts';
import { recoverable, type AttackCell } from '../helpers/disclosure-attacker.ts';
import { createPerson, Visitor } from '../helpers/sign-in.ts';
import { DATABASE_KINDS } from '../helpers/test-database.ts';
import { createTestApp, type TestApp } from '../helpers/test-server.ts';

const HOME = '/partnerships/essex/casework/indicators';
const INDICATOR = 'ehc-plans-within-20-weeks';
const THRESHOLD = 5;
const AREAS = ['North', 'South', 'West', 'North', 'South', 'Mid', 'North', 'West'];
const NEEDS = ['ASD', 'SLCN', 'SEMH', 'ASD', '', 'MLD', 'SLCN'];
const AGES = [4, 7, 9, 12, 14, 17, 8, 6];
// cases completed each month from December 2024 to June 2025 (83): June's 3 are a small number in a quarter whose
// other months are not, so another figure of that quarter must be hidden to protect it
const PER_MONTH = [16, 12, 14, 10, 15, 13, 3];
const MONTHS = ['2024-12-01', '2025-01-01', '2025-02-01', '2025-03-01', '2025-04-01', '2025-05-01', '2025-06-01'];

/** The ehc-requests rows: in time (133 days) or late (168 days), by a fixed pattern. */
function rows(): (string | number)[][] {
  const out: (string | number)[][] = [];
  let g = 0;
  PER_MONTH.forEach((count, m) => {
    for (let j = 0; j < count; j += 1, g += 1) {
      const final = addDays(MONTHS[m]!, 11 + j);
      const late = (g * 7) % 5 < 2;
      const received = addDays(final, late ? -168 : -133);
      out.push(ehcRow({
        'Record ID': `R${g}`, 'Person ID': `P${g}`, Area: AREAS[g % AREAS.length]!, 'Primary need': NEEDS[g % NEEDS.length]!, Age: AGES[g % AGES.length]!,
        'Received date': received, 'Request outcome date': addDays(received, 35), 'Assessment outcome date': addDays(received, 98),
        'Draft plan date': addDays(received, 106), 'Final plan date': final,
      }));
    }
  });
  return out;
}

const text = (html: string) => html.replace(/<[^>]*>/g, ' ').replace(/&#39;|&#x27;/g, "'").replace(/&quot;/g, '"').replace(/&amp;/g, '&').replace(/\s+/g, ' ').trim();
const tableRows = (html: string, id: string) => {
  const table = new RegExp(`<table[^>]*id="${id}"[^>]*>([\\s\\S]*?)</table>`).exec(html)?.[1] ?? '';
  const body = /<tbody[^>]*>([\s\S]*?)<\/tbody>/.exec(table)?.[1] ?? '';
  return [...body.matchAll(/<tr\b[^>]*>([\s\S]*?)<\/tr>/g)].map((r) => [...r[1]!.matchAll(/<t[hd]\b[^>]*>([\s\S]*?)<\/t[hd]>/g)].map((c) => text(c[1]!)));
};
const quarterOf = (m: string) => `${m.slice(0, 5)}${String(Math.floor((Number(m.slice(5, 7)) - 1) / 3) * 3 + 1).padStart(2, '0')}-01`;

type Truth = { k: number; n: number };
const BREAKDOWN_IDS: Record<string, string> = { area: 'table-by-area', need: 'table-by-primary-need', 'age-group': 'table-by-age-group' };

for (const kind of DATABASE_KINDS) describe(`casework indicator disclosure control, attacked by linear programming (${kind})`, () => {
    let t: TestApp;
    let essex: string;
    let viewer: Visitor;
    const truth = new Map<string, Truth>();
    const key = (grain: string, start: string, breakdown: string, value: string) => `${grain}|${start}|${breakdown}|${value}`;
    // the 12 months to the latest month (June 2025), added up from the stored months
    const windowMonths = MONTHS.filter((m) => m >= '2024-07-01');
    const windowTruth = (breakdown: string, value: string) => windowMonths.reduce((sum, m) => {
      const r = truth.get(key('month', m, breakdown, value));
      return { k: sum.k + (r?.k ?? 0), n: sum.n + (r?.n ?? 0) };
    }, { k: 0, n: 0 });

    before(async () => {
      t = await createTestApp({ kind });
      essex = (await t.container.casework.partnershipId('essex'))!;
      await createPerson(t.container, { partnership: 'essex', email: 'viewer@disclosure.example', organisation: 'Essex County Council', role: 'viewer' });
      viewer = await new Visitor(t.app).signIn('viewer@disclosure.example');
      const imported = await t.container.casework.import(essex, 'ehc-requests', csvFile([EHC_HEADINGS, ...rows()]), 'plans.csv', { personId: null, label: 'command line' });
      assert.ok(imported.ok, JSON.stringify(imported));
      const stored = await t.database.db.selectFrom('casework_indicator_values').select(['grain', 'period_start', 'breakdown', 'breakdown_value', 'numerator', 'denominator'])
        .where('partnership_id', '=', essex).where('indicator', '=', INDICATOR).execute();
      for (const r of stored) truth.set(key(r.grain, String(r.period_start).slice(0, 10), r.breakdown, r.breakdown_value), { k: Number(r.numerator), n: Number(r.denominator) });
    });
    after(() => t.close());

    it('leaves no hidden count of the list page, the indicator page and the CSV recoverable', async () => {
      const csv = await viewer.get(`${HOME}/${INDICATOR}.csv`);
      assert.equal(csv.statusCode, 200);
      const cells = new Map<string, AttackCell>();
      const shownOrHidden = (id: string, k: string, n: string, real: Truth) => {
        const hidden = k === '' && n === '';
        if (!hidden) assert.deepEqual({ k: Number(k), n: Number(n) }, real, `${id} is shown as stored`);
        // a figure shown anywhere is known to the attacker
        cells.set(id, { id, numerator: real.k, denominator: real.n, hidden: hidden && (cells.get(id)?.hidden ?? true), kind: 'proportion' });
      };
      // the 12 months to June 2025: whole area on the list page and in the CSV, each breakdown value on the
      // indicator page and in the CSV
      for (const line of csv.body.replace(/^\uFEFF/, '').trimEnd().split('\r\n').slice(1)) {
        const [, grain, start, breakdown, value, k, n] = line.split(',');
        const b = breakdown === 'all' ? '' : breakdown!;
        if (grain === '12-months') {
          assert.equal(start, '2024-07-01', 'the 12 months start in July 2024');
          shownOrHidden(key('window', '', b, value!), k!, n!, windowTruth(b, value!));
          continue;
        }
        assert.equal(b, '', `a breakdown's single month is not published (${line})`);
        const id = key(grain!, start!, b, value!);
        shownOrHidden(id, k!, n!, truth.get(id)!);
      }
      const list = await viewer.get(HOME);
      const row = tableRows(list.body, 'table-ehc').find((r) => r[0]!.startsWith('EHC plans issued within 20 weeks, including'))!;
      const windowCounts = / (\d+) of (\d+)$/.exec(row[2]!);
      shownOrHidden(key('window', '', '', ''), windowCounts?.[1] ?? '', windowCounts?.[2] ?? '', windowTruth('', ''));
      const page = await viewer.get(`${HOME}/${INDICATOR}`);
      assert.equal(page.statusCode, 200);
      for (const [breakdown, table] of Object.entries(BREAKDOWN_IDS)) {
        for (const [label, , , k, n] of tableRows(page.body, table)) {
          const value = label === 'Not recorded' ? 'unknown' : label!;
          shownOrHidden(key('window', '', breakdown, value), k!, n!, windowTruth(breakdown, value));
        }
      }
      // the month table hides what the CSV hides, and the list page's latest month too
      for (const [period, shown] of tableRows(page.body, 'months').map((r): [string, string] => [r[0]!, r[1]!])) {
        const month = MONTHS.find((m) => new Date(`${m}T12:00:00Z`).toLocaleDateString('en-GB', { month: 'long', year: 'numeric' }) === period.replace(' (so far)', ''));
        if (month) assert.equal(shown.startsWith('Not shown'), cells.get(key('month', month, '', ''))!.hidden, `${period} on the page and in the CSV`);
      }
      assert.equal(row[1]!.includes('Not shown'), cells.get(key('month', MONTHS.at(-1)!, '', ''))!.hidden, 'the list page hides the latest month as the CSV does');

      // every sum a reader can see, with a hidden remainder where a total is more than its shown parts
      const relations: LinearRelation[] = [];
      const ids = [...cells.keys()].map((id) => id.split('|') as [string, string, string, string]);
      const relate = (total: string, parts: string[]) => {
        const t0 = cells.get(total);
        if (!t0 || parts.length === 0) return;
        const sum = parts.reduce((s, p) => ({ k: s.k + cells.get(p)!.numerator!, n: s.n + cells.get(p)!.denominator! }), { k: 0, n: 0 });
        assert.ok(sum.n <= t0.denominator! && sum.k <= t0.numerator!, `${total} is at least its parts`);
        if (sum.n < t0.denominator!) {
          const id = `rest:${total}:${parts[0]}`;
          cells.set(id, { id, numerator: t0.numerator! - sum.k, denominator: t0.denominator! - sum.n, hidden: true, kind: 'proportion' });
          parts = [...parts, id];
        }
        relations.push({ total, parts });
      };
      const groups = new Map<string, string[]>();
      const group = (total: string, part: string) => groups.set(total, [...(groups.get(total) ?? []), part]);
      for (const [grain, start, breakdown, value] of ids) {
        const id = key(grain, start, breakdown, value);
        if (breakdown) group(key(grain, start, '', ''), id);
        if (grain === 'month') group(key('quarter', quarterOf(start), breakdown, value), id);
        if (grain === 'quarter') group(key('year', `${start.slice(0, 4)}-01-01`, breakdown, value), id);
        if (grain === 'month' && windowMonths.includes(start)) group(key('window', '', breakdown, value), id);
      }
      for (const [total, parts] of groups) {
        // a whole area's breakdowns: one sum per breakdown
        const byBreakdown = new Map<string, string[]>();
        for (const p of parts) {
          const [grain, , breakdown] = p.split('|');
          const which = total.split('|')[2] === '' && breakdown !== '' && grain === total.split('|')[0] ? `b:${breakdown}` : 'periods';
          byBreakdown.set(which, [...(byBreakdown.get(which) ?? []), p]);
        }
        for (const list of byBreakdown.values()) relate(total, list);
      }
      const all = [...cells.values()];
      const leaks = await recoverable(all, relations, THRESHOLD);
      const hidden = all.filter((c) => c.hidden && !c.id.startsWith('rest:')).length;
      console.log(`casework attack: ${all.length} cells (${hidden} hidden), ${relations.length} sums, ${leaks.length} recoverable`);
      assert.ok(hidden > 0, 'some figures are hidden');
      assert.deepEqual(leaks, [], 'no hidden count can be narrowed below the threshold');
    });

    it('gives each hidden month its true reason: small numbers of its own, or protecting another figure', async () => {
      const page = await viewer.get(`${HOME}/${INDICATOR}`);
      const primary = `Not shown: ${reasonText({ kind: 'primary', quantity: 'numerator' }, THRESHOLD)}`;
      const secondary = `Not shown: ${reasonText({ kind: 'secondary', protects: [] }, THRESHOLD)}`;
      const seen = { primary: 0, secondary: 0 };
      for (const [period, shown] of tableRows(page.body, 'months').map((r): [string, string] => [r[0]!, r[1]!])) {
        const month = MONTHS.find((m) => new Date(`${m}T12:00:00Z`).toLocaleDateString('en-GB', { month: 'long', year: 'numeric' }) === period.replace(' (so far)', ''));
        if (!month || !shown.startsWith('Not shown')) continue;
        const { k, n } = truth.get(key('month', month, '', ''))!;
        const small = [k, n, n - k].some((c) => c > 0 && c < THRESHOLD);
        assert.equal(shown, small ? primary : secondary, `${period}: ${k} of ${n}`);
        seen[small ? 'primary' : 'secondary'] += 1;
      }
      console.log(`casework reasons: ${seen.primary} months hidden for small numbers, ${seen.secondary} to protect another figure`);
      assert.ok(seen.primary > 0, 'a month is hidden for its own small numbers');
      assert.ok(seen.secondary > 0, 'a month is hidden to protect another figure');
      const summary = text(/<p class="govuk-body-l" id="indicator-summary">([\s\S]*?)<\/p>/.exec(page.body)![1]!);
      const hiddenMonths = seen.primary + seen.secondary;
      assert.match(summary, new RegExp(`${hiddenMonths} ${hiddenMonths === 1 ? 'is' : 'are'} not shown`), summary);
    });
    it('hides on a plan measure computed from the indicator every figure the indicator hides, and nothing is recoverable from both', async () => {
      // an Essex measure computed from the indicator by month, split by area (as measures.computed_from links them)
      const SLUG = 'essex-integrated-checks';
      const measure = await t.database.db.selectFrom('measures').select('id').where('partnership_id', '=', essex).where('slug', '=', SLUG).executeTakeFirstOrThrow();
      await t.database.db.updateTable('measures').set({ computed_from: `casework:${INDICATOR}`, period_grain: 'month', breakdowns: JSON.stringify(['area']) as never, kind: 'timeliness', unit: 'percent', polarity: 'higher-is-better' })
        .where('id', '=', measure.id).execute();
      await t.container.casework.refresh(essex);
      t.container.measures.seriesChanged();
      const indicatorCsv = await viewer.get(`${HOME}/${INDICATOR}.csv`);
      const measureCsv = await viewer.get(`/partnerships/essex/plans/essex-send-improvement-programme/measures/${SLUG}.csv`);
      assert.equal(measureCsv.statusCode, 200);
      const cells = new Map<string, AttackCell>();
      const put = (id: string, real: Truth, hidden: boolean) => cells.set(id, { id, numerator: real.k, denominator: real.n, hidden: hidden && (cells.get(id)?.hidden ?? true), kind: 'proportion' });
      for (const line of indicatorCsv.body.replace(/^\uFEFF/, '').trimEnd().split('\r\n').slice(1)) {
        const [, grain, start, breakdown, value, k] = line.split(',');
        const b = breakdown === 'all' ? '' : breakdown!;
        if (grain === '12-months') put(key('window', '', b, value!), windowTruth(b, value!), k === '');
        else put(key(grain!, start!, b, value!), truth.get(key(grain!, start!, b, value!))!, k === '');
      }
      const monthOf = (label: string) => MONTHS.find((m) => new Date(`${m}T12:00:00Z`).toLocaleDateString('en-GB', { month: 'short', year: 'numeric' }) === label);
      let measureRows = 0;
      for (const line of measureCsv.body.replace(/^\uFEFF/, '').trimEnd().split('\r\n').slice(1)) {
        const [, period, breakdown, k] = line.split(',').map((c) => c.replace(/^"|"$/g, ''));
        const month = monthOf(period!);
        if (!month) continue;
        measureRows += 1;
        const [b, v] = breakdown === 'all' ? ['', ''] : breakdown!.split(':') as [string, string];
        const id = key('month', month, b, v);
        if (!b) assert.ok(!(k !== '' && cells.get(id)!.hidden), `${period}: the measure shows a month the indicator hides`);
        put(id, truth.get(id)!, k === '');
      }
      assert.ok(measureRows > MONTHS.length, `the measure CSV has its months and areas (${measureRows} rows)`);
      // every sum between them, with a hidden remainder where a total is more than its listed parts
      const relations: LinearRelation[] = [];
      const relate = (total: string, parts: string[]) => {
        const whole = cells.get(total);
        parts = parts.filter((p) => cells.has(p));
        if (!whole || parts.length === 0) return;
        const sum = parts.reduce((acc, p) => ({ k: acc.k + cells.get(p)!.numerator!, n: acc.n + cells.get(p)!.denominator! }), { k: 0, n: 0 });
        if (sum.n < whole.denominator! || sum.k < whole.numerator!) {
          const id = `rest:${total}:${parts[0]}`;
          cells.set(id, { id, numerator: whole.numerator! - sum.k, denominator: whole.denominator! - sum.n, hidden: true, kind: 'proportion' });
          parts = [...parts, id];
        }
        relations.push({ total, parts });
      };
      const latest = MONTHS.at(-1)!;
      const areaIds = [...cells.keys()].filter((id) => id.startsWith(`month|${latest}|area|`));
      relate(key('month', latest, '', ''), areaIds);
      for (const id of areaIds) relate(key('window', '', 'area', id.split('|')[3]!), [id]);
      relate(key('window', '', '', ''), [...cells.keys()].filter((id) => id.startsWith('window||area|')));
      relate(key('window', '', '', ''), windowMonths.map((m) => key('month', m, '', '')));
      for (const q of new Set(MONTHS.map(quarterOf))) relate(key('quarter', q, '', ''), MONTHS.filter((m) => quarterOf(m) === q).map((m) => key('month', m, '', '')));
      for (const y of ['2024', '2025']) relate(key('year', `${y}-01-01`, '', ''), [...new Set(MONTHS.map(quarterOf))].filter((q) => q.startsWith(y)).map((q) => key('quarter', q, '', '')));
      const all = [...cells.values()];
      const leaks = await recoverable(all, relations, THRESHOLD);
      console.log(`casework and linked measure attack: ${all.length} cells (${all.filter((c) => c.hidden && !c.id.startsWith('rest:')).length} hidden), ${relations.length} sums, ${leaks.length} recoverable`);
      assert.deepEqual(leaks, [], 'no hidden count can be narrowed below the threshold across the two pages');
    });
});
