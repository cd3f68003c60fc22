import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { addDays } from '../../src/casework/calendar-dates.ts';
import { mulberry32 } from '../../src/lib/random/seeded-random.ts';
import { runCaseworkRecompute } from '../../src/modules/casework/index.ts';
import { createCaseworkPartnership, insertRecords, type RecordRow } from '../factories/casework-records.ts';
import { DATABASE_KINDS, createTestDatabase, type TestDatabase } from '../helpers/test-database.ts';

/**
 * DfE, "Education, health and care plans" (SEN2), England 2019: 31,313 of 53,327 new plans issued within 20 weeks
 * including exception cases (58.7%); 29,895 of 49,519 excluding them (60.4%) (domain.md §1.3, §2.3).
 * So 3,808 plans had an exception (reg 13(3)), of which 1,418 were issued within 20 weeks.
 */
const GROUPS = [
  { exception: false, within: true, count: 29_895 },
  { exception: false, within: false, count: 49_519 - 29_895 },
  { exception: true, within: true, count: 31_313 - 29_895 },
  { exception: true, within: false, count: 53_327 - 49_519 - (31_313 - 29_895) },
];

/** Deterministic plans: issued on a day of 2019, received 60-140 days before (within) or 141-400 (late). */
function plans2019(): RecordRow[] {
  const random = mulberry32(2019);
  const rows: RecordRow[] = [];
  const areas = ['North', 'Mid', 'South', 'West'];
  for (const group of GROUPS) {
    for (let i = 0; i < group.count; i += 1) {
      const issued = addDays('2019-01-01', Math.floor(random() * 365));
      // every twentieth plan sits exactly on the boundary: day 140 (in time) or day 141 (late)
      const wait = i % 20 === 0 ? (group.within ? 140 : 141) : group.within ? 60 + Math.floor(random() * 81) : 141 + Math.floor(random() * 260);
      rows.push({ area: areas[i % 4]!, primary_need: 'ASD', received_on: addDays(issued, -wait), request_outcome: 'assess', request_outcome_on: addDays(issued, -wait + 40),
        assessment_outcome: 'issue-plan', assessment_outcome_on: addDays(issued, -10), plan_issued_on: issued, exceptions_apply: group.exception });
    }
  }
  // Plans issued just outside 2019, requests still open and requests not assessed: none may count.
  for (const issued of ['2018-12-31', '2020-01-01']) {
    for (let i = 0; i < 250; i += 1) rows.push({ ...rows[i]!, received_on: addDays(issued, -100), request_outcome_on: addDays(issued, -60), assessment_outcome_on: addDays(issued, -5), plan_issued_on: issued });
  }
  for (let i = 0; i < 300; i += 1) {
    rows.push({ ...rows[i]!, assessment_outcome: null, assessment_outcome_on: null, plan_issued_on: null });
    rows.push({ ...rows[i]!, request_outcome: 'not-assess', assessment_outcome: null, assessment_outcome_on: null, plan_issued_on: null });
  }
  return rows;
}

for (const kind of DATABASE_KINDS) {
  describe(`the DfE 2019 worked example (${kind})`, () => {
    let database: TestDatabase;
    let owner: { partnershipId: string; importId: string };
    let measureId: string;
    before(async () => {
      database = await createTestDatabase(kind);
      owner = await createCaseworkPartnership(database, 'england');
      await insertRecords(database, 'ehc-requests', owner, plans2019());
      // A plan measure computed from the excluding-exceptions indicator, reported yearly.
      const plan = await database.db.insertInto('plans').values({ partnership_id: owner.partnershipId, slug: 'national', title: 'National', source_format: 'plan-file', action_ref_prefixes: '{}' }).returning('id').executeTakeFirstOrThrow();
      const priority = await database.db.insertInto('priorities').values({ partnership_id: owner.partnershipId, plan_id: plan.id, position: 0, kind: 'priority', title: 'EHC plans' }).returning('id').executeTakeFirstOrThrow();
      const outcome = await database.db.insertInto('outcomes').values({ partnership_id: owner.partnershipId, priority_id: priority.id, position: 0, statement: 'Plans on time', what_will_be_different: '[]' }).returning('id').executeTakeFirstOrThrow();
      measureId = (await database.db.insertInto('measures').values({ partnership_id: owner.partnershipId, outcome_id: outcome.id, position: 0, description: 'Plans within 20 weeks', slug: 'plans-20-weeks', kind: 'timeliness', unit: 'percent', polarity: 'higher-is-better', period_grain: 'year', computed_from: 'casework:ehc-plans-within-20-weeks-excluding-exceptions' }).returning('id').executeTakeFirstOrThrow()).id;
      await runCaseworkRecompute(database, { asOf: '2020-06-30' });
    });
    after(() => database.destroy());

    const year2019 = (indicator: string) => database.db.selectFrom('casework_indicator_values').select(['numerator', 'denominator', 'value'])
      .where('indicator', '=', indicator).where('grain', '=', 'year').where('period_start', '=', '2019-01-01').where('breakdown', '=', '').executeTakeFirstOrThrow();

    it('finds 31,313 of 53,327 plans issued within 20 weeks including exceptions: 58.7% (SEND Regulations 2014 reg 13(2))', async () => {
      const row = await year2019('ehc-plans-within-20-weeks');
      assert.deepEqual([Number(row.numerator), Number(row.denominator), Number(row.value)], [31_313, 53_327, 58.7]);
    });

    it('finds 29,895 of 49,519 excluding exception cases (reg 13(3)): 60.4%, DfE’s headline definition', async () => {
      const row = await year2019('ehc-plans-within-20-weeks-excluding-exceptions');
      assert.deepEqual([Number(row.numerator), Number(row.denominator), Number(row.value)], [29_895, 49_519, 60.4]);
    });

    it('adds the twelve months of 2019 up to the year, and puts 2019 into the measure computed from the indicator', async () => {
      const months = await database.db.selectFrom('casework_indicator_values').select(['numerator', 'denominator']).where('indicator', '=', 'ehc-plans-within-20-weeks')
        .where('grain', '=', 'month').where('breakdown', '=', '').where('period_start', '>=', '2019-01-01').where('period_start', '<', '2020-01-01').execute();
      assert.equal(months.length, 12);
      assert.deepEqual([months.reduce((s, m) => s + Number(m.numerator), 0), months.reduce((s, m) => s + Number(m.denominator), 0)], [31_313, 53_327]);
      const value = await database.db.selectFrom('measure_values').selectAll().where('measure_id', '=', measureId).where('period', '=', '2019').executeTakeFirstOrThrow();
      assert.deepEqual([Number(value.numerator), Number(value.denominator), value.source, value.synthetic], [29_895, 49_519, 'casework', false]);
    });
  });
}
