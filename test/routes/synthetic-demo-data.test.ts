// The synthetic demonstration series of the example plans (issue 12, defect 9), on a real database (PGlite, and
// PostgreSQL when DATABASE_URL is set) with the fixed clock (15 June 2025): near England's figure of the same
// definition and period, never for a period that has not ended, no SPC signal on a milestone, and once a real
// return is approved through the review pages its measure is real throughout while the dashboard names the
// measures that are still synthetic.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { parseDatedPeriod } from '../../src/lib/dates/period-model.ts';
import { loadNationalFigures, nationalSeries, type SeriesKey } from '../../src/measures/national-figures.ts';
import { createPerson, Visitor } from '../helpers/sign-in.ts';
import { DATABASE_KINDS } from '../helpers/test-database.ts';
import { createTestApp, TEST_TODAY, type TestApp } from '../helpers/test-server.ts';

const ESSEX = '/partnerships/essex/plans/essex-send-improvement-programme';
const SOUTHEND = '/partnerships/southend-on-sea/plans/southend-send-strategic-action-plan';
const ADVICE = '/partnerships/essex/returns/advice-timeliness-by-provider/2025-Q1';
const ADVICE_MEASURE = 'essex-advice-within-timescales';
const ADVICE_TITLE = 'Professional advice for EHC needs assessments given within 6 weeks';
/** The band the demo series promise (src/measures/synthetic-series.ts DEMO_BAND), restated here so a change is seen. */
const BAND = 0.2;

const text = (html: string) => html.replace(/<[^>]*>/g, ' ').replace(/&#39;|&#x27;/g, "'").replace(/&quot;/g, '"').replace(/&amp;/g, '&').replace(/\s+/g, ' ').trim();
const mainOf = (html: string) => /<main\b[^>]*>([\s\S]*)<\/main>/.exec(html)?.[1] ?? '';
/** The dashboard's measure rows: the row header's text (title and tag) by the measure slug it links to. */
const dashboardRows = (html: string) => new Map([...html.matchAll(/<th scope="row"[^>]*><a class="govuk-link" href="[^"]*\/measures\/([a-z0-9-]+)">[\s\S]*?<\/th>/g)].map((m) => [m[1]!, text(m[0])]));

/** England's figure for a period: the one published for it, else the nearest published one of the same form. */
function englandFor(figures: readonly { period: string; value: number }[], period: string): { value: number; same: boolean } | undefined {
  const at = parseDatedPeriod(period);
  assert.ok(at, `"${period}" is a period of the calendar model`);
  const form = (label: string) => label.replace(/^\d{4}(\/\d{2})?/, '');
  const alike = figures.filter((f) => form(f.period) === form(period) && parseDatedPeriod(f.period)?.kind === at.kind);
  const exact = alike.find((f) => f.period === period);
  if (exact) return { value: exact.value, same: true };
  const distance = (f: { period: string }) => Math.abs(Date.parse(parseDatedPeriod(f.period)!.start) - Date.parse(at.start));
  const nearest = [...alike].sort((a, b) => distance(a) - distance(b))[0];
  return nearest && { value: nearest.value, same: false };
}

for (const kind of DATABASE_KINDS) {
  describe(`synthetic demonstration data (${kind})`, () => {
    let t: TestApp;
    const figures = loadNationalFigures();

    before(async () => {
      t = await createTestApp({ kind });
    });
    after(() => t.close());

    it(`keeps every demo series of a measure compared with England within ${BAND * 100}% of England's figure for the same definition and period`, async () => {
      const measures = await t.database.db.selectFrom('measures').select(['id', 'slug', 'kind', 'national_comparator']).where('national_comparator', 'is not', null).execute();
      let checked = 0;
      let samePeriod = 0;
      for (const m of measures.filter((row) => row.kind !== 'gap')) {
        const england = nationalSeries(figures, m.national_comparator as SeriesKey);
        // the series' definition: the form (academic year, autumn term ...) of England's latest figure
        const latest = england.at(-1)!;
        const values = await t.database.db.selectFrom('measure_values').select(['period', 'breakdown_value', 'numerator', 'denominator', 'synthetic']).where('measure_id', '=', m.id).execute();
        assert.ok(values.length > 0, `${m.slug} has a demo series`);
        for (const v of values) {
          assert.equal(v.synthetic, true);
          const where = `${m.slug} ${v.period} ${v.breakdown_value || 'whole area'}`;
          assert.equal(parseDatedPeriod(v.period)?.kind, parseDatedPeriod(latest.period)!.kind, `${where}: a period of the kind England publishes`);
          const e = englandFor(england, v.period);
          assert.ok(e, `${where}: England has a figure of the same definition`);
          const value = (100 * Number(v.numerator)) / Number(v.denominator);
          assert.ok(Math.abs(value / e.value - 1) <= BAND, `${where}: ${value.toFixed(2)} is within ${BAND * 100}% of England's ${e.value}`);
          checked += 1;
          if (e.same) samePeriod += 1;
        }
      }
      // the four Southend measures compared with England (absence, SEN support, suspensions, exclusions), six years each
      assert.equal(checked, 24, 'points checked');
      assert.ok(samePeriod >= 4, `points with England's figure for exactly their period: ${samePeriod}`);
    });

    it('generates no synthetic point for a period that has not ended by the app\'s clock', async () => {
      const values = await t.database.db.selectFrom('measure_values').select(['period', 'period_start']).where('synthetic', '=', true).execute();
      assert.ok(values.length > 1000, `${values.length} synthetic points`);
      const open = values.filter((v) => {
        const p = parseDatedPeriod(v.period);
        return !p || p.end >= TEST_TODAY;
      });
      assert.deepEqual([...new Set(open.map((v) => v.period))], [], `periods not ended by ${TEST_TODAY}`);
    });

    it('gives a milestone no SPC signal, on its evaluation and on the dashboard', async () => {
      const milestones = await t.database.db.selectFrom('measures').innerJoin('partnerships', 'partnerships.id', 'measures.partnership_id').select(['measures.slug', 'measures.partnership_id', 'partnerships.slug as partnership']).where('measures.kind', '=', 'milestone').execute();
      assert.ok(milestones.length >= 10, `${milestones.length} milestones`);
      const rows = new Map([...dashboardRowsOf(mainOf((await t.app.inject(`${ESSEX}/dashboard`)).body)), ...dashboardRowsOf(mainOf((await t.app.inject(`${SOUTHEND}/dashboard`)).body))]);
      for (const m of milestones) {
        const e = await t.container.measures.evaluate(m.partnership_id, m.slug!);
        assert.ok(e, m.slug!);
        assert.ok(e.series.length >= 2, `${m.slug}: a series of several years`);
        assert.equal(e.evaluation.spc, null, `${m.slug}: no SPC chart`);
        assert.doesNotMatch(e.evaluation.summary, /special cause|common cause/i, `${m.slug}: ${e.evaluation.summary}`);
        const cells = rows.get(m.slug!);
        assert.ok(cells, `${m.slug}: a dashboard row`);
        assert.match(cells[0]!, /^(Done|Not yet)$/, `${m.slug}: latest`);
        assert.equal(cells[2], 'Not charted: a milestone is done or not', `${m.slug}: variation`);
      }
    });

    it('after a real return is approved, its measure is real throughout and the dashboard names the measures still synthetic', async () => {
      await createPerson(t.container, { partnership: 'essex', email: 'submitter@council.example', organisation: 'Essex County Council', role: 'data-submitter' });
      await createPerson(t.container, { partnership: 'essex', email: 'analyst@essex.example', organisation: 'Essex County Council', role: 'analyst' });
      const submitter = await new Visitor(t.app).signIn('submitter@council.example');
      const analyst = await new Visitor(t.app).signIn('analyst@essex.example');
      const form = { 'r0-numerator': '60', 'r0-denominator': '90', 'r1-numerator': '20', 'r1-denominator': '30', 'r2-numerator': '25', 'r2-denominator': '30', 'r3-numerator': '15', 'r3-denominator': '30', action: 'submit' };
      assert.equal((await submitter.post(`${ADVICE}/form`, form)).statusCode, 303);
      assert.equal((await analyst.post(`${ADVICE}/approve`, {}, ADVICE)).statusCode, 303);

      const dashboard = mainOf((await t.app.inject(`${ESSEX}/dashboard`)).body);
      const warning = text(/<div class="govuk-warning-text"[\s\S]*?<\/div>/.exec(dashboard)?.[0] ?? '');
      assert.match(warning, /^! Warning Synthetic demonstration data: 68 of 69 measures on this dashboard show figures generated/, warning);
      const listed = [...(/<details[^>]*id="synthetic-measures"[\s\S]*?<\/details>/.exec(dashboard)?.[0] ?? '').matchAll(/<li>([\s\S]*?)<\/li>/g)].map((l) => text(l[1]!));
      assert.equal(listed.length, 68, 'the warning lists the 68 synthetic measures');
      assert.ok(!listed.includes(ADVICE_TITLE), 'the measure with a real return is not listed');
      const rows = dashboardRows(dashboard);
      assert.equal(rows.get(ADVICE_MEASURE), ADVICE_TITLE, 'its row carries no Synthetic tag');
      assert.equal([...rows.values()].filter((r) => r.endsWith(' Synthetic')).length, 68, 'every other row is tagged Synthetic');

      const page = mainOf((await t.app.inject(`${ESSEX}/measures/${ADVICE_MEASURE}`)).body);
      assert.doesNotMatch(text(page), /Synthetic demonstration data/);
      const csv = (await t.app.inject(`${ESSEX}/measures/${ADVICE_MEASURE}.csv`)).body.trim().split('\r\n').slice(1);
      assert.deepEqual(csv.map((line) => line.split(',').at(-1)), csv.map(() => '"false"'), 'every CSV row is real');
      const essex = (await t.container.returns.partnership('essex'))!.id;
      const e = await t.container.measures.evaluate(essex, ADVICE_MEASURE);
      assert.deepEqual(e!.series.map((p) => [p.period, p.numerator, p.denominator]), [['2025 Q1', 60, 90]], 'only the approved figure');
    });

    it('never shows a synthetic point beside real ones, even one written after the return', async () => {
      const essex = (await t.container.returns.partnership('essex'))!.id;
      const measure = await t.database.db.selectFrom('measures').select('id').where('partnership_id', '=', essex).where('slug', '=', ADVICE_MEASURE).executeTakeFirstOrThrow();
      await t.database.db.insertInto('measure_values').values({ partnership_id: essex, measure_id: measure.id, period: '2024 Q4', period_start: '2024-10-01', numerator: 40, denominator: 90, value: null, source: 'synthetic demonstration data', synthetic: true }).execute();
      t.container.measures.seriesChanged();
      const e = await t.container.measures.evaluate(essex, ADVICE_MEASURE);
      assert.deepEqual(e!.series.map((p) => p.period), ['2025 Q1']);
      assert.equal(e!.measure.synthetic, false);
      const rows = dashboardRows(mainOf((await t.app.inject(`${ESSEX}/dashboard`)).body));
      assert.equal(rows.get(ADVICE_MEASURE), ADVICE_TITLE);
    });
  });
}

/** The dashboard's cells after the row header (latest, since baseline, variation ...) by measure slug. */
function dashboardRowsOf(html: string): Map<string, string[]> {
  return new Map([...html.matchAll(/<tr class="govuk-table__row">\s*<th scope="row"[^>]*><a class="govuk-link" href="[^"]*\/measures\/([a-z0-9-]+)">[\s\S]*?<\/th>([\s\S]*?)<\/tr>/g)]
    .map((m) => [m[1]!, [...m[2]!.matchAll(/<td\b[^>]*>([\s\S]*?)<\/td>/g)].map((c) => text(c[1]!.replace(/<span class="govuk-body-s[\s\S]*?<\/span>/, '')))]));
}
