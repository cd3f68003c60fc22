import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { addDays } from '../../src/casework/calendar-dates.ts';
import { mulberry32 } from '../../src/lib/random/seeded-random.ts';
import type { CaseworkActor } from '../../src/modules/casework/index.ts';
import { csvFile } from '../factories/casework-files.ts';
import { DATABASE_KINDS } from '../helpers/test-database.ts';
import { createTestApp, type TestApp } from '../helpers/test-server.ts';

const ACTOR: CaseworkActor = { personId: null, label: 'command line' };
const AREAS = ['North', 'Mid', 'South', 'West'];

/** Advice, equipment and referral files for the months from `from` (inclusive) to `to` (exclusive). */
function files(from: string, to: string, seed: number, prefix: string) {
  const random = mulberry32(seed);
  const dayIn = () => { let d: string; do d = addDays(from, Math.floor(random() * 62)); while (d >= to); return d; };
  const advice: (string | number)[][] = [['Record ID', 'Person ID', 'Area', 'Advice type', 'Provider', 'Requested date', 'Received date']];
  const equipment: (string | number)[][] = [['Record ID', 'Person ID', 'Area', 'Equipment type', 'Identified date', 'Delivered date']];
  const referrals: (string | number)[][] = [['Record ID', 'Person ID', 'Area', 'Pathway', 'Provider', 'Referred date', 'First assessment contact date', 'Previous referral ID', 'Resumed pathway']];
  for (let i = 0; i < 120; i += 1) {
    const received = dayIn();
    advice.push([`${prefix}A${i}`, `P${i}`, AREAS[i % 4]!, i % 3 ? 'health' : 'educational-psychology', i % 2 ? 'EPUT' : 'MSE', addDays(received, -(20 + Math.floor(random() * 40))), received]);
    const delivered = dayIn();
    equipment.push([`${prefix}E${i}`, `P${i}`, AREAS[i % 4]!, i % 5 ? 'sensory' : 'wheelchair', addDays(delivered, -(10 + Math.floor(random() * 60))), delivered]);
    const contact = dayIn();
    const again = i % 6 === 0 && prefix !== 'a';
    referrals.push([`${prefix}R${i}`, `P${i}`, AREAS[i % 4]!, i % 2 ? 'autism' : 'speech-and-language', 'MSE', addDays(contact, -(30 + Math.floor(random() * 120))), contact, again ? `aR${i}` : '', again ? (i % 12 ? 'Y' : 'N') : '']);
  }
  return { 'advice-requests': advice, 'equipment-requests': equipment, referrals };
}

async function importAll(app: TestApp, partnershipId: string, set: ReturnType<typeof files>): Promise<string[]> {
  const months = new Set<string>();
  for (const [kind, rows] of Object.entries(set)) {
    const result = await app.container.casework.import(partnershipId, kind, csvFile(rows), `${kind}.csv`, ACTOR);
    assert.ok(result.ok, `${kind}: ${JSON.stringify(result)}`);
    result.months.forEach((m) => months.add(m));
  }
  return [...months].sort();
}

for (const kind of DATABASE_KINDS) {
  describe(`casework refresh (${kind})`, () => {
    let app: TestApp;
    let essex: string;
    before(async () => {
      app = await createTestApp({ kind });
      essex = (await app.container.casework.partnershipId('essex'))!;
    });
    after(() => app.close());

    const indicatorRows = () => app.database.db.selectFrom('casework_indicator_values').select(['indicator', 'grain', 'period_start', 'breakdown', 'breakdown_value', 'numerator', 'denominator', 'value', 'computed_at'])
      .where('partnership_id', '=', essex).orderBy(['indicator', 'grain', 'period_start', 'breakdown', 'breakdown_value']).execute();
    const measureRows = () => app.database.db.selectFrom('measure_values').innerJoin('measures', 'measures.id', 'measure_values.measure_id')
      .select(['measures.slug', 'measure_values.period', 'measure_values.breakdown', 'measure_values.breakdown_value', 'measure_values.numerator', 'measure_values.denominator', 'measure_values.value', 'measure_values.source', 'measure_values.synthetic'])
      .where('measure_values.partnership_id', '=', essex).orderBy(['measures.slug', 'measure_values.period_start', 'measure_values.breakdown', 'measure_values.breakdown_value']).execute();
    const strip = <T extends { computed_at: unknown }>(rows: T[]) => rows.map(({ computed_at: _at, ...rest }) => rest);

    it('recomputes only the months an import touches, and gives the same figures as a full recompute', async () => {
      await importAll(app, essex, files('2024-11-01', '2025-01-01', 7, 'a'));
      const before = await indicatorRows();
      const untouched = before.find((r) => r.grain === 'month' && r.period_start === '2024-12-01' && r.indicator === 'equipment-within-6-weeks' && r.breakdown === '')!;
      const months = await importAll(app, essex, files('2025-01-01', '2025-03-01', 8, 'b'));
      assert.ok(months.every((m) => m >= '2024-07-01'), `only recent months: ${months.join(', ')}`);
      const equipmentImport = await app.database.db.selectFrom('casework_imports').select('months_touched').where('kind', '=', 'equipment-requests').orderBy('imported_at', 'desc').executeTakeFirstOrThrow();
      assert.deepEqual(equipmentImport.months_touched.map((m) => (m instanceof Date ? m.toISOString() : m).slice(0, 10)), ['2025-01-01', '2025-02-01'], 'an equipment file touches its delivery months only');
      const incremental = await indicatorRows();
      const stillThere = incremental.find((r) => r.grain === 'month' && r.period_start === '2024-12-01' && r.indicator === 'equipment-within-6-weeks' && r.breakdown === '')!;
      assert.deepEqual(stillThere.computed_at, untouched.computed_at, 'a month the import did not touch was not rewritten');
      const incrementalMeasures = await measureRows();
      // A full recompute (on PostgreSQL shared between two helper connections) finds nothing to change.
      const full = await app.container.casework.refresh(essex);
      assert.equal(full.changedRows, 0, 'the imports left every figure right');
      assert.ok(full.indicatorRows > 0);
      assert.deepEqual(await indicatorRows(), incremental, 'not a row rewritten, computed_at included');
      assert.deepEqual(await measureRows(), incrementalMeasures);
      const handed = await app.database.db.selectFrom('casework_recompute_rows').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
      assert.equal(Number(handed.n), 0, 'the helpers\' differences are gone once applied');
      // With every stored row gone, the full recompute writes them all again, the same.
      await app.database.db.deleteFrom('casework_indicator_values').where('partnership_id', '=', essex).execute();
      const rewritten = await app.container.casework.refresh(essex);
      assert.equal(rewritten.changedRows, incremental.length);
      assert.deepEqual(strip(await indicatorRows()), strip(incremental));
    });

    it('fills the seed plan measures computed from casework at their grain and breakdowns, replacing their synthetic series', async () => {
      const rows = await measureRows();
      const of = (slug: string) => rows.filter((r) => r.slug === slug);
      for (const slug of ['essex-advice-within-timescales', 'essex-equipment-within-6-weeks', 'essex-equipment-wait', 'essex-asd-slt-assessment-wait', 'essex-re-referrals-without-restart', 'essex-assessment-wait-variation']) {
        assert.ok(of(slug).length > 0, slug);
        assert.ok(of(slug).every((r) => r.source === 'casework' && !r.synthetic), `${slug} has only casework values`);
      }
      assert.ok(of('essex-advice-within-timescales').some((r) => r.period === '2025 Q1' && r.breakdown === 'provider' && r.breakdown_value === 'EPUT'), 'quarterly, by provider');
      assert.ok(of('essex-equipment-within-6-weeks').some((r) => r.period === 'Jan 2025' && r.breakdown === ''), 'monthly');
      assert.ok(of('essex-equipment-wait').every((r) => r.numerator === null && r.value !== null), 'a median is a value with no numerator');
      assert.ok(of('essex-poet-family-confidence').every((r) => r.synthetic), 'measures not computed from casework keep their demonstration series');
    });

    it('rolls months up into quarters and years where the figures add up', async () => {
      const rows = strip(await indicatorRows()).filter((r) => r.indicator === 'equipment-within-6-weeks' && r.breakdown === '');
      const months = rows.filter((r) => r.grain === 'month' && r.period_start >= '2025-01-01' && r.period_start < '2025-04-01');
      const quarter = rows.find((r) => r.grain === 'quarter' && r.period_start === '2025-01-01')!;
      assert.deepEqual([Number(quarter.numerator), Number(quarter.denominator)], [months.reduce((s, r) => s + Number(r.numerator), 0), months.reduce((s, r) => s + Number(r.denominator), 0)]);
      assert.equal((await indicatorRows()).filter((r) => r.indicator === 'equipment-wait-median-weeks' && r.grain !== 'month').length, 0, 'medians do not add up');
    });

    it('counts the dynamic support register by rating at each month end, carrying ratings forward, and counts admissions', async () => {
      const southend = (await app.container.casework.partnershipId('southend-on-sea'))!;
      const entries = [['Record ID', 'Person ID', 'Area', 'Added date', 'Removed date'], ['D1', 'Q1', 'East', '2025-01-10', ''], ['D2', 'Q2', 'West', '2025-02-03', '2025-04-15']];
      const events = [['Record ID', 'DSR entry ID', 'Event', 'Event date', 'Rating'], ['V1', 'D1', 'rating', '2025-01-10', 'amber'], ['V2', 'D2', 'rating', '2025-02-03', 'red'],
        ['V3', 'D1', 'rating', '2025-03-20', 'red'], ['V4', 'D2', 'admission', '2025-03-01', ''], ['V5', 'D1', 'admission', '2025-05-02', '']];
      assert.ok((await app.container.casework.import(southend, 'dsr-entries', csvFile(entries), 'e.csv', ACTOR)).ok);
      assert.ok((await app.container.casework.import(southend, 'dsr-events', csvFile(events), 'v.csv', ACTOR)).ok);
      const counts = await app.database.db.selectFrom('casework_indicator_values').select(['period_start', 'breakdown_value', 'numerator'])
        .where('partnership_id', '=', southend).where('indicator', '=', 'dsr-entries-by-rating').where('grain', '=', 'month').where('breakdown', '=', 'rating').orderBy(['period_start', 'breakdown_value']).execute();
      assert.deepEqual(counts.map((c) => `${c.period_start} ${c.breakdown_value} ${c.numerator}`), [
        '2025-01-01 amber 1', '2025-02-01 amber 1', '2025-02-01 red 1', '2025-03-01 red 2', '2025-04-01 red 1', '2025-05-01 red 1', '2025-06-01 red 1',
      ]);
      const admissions = await app.database.db.selectFrom('measure_values').innerJoin('measures', 'measures.id', 'measure_values.measure_id').select(['measure_values.period', 'measure_values.numerator', 'measure_values.synthetic'])
        .where('measures.slug', '=', 'southend-inpatient-admissions').where('measure_values.breakdown', '=', '').execute();
      assert.deepEqual(admissions.map((a) => [a.period, Number(a.numerator), a.synthetic]), [['2025', 2, false]]);
    });

    it('re-imports register entries: recomputes from a new removal date, and the events’ months of an entry whose area changed, as a full recompute would', async () => {
      const southend = (await app.container.casework.partnershipId('southend-on-sea'))!;
      const registerRows = () => app.database.db.selectFrom('casework_indicator_values').select(['indicator', 'grain', 'period_start', 'breakdown', 'breakdown_value', 'numerator', 'denominator', 'value', 'computed_at'])
        .where('partnership_id', '=', southend).where('indicator', 'in', ['dsr-entries-by-rating', 'dsr-admissions']).orderBy(['indicator', 'grain', 'period_start', 'breakdown', 'breakdown_value']).execute();
      const entries = [['Record ID', 'Person ID', 'Area', 'Added date', 'Removed date'], ['D1', 'Q1', 'East', '2025-01-10', '2025-04-20'], ['D2', 'Q2', 'East', '2025-02-03', '2025-04-15']];
      const again = await app.container.casework.import(southend, 'dsr-entries', csvFile(entries), 'e.csv', ACTOR);
      assert.ok(again.ok);
      assert.deepEqual(again.months, ['2025-02-01', '2025-03-01', '2025-04-01'], 'D1 from its removal in April; D2 (West to East) from its addition in February, and its events in February and March');
      const incremental = strip(await registerRows());
      await app.container.casework.refresh(southend);
      assert.deepEqual(strip(await registerRows()), incremental);
    });
  });
}
